package dev.httpcourse.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RequestRulesTest {
    private static final Limits LIMITS = Limits.defaults().withMaxBodyBytes(1000);

    private static RequestHead validate(Version version, String... fields) {
        return validate("POST", "/upload", version, fields);
    }

    private static RequestHead validate(String method, String target, Version version, String... fields) {
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            headers.add(new Header(fields[i], fields[i + 1]));
        }
        return RequestRules.validate(method, target, version, headers, LIMITS);
    }

    static Stream<Arguments> refusedHeads() {
        return Stream.of(
                Arguments.of(Status.BAD_REQUEST, new String[] {}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "host", "b"}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a b"}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "Content-Length", "5", "Content-Length", "5"}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "Content-Length", "5, 5"}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "Content-Length", "+5"}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "Content-Length", "-1"}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "Content-Length", "0x10"}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "Content-Length", ""}),
                Arguments.of(Status.CONTENT_TOO_LARGE, new String[] {"Host", "a", "Content-Length", "1001"}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "Content-Length", "99999999999999999999999"}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "Content-Length", "9223372036854775808"}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", ""}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "Content-Length", "3", "Transfer-Encoding", "chunked"}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "Transfer-Encoding", "chunked, gzip"}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked"}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "Transfer-Encoding", "xchunked"}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "Transfer-Encoding", "\"chunked\""}),
                Arguments.of(Status.BAD_REQUEST, new String[] {"Host", "a", "Transfer-Encoding", ""}),
                Arguments.of(Status.NOT_IMPLEMENTED, new String[] {"Host", "a", "Transfer-Encoding", "gzip, chunked"}),
                Arguments.of(Status.EXPECTATION_FAILED, new String[] {"Host", "a", "Expect", "200-ok"}),
                Arguments.of(Status.EXPECTATION_FAILED, new String[] {"Host", "a", "Expect", "bogus", "Expect", "100-continue"}));
    }

    @ParameterizedTest
    @MethodSource("refusedHeads")
    void refusesHeadsThatBreakTheRules(Status status, String[] fields) {
        var e = assertThrows(HttpException.class, () -> validate(Version.HTTP_1_1, fields));
        assertEquals(status, e.status(), e.getMessage());
    }

    @Test
    void framesByContentLengthOrChunked() {
        assertEquals(new BodyFraming.Length(20), validate(Version.HTTP_1_1, "Host", "a", "Content-Length", "20").framing());
        assertEquals(BodyFraming.NONE, validate(Version.HTTP_1_1, "Host", "a", "Content-Length", "0").framing());
        assertEquals(BodyFraming.CHUNKED, validate(Version.HTTP_1_1, "Host", "a", "transfer-encoding", "Chunked").framing());
        assertEquals(BodyFraming.NONE, validate(Version.HTTP_1_1, "Host", "a").framing());
    }

    @Test
    void limitsRefuseLineBuffersLargerThanTheCap() {
        assertThrows(IllegalArgumentException.class,
                () -> Limits.defaults().withMaxHeaderBytes(Limits.MAX_LINE_LIMIT_BYTES + 1));
        assertThrows(IllegalArgumentException.class, () -> Limits.defaults().withMaxRequestLineBytes(Integer.MAX_VALUE));
        assertEquals(Limits.MAX_LINE_LIMIT_BYTES, Limits.defaults().withMaxHeaderBytes(Limits.MAX_LINE_LIMIT_BYTES).maxHeaderBytes());
    }

    @Test
    void refusesTransferEncodingInHttp10() {
        var e = assertThrows(HttpException.class, () -> validate(Version.HTTP_1_0, "Transfer-Encoding", "chunked"));
        assertEquals(Status.BAD_REQUEST, e.status());
    }

    @Test
    void persistenceFollowsVersionAndConnectionOptions() {
        assertTrue(validate(Version.HTTP_1_1, "Host", "a").keepAlive());
        assertFalse(validate(Version.HTTP_1_1, "Host", "a", "Connection", "keep-alive, Close").keepAlive());
        assertFalse(validate(Version.HTTP_1_0).keepAlive());
        assertTrue(validate(Version.HTTP_1_0, "Connection", "Keep-Alive").keepAlive());
    }

    @Test
    void expectationIsIgnoredInHttp10() {
        assertTrue(validate(Version.HTTP_1_1, "Host", "a", "Expect", "100-Continue").expectContinue());
        assertFalse(validate(Version.HTTP_1_0, "Expect", "100-continue").expectContinue());
    }

    @Test
    void splitsOriginAndAbsoluteFormTargets() {
        RequestHead origin = validate("GET", "/json/5?m=3", Version.HTTP_1_1, "Host", "a");
        assertEquals("/json/5", origin.path());
        assertEquals("3", origin.queryParam("m"));
        RequestHead absolute = validate("GET", "http://example.com:8080/baseline11?a=1&b=2", Version.HTTP_1_1, "Host", "a");
        assertEquals("/baseline11", absolute.path());
        assertEquals("2", absolute.queryParam("b"));
        assertEquals("/", validate("GET", "HTTP://example.com", Version.HTTP_1_1, "Host", "a").path());
        assertEquals(Status.BAD_REQUEST, assertThrows(HttpException.class,
                () -> validate("GET", "example.com/x", Version.HTTP_1_1, "Host", "a")).status());
        assertEquals(Status.BAD_REQUEST, assertThrows(HttpException.class,
                () -> validate("GET", "http:///x", Version.HTTP_1_1, "Host", "a")).status());
    }

    @Test
    void refusesFragmentsAnywhereInTheTarget() {
        for (String target : new String[] {"/#x", "/baseline11?a=1#x", "http://t/x#", "#"}) {
            assertEquals(Status.BAD_REQUEST, assertThrows(HttpException.class,
                    () -> validate("GET", target, Version.HTTP_1_1, "Host", "a")).status(), target);
        }
    }

    @Test
    void emptyHostIsAllowedOnlyBesideAnAbsoluteFormTarget() {
        assertEquals("/x", validate("GET", "http://t/x", Version.HTTP_1_1, "Host", "").path());
        assertEquals(Status.BAD_REQUEST, assertThrows(HttpException.class,
                () -> validate("OPTIONS", "*", Version.HTTP_1_1, "Host", "")).status());
        assertEquals(Status.BAD_REQUEST, assertThrows(HttpException.class,
                () -> validate("GET", "/", Version.HTTP_1_0, "Host", "")).status());
    }

    @Test
    void longestContentLengthThatFitsIsWellFormedAndThenTooLarge() {
        assertEquals(Long.MAX_VALUE, RequestRules.contentLength("9223372036854775807"));
        assertEquals(Status.CONTENT_TOO_LARGE, assertThrows(HttpException.class,
                () -> validate(Version.HTTP_1_1, "Host", "a", "Content-Length", "9223372036854775807")).status());
    }

    static Stream<Arguments> overlongRequestLines() {
        return Stream.of(
                Arguments.of("M".repeat(40), Status.NOT_IMPLEMENTED),
                Arguments.of("M".repeat(20) + " / HTTP/1.1", Status.NOT_IMPLEMENTED),
                Arguments.of("GET /" + "a".repeat(40), Status.URI_TOO_LONG),
                Arguments.of("GET /" + "a".repeat(12) + " HTTP/1.1", Status.URI_TOO_LONG),
                Arguments.of("GET /" + "a".repeat(12) + " HTTP/1.1\r", Status.URI_TOO_LONG),
                Arguments.of("GET / HTTP/1.1" + "1".repeat(30), Status.BAD_REQUEST),
                Arguments.of("GET / " + "x".repeat(30), Status.BAD_REQUEST),
                Arguments.of("<>".repeat(20), Status.BAD_REQUEST),
                Arguments.of(" GET /" + "a".repeat(30), Status.BAD_REQUEST),
                Arguments.of("GET /a\u0001" + "a".repeat(30), Status.BAD_REQUEST));
    }

    /** 414 only when the target is what passes the limit (here 20 bytes). */
    @ParameterizedTest
    @MethodSource("overlongRequestLines")
    void overlongRequestLineIs414OnlyForALongTarget(String line, Status status) {
        var bytes = java.nio.ByteBuffer.wrap(line.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(status, RequestRules.overlongRequestLine(bytes, 20).status(), line);
        assertEquals(0, bytes.position(), "the bytes are not consumed");
    }

    @Test
    void queryParametersMatchWholeNames() {
        RequestHead head = validate("GET", "/baseline11?aa=1&a=2&b=&c", Version.HTTP_1_1, "Host", "x");
        assertEquals("2", head.queryParam("a"));
        assertEquals("", head.queryParam("b"));
        assertEquals(null, head.queryParam("c"));
        assertEquals(null, head.queryParam("d"));
    }
}
