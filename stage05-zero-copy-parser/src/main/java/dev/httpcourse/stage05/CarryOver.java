package dev.httpcourse.stage05;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

// tag::s05-carry-over[]
/**
 * What a connection has received and not yet consumed, in memory of its own, so that every ring
 * buffer goes back to the kernel in the turn its bytes arrived: the unfinished start of a head
 * that reached a buffer's end, or, while the client does not read its answers, every request it
 * sent ahead. A ring buffer held for a slow client instead would be a buffer no other connection
 * of the loop can receive into, and a few such clients empty the ring.
 *
 * <p>It grows with what it holds, from 1 KiB by doubling, so a partial head of a few bytes costs a
 * kilobyte, not the longest head the limits allow; and it shrinks again as it is consumed. At most
 * {@link #LIMIT} bytes: a client that sends more than that ahead without reading is not served
 * further.
 */
final class CarryOver {
    // end::s05-carry-over[]
    static final int SMALLEST = 1 << 10;
    /** The most one connection may hold unconsumed. */
    static final int LIMIT = 1 << 20;

    private final Pool pool;
    private Block block; // null while empty
    private int length;

    CarryOver(Pool pool) {
        this.pool = pool;
    }

    boolean isEmpty() {
        return length == 0;
    }

    int length() {
        return length;
    }

    /** The bytes held are {@code memory()[0, length())}; valid until the next append or consume. */
    MemorySegment memory() {
        return block.memory;
    }

    /** A view of the same bytes, index for index: the chunked decoder and common's exchanges read ByteBuffers. */
    ByteBuffer view() {
        return block.view;
    }

    /**
     * Appends {@code n} bytes from {@code from}, growing as needed.
     *
     * @return false, appending nothing, when that would hold more than {@link #LIMIT} bytes or the
     *         loop's budget for carry-overs is spent
     */
    boolean append(MemorySegment from, long offset, int n) {
        int needed = length + n;
        if (needed > LIMIT) {
            return false;
        }
        if (block == null || block.capacity() < needed) {
            Block bigger = pool.take(needed);
            if (bigger == null) {
                return false;
            }
            moveTo(bigger);
        }
        MemorySegment.copy(from, offset, block.memory, length, n);
        length += n;
        return true;
    }

    /** Drops the bytes before {@code consumed}, moving the rest to the start (into a smaller block if it is mostly empty). */
    void consumeTo(long consumed) {
        int rest = length - (int) consumed;
        if (rest == 0) {
            release();
            return;
        }
        if (consumed > 0) {
            MemorySegment.copy(block.memory, consumed, block.memory, 0, rest); // overlapping: as if through a temporary
        }
        length = rest;
        if (block.capacity() > SMALLEST && rest <= block.capacity() / 4) {
            Block smaller = pool.take(rest);
            if (smaller != null) {
                moveTo(smaller);
            }
        }
    }

    /** Drops everything held. */
    void release() {
        if (block != null) {
            pool.give(block);
            block = null;
        }
        length = 0;
    }

    private void moveTo(Block other) {
        if (block != null) {
            MemorySegment.copy(block.memory, 0, other.memory, 0, length);
            pool.give(block);
        }
        block = other;
    }

    /** A heap array and its two views, made once and recycled: the views are what the parser and the decoder read. */
    static final class Block {
        final MemorySegment memory;
        final ByteBuffer view;

        private Block(int capacity) {
            byte[] bytes = new byte[capacity];
            this.memory = MemorySegment.ofArray(bytes);
            this.view = ByteBuffer.wrap(bytes);
        }

        int capacity() {
            return view.capacity();
        }
    }

    /**
     * A loop's blocks, by size (1 KiB, 2 KiB, ... 1 MiB). It keeps up to {@link #KEPT_PER_SIZE} bytes
     * of free blocks of each size, so steady traffic reuses them and allocates nothing, and lets the
     * rest go to the garbage collector, so memory comes back after a burst. What is lent out at once
     * is bounded by the loop's budget.
     */
    static final class Pool {
        static final int KEPT_PER_SIZE = 512 * 1024;
        private final ArrayDeque<Block>[] free;
        private final long budget;
        private long lentBytes;
        private int lent;

        @SuppressWarnings("unchecked")
        Pool(long budget) {
            this.budget = budget;
            this.free = new ArrayDeque[sizeClass(LIMIT) + 1];
            for (int i = 0; i < free.length; i++) {
                free[i] = new ArrayDeque<>();
            }
        }

        /** A block of at least {@code bytes}; null when the loop's budget would be passed. */
        Block take(int bytes) {
            int size = sizeClass(bytes);
            int capacity = SMALLEST << size;
            if (lentBytes + capacity > budget) {
                return null;
            }
            Block b = free[size].pollFirst();
            if (b == null) {
                b = new Block(capacity);
            }
            lentBytes += capacity;
            lent++;
            return b;
        }

        void give(Block b) {
            int size = sizeClass(b.capacity());
            lentBytes -= b.capacity();
            lent--;
            if ((long) (free[size].size() + 1) * b.capacity() <= KEPT_PER_SIZE) {
                free[size].addFirst(b); // most recently used first: still in cache
            }
        }

        /** Blocks out on connections: 0 once every connection has let go. */
        int lent() {
            return lent;
        }

        long lentBytes() {
            return lentBytes;
        }

        /** Free blocks kept of size class {@code size} (0 is {@link #SMALLEST}). */
        int free(int size) {
            return free[size].size();
        }

        private static int sizeClass(int bytes) {
            int capacity = Math.max(SMALLEST, Integer.highestOneBit(bytes - 1) << 1);
            return Integer.numberOfTrailingZeros(capacity / SMALLEST);
        }
    }
}
