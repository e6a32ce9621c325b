package dev.httpcourse.stage05;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.app.Resource;
import dev.httpcourse.common.http.HttpException;
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

    /** Baseline sums from parameters read in place must be the App's; so must its refusals. */
    @ParameterizedTest
    @ValueSource(strings = {"a=13&b=42", "b=2&a=-3", "aa=1&a=2&b=3", "a=9223372036854775807&b=0",
        "a=-9223372036854775808&b=0", "a=1", "a=x&b=1", "a=+1&b=1", "a=-&b=1", "a=9223372036854775808&b=0", "a=&b=1",
        "a=1&b=2&a=5", "=1&a=1&b=1"})
    void readsQueryParametersAsTheAppDoes(String query) {
        String request = "GET /baseline11?" + query + " HTTP/1.1\r\nHost: h\r\n\r\n";
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        Response app = APP.open(new OffHeapHeadParser().parse(bytes, Limits.defaults())).earlyResponse();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
            var parser = new InPlaceRequestParser(Limits.defaults());
            parser.reset();
            parser.parse(s, 0, s.byteSize());
            var router = new Router();
            String routed;
            try {
                long a = router.requiredQueryInteger(parser, s, 0, "a");
                long b = router.requiredQueryInteger(parser, s, 0, "b");
                routed = "200 " + Math.addExact(a, b);
            } catch (HttpException e) {
                routed = e.status().code() + "";
            } catch (ArithmeticException e) {
                routed = "400";
            }
            String expected = app.status() == Status.OK
                    ? "200 " + new String(app.body(), StandardCharsets.UTF_8) : app.status().code() + "";
            assertEquals(expected, routed, query);
        }
    }
}
