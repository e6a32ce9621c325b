package dev.httpcourse.stage01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.app.Exchange;
import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stage 01's parser on its own: each request whole, then through a stream that returns one byte per
 * read (the worst a socket can do), then invalid.
 */
class RequestParserTest {
    private static final Limits LIMITS = Limits.defaults().withMaxRequestLineBytes(64).withMaxHeaderBytes(128)
            .withMaxHeaderCount(4);

    /** A stream that hands out one byte per read. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("""
                        GET /baseline11?a=13&b=42 HTTP/1.1\r
                        Host: localhost:8080\r
                        \r
                        """, "GET", "/baseline11", List.of(new Header("Host", "localhost:8080")), ""),
                Arguments.of("""
                        POST /baseline11?a=13&b=42 HTTP/1.1\r
                        Host: localhost\r
                        Content-Length: 2\r
                        \r
                        20""", "POST", "/baseline11",
                        List.of(new Header("Host", "localhost"), new Header("Content-Length", "2")), "20"),
                Arguments.of("""
                        \r
                        POST /upload HTTP/1.1\r
                        host:  h \t\r
                        Transfer-Encoding: chunked\r
                        \r
                        2;x=y\r
                        20\r
                        0\r
                        T: 1\r
                        \r
                        """, "POST", "/upload",
                        List.of(new Header("host", "h"), new Header("Transfer-Encoding", "chunked")), "20"));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void parsesWholeRequests(String request, String method, String path, List<Header> headers, String body)
            throws IOException {
        check(new ByteArrayInputStream(request.getBytes(StandardCharsets.ISO_8859_1)), method, path, headers, body);
    }

    @ParameterizedTest
    @MethodSource("requests")
    void parsesRequestsArrivingOneByteAtATime(String request, String method, String path, List<Header> headers,
                                              String body) throws IOException {
        check(trickle(request.getBytes(StandardCharsets.ISO_8859_1)), method, path, headers, body);
    }

    private static void check(InputStream in, String method, String path, List<Header> headers, String body)
            throws IOException {
        var parser = new RequestParser(in, LIMITS);
        RequestHead head = parser.readHead();
        assertEquals(method, head.method());
        assertEquals(path, head.path());
        assertEquals(headers, head.headers());
        var received = new StringBuilder();
        parser.readBody(head, new Exchange() {
            @Override
            public void body(java.nio.ByteBuffer data) {
                received.append(StandardCharsets.ISO_8859_1.decode(data));
            }

            @Override
            public dev.httpcourse.common.http.Response end() {
                return null;
            }
        });
        assertEquals(body, received.toString());
        assertEquals(false, parser.awaitRequest(), "nothing left after the request");
    }

    @Test
    void keepsPipelinedBytesForTheNextRequest() throws IOException {
        byte[] two = "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /pipeline HTTP/1.1\r\nHost: b\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        var parser = new RequestParser(trickle(two), LIMITS);
        App app = App.withBundledDataset();
        assertEquals("/", parser.readHead().path());
        assertEquals(true, parser.awaitRequest());
        RequestHead second = parser.readHead();
        assertEquals("/pipeline", second.path());
        assertEquals("b", second.header("host"));
        assertEquals("ok", new String(app.open(second).end().body(), StandardCharsets.US_ASCII));
    }

    @Test
    void incompleteHeadIsNotARequest() {
        assertNull(RequestParser.parseHead("GET / HTTP/1.1\r\nHost: a\r\n".getBytes(StandardCharsets.US_ASCII), LIMITS));
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
                Arguments.of("GET /" + "a".repeat(64) + " HTTP/1.1\r\nHost: a\r\n\r\n", Status.URI_TOO_LONG),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nX: " + "b".repeat(130) + "\r\n\r\n", Status.REQUEST_HEADER_FIELDS_TOO_LARGE),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", Status.REQUEST_HEADER_FIELDS_TOO_LARGE));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesInvalidHeadsWithTheirStatus(String request, Status status) {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(status, assertThrows(HttpException.class, () -> RequestParser.parseHead(bytes, LIMITS)).status());
        assertEquals(status, assertThrows(HttpException.class,
                () -> new RequestParser(trickle(bytes), LIMITS).readHead()).status(), "one byte at a time");
    }
}
