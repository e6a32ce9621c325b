package dev.httpcourse.stage04;

import dev.httpcourse.common.http.Limits;
import dev.httpcourse.stage02.Http1Protocol;
import dev.httpcourse.stage04.uring.Errno;
import dev.httpcourse.stage04.uring.Ring;
import dev.httpcourse.stage04.uring.UserData;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

// tag::s04-connection-states[]
/**
 * One client connection on a {@link RingLoop}: at most one RECV and one SEND in flight, each
 * resubmitted from its completion. Stage 02's {@link Http1Protocol} does the HTTP; this class only
 * moves bytes between it and the ring.
 *
 * <pre>
 *   accepted ──► RECV armed ──res > 0──► process ──► SEND (until all sent) ──► RECV armed ...
 *                   │ res = 0 (end of input) or protocol CLOSING, all sent
 *                   ▼
 *      LINGER: SHUTDOWN(SHUT_WR), RECV and discard ≤ 500 ms ──► CLOSING
 *      CLOSING: ASYNC_CANCEL of what is in flight ──► both CQEs in ──► CLOSE(fd) ──► buffers and slot freed
 * </pre>
 *
 * The order of the last line is the rule that keeps the kernel from writing into a freed buffer:
 * cancel, wait for the cancelled operations' own completions, then close, then free.
 */
final class RingConnection {
    // end::s04-connection-states[]
    static final int OP_RECV = 1, OP_SEND = 2, OP_CANCEL = 3, OP_CLOSE = 4, OP_SHUTDOWN = 5;
    static final long LINGER_NANOS = 500_000_000L;
    static final int LINGER_BYTES = 1 << 20;

    private final RingLoop loop;
    private final Ring ring;
    final int slot;
    final int generation;
    private final int fd;
    private final boolean counted;
    private final Http1Protocol protocol;
    private final Outbound output;
    private final MemorySegment inputMemory;
    /** A view of {@link #inputMemory}, in write mode: bytes received and not yet consumed are [0, position). */
    private final ByteBuffer input;
    private boolean recvInFlight;
    private boolean sendInFlight;
    private boolean inputClosed;
    private boolean lingering;
    private boolean closing;
    private long headStartedAt = -1;
    private long lastWriteAt;
    private long lingerUntil;
    private int discarded;
    long deadline;

    RingConnection(RingLoop loop, int slot, int generation, int fd, boolean counted) {
        this.loop = loop;
        this.ring = loop.ring();
        this.slot = slot;
        this.generation = generation;
        this.fd = fd;
        this.counted = counted;
        this.output = new Outbound(loop.sendPool());
        this.protocol = new Http1Protocol(loop.app(), loop.limits(), loop.encoder(), output);
        this.inputMemory = loop.recvPool().take();
        this.input = inputMemory.asByteBuffer();
        this.deadline = loop.now() + loop.limits().idleTimeout().toNanos();
    }

    boolean isCounted() {
        return counted;
    }

    void start() {
        armRecv();
    }

    /** Over the connection limit: answer 503, then close gently. */
    void refuse() {
        protocol.refuse();
        serve();
    }

    // tag::s04-on-completion[]
    void onRecv(int res) {
        recvInFlight = false;
        if (closing) {
            finishClose();
            return;
        }
        if (lingering) {
            discarded += Math.max(res, 0);
            input.clear();
            if (res <= 0 || discarded > LINGER_BYTES || loop.now() > lingerUntil) {
                close();
            } else {
                armRecv();
            }
            return;
        }
        if (res > 0) {
            input.position(input.position() + res);
        } else if (res == 0) {
            inputClosed = true; // the client shut down its side: no further request will come
            protocol.endOfInput();
        } else {
            close(); // ECONNRESET and friends: nobody to answer
            return;
        }
        serve();
    }

    void onSent(int res) {
        sendInFlight = false;
        if (closing) {
            finishClose();
            return;
        }
        if (res < 0) {
            close(); // EPIPE, ECONNRESET: the client is gone
            return;
        }
        output.sent(res);
        lastWriteAt = loop.now();
        serve(); // the protocol may have stopped for the output's sake: go on with buffered input
    }
    // end::s04-on-completion[]

    /** Lets the protocol consume what was received, sends what it queued, re-arms the recv, sets the deadline. */
    private void serve() {
        try {
            if (input.position() > 0) {
                input.flip();
                protocol.process(input, loop.isDraining());
                input.compact();
            }
        } catch (RuntimeException e) {
            System.err.println("connection failed: " + e);
            close();
            return;
        }
        if (!output.isEmpty() && !sendInFlight) {
            sendInFlight = true;
            lastWriteAt = loop.now(); // the write-stall clock runs from the latest SEND, not the latest completion
            ring.prepSend(fd, output.buffer(), output.start(), output.length(), userData(OP_SEND));
        }
        if (output.isEmpty() && !sendInFlight) {
            if (protocol.phase() == Http1Protocol.Phase.CLOSING) {
                if (protocol.close() == Http1Protocol.Close.LINGER && !inputClosed) {
                    startLingering();
                } else {
                    close();
                }
                return;
            }
            if (loop.isDraining() && isIdle()) {
                close();
                return;
            }
        }
        if (!input.hasRemaining()) {
            // the parser leaves at most one unfinished line, and the buffer holds the longest allowed
            close();
            return;
        }
        if (!inputClosed && !output.backedUp() && protocol.phase() != Http1Protocol.Phase.CLOSING) {
            armRecv();
        }
        scheduleDeadline();
    }

    private void armRecv() {
        if (!recvInFlight) {
            recvInFlight = true;
            int at = input.position();
            ring.prepRecv(fd, inputMemory, at, input.capacity() - at, userData(OP_RECV));
        }
    }

    /** The one deadline that matters now: write stall, header, or idle; as in stage 02. */
    private void scheduleDeadline() {
        long now = loop.now();
        Limits limits = loop.limits();
        if (!output.isEmpty()) {
            deadline = lastWriteAt + limits.idleTimeout().toNanos();
        } else if (protocol.phase() == Http1Protocol.Phase.HEAD) {
            if (headStartedAt < 0) {
                headStartedAt = now;
            }
            deadline = headStartedAt + limits.headerTimeout().toNanos();
        } else {
            deadline = now + limits.idleTimeout().toNanos();
        }
        if (protocol.phase() != Http1Protocol.Phase.HEAD) {
            headStartedAt = -1;
        }
    }

    void expired() {
        if (closing) {
            return;
        }
        if (lingering || !output.isEmpty()) {
            close(); // lingered long enough, or the client has not read for a whole idle timeout
            return;
        }
        protocol.timedOut(); // 408 for a head or body that stopped arriving; idle: just close
        serve();
    }

    /** Shut our side down and swallow what the client still sends for a moment (RFC 9112 section 9.6). */
    private void startLingering() {
        lingering = true;
        ring.prepShutdown(fd, 1, userData(OP_SHUTDOWN)); // SHUT_WR: the client reads our response, then EOF
        lingerUntil = loop.now() + LINGER_NANOS;
        deadline = lingerUntil;
        input.clear();
        armRecv();
    }

    boolean isIdle() {
        return !lingering && !closing && input.position() == 0 && output.isEmpty() && !sendInFlight
                && protocol.phase() == Http1Protocol.Phase.IDLE;
    }

    // tag::s04-close[]
    /** Cancel what is in flight; {@link #finishClose()} runs once the cancelled operations have completed. */
    void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (recvInFlight || sendInFlight) {
            ring.prepCancelAll(fd, userData(OP_CANCEL));
        }
        finishClose();
    }

    /** Nothing in flight refers to our buffers any more: close the descriptor (through the ring), free the rest. */
    private void finishClose() {
        if (recvInFlight || sendInFlight) {
            return;
        }
        ring.prepClose(fd, userData(OP_CLOSE));
        output.discard();
        loop.recvPool().give(inputMemory);
        loop.closed(this);
    }
    // end::s04-close[]

    private long userData(int op) {
        return UserData.pack(slot, op, generation);
    }

    static String describe(int res) {
        return res >= 0 ? Integer.toString(res) : Errno.describe(-res);
    }
}
