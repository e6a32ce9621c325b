package dev.httpcourse.stage04;

import dev.httpcourse.stage02.ResponseOutput;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;

/**
 * A connection's responses on their way to a {@code SEND}: copied into an off-heap buffer (the
 * kernel reads from memory that does not move), what does not fit kept as references to the
 * responses' arrays until the buffer drains. The buffer is borrowed only while bytes wait.
 *
 * <pre>
 *   buffer: [ sent | in flight or waiting: start .. end | free ]    overflow: byte[] ...
 * </pre>
 */
final class Outbound implements ResponseOutput {
    /** Queued bytes beyond which the protocol stops taking requests until the client reads. */
    static final int BOUND = 64 * 1024;

    private final SegmentPool pool;
    private final ArrayDeque<byte[]> overflow = new ArrayDeque<>(0);
    private int overflowOffset; // bytes of overflow.peekFirst() already moved into the buffer
    private MemorySegment buffer;
    private int start;
    private int end;
    private long queued;

    Outbound(SegmentPool pool) {
        this.pool = pool;
    }

    @Override
    public void append(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        queued += bytes.length;
        if (buffer == null) {
            buffer = pool.take();
        }
        if (overflow.isEmpty()) {
            int n = Math.min(bytes.length, (int) buffer.byteSize() - end);
            MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, end, n);
            end += n;
            if (n < bytes.length) {
                overflow.addLast(bytes);
                overflowOffset = n;
            }
        } else {
            overflow.addLast(bytes);
        }
    }

    @Override
    public boolean backedUp() {
        return queued > BOUND;
    }

    boolean isEmpty() {
        return queued == 0;
    }

    MemorySegment buffer() {
        return buffer;
    }

    int start() {
        return start;
    }

    int length() {
        return end - start;
    }

    /** The kernel took {@code n} bytes from {@link #start()}: move on, refill, and let go of an empty buffer. */
    void sent(int n) {
        start += n;
        queued -= n;
        if (start < end) {
            return; // a short send: the rest goes in the next SEND
        }
        start = 0;
        end = 0;
        while (!overflow.isEmpty() && end < buffer.byteSize()) {
            byte[] next = overflow.peekFirst();
            int n2 = Math.min(next.length - overflowOffset, (int) buffer.byteSize() - end);
            MemorySegment.copy(next, overflowOffset, buffer, ValueLayout.JAVA_BYTE, end, n2);
            end += n2;
            overflowOffset += n2;
            if (overflowOffset == next.length) {
                overflow.pollFirst();
                overflowOffset = 0;
            }
        }
        if (end == 0) {
            pool.give(buffer);
            buffer = null;
        }
    }

    /** Drops what is queued: the connection is closing, and no SEND refers to the buffer any more. */
    void discard() {
        if (buffer != null) {
            pool.give(buffer);
            buffer = null;
        }
        overflow.clear();
        overflowOffset = 0;
        start = 0;
        end = 0;
        queued = 0;
    }
}
