package dev.httpcourse.stage05;

import dev.httpcourse.common.http.ByteView;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A window over bytes of a segment, for the rules of {@code common} that read a {@link ByteView}.
 * One instance is reused for every field of every request, re-aimed with {@link #set}: handing a
 * value to the rules costs no allocation. Valid only while the segment holds those bytes.
 */
final class SegmentBytes implements ByteView {
    private MemorySegment segment = MemorySegment.NULL;
    private long base;
    private int length;

    SegmentBytes set(MemorySegment segment, long base, int length) {
        this.segment = segment;
        this.base = base;
        this.length = length;
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public byte byteAt(int index) {
        return segment.get(ValueLayout.JAVA_BYTE, base + index);
    }

    /** One unaligned load for eight bytes, as {@link LineScanner} loads them. */
    @Override
    public long longAt(int index) {
        return segment.get(LineScanner.LONG_LE, base + index);
    }

    @Override
    public String toString() { // for messages and debugging only; never on the hot path
        byte[] bytes = new byte[length];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, base, bytes, 0, length);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
