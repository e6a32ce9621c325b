package dev.httpcourse.stage05;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Writes of bytes and decimal numbers into a segment, each taking the offset to write at and
 * returning the offset after what it wrote: no cursor object, nothing allocated. The segment's
 * own bounds checks stop a write past its end.
 */
final class SegmentOut {
    private SegmentOut() {
    }

    static long bytes(MemorySegment out, long at, byte[] bytes) {
        MemorySegment.copy(bytes, 0, out, ValueLayout.JAVA_BYTE, at, bytes.length);
        return at + bytes.length;
    }

    static long segment(MemorySegment out, long at, MemorySegment from) {
        MemorySegment.copy(from, 0, out, at, from.byteSize());
        return at + from.byteSize();
    }

    static long oneByte(MemorySegment out, long at, int b) {
        out.set(ValueLayout.JAVA_BYTE, at, (byte) b);
        return at + 1;
    }

    // tag::s05-write-decimal[]
    /** {@code value} in decimal, as {@link Long#toString(long)} writes it, straight into the segment. */
    static long decimal(MemorySegment out, long at, long value) {
        if (value < 0) {
            out.set(ValueLayout.JAVA_BYTE, at++, (byte) '-');
        }
        // digits of the negative value, since -Long.MIN_VALUE is not a long
        long negative = value < 0 ? value : -value;
        int digits = digits(negative);
        long end = at + digits;
        for (long i = end - 1; i >= at; i--) {
            out.set(ValueLayout.JAVA_BYTE, i, (byte) ('0' - negative % 10));
            negative /= 10;
        }
        return end;
    }
    // end::s05-write-decimal[]

    /** How many bytes {@link #decimal} writes for {@code value}: a body's Content-Length before the body. */
    static int decimalLength(long value) {
        return value < 0 ? 1 + digits(value) : digits(-value);
    }

    /** How many digits {@code negative} (at most 0) has. */
    static int digits(long negative) {
        int n = 1;
        for (long p = -10; n < 19 && negative <= p; p *= 10) {
            n++;
        }
        return n;
    }
}
