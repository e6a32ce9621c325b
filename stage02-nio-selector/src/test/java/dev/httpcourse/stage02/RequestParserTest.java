package dev.httpcourse.stage02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stage 02's parser on its own: each head whole, then fed one byte at a time into a buffer the way
 * the event loop feeds it (incomplete until the last byte, the unfinished line kept and compacted),
 * in heap and direct buffers, then invalid heads with their status.
 */
class RequestParserTest {
    private static final Limits LIMITS = Limits.defaults().withMaxRequestLineBytes(64).withMaxHeaderBytes(128)
            .withMaxHeaderCount(4);

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("""
                        GET /baseline11?a=13&b=42 HTTP/1.1\r
                        Host: localhost:8080\r
                        \r
                        """, "GET", "/baseline11", List.of(new Header("Host", "localhost:8080"))),
                Arguments.of("""
                        POST /baseline11?a=13&b=42 HTTP/1.1\r
                        Host: localhost\r
                        Content-Length: 2\r
                        \r
                        """, "POST", "/baseline11",
                        List.of(new Header("Host", "localhost"), new Header("Content-Length", "2"))),
                Arguments.of("""
                        \r
                        \r
                        PATCH /upload HTTP/1.1\r
                        host:  h \t\r
                        Transfer-Encoding: chunked\r
                        \r
                        """, "PATCH", "/upload",
                        List.of(new Header("host", "h"), new Header("Transfer-Encoding", "chunked"))),
                Arguments.of("""
                        HEAD http://example.com/json/3?m=2 HTTP/1.0\r
                        X-Empty:\r
                        \r
                        """, "HEAD", "/json/3", List.of(new Header("X-Empty", ""))));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void parsesWholeHeads(String request, String method, String path, List<Header> headers) {
        check(RequestParser.parseHead(latin1(request), LIMITS), method, path, headers);
    }

    @ParameterizedTest
    @MethodSource("requests")
    void parsesHeadsFedOneByteAtATime(String request, String method, String path, List<Header> headers) {
        for (ByteBuffer buffer : List.of(ByteBuffer.allocate(256), ByteBuffer.allocateDirect(256))) {
            check(trickle(latin1(request), buffer), method, path, headers);
        }
    }

    /**
     * Feeds one byte per call, as a socket may deliver them; between calls the buffer is compacted
     * as the event loop does, so the unfinished line moves to the front. Every call before the last
     * byte must return null; the last must return the head and consume everything.
     */
    private static RequestHead trickle(byte[] bytes, ByteBuffer buffer) {
        var parser = new RequestParser(LIMITS);
        RequestHead head = null;
        for (int i = 0; i < bytes.length; i++) {
            buffer.put(bytes[i]).flip();
            head = parser.parse(buffer);
            buffer.compact();
            if (i < bytes.length - 1) {
                assertNull(head, "a head after only " + (i + 1) + " of " + bytes.length + " bytes");
            }
        }
        assertEquals(0, buffer.position(), "the whole head consumed");
        return head;
    }

    private static void check(RequestHead head, String method, String path, List<Header> headers) {
        assertNotNull(head);
        assertEquals(method, head.method());
        assertEquals(path, head.path());
        assertEquals(headers, head.headers());
    }

    @Test
    void stopsAfterEachHeadLeavingPipelinedBytes() {
        var parser = new RequestParser(LIMITS);
        ByteBuffer in = ByteBuffer.wrap(latin1("""
                POST /upload HTTP/1.1\r
                Host: a\r
                Content-Length: 5\r
                \r
                helloGET /pipeline HTTP/1.1\r
                Host: b\r
                \r
                GET / HTTP/1.1\r
                """));
        assertEquals("/upload", parser.parse(in).path());
        assertEquals('h', in.get(in.position()), "the body is left for the caller");
        in.position(in.position() + 5);
        RequestHead second = parser.parse(in);
        assertEquals("/pipeline", second.path());
        assertEquals("b", second.header("host"));
        assertNull(parser.parse(in), "the third head is incomplete");
        assertEquals(0, in.remaining(), "its complete request line is consumed and kept by the parser");
        assertEquals(true, parser.isStarted());
        assertEquals("/", parser.parse(ByteBuffer.wrap(latin1("Host: c\r\n\r\n"))).path(), "resumed in a new buffer");
    }

    @Test
    void isNotStartedBetweenHeads() {
        var parser = new RequestParser(LIMITS);
        assertEquals(false, parser.isStarted());
        parser.parse(ByteBuffer.wrap(latin1("GET / HTTP/1.1\r\nHost: a\r\n\r\n")));
        assertEquals(false, parser.isStarted());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", Status.BAD_REQUEST),
                Arguments.of("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", Status.BAD_REQUEST),
                Arguments.of("GET /\r\n\r\n", Status.BAD_REQUEST),
                Arguments.of("GET / HTTP/2.0\r\nHost: a\r\n\r\n", Status.HTTP_VERSION_NOT_SUPPORTED),
                Arguments.of("GET / HTTP/1.1\nHost: a\r\n\r\n", Status.BAD_REQUEST),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", Status.BAD_REQUEST),
                Arguments.of("GET / HTTP/1.1\r\nHost : a\r\n\r\n", Status.BAD_REQUEST),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", Status.BAD_REQUEST),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\u0000\r\n\r\n", Status.BAD_REQUEST),
                Arguments.of("GET / HTTP/1.1\r\n: a\r\n\r\n", Status.BAD_REQUEST),
                Arguments.of("GET / HTTP/1.1\r\n\r\n", Status.BAD_REQUEST), // no Host in HTTP/1.1
                Arguments.of("GET /" + "a".repeat(64) + " HTTP/1.1\r\nHost: a\r\n\r\n", Status.URI_TOO_LONG),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nX: " + "b".repeat(130) + "\r\n\r\n",
                        Status.REQUEST_HEADER_FIELDS_TOO_LARGE),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n",
                        Status.REQUEST_HEADER_FIELDS_TOO_LARGE),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
                        Status.BAD_REQUEST));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesInvalidHeadsWithTheirStatus(String request, Status status) {
        byte[] bytes = latin1(request);
        assertEquals(status, assertThrows(HttpException.class, () -> RequestParser.parseHead(bytes, LIMITS)).status());
        assertEquals(status, assertThrows(HttpException.class,
                () -> trickle(bytes, ByteBuffer.allocate(256))).status(), "one byte at a time");
    }

    /** A line over the limit is refused as soon as it is too long, not when (if ever) its end arrives. */
    @Test
    void refusesOverlongLineBeforeItEnds() {
        var parser = new RequestParser(LIMITS);
        ByteBuffer in = ByteBuffer.wrap(latin1("GET /" + "a".repeat(70)));
        assertEquals(Status.URI_TOO_LONG, assertThrows(HttpException.class, () -> parser.parse(in)).status());
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
