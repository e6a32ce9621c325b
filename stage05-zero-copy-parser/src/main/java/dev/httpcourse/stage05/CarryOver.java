package dev.httpcourse.stage05;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

// tag::s05-carry-over[]
/**
 * Where the unfinished start of a request waits when it reached the end of a ring buffer: the ring
 * buffer goes back to the kernel at once, its last bytes copied here, and the next buffer's bytes
 * appended, so the parser sees the head in one piece and resumes where it stopped. Only a request
 * split across two receives pays this copy; a connection borrows a carry-over only while it holds
 * such bytes. Its size is the longest head the limits allow plus one ring buffer.
 */
final class CarryOver {
    // end::s05-carry-over[]
    final MemorySegment memory;
    /** A view made once: the chunked decoder and {@code common}'s exchanges read ByteBuffers. */
    final ByteBuffer view;
    /** Bytes held: [0, length). */
    int length;

    private CarryOver(MemorySegment memory) {
        this.memory = memory;
        this.view = memory.asByteBuffer();
    }

    int free() {
        return (int) memory.byteSize() - length;
    }

    /** Appends {@code n} bytes from {@code from}. */
    void append(MemorySegment from, long offset, int n) {
        MemorySegment.copy(from, offset, memory, length, n);
        length += n;
    }

    /** Drops the bytes before {@code consumed}, moving the rest to the start. */
    void consumeTo(long consumed) {
        int rest = length - (int) consumed;
        if (rest > 0 && consumed > 0) {
            MemorySegment.copy(memory, consumed, memory, 0, rest); // overlapping: copied as if through a temporary
        }
        length = rest;
    }

    /** A loop's carry-overs, carved from its arena as needed and recycled. */
    static final class Pool {
        private final Arena arena;
        private final int size;
        private final ArrayDeque<CarryOver> free = new ArrayDeque<>();
        private int lent;

        Pool(Arena arena, int size) {
            this.arena = arena;
            this.size = size;
        }

        CarryOver take() {
            CarryOver c = free.pollFirst();
            if (c == null) {
                c = new CarryOver(arena.allocate(size, 64));
            }
            c.length = 0;
            lent++;
            return c;
        }

        void give(CarryOver c) {
            lent--;
            free.addFirst(c);
        }

        int lent() {
            return lent;
        }
    }
}
