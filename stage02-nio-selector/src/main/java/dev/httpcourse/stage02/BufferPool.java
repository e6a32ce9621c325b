package dev.httpcourse.stage02;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

// tag::s02-buffer-pool[]
/**
 * Buffers lent to connections only while they have bytes in flight: a connection takes one when
 * input arrives or a response is queued, and gives it back as soon as nothing partial is left in it.
 * An idle keep-alive connection therefore holds no buffer, and 4,096 of them cost a few hundred bytes
 * each rather than 4,096 buffers.
 *
 * <p>One pool per event loop, used by its thread only: no locks. It keeps at most {@code maxKept}
 * free buffers; beyond that a returned buffer is dropped for the GC (for a direct one, its Cleaner).
 */
public final class BufferPool {
    // end::s02-buffer-pool[]

    /** Where the buffers live. See chapter 2 for what each costs. */
    public enum Kind {
        /** Off-heap: the kernel reads and writes it in place. */
        DIRECT,
        /** On the heap: the JDK copies through a temporary direct buffer on every read and write. */
        HEAP;

        /** {@code -Dhttpcourse.buffers=heap|direct}, heap when unset (chapter 2 says why). */
        public static Kind fromSystemProperty() {
            String value = System.getProperty("httpcourse.buffers", "heap");
            return switch (value) {
                case "direct" -> DIRECT;
                case "heap" -> HEAP;
                default -> throw new IllegalArgumentException("httpcourse.buffers must be direct or heap, not " + value);
            };
        }
    }

    private final int bufferSize;
    private final int maxKept;
    private final Kind kind;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private volatile int borrowed; // written by the loop's thread only; volatile so that tests may read it

    public BufferPool(int bufferSize, int maxKept, Kind kind) {
        this.bufferSize = bufferSize;
        this.maxKept = maxKept;
        this.kind = kind;
    }

    /** A cleared buffer of {@link #bufferSize()} bytes. */
    public ByteBuffer take() {
        borrowed++;
        ByteBuffer buffer = free.pollFirst();
        if (buffer != null) {
            return buffer;
        }
        return kind == Kind.DIRECT ? ByteBuffer.allocateDirect(bufferSize) : ByteBuffer.allocate(bufferSize);
    }

    public void give(ByteBuffer buffer) {
        borrowed--;
        if (free.size() < maxKept) {
            free.addFirst(buffer.clear()); // last in, first out: the buffer still warm in cache goes out next
        }
    }

    public int bufferSize() {
        return bufferSize;
    }

    public Kind kind() {
        return kind;
    }

    /** Buffers lent out now. */
    public int borrowed() {
        return borrowed;
    }
}
