package dev.httpcourse.stage02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.http.HttpDate;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.ResponseEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The protocol without any socket: bytes in, response bytes and decisions out. */
class Http1ProtocolTest {
    private static final ResponseEncoder ENCODER =
            new ResponseEncoder(new HttpDate(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));

    /** Collects everything; backed up beyond a bound, like the real output queue. */
    private static final class Collected implements ResponseOutput {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int bound = Integer.MAX_VALUE;

        @Override
        public void append(byte[] b) {
            bytes.writeBytes(b);
        }

        @Override
        public boolean backedUp() {
            return bytes.size() > bound;
        }

        String text() {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private final Collected out = new Collected();
    private final Http1Protocol protocol = new Http1Protocol(App.withBundledDataset(), Limits.defaults(), ENCODER, out);

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void answersPipelinedRequestsInOrderAndStaysOpen() {
        protocol.process(bytes("GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\nGET /baseline11?a=1&b=2 HTTP/1.1\r\nHost: t\r\n\r\n"), false);
        String text = out.text();
        assertTrue(text.indexOf("\r\n\r\nok") < text.indexOf("\r\n\r\n3"), text);
        assertEquals(Protocol.Phase.IDLE, protocol.phase());
    }

    @Test
    void sends100ContinueBeforeTheBodyThenTheAnswer() {
        ByteBuffer in = bytes("POST /upload HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
        protocol.process(in, false);
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", out.text());
        assertEquals(Protocol.Phase.BODY, protocol.phase());
        protocol.process(bytes("hel"), false);
        protocol.process(bytes("lo"), false);
        assertTrue(out.text().endsWith("\r\n\r\n5"), out.text());
        assertEquals(Protocol.Phase.IDLE, protocol.phase());
    }

    @Test
    void answersMalformedHeadWith400AndLingers() {
        protocol.process(bytes("GET / HTTP/1.1\r\nHost : t\r\n\r\n"), false);
        assertTrue(out.text().startsWith("HTTP/1.1 400 "), out.text());
        assertTrue(out.text().contains("Connection: close\r\n"), out.text());
        assertEquals(Protocol.Phase.CLOSING, protocol.phase());
        assertEquals(Protocol.Close.LINGER, protocol.close());
    }

    @Test
    void answersEarlyAndClosesWhenABodyIsLeftUnread() {
        protocol.process(bytes("POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n"), false);
        assertTrue(out.text().startsWith("HTTP/1.1 404 "), out.text());
        assertEquals(Protocol.Close.LINGER, protocol.close());
    }

    @Test
    void closesEveryConnectionAfterItsAnswerWhileDraining() {
        protocol.process(bytes("GET / HTTP/1.1\r\nHost: t\r\n\r\n"), true);
        assertTrue(out.text().contains("Connection: close\r\n"), out.text());
        assertEquals(Protocol.Phase.CLOSING, protocol.phase());
    }

    @Test
    void stopsTakingRequestsWhileTheOutputIsBackedUp() {
        out.bound = 10;
        ByteBuffer in = bytes("GET / HTTP/1.1\r\nHost: t\r\n\r\n".repeat(3));
        protocol.process(in, false);
        assertEquals(2 * 27, in.remaining(), "two requests left unread until the output drains");
    }

    @Test
    void timesOutAHalfHeadWith408ButClosesAnIdleConnectionSilently() {
        protocol.process(bytes("GET / HT"), false);
        assertEquals(Protocol.Phase.HEAD, protocol.phase());
        protocol.timedOut();
        assertTrue(out.text().startsWith("HTTP/1.1 408 "), out.text());

        var idleOut = new Collected();
        var idle = new Http1Protocol(App.withBundledDataset(), Limits.defaults(), ENCODER, idleOut);
        idle.timedOut();
        assertEquals("", idleOut.text());
        assertEquals(Protocol.Close.SILENT, idle.close());
    }
}
