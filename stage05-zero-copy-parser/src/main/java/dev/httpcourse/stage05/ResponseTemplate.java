package dev.httpcourse.stage05;

import dev.httpcourse.common.http.HttpDate;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.http.Version;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

// tag::s05-template[]
/**
 * One response, encoded once into off-heap memory by {@code common}'s {@link ResponseEncoder}, so
 * that its bytes are exactly every other stage's; per request only the changing parts are patched
 * in: the {@code Date} value (same width every second), and, for a body that varies, the
 * {@code Content-Length} digits and the body.
 *
 * <pre>
 *   HTTP/1.1 200 OK␍␊Server: …␍␊Date: Sun, 06 Nov 1994 08:49:37 GMT␍␊Content-Type: …␍␊Content-Length: │12│␍␊…␍␊│body│
 *   └──────────────────── front (copied) ──── date patched ────────────────────────────────────────┘ digits └ back ┘ body
 * </pre>
 *
 * For a fixed body (hello, {@code ok}, OPTIONS and 405 answers) the digits and body are part of the
 * template, and a response is one copy and one patch. Three variants of each, by what the
 * {@code Connection} field must say (nothing, {@code close}, {@code keep-alive} for HTTP/1.0).
 */
public final class ResponseTemplate {
    // end::s05-template[]
    /** The field line of {@link HttpDate}: {@code "Date: " + 29 characters + CRLF}. */
    static final int DATE_LINE_BYTES = 37;

    private final MemorySegment front;
    private final MemorySegment back;
    private final long dateOffset;
    private final int fixedBodyLength;

    private ResponseTemplate(MemorySegment front, MemorySegment back, long dateOffset, int fixedBodyLength) {
        this.front = front;
        this.back = back;
        this.dateOffset = dateOffset;
        this.fixedBodyLength = fixedBodyLength;
    }

    /** A response whose body never changes: head and body in one segment. */
    public static ResponseTemplate fixed(Arena arena, Response response, Version version, boolean keepAlive) {
        byte[] head = encoder().head(response, version, keepAlive);
        byte[] all = new byte[head.length + response.body().length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(response.body(), 0, all, head.length, response.body().length);
        return new ResponseTemplate(offHeap(arena, all, 0, all.length), MemorySegment.NULL, dateOffset(head),
                response.body().length);
    }

    /** A response whose body varies: the head split around its {@code Content-Length} digits. */
    public static ResponseTemplate variable(Arena arena, Response shape, Version version, boolean keepAlive) {
        Response empty = new Response(shape.status(), shape.contentType(), new byte[0], shape.headers());
        byte[] head = encoder().head(empty, version, keepAlive);
        int digit = indexOf(head, "\r\nContent-Length: ") + "\r\nContent-Length: ".length(); // the digit 0
        return new ResponseTemplate(offHeap(arena, head, 0, digit), offHeap(arena, head, digit + 1, head.length),
                dateOffset(head), -1);
    }

    /** Writes the whole fixed response ({@code withBody}) or its head only (HEAD) at {@code at}; returns the end. */
    public long writeFixed(MemorySegment out, long at, byte[] dateLine, boolean withBody) {
        // tag::step-2-template[]
        long length = front.byteSize() - (withBody ? 0 : fixedBodyLength);
        MemorySegment.copy(front, 0, out, at, length);
        patchDate(out, at, dateLine);
        return at + length;
        // end::step-2-template[]
    }

    // tag::s05-template-write[]
    /** Writes the head for a body of {@code bodyLength} bytes at {@code at}; returns where the body goes. */
    public long writeHead(MemorySegment out, long at, byte[] dateLine, long bodyLength) {
        // tag::step-2-template[]
        long p = SegmentOut.segment(out, at, front);
        patchDate(out, at, dateLine);
        p = SegmentOut.decimal(out, p, bodyLength);
        return SegmentOut.segment(out, p, back);
        // end::step-2-template[]
    }
    // end::s05-template-write[]

    /**
     * The length of the head {@link #writeHead} writes for a body of {@code bodyLength} bytes: a
     * caller that writes the body first (JSON, whose length is known only after) puts the head just
     * before it, and the response is contiguous without moving the body.
     */
    public long headLength(long bodyLength) {
        return front.byteSize() + SegmentOut.decimalLength(bodyLength) + back.byteSize();
    }

    private void patchDate(MemorySegment out, long at, byte[] dateLine) {
        MemorySegment.copy(dateLine, 0, out, ValueLayout.JAVA_BYTE, at + dateOffset, DATE_LINE_BYTES);
    }

    private static ResponseEncoder encoder() {
        // any fixed instant: the Date value is patched per request
        return new ResponseEncoder(new HttpDate(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
    }

    private static long dateOffset(byte[] head) {
        return indexOf(head, "\r\nDate: ") + 2;
    }

    private static MemorySegment offHeap(Arena arena, byte[] bytes, int from, int to) {
        MemorySegment segment = arena.allocate(Math.max(1, to - from)).asSlice(0, to - from);
        MemorySegment.copy(bytes, from, segment, ValueLayout.JAVA_BYTE, 0, to - from);
        return segment;
    }

    private static int indexOf(byte[] bytes, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= bytes.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (bytes[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("ResponseEncoder no longer writes " + needle.strip());
    }
}
