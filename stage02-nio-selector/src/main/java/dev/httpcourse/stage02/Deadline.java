package dev.httpcourse.stage02;

import dev.httpcourse.common.http.Limits;

// tag::s02-deadline-rule[]
/**
 * The one deadline that matters for a connection now, by the rule every event-driven stage keeps:
 * while answers wait for a client that does not read, the write-stall clock (an idle timeout from
 * the latest write); while a head is being read, the header timeout from that head's first byte;
 * otherwise the idle timeout from now (reading a body counts as activity).
 *
 * <p>The header clock belongs to one head. A client that completes a head and begins the next in
 * the same read starts a new clock: counting from the first unfinished head of a streak would
 * answer 408 to a head a few milliseconds old. And it does not restart on later bytes of the same
 * head, or a byte a second would keep a slowloris alive for ever.
 */
public final class Deadline {
    private final long idleNanos;
    private final long headerNanos;
    private long headStartedAt = -1;
    /** The head the header clock belongs to: how many heads were complete when it started. */
    private long headNumber;

    public Deadline(Limits limits) {
        this.idleNanos = limits.idleTimeout().toNanos();
        this.headerNanos = limits.headerTimeout().toNanos();
    }

    /**
     * @param now            the time of the event being handled ({@link System#nanoTime()})
     * @param outputWaiting  answers are queued that the client has not taken
     * @param lastWriteAt    when the socket last took bytes (or a send was last submitted)
     * @param phase          the protocol's phase after the event
     * @param headsComplete  how many request heads the connection has completed so far
     */
    public long next(long now, boolean outputWaiting, long lastWriteAt, Protocol.Phase phase,
                     long headsComplete) {
        // tag::step-6-deadline-rule[]
        if (phase != Protocol.Phase.HEAD) {
            headStartedAt = -1;
        } else if (headStartedAt < 0 || headNumber != headsComplete) {
            headStartedAt = now; // a head began in this event: its own clock starts
            headNumber = headsComplete;
        }
        if (outputWaiting) {
            return lastWriteAt + idleNanos;
        }
        if (headStartedAt >= 0) {
            return headStartedAt + headerNanos;
        }
        return now + idleNanos;
        // end::step-6-deadline-rule[]
    }
}
// end::s02-deadline-rule[]
