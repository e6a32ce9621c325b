package dev.httpcourse.stage05;

import dev.httpcourse.stage02.ResponseOutput;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;

// tag::s05-send-queue[]
/**
 * A connection's responses on their way to a {@code SEND}: written straight into off-heap chunks
 * borrowed from the loop's {@link Pool} (templates copied in, JSON written in place), sent from
 * there, and the chunks given back as soon as they are sent. An idle connection holds none.
 *
 * <pre>
 *   chunks:  [ sent | waiting: start .. end ]  [ waiting ]  ...  [ waiting | free: end .. size ]
 *              ▲ head: the next SEND                                 ▲ tail: the next response
 * </pre>
 *
 * A response is written whole into one chunk ({@link #reserve} takes a new one when the tail lacks
 * room), so one {@code SEND} carries every response that is ready, pipelined ones included.
 */
final class SendQueue implements ResponseOutput {
    // end::s05-send-queue[]
    /** Queued bytes beyond which the connection stops reading requests until the client reads. */
    static final int BOUND = 64 * 1024;

    private final Pool pool;
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>(4);
    private long queued;

    SendQueue(Pool pool) {
        this.pool = pool;
    }

    /** The tail chunk, with at least {@code bytes} free from {@link #end()} on; write there, then {@link #commit}. */
    MemorySegment reserve(int bytes) {
        if (bytes > pool.chunkSize) {
            throw new IllegalArgumentException(bytes + " bytes do not fit a send chunk of " + pool.chunkSize);
        }
        Chunk tail = chunks.peekLast();
        if (tail == null || pool.chunkSize - tail.end < bytes) {
            tail = pool.take();
            chunks.addLast(tail);
        }
        return tail.memory;
    }

    /** Where the next response goes in the chunk {@link #reserve} returned. */
    long end() {
        return chunks.getLast().end;
    }

    /** The response written at {@link #end()} ends at {@code newEnd}. */
    void commit(long newEnd) {
        Chunk tail = chunks.getLast();
        queued += newEnd - tail.end;
        tail.end = (int) newEnd;
    }

    /** Copies bytes made on the heap (responses of {@code common}'s App, on the rare paths), across chunks. */
    @Override
    public void append(byte[] bytes) {
        int done = 0;
        while (done < bytes.length) {
            Chunk tail = chunks.peekLast();
            if (tail == null || tail.end == pool.chunkSize) {
                tail = pool.take();
                chunks.addLast(tail);
            }
            int n = Math.min(bytes.length - done, pool.chunkSize - tail.end);
            MemorySegment.copy(bytes, done, tail.memory, ValueLayout.JAVA_BYTE, tail.end, n);
            tail.end += n;
            queued += n;
            done += n;
        }
    }

    boolean isEmpty() {
        return queued == 0;
    }

    @Override
    public boolean backedUp() {
        return queued > BOUND;
    }

    /** The memory of the next {@code SEND}: the head chunk, from {@link #sendStart()} for {@link #sendLength()} bytes. */
    MemorySegment sendBuffer() {
        return chunks.getFirst().memory;
    }

    long sendStart() {
        return chunks.getFirst().start;
    }

    int sendLength() {
        Chunk head = chunks.getFirst();
        return head.end - head.start;
    }

    /** The kernel took {@code n} bytes from the head chunk: move on, and give back a chunk that is all sent. */
    void sent(int n) {
        Chunk head = chunks.getFirst();
        head.start += n;
        queued -= n;
        if (head.start == head.end) {
            chunks.pollFirst();
            pool.give(head);
        }
    }

    /** Drops what is queued: the connection is closing, and no SEND refers to the chunks any more. */
    void discard() {
        while (!chunks.isEmpty()) {
            pool.give(chunks.pollFirst());
        }
        queued = 0;
    }

    /** One chunk: off-heap memory, and the part of it that waits to be sent. */
    static final class Chunk {
        final MemorySegment memory;
        int start;
        int end;

        Chunk(MemorySegment memory) {
            this.memory = memory;
        }
    }

    /** A loop's chunks, carved from slabs of its arena and recycled: no native allocation per response. */
    static final class Pool {
        private static final int PER_SLAB = 16;
        private final Arena arena;
        private final int chunkSize;
        private final ArrayDeque<Chunk> free = new ArrayDeque<>();
        private int lent;

        Pool(Arena arena, int chunkSize) {
            this.arena = arena;
            this.chunkSize = chunkSize;
        }

        Chunk take() {
            if (free.isEmpty()) {
                MemorySegment slab = arena.allocate((long) chunkSize * PER_SLAB, 4096);
                for (int i = 0; i < PER_SLAB; i++) {
                    free.addLast(new Chunk(slab.asSlice((long) i * chunkSize, chunkSize)));
                }
            }
            lent++;
            Chunk c = free.pollFirst();
            c.start = 0;
            c.end = 0;
            return c;
        }

        void give(Chunk c) {
            lent--;
            free.addFirst(c); // the most recently used first: still in cache
        }

        int chunkSize() {
            return chunkSize;
        }

        /** Chunks out on connections: 0 once every connection has closed. */
        int lent() {
            return lent;
        }
    }
}
