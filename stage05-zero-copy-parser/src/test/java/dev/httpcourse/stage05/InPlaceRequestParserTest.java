package dev.httpcourse.stage05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.http.FieldName;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InPlaceRequestParserTest {
    private static final Limits LIMITS = Limits.defaults().withMaxBodyBytes(1000);

    private static final String POST = """
            POST /baseline11?a=13&b=42 HTTP/1.1\r
            host: localhost:8080\r
            X-Long-Header-Name-Past-Eight-Bytes:   spaced value\t\r
            cOnTeNt-LeNgTh: 20\r
            \r
            00000000000000000020""";

    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void free() {
        arena.close();
    }

    @Test
    void swarScanFindsTheFirstCrOrLfAtEveryPositionAndIgnoresLookalikes() {
        var random = new Random(5);
        // bytes that differ from CR or LF by one bit, or only in the high bit, must never match
        byte[] alphabet = {'a', ' ', 0x0C, 0x0B, 0x09, 0x0E, (byte) 0x8D, (byte) 0x8A, (byte) 0xFF, 0, '\r', '\n'};
        for (int trial = 0; trial < 3000; trial++) {
            int n = random.nextInt(40);
            MemorySegment s = arena.allocate(n + 1);
            for (int i = 0; i < n; i++) {
                // mostly non-matching bytes, so matches land in every lane of the word and in the tail
                s.set(ValueLayout.JAVA_BYTE, i, alphabet[random.nextInt(random.nextInt(4) == 0 ? 12 : 10)]);
            }
            int from = n == 0 ? 0 : random.nextInt(n);
            assertEquals(naiveIndexOfCrOrLf(s, from, n), LineScanner.indexOfCrOrLf(s, from, n), "trial " + trial);
        }
    }

    @Test
    void parsesInPlaceIntoOffsets() {
        MemorySegment s = offHeap(POST, 0);
        var parser = new InPlaceRequestParser(LIMITS);
        parser.reset();
        long end = parser.parse(s, 0, s.byteSize());
        assertEquals(POST.indexOf("\r\n\r\n") + 4, end);
        assertEquals("POST", text(s, parser.methodStart(), parser.methodEnd()));
        assertEquals("/baseline11", text(s, parser.pathStart(), parser.pathEnd()));
        assertEquals("a=13&b=42", text(s, parser.queryStart(), parser.targetEnd()));
        assertEquals(Version.HTTP_1_1, parser.version());
        assertEquals(3, parser.fieldCount());
        assertEquals(FieldName.HOST, parser.fieldName(0));
        assertEquals(FieldName.OTHER, parser.fieldName(1));
        assertEquals("spaced value", text(s, parser.fieldValueStart(1), parser.fieldValueEnd(1)));
        assertEquals(FieldName.CONTENT_LENGTH, parser.fieldName(2));
        assertEquals(2, parser.indexOf(FieldName.CONTENT_LENGTH));
        assertEquals(20, parser.contentLength());
        assertFalse(parser.chunked());
        assertTrue(parser.keepAlive());
    }

    @Test
    void resumesWhateverTheSplitAndWhereverTheHeadIsMoved() {
        byte[] request = POST.getBytes(StandardCharsets.ISO_8859_1);
        int headEnd = POST.indexOf("\r\n\r\n") + 4;
        RequestHead whole = new OffHeapHeadParser().parse(request, LIMITS);
        for (int split = 0; split <= headEnd; split++) {
            // the first part arrives in one receive buffer at offset 9
            MemorySegment first = arena.allocate(request.length + 9);
            MemorySegment.copy(request, 0, first, ValueLayout.JAVA_BYTE, 9, split);
            var parser = new InPlaceRequestParser(LIMITS);
            parser.reset();
            long end = parser.parse(first, 9, 9 + split);
            if (split < headEnd) {
                assertEquals(InPlaceRequestParser.INCOMPLETE, end, "split " + split);
                // the server carries the unconsumed head over into another segment, then the rest arrives
                MemorySegment carry = arena.allocate(request.length + 5);
                MemorySegment.copy(first, 9, carry, 5, split);
                MemorySegment.copy(request, split, carry, ValueLayout.JAVA_BYTE, 5 + split, request.length - split);
                for (int n = split; n < headEnd; n++) { // and then byte by byte
                    assertEquals(InPlaceRequestParser.INCOMPLETE, parser.parse(carry, 5, 5 + n), "split " + split);
                }
                end = parser.parse(carry, 5, 5 + request.length);
                assertEquals(5 + headEnd, end, "split " + split);
                assertEquals(whole, parser.materialise(carry, 5), "split " + split);
            } else {
                assertEquals(9 + headEnd, end);
            }
        }
    }

    @Test
    void parsesPipelinedRequestsOneAfterAnother() {
        String two = "\r\nGET /pipeline HTTP/1.1\r\nHost: a\r\n\r\nGET /json/3?m=2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
        MemorySegment s = offHeap(two, 0);
        var parser = new InPlaceRequestParser(LIMITS);
        parser.reset();
        long next = parser.parse(s, 0, s.byteSize());
        assertEquals("/pipeline", text(s, parser.pathStart(), parser.pathEnd()));
        parser.reset();
        long end = parser.parse(s, next, s.byteSize());
        assertEquals(s.byteSize(), end);
        assertEquals("/json/3", text(s, next + parser.pathStart(), next + parser.pathEnd()));
        assertEquals(Version.HTTP_1_0, parser.version());
        assertTrue(parser.keepAlive());
    }

    @Test
    void refusesWithTheStatusesOfCommonsRules() {
        assertStatus(Status.BAD_REQUEST, "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\ncontent-length: 1\r\n\r\n");
        assertStatus(Status.NOT_IMPLEMENTED, "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
        assertStatus(Status.CONTENT_TOO_LARGE, "POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 1001\r\n\r\n");
        assertStatus(Status.EXPECTATION_FAILED, "POST /upload HTTP/1.1\r\nExpect: x\r\nHost: a\r\n\r\n");
        assertStatus(Status.HTTP_VERSION_NOT_SUPPORTED, "GET / HTTP/2.0\r\n\r\n");
        assertStatus(Status.BAD_REQUEST, "GET / HTTP/1.1\nHost: a\r\n\r\n");
        assertStatus(Status.BAD_REQUEST, "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n");
        assertStatus(Status.URI_TOO_LONG, "GET /" + "a".repeat(LIMITS.maxRequestLineBytes()) + " HTTP/1.1\r\n\r\n");
        assertStatus(Status.REQUEST_HEADER_FIELDS_TOO_LARGE,
                "GET / HTTP/1.1\r\nHost: a\r\n" + "X: y\r\n".repeat(LIMITS.maxHeaderCount()) + "\r\n");
    }

    private void assertStatus(Status expected, String request) {
        MemorySegment s = offHeap(request, 0);
        var parser = new InPlaceRequestParser(LIMITS);
        parser.reset();
        var e = assertThrows(HttpException.class, () -> parser.parse(s, 0, s.byteSize()), request);
        assertEquals(expected, e.status(), e.getMessage());
    }

    private MemorySegment offHeap(String text, int at) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        MemorySegment s = arena.allocate(bytes.length + at);
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, at, bytes.length);
        return s;
    }

    private static String text(MemorySegment s, long from, long to) {
        return new String(s.asSlice(from, to - from).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.ISO_8859_1);
    }

    private static long naiveIndexOfCrOrLf(MemorySegment s, long from, long to) {
        for (long i = from; i < to; i++) {
            byte b = s.get(ValueLayout.JAVA_BYTE, i);
            if (b == '\r' || b == '\n') {
                return i;
            }
        }
        return -1;
    }
}
