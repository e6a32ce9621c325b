package dev.httpcourse.stage04.uring;

import static dev.httpcourse.stage04.uring.Abi.SQE_SIZE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The submission side of a ring: the application owns the tail, the kernel the head.
 *
 * <pre>
 *        kernel consumes                      application produces
 *   head ───────────────► [ sqe | sqe | sqe | free ... ] ◄─────────── tail (local until published)
 * </pre>
 *
 * SQEs are claimed by bumping a local tail, written with plain stores, and made visible to the kernel
 * all at once by a release store of the shared tail ({@link #publish()}): the release orders every
 * SQE byte before the tail, which is all the kernel's acquire load of the tail relies on.
 */
final class SubmissionQueue {
    /** {@code int} access at (segment, offset); exact behaviour makes a type slip a compile-visible failure. */
    static final VarHandle INT = JAVA_INT.varHandle().withInvokeExactBehavior();

    private final MemorySegment ring;
    private final MemorySegment sqes;
    private final long headOffset;
    private final long tailOffset;
    private final long flagsOffset;
    private final int mask;
    private final int entries;
    /** The next SQE to fill; ahead of the shared tail until {@link #publish()}. */
    private int tail;
    /** The kernel's head as last read: refreshed only when the queue looks full. */
    private int cachedHead;

    SubmissionQueue(MemorySegment ring, MemorySegment sqes, MemorySegment params, long sqOff) {
        this.ring = ring;
        this.sqes = sqes;
        this.headOffset = params.get(JAVA_INT, sqOff + Abi.SQO_HEAD);
        this.tailOffset = params.get(JAVA_INT, sqOff + Abi.SQO_TAIL);
        this.flagsOffset = params.get(JAVA_INT, sqOff + Abi.SQO_FLAGS);
        this.mask = ring.get(JAVA_INT, params.get(JAVA_INT, sqOff + Abi.SQO_RING_MASK));
        this.entries = ring.get(JAVA_INT, params.get(JAVA_INT, sqOff + Abi.SQO_RING_ENTRIES));
        this.tail = ring.get(JAVA_INT, tailOffset);
        this.cachedHead = tail;
    }

    /** Without NO_SQARRAY the kernel reads SQE indexes from an array: map slot i to SQE i once, as liburing does. */
    void fillIndexArray(long arrayOffset) {
        for (int i = 0; i < entries; i++) {
            ring.set(JAVA_INT, arrayOffset + 4L * i, i);
        }
    }

    MemorySegment sqes() {
        return sqes;
    }

    int entries() {
        return entries;
    }

    /** Byte offset in {@link #sqes()} of a free SQE, claimed; or -1 when all entries await the kernel. */
    long next() {
        // tag::step-1-claim[]
        if (tail - cachedHead == entries) {
            cachedHead = (int) INT.getAcquire(ring, headOffset);
            if (tail - cachedHead == entries) {
                return -1;
            }
        }
        long base = (long) (tail & mask) * SQE_SIZE;
        tail++;
        return base;
        // end::step-1-claim[]
    }

    // tag::s04-sq-publish[]
    /** Makes every claimed SQE visible to the kernel; returns how many it has not consumed yet. */
    int publish() {
        // tag::step-1-publish[]
        INT.setRelease(ring, tailOffset, tail);
        cachedHead = (int) INT.getAcquire(ring, headOffset);
        return tail - cachedHead;
        // end::step-1-publish[]
    }
    // end::s04-sq-publish[]

    /** SQEs claimed and not yet consumed by the kernel (published or not). */
    int pending() {
        return tail - cachedHead;
    }

    /** The kernel's IORING_SQ_* flags; READ_ONCE semantics, as liburing reads them. */
    int kernelFlags() {
        return (int) INT.getOpaque(ring, flagsOffset);
    }
}
