package dev.httpcourse.stage05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.http.HttpDate;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.stage02.Http1Protocol;
import dev.httpcourse.stage02.Protocol;
import dev.httpcourse.stage02.ResponseOutput;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stage 05's protocol without a ring, as {@code Http1ProtocolTest} tests stage 02's: request bytes in
 * off-heap memory in, the send queue's bytes and the phases out. It runs wherever the JDK runs.
 */
class InPlaceProtocolTest {
    private final Arena arena = Arena.ofConfined();
    private final InPlaceAnswers answers = new InPlaceAnswers(App.withBundledDataset(), Limits.defaults(),
            new ResponseEncoder(), arena);
    private final SendQueue out = new SendQueue(new SendQueue.Pool(arena, answers.sendChunkSize()));
    private final InPlaceProtocol protocol = new InPlaceProtocol(answers, out);

    @AfterEach
    void free() {
        arena.close();
    }

    @Test
    void answersPipelinedRequestsInOrderAndStaysOpen() {
        process("GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\nGET /baseline11?a=1&b=2 HTTP/1.1\r\nHost: t\r\n\r\n");
        String text = sent();
        assertTrue(text.indexOf("\r\n\r\nok") < text.indexOf("\r\n\r\n3"), text);
        assertEquals(Protocol.Phase.IDLE, protocol.phase());
        assertEquals(2, protocol.headsComplete());
    }

    @Test
    void sends100ContinueBeforeTheBodyThenTheAnswer() {
        process("POST /upload HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", sent());
        assertEquals(Protocol.Phase.BODY, protocol.phase());
        process("hel");
        process("lo");
        assertTrue(sent().endsWith("\r\n\r\n5"));
        assertEquals(Protocol.Phase.IDLE, protocol.phase());
    }

    @Test
    void answersMalformedHeadWith400AndLingers() {
        process("GET / HTTP/1.1\r\nHost : t\r\n\r\n");
        String text = sent();
        assertTrue(text.startsWith("HTTP/1.1 400 "), text);
        assertTrue(text.contains("Connection: close\r\n"), text);
        assertEquals(Protocol.Phase.CLOSING, protocol.phase());
        assertEquals(Protocol.Close.LINGER, protocol.close());
    }

    @Test
    void leavesAnUnfinishedHeadToTheCallerAndResumesOnItWhereverItIsMoved() {
        MemorySegment first = segment("GET /pipeline HTTP/1.1\r\nHo");
        long stop = protocol.process(first, first.asByteBuffer(), 0, first.byteSize(), false, System.nanoTime());
        assertEquals(0, stop, "nothing consumed: the head is the caller's to keep");
        assertEquals(Protocol.Phase.HEAD, protocol.phase());
        MemorySegment moved = segment("xxGET /pipeline HTTP/1.1\r\nHost: t\r\n\r\n"); // carried over, two bytes in
        assertEquals(moved.byteSize(), protocol.process(moved, moved.asByteBuffer(), 2, moved.byteSize(), false, System.nanoTime()));
        assertTrue(sent().endsWith("\r\n\r\nok"));
    }

    @Test
    void stopsTakingRequestsWhileTheSendQueueIsBackedUp() {
        String one = "GET /json/50 HTTP/1.1\r\nHost: t\r\n\r\n";
        MemorySegment in = segment(one.repeat(20));
        long stop = protocol.process(in, in.asByteBuffer(), 0, in.byteSize(), false, System.nanoTime());
        assertTrue(out.backedUp());
        assertTrue(stop < in.byteSize() && stop % one.length() == 0, "stopped at a request boundary: " + stop);
        assertEquals(Protocol.Phase.IDLE, protocol.phase());
    }

    @Test
    void emptyLinesStartAHeadSoTheHeaderTimeoutRunsFromThem() {
        process("\r\n\r\n");
        assertEquals(Protocol.Phase.HEAD, protocol.phase());
        protocol.timedOut();
        assertTrue(sent().startsWith("HTTP/1.1 408 "));
    }

    @Test
    void closesAnIdleConnectionSilentlyOnTimeout() {
        protocol.timedOut();
        assertEquals("", sent());
        assertEquals(Protocol.Close.SILENT, protocol.close());
    }

    @Test
    void closesAfterWhatWasAnsweredWhenTheClientSentTooMuchAhead() {
        protocol.tooMuchAhead();
        assertEquals(Protocol.Phase.CLOSING, protocol.phase());
        assertEquals(Protocol.Close.LINGER, protocol.close());
    }

    /** Whatever path answers it, in place or through common's App, every request gets stage 02's bytes. */
    @ParameterizedTest
    @ValueSource(strings = {
        "GET / HTTP/1.1\r\nHost: t\r\n\r\n",
        "HEAD / HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /pipeline HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
        "GET /pipeline HTTP/1.0\r\n\r\n",
        "GET /baseline11?a=13&b=42 HTTP/1.1\r\nHost: t\r\n\r\n",
        "POST /baseline11?a=13&b=42 HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\n20",
        "POST /baseline11?a=1&b=2 HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n7\r\n0\r\n\r\n",
        "GET /json/3?m=2 HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /json/0 HTTP/1.1\r\nHost: t\r\n\r\n",
        "HEAD /json/3 HTTP/1.1\r\nHost: t\r\n\r\n",
        "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello",
        "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: text/x-demo\r\nContent-Length: 4\r\n\r\nping",
        "OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n",
        "OPTIONS /upload HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /nope HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /upload HTTP/1.1\r\nHost: t\r\n\r\n",
        "PUT /pipeline HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /baseline11?a=x&b=1 HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/2.0\r\nHost: t\r\n\r\n",
    })
    void answersWithStage02sBytes(String request) {
        process(request);
        var stage02Out = new Collected();
        new Http1Protocol(App.withBundledDataset(), Limits.defaults(), new ResponseEncoder(), stage02Out)
                .process(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)), false);
        assertEquals(withoutDate(stage02Out.bytes.toString(StandardCharsets.ISO_8859_1)), withoutDate(sent()), request);
    }

    /** Date lines differ by the second they were made in, not by what they say. */
    private static String withoutDate(String text) {
        return text.replaceAll("Date: [^\r]*\r\n", "Date: (now)\r\n");
    }

    private void process(String text) {
        MemorySegment in = segment(text);
        assertEquals(in.byteSize(), protocol.process(in, in.asByteBuffer(), 0, in.byteSize(), false, System.nanoTime()), text);
    }

    private MemorySegment segment(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        MemorySegment s = arena.allocate(bytes.length);
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return s;
    }

    /** Empties the send queue as a SEND that took everything would, and returns what it held. */
    private String sent() {
        var bytes = new ByteArrayOutputStream();
        while (!out.isEmpty()) {
            int n = out.sendLength();
            byte[] chunk = new byte[n];
            MemorySegment.copy(out.sendBuffer(), ValueLayout.JAVA_BYTE, out.sendStart(), chunk, 0, n);
            bytes.writeBytes(chunk);
            out.sent(n);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private static final class Collected implements ResponseOutput {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void append(byte[] b) {
            bytes.writeBytes(b);
        }

        @Override
        public boolean backedUp() {
            return false;
        }
    }
}
