package dev.httpcourse.stage04;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;

/**
 * Off-heap buffers of one size for one loop: carved from slabs of the loop's confined arena and
 * recycled through a free list, so that accepting a connection does not allocate native memory
 * and the kernel writes into memory that never moves. Freed all at once with the arena.
 */
final class SegmentPool {
    private static final int PER_SLAB = 64;

    private final Arena arena;
    private final int size;
    private final ArrayDeque<MemorySegment> free = new ArrayDeque<>();
    private int lent;

    SegmentPool(Arena arena, int size) {
        this.arena = arena;
        this.size = size;
    }

    MemorySegment take() {
        if (free.isEmpty()) {
            MemorySegment slab = arena.allocate((long) size * PER_SLAB, 4096);
            for (int i = 0; i < PER_SLAB; i++) {
                free.addLast(slab.asSlice((long) i * size, size));
            }
        }
        lent++;
        return free.pollFirst();
    }

    void give(MemorySegment segment) {
        lent--;
        free.addFirst(segment); // most recently used first: still in cache
    }

    int size() {
        return size;
    }

    int lent() {
        return lent;
    }
}
