package dev.httpcourse.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ResponseEncoderTest {
    private final ResponseEncoder encoder =
            new ResponseEncoder(new HttpDate(Clock.fixed(Instant.ofEpochSecond(784111777L), ZoneOffset.UTC)));

    private String head(Response response, Version version, boolean keepAlive) {
        return new String(encoder.head(response, version, keepAlive), StandardCharsets.US_ASCII);
    }

    @Test
    void encodesStatusDateServerTypeAndLength() {
        assertEquals("""
                HTTP/1.1 200 OK\r
                Server: fast-java-http\r
                Date: Sun, 06 Nov 1994 08:49:37 GMT\r
                Content-Type: text/plain\r
                Content-Length: 13\r
                \r
                """, head(Response.text("Hello, World!"), Version.HTTP_1_1, true));
    }

    @Test
    void saysCloseWhenClosingAndKeepAliveOnlyToHttp10() {
        assertEquals(true, head(Response.text("ok"), Version.HTTP_1_1, false).contains("Connection: close\r\n"));
        assertEquals(true, head(Response.text("ok"), Version.HTTP_1_0, true).contains("Connection: keep-alive\r\n"));
        assertEquals(false, head(Response.text("ok"), Version.HTTP_1_1, true).contains("Connection:"));
    }

    @Test
    void addsApplicationFieldsBeforeTheBlankLine() {
        String head = head(Response.error(Status.METHOD_NOT_ALLOWED, "no").withHeader("Allow", "GET, HEAD"),
                Version.HTTP_1_1, false);
        assertEquals(true, head.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"));
        assertEquals(true, head.endsWith("Allow: GET, HEAD\r\nConnection: close\r\n\r\n"));
    }
}
