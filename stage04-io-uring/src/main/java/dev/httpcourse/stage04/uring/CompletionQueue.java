package dev.httpcourse.stage04.uring;

import static dev.httpcourse.stage04.uring.Abi.CQE_FLAGS;
import static dev.httpcourse.stage04.uring.Abi.CQE_RES;
import static dev.httpcourse.stage04.uring.Abi.CQE_SIZE;
import static dev.httpcourse.stage04.uring.Abi.CQE_USER_DATA;
import static dev.httpcourse.stage04.uring.SubmissionQueue.INT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;

/**
 * The completion side of a ring: the kernel owns the tail, the application the head.
 *
 * <pre>
 *   application consumes                       kernel produces
 *   head ───────────────► [ cqe | cqe | cqe | free ... ] ◄─────────── tail
 * </pre>
 */
final class CompletionQueue {
    private final MemorySegment ring;
    private final long headOffset;
    private final long tailOffset;
    private final long overflowOffset;
    private final long cqesOffset;
    private final int mask;
    private final int entries;
    /** Ours alone: read plainly, stored to the ring with release once per batch. */
    private int head;

    CompletionQueue(MemorySegment ring, MemorySegment params, long cqOff) {
        this.ring = ring;
        this.headOffset = params.get(JAVA_INT, cqOff + Abi.CQO_HEAD);
        this.tailOffset = params.get(JAVA_INT, cqOff + Abi.CQO_TAIL);
        this.overflowOffset = params.get(JAVA_INT, cqOff + Abi.CQO_OVERFLOW);
        this.cqesOffset = params.get(JAVA_INT, cqOff + Abi.CQO_CQES);
        this.mask = ring.get(JAVA_INT, params.get(JAVA_INT, cqOff + Abi.CQO_RING_MASK));
        this.entries = ring.get(JAVA_INT, params.get(JAVA_INT, cqOff + Abi.CQO_RING_ENTRIES));
        this.head = ring.get(JAVA_INT, headOffset);
    }

    int entries() {
        return entries;
    }

    // tag::s04-cq-drain[]
    /**
     * Hands every CQE posted so far to {@code handler}, then frees their slots with one release store
     * of the head. The acquire load of the tail orders the CQE reads after it: without it, a CQE could
     * be read before the kernel's writes to it are visible. If the handler throws, the CQEs already
     * handed out (including the one that threw) are still released.
     */
    int drain(CompletionHandler handler) {
        // tag::step-1-drain[]
        int tail = (int) INT.getAcquire(ring, tailOffset);
        int first = head;
        int h = first;
        try {
            while (h != tail) {
                long cqe = cqesOffset + (long) (h & mask) * CQE_SIZE;
                long userData = ring.get(JAVA_LONG, cqe + CQE_USER_DATA);
                int res = ring.get(JAVA_INT, cqe + CQE_RES);
                int flags = ring.get(JAVA_INT, cqe + CQE_FLAGS);
                h++;
                handler.onCompletion(userData, res, flags);
            }
        } finally {
            if (h != first) {
                head = h;
                INT.setRelease(ring, headOffset, h);
            }
        }
        return h - first;
        // end::step-1-drain[]
    }
    // end::s04-cq-drain[]

    /** CQEs the kernel dropped for lack of room (only when it could not queue them for later). */
    int dropped() {
        return (int) INT.getAcquire(ring, overflowOffset);
    }
}
