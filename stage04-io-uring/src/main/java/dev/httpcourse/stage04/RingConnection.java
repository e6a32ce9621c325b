package dev.httpcourse.stage04;

import dev.httpcourse.stage02.Deadline;
import dev.httpcourse.stage02.Protocol;
import dev.httpcourse.stage04.uring.Cqe;
import dev.httpcourse.stage04.uring.Errno;
import dev.httpcourse.stage04.uring.Ring;
import dev.httpcourse.stage04.uring.UserData;
import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;

// tag::s04-ring-connection[]
/**
 * The ring side of a client connection, whatever moves its bytes: its identity in each CQE's
 * {@code user_data} (slot, operation, generation), at most one {@code RECV} and one {@code SEND}
 * in flight, the one deadline that matters, and the way a connection ends on a ring, which is the
 * subtle part: answer, linger, cancel, wait for the cancelled operations' completions, close, and
 * only then free the memory the kernel was writing into.
 *
 * <pre>
 *   start ──► RECV armed ──res > 0──► onRecv ──► serve: protocol, SEND (one in flight), RECV again ...
 *                │ protocol CLOSING, all sent
 *                ▼
 *   LINGER: SHUTDOWN(SHUT_WR), RECVs whose bytes are discarded, ≤ 500 ms, ≤ 1 MiB ──► CLOSING
 *   CLOSING: ASYNC_CANCEL of what is in flight ──► their CQEs in ──► CLOSE(fd) ──► release, slot freed
 * </pre>
 *
 * A subclass says how bytes come in and go out: {@link Http1RingConnection} receives into a buffer of
 * its own and runs stage 02's {@link Protocol}; it drives this class through {@link #send} and the
 * {@code protected} hooks below, and this class drives the protocol through its interface.
 */
public abstract class RingConnection {
    // end::s04-ring-connection[]
    private static final System.Logger LOG = System.getLogger(RingConnection.class.getName());
    public static final int OP_RECV = 1, OP_SEND = 2, OP_CANCEL = 3, OP_CLOSE = 4, OP_SHUTDOWN = 5;
    /** How long a closing connection swallows what the client still sends, and how much at most. */
    static final long LINGER_NANOS = 500_000_000L;
    static final int LINGER_BYTES = 1 << 20;

    protected final RingLoop loop;
    protected final Ring ring;
    protected final int fd;
    final int slot;
    final int generation;
    final boolean counted;
    private final Deadline clock;
    private boolean recvArmed;
    private boolean sendInFlight;
    private boolean inputClosed;
    private boolean lingering;
    private boolean closing;
    private long lingerUntil;
    private long discarded;
    /** When the latest SEND was submitted: the write-stall clock runs from it. */
    private long lastWriteAt;
    /** The one deadline that matters now; the loop's tick calls {@link #expired()} once it passes. */
    long deadline;

    protected RingConnection(RingLoop loop, int slot, int generation, int fd, boolean counted) {
        this.loop = loop;
        this.ring = loop.ring();
        this.slot = slot;
        this.generation = generation;
        this.fd = fd;
        this.counted = counted;
        this.clock = new Deadline(loop.limits());
        this.deadline = loop.now() + loop.limits().idleTimeout().toNanos();
    }

    // ---- what a connection of a stage says ---------------------------------------------------------

    /** The HTTP side, which this class asks about phases and tells about timeouts and the end of input. */
    protected abstract Protocol protocol();

    /** Submits this connection's kind of {@code RECV}, with {@link #recvUserData()}. */
    protected abstract void armRecv();

    /** A {@code RECV} completed: bytes ({@code res > 0}), the end of input (0), or an error. */
    protected abstract void onRecv(int res, int flags);

    /** A {@code RECV} completed whose bytes nobody wants (lingering, closing): let go of what holds them. */
    protected abstract void discardRecv(int res, int flags);

    /** The kernel took {@code n} bytes of the {@code SEND} in flight. */
    protected abstract void sent(int n);

    /** Lets the protocol consume what was received, sends what it queued, arms the {@code RECV}, sets the deadline. */
    protected abstract void serve();

    /** Answers wait to be sent. */
    protected abstract boolean outputWaiting();

    /** Bytes were received that the protocol has not consumed. */
    protected abstract boolean holdsInput();

    /** Lingering begins: what was received and not consumed is dropped. */
    protected abstract void dropInput();

    /** The descriptor is closed and nothing in flight refers to the connection's buffers: give them back. */
    protected abstract void release();

    // ---- what the loop calls -----------------------------------------------------------------------

    /** Arms the first receive. */
    final void start() {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "fd {0}: opened (slot {1})", fd, slot);
        }
        armRecv();
    }

    /** Over the connection limit: answer 503, then close gently. */
    final void refuse() {
        protocol().refuse();
        serve();
    }

    // tag::s04-on-completion[]
    /** One of this connection's completions; {@code op} is what its {@code user_data} says. */
    final void onCompletion(int op, int res, int flags) {
        // tag::step-3-on-completion[]
        switch (op) {
            case OP_RECV -> {
                if (!Cqe.hasMore(flags)) {
                    recvArmed = false; // a plain RECV always ends; a multishot one ends on error, end or cancel
                }
                if (closing) {
                    discardRecv(res, flags);
                    finishClose();
                } else if (lingering) {
                    discardRecv(res, flags);
                    swallow(res);
                } else {
                    onRecv(res, flags);
                }
            }
            case OP_SEND -> {
                sendInFlight = false;
                if (closing) {
                    finishClose();
                } else if (res < 0) {
                    close(); // EPIPE, ECONNRESET: the client is gone
                } else {
                    lastWriteAt = loop.now();
                    sent(res);
                    serve(); // the protocol may have stopped for the output's sake: go on with what was received
                }
            }
            default -> { } // SHUTDOWN, CANCEL: their effect shows in the RECV and SEND completions
        }
        // end::step-3-on-completion[]
    }
    // end::s04-on-completion[]

    /** The deadline passed: the end of a linger, a client that has not read for an idle timeout, or the protocol's 408. */
    final void expired() {
        if (closing) {
            return;
        }
        if (lingering || outputWaiting()) {
            close();
            return;
        }
        protocol().timedOut(); // 408 for a head or body that stopped arriving; idle: just close
        serve();
    }

    /** Nothing received, nothing to send, no request begun: a stopping server may close it now. */
    final boolean isIdle() {
        return !lingering && !closing && !holdsInput() && !outputWaiting() && !sendInFlight
                && protocol().phase() == Protocol.Phase.IDLE;
    }

    // ---- what a subclass calls ---------------------------------------------------------------------

    /** The {@code user_data} of a {@code RECV}; taking it marks the connection's RECV as in flight. */
    protected final long recvUserData() {
        recvArmed = true;
        return userData(OP_RECV);
    }

    protected final boolean recvArmed() {
        return recvArmed;
    }

    protected final boolean sendInFlight() {
        return sendInFlight;
    }

    protected final long userData(int op) {
        return UserData.pack(slot, op, generation);
    }

    /** The client shut down its side: no further request will come. */
    protected final void inputEnded() {
        inputClosed = true;
    }

    protected final boolean inputClosed() {
        return inputClosed;
    }

    protected final boolean isClosing() {
        return closing;
    }

    protected final boolean isLingering() {
        return lingering;
    }

    /** Submits the {@code SEND} of {@code buffer[offset, offset + length)}; one is in flight at a time. */
    protected final void send(MemorySegment buffer, long offset, int length) {
        sendInFlight = true;
        lastWriteAt = loop.now(); // the write-stall clock runs from the latest SEND, not the latest completion
        ring.prepSend(fd, buffer, offset, length, userData(OP_SEND));
    }

    /**
     * With nothing left to send: a protocol that is closing ends the connection, lingering first
     * when it owes the client an answer it must be able to read; a stopping server closes an idle
     * connection. True when the connection is ending.
     */
    protected final boolean endWhenDone() {
        if (outputWaiting() || sendInFlight) {
            return false;
        }
        Protocol protocol = protocol();
        if (protocol.phase() == Protocol.Phase.CLOSING) {
            if (protocol.close() == Protocol.Close.LINGER && !inputClosed) {
                startLingering();
            } else {
                close();
            }
            return true;
        }
        if (loop.isDraining() && isIdle()) {
            close();
            return true;
        }
        return false;
    }

    /** The one deadline that matters now: write stall, header, or idle, by stage 02's {@link Deadline} rule. */
    protected final void scheduleDeadline() {
        Protocol protocol = protocol();
        deadline = clock.next(loop.now(), outputWaiting(), lastWriteAt, protocol.phase(), protocol.headsComplete());
    }

    // ---- the end of a connection -------------------------------------------------------------------

    /**
     * Shut our side down and swallow what the client still sends for a moment (RFC 9112 section
     * 9.6): the client reads our last response, then sees EOF, instead of a reset that could
     * destroy the response before it is read.
     */
    private void startLingering() {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "fd {0}: answered, now lingering before the close", fd);
        }
        lingering = true;
        ring.prepShutdown(fd, 1, userData(OP_SHUTDOWN)); // SHUT_WR
        lingerUntil = loop.now() + LINGER_NANOS;
        deadline = lingerUntil;
        dropInput();
        if (!recvArmed) {
            armRecv();
        }
    }

    /** A RECV while lingering: count what it swallowed; close at the end of input, after 1 MiB or 500 ms. */
    private void swallow(int res) {
        discarded += Math.max(res, 0);
        // ENOBUFS or our own cancel end a multishot RECV, not the client's input
        boolean inputOver = res == 0 || (res < 0 && res != -Errno.ENOBUFS_NR && res != -Errno.ECANCELED_NR);
        if (inputOver || discarded > LINGER_BYTES || loop.now() > lingerUntil) {
            close();
        } else if (!recvArmed) {
            armRecv();
        }
    }

    // tag::s04-close[]
    /** Cancel what is in flight; {@link #finishClose()} runs once the cancelled operations have completed. */
    public final void close() {
        // tag::step-3-close[]
        if (closing) {
            return;
        }
        closing = true;
        if (recvArmed || sendInFlight) {
            ring.prepCancelAll(fd, userData(OP_CANCEL));
        }
        finishClose();
        // end::step-3-close[]
    }

    /** Nothing in flight refers to our buffers any more: close the descriptor (through the ring), free the rest. */
    private void finishClose() {
        // tag::step-3-close[]
        if (recvArmed || sendInFlight) {
            return; // called again from the completion of whatever was still in flight
        }
        ring.prepClose(fd, userData(OP_CLOSE));
        release();
        loop.closed(this);
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "fd {0}: closed", fd);
        }
        // end::step-3-close[]
    }
    // end::s04-close[]
}
