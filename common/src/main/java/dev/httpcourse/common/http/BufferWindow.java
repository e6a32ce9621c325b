package dev.httpcourse.common.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A window over bytes of a {@link ByteBuffer}, re-aimed with {@link #set} line after line, so that a
 * parser hands each line to {@link HeadSyntax} without making an object for it. Reads are absolute:
 * the buffer's position and limit are not touched. Valid only while the buffer holds those bytes.
 */
public final class BufferWindow implements ByteView {
    /** Eight bytes of any buffer, little-endian whatever the buffer's own order. */
    private static final VarHandle LONG_LE = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ByteBuffer buffer;
    private int start;
    private int length;

    public BufferWindow set(ByteBuffer buffer, int start, int length) {
        this.buffer = buffer;
        this.start = start;
        this.length = length;
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public byte byteAt(int index) {
        return buffer.get(start + index);
    }

    @Override
    public long longAt(int index) {
        return (long) LONG_LE.get(buffer, start + index);
    }
}
