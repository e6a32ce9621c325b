package dev.httpcourse.stage04;

import dev.httpcourse.stage02.Http1Protocol;
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
final class RingConnection extends RingLoop.Connection {
    // end::s04-connection-states[]
    private final Http1RingService service;
    private final Http1Protocol protocol;
    private final Outbound output;
    private final MemorySegment inputMemory;
    /** A view of {@link #inputMemory}, in write mode: bytes received and not yet consumed are [0, position). */
    private final ByteBuffer input;
    private boolean recvInFlight;
    private boolean inputClosed;

    RingConnection(RingLoop loop, Http1RingService service, int slot, int generation, int fd, boolean counted) {
        super(loop, slot, generation, fd, counted);
        this.service = service;
        this.output = new Outbound(service.sendPool());
        this.protocol = new Http1Protocol(service.app(), service.limits(), service.encoder(), output);
        this.inputMemory = service.recvPool().take();
        this.input = inputMemory.asByteBuffer();
    }

    @Override
    protected void start() {
        armRecv();
    }

    @Override
    protected void refuse() {
        protocol.refuse();
        serve();
    }

    // tag::s04-on-completion[]
    @Override
    protected void onCompletion(int op, int res, int flags) {
        switch (op) {
            case OP_RECV -> onRecv(res);
            case OP_SEND -> onSent(res);
            default -> { } // SHUTDOWN, CANCEL: their effect shows in the RECV and SEND completions
        }
    }

    private void onRecv(int res) {
        recvInFlight = false;
        if (isClosing()) {
            finishClose();
            return;
        }
        if (isLingering()) {
            input.clear();
            if (lingerOver(Math.max(res, 0), res <= 0)) {
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

    private void onSent(int res) {
        if (sendCompleted(res)) {
            output.sent(res);
            serve(); // the protocol may have stopped for the output's sake: go on with buffered input
        }
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
            if (protocol.phase() == Http1Protocol.Phase.CLOSING) {
                input.clear(); // after an error nothing more is read: what is left, a line that filled the buffer included, goes
            }
        } catch (RuntimeException e) {
            System.err.println("connection failed: " + e);
            close();
            return;
        }
        if (!output.isEmpty() && !sendInFlight()) {
            send(output.buffer(), output.start(), output.length());
        }
        if (output.isEmpty() && !sendInFlight() && endWhenDone(protocol.phase(), protocol.close(), inputClosed)) {
            return;
        }
        if (!input.hasRemaining()) {
            // the parser leaves at most one unfinished line, and the buffer holds the longest allowed
            close();
            return;
        }
        if (!inputClosed && !output.backedUp() && protocol.phase() != Http1Protocol.Phase.CLOSING) {
            armRecv();
        }
        scheduleDeadline(!output.isEmpty(), protocol.phase(), protocol.headsComplete());
    }

    private void armRecv() {
        if (!recvInFlight) {
            recvInFlight = true;
            int at = input.position();
            ring.prepRecv(fd, inputMemory, at, input.capacity() - at, userData(OP_RECV));
        }
    }

    @Override
    protected void expired() {
        if (!closedOnExpiry(!output.isEmpty())) {
            protocol.timedOut(); // 408 for a head or body that stopped arriving; idle: just close
            serve();
        }
    }

    @Override
    protected void keepReceivingToDiscard() {
        input.clear();
        armRecv();
    }

    @Override
    protected boolean isIdle() {
        return !isLingering() && !isClosing() && input.position() == 0 && output.isEmpty() && !sendInFlight()
                && protocol.phase() == Http1Protocol.Phase.IDLE;
    }

    @Override
    protected boolean operationsInFlight() {
        return recvInFlight || sendInFlight();
    }

    @Override
    protected void release() {
        output.discard();
        service.recvPool().give(inputMemory);
    }
}
