package dev.httpcourse.stage05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpcourse.common.app.Resource;
import dev.httpcourse.common.http.HttpDate;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ResponseTemplateTest {
    /** A day with a single-digit date, which HttpDate pads: the patched field must keep its width. */
    private static final HttpDate DATE = new HttpDate(Clock.fixed(Instant.parse("2026-03-07T09:05:01Z"), ZoneOffset.UTC));
    private static final ResponseEncoder ENCODER = new ResponseEncoder(DATE);
    private static final Arena ARENA = Arena.ofShared();
    private static final ResponseTemplates TEMPLATES = new ResponseTemplates(ARENA);

    @AfterAll
    static void free() {
        ARENA.close();
    }

    @Test
    void fixedResponsesAreTheEncodersBytesWithTodaysDate() {
        for (Version version : Version.values()) {
            for (boolean keepAlive : new boolean[] {true, false}) {
                int v = ResponseTemplates.variant(version, keepAlive);
                assertFixed(Response.text("Hello, World!"), version, keepAlive, TEMPLATES.hello(v));
                assertFixed(Response.text("ok"), version, keepAlive, TEMPLATES.pipelineOk(v));
                for (Resource r : Resource.values()) { // any fixed response makes a template, not only those served
                    assertFixed(r.optionsResponse(), version, keepAlive,
                            ResponseTemplate.fixed(ARENA, r.optionsResponse(), version, keepAlive));
                    assertFixed(r.notAllowedResponse(), version, keepAlive,
                            ResponseTemplate.fixed(ARENA, r.notAllowedResponse(), version, keepAlive));
                }
            }
        }
    }

    @Test
    void variableResponsesPatchLengthAndTakeAnyBody() {
        for (Version version : Version.values()) {
            for (boolean keepAlive : new boolean[] {true, false}) {
                int v = ResponseTemplates.variant(version, keepAlive);
                for (String body : new String[] {"", "7", "-9223372036854775808", "x".repeat(12345)}) {
                    assertVariable(Response.text(body), version, keepAlive, TEMPLATES.text(v));
                    assertVariable(Response.of(Status.OK, Response.APPLICATION_JSON, ascii(body)), version, keepAlive,
                            TEMPLATES.json(v));
                }
                for (Status s : Status.values()) {
                    if (s.isError()) {
                        assertVariable(Response.error(s, "no endpoint at /x"), version, keepAlive,
                                ResponseTemplate.variable(ARENA, Response.error(s, ""), version, keepAlive));
                    }
                }
            }
        }
    }

    @Test
    void headLengthPredictsWhereTheBodyStarts() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(256);
            for (long length : new long[] {0, 9, 10, 99, 100, 123456789}) {
                long bodyAt = TEMPLATES.json(0).writeHead(out, 0, DATE.fieldLine(), length);
                assertEquals(bodyAt, TEMPLATES.json(0).headLength(length), "length " + length);
            }
        }
    }

    private static void assertFixed(Response response, Version version, boolean keepAlive, ResponseTemplate template) {
        byte[] head = ENCODER.head(response, version, keepAlive);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(head.length + response.body().length + 16);
            long end = template.writeFixed(out, 5, DATE.fieldLine(), true);
            assertArrayEquals(concat(head, response.body()), bytes(out, 5, end), text(head));
            long headEnd = template.writeFixed(out, 5, DATE.fieldLine(), false); // a response to HEAD
            assertArrayEquals(head, bytes(out, 5, headEnd), text(head));
        }
    }

    private static void assertVariable(Response response, Version version, boolean keepAlive, ResponseTemplate template) {
        byte[] head = ENCODER.head(response, version, keepAlive);
        byte[] body = response.body();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(head.length + body.length + 16);
            long bodyAt = template.writeHead(out, 3, DATE.fieldLine(), body.length);
            MemorySegment.copy(body, 0, out, ValueLayout.JAVA_BYTE, bodyAt, body.length);
            assertArrayEquals(concat(head, body), bytes(out, 3, bodyAt + body.length), text(head));
        }
    }

    private static byte[] bytes(MemorySegment s, long from, long to) {
        return s.asSlice(from, to - from).toArray(ValueLayout.JAVA_BYTE);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
