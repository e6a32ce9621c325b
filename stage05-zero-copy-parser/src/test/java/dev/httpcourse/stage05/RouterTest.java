package dev.httpcourse.stage05;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.app.Resource;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.Status;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouterTest {
    private static final App APP = App.withBundledDataset();

    /** The router's verdict must be the status common's App answers for the same head. */
    @ParameterizedTest
    @ValueSource(strings = {"GET /", "HEAD /", "POST /", "OPTIONS /", "PUT /", "FOO /nope", "GET /nope", "get /",
        "GET /pipeline", "POST /pipeline", "GET /baseline11?a=1&b=2", "POST /baseline11?a=1&b=2", "OPTIONS /baseline11",
        "GET /json/5?m=2", "POST /json/5", "GET /json", "GET /jsonx/1", "GET /upload", "POST /upload", "HEAD /echo",
        "POST /echo", "OPTIONS *", "GET http://h/pipeline", "GET http://h", "GET http://h?x=1", "OPTIONS http://h/upload",
        "DELETE /upload", "GET //", "GET /pipeline/"})
    void decidesAsTheAppDoes(String requestLine) {
        String request = requestLine + " HTTP/1.1\r\nHost: h\r\n" + (requestLine.startsWith("POST") ? "Content-Length: 0\r\n" : "")
                + "\r\n";
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        RequestHead head = new OffHeapHeadParser().parse(bytes, Limits.defaults());
        Response early = APP.open(head).earlyResponse(); // null: an endpoint that reads a body took the request
        Status expected = early == null ? Status.OK : early.status();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
            var parser = new InPlaceRequestParser(Limits.defaults());
            parser.reset();
            parser.parse(s, 0, s.byteSize());
            Resource.Verdict verdict = new Router().route(parser, s, 0);
            Status routed = switch (verdict) {
                case NOT_IMPLEMENTED -> Status.NOT_IMPLEMENTED;
                case NOT_FOUND -> Status.NOT_FOUND;
                case OPTIONS -> Status.OK;
                case NOT_ALLOWED -> Status.METHOD_NOT_ALLOWED;
                // an endpoint answers 200, or 400 for its own parameters, never a routing status
                case ENDPOINT -> expected == Status.OK || expected == Status.BAD_REQUEST ? expected : null;
            };
            assertEquals(expected, routed, requestLine + " routed " + verdict);
        }
    }
}
