package dev.httpcourse.stage05;

import dev.httpcourse.stage02.Http1Protocol.Phase;
import dev.httpcourse.stage04.RingLoop;
import dev.httpcourse.stage04.uring.Cqe;
import dev.httpcourse.stage04.uring.Errno;

// tag::s05-connection-states[]
/**
 * One client connection of stage 05. One multishot {@code RECV} stays armed: each arrival is a CQE
 * naming the ring buffer the kernel filled ({@link Cqe#bufferId}), parsed right there and handed
 * back to the kernel before the next CQE is looked at.
 *
 * <pre>
 *   CQE(buffer b, n bytes) ──► carry-over empty, output not backed up: protocol.process(b in place)
 *        │                         │ what is left (a head cut at b's end, or requests the output
 *        │                         │ has no room for yet) ──► copied into the carry-over
 *        │                     carry-over not empty: b's bytes appended to it, processed there
 *        │                     ──► b recycled, always, in this turn
 *        │ send queue backed up ──► RECV cancelled (re-armed once the client has read)
 *        ▼
 *   SEND from the send queue's head chunk, one in flight; LINGER and CLOSING as in stage 04
 * </pre>
 *
 * No ring buffer outlives the turn it arrived in: a slow client's bytes wait in its own
 * {@link CarryOver}, bounded, while the kernel's receive window pushes back on it once the
 * {@code RECV} is cancelled, as it does for stage 02's paused reads.
 */
final class ZeroCopyConnection extends RingLoop.Connection {
    // end::s05-connection-states[]
    private final ZeroCopyService shared;
    private final SendQueue output;
    private final InPlaceProtocol protocol;
    private final CarryOver carry;
    private boolean recvArmed;
    private boolean recvCancelled;
    private boolean inputClosed;
    /** The last RECV ended for want of ring buffers: re-armed by the service once some have come back. */
    private boolean waitingForBuffers;

    ZeroCopyConnection(RingLoop loop, ZeroCopyService shared, int slot, int generation, int fd, boolean counted) {
        super(loop, slot, generation, fd, counted);
        this.shared = shared;
        this.output = new SendQueue(shared.sendPool());
        this.protocol = new InPlaceProtocol(shared, output);
        this.carry = new CarryOver(shared.carryPool());
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

    // tag::s05-connection-recv[]
    @Override
    protected void onCompletion(int op, int res, int flags) {
        switch (op) {
            case OP_RECV -> onRecv(res, flags);
            case OP_SEND -> onSent(res);
            default -> { } // SHUTDOWN, CANCEL: their effect shows in the RECV and SEND completions
        }
    }

    private void onRecv(int res, int flags) {
        if (!Cqe.hasMore(flags)) {
            recvArmed = false; // the multishot RECV ended: an error, end of input, a cancel, or no buffer left
            recvCancelled = false;
        }
        int buffer = Cqe.hasBuffer(flags) ? Cqe.bufferId(flags) : -1;
        if (isClosing() || isLingering()) {
            if (buffer >= 0) {
                shared.recycle(buffer);
            }
            if (isClosing()) {
                finishClose();
            } else {
                swallowWhileLingering(res);
            }
            return;
        }
        if (res > 0) {
            take(buffer, res);
        } else {
            if (buffer >= 0) {
                shared.recycle(buffer); // a buffer named with no bytes in it still goes back, whatever the kernel meant
            }
            if (res == 0) {
                inputClosed = true; // the client shut down its side; what it sent before is in the carry-over
            } else if (res == -Errno.ENOBUFS_NR) {
                waitingForBuffers = true; // every ring buffer is in use: wait until some come back
                shared.awaitBuffers(this);
            } else if (res != -Errno.ECANCELED_NR) {
                close(); // ECONNRESET and friends: nobody to answer
                return;
            } // ECANCELED: we paused it
        }
        serve();
    }
    // end::s05-connection-recv[]

    private void onSent(int res) {
        if (sendCompleted(res)) {
            output.sent(res);
            serve(); // the protocol may have stopped for the output's sake: go on with the carry-over
        }
    }

    /** Some ring buffers came back after an ENOBUFS: receive again if nothing else holds the connection back. */
    void buffersReturned() {
        waitingForBuffers = false;
        if (!isClosing() && !isLingering()) {
            serve();
        }
    }

    /** Lets the protocol consume what the carry-over holds, sends what it wrote, arms or pauses the RECV, sets the deadline. */
    private void serve() {
        consumeCarry();
        if (isClosing()) {
            return;
        }
        if (!output.isEmpty() && !sendInFlight()) {
            send(output.sendBuffer(), output.sendStart(), output.sendLength());
        }
        if (output.isEmpty() && !sendInFlight() && endWhenDone(protocol.phase(), protocol.close(), inputClosed)) {
            return;
        }
        boolean wanted = !inputClosed && !waitingForBuffers && !output.backedUp() && protocol.phase() != Phase.CLOSING;
        if (wanted) {
            armRecv();
        } else if (recvArmed && !recvCancelled && !inputClosed) {
            // paused (the client is not reading) or closing: stop taking its bytes, so TCP's window pushes back
            recvCancelled = true;
            ring.prepCancel(userData(OP_RECV), userData(OP_CANCEL));
        }
        scheduleDeadline(!output.isEmpty(), protocol.phase(), protocol.headsComplete());
    }

    // tag::s05-connection-consume[]
    /**
     * Ring buffer {@code buffer}'s {@code length} bytes: parsed in place when nothing waits before
     * them; what the protocol does not consume now is copied into the carry-over. Either way the
     * buffer goes back to the kernel before this returns.
     */
    private void take(int buffer, int length) {
        long from = shared.offset(buffer);
        long to = from + length;
        if (carry.isEmpty() && !output.backedUp() && protocol.phase() != Phase.CLOSING) {
            from = protocol.process(shared.buffers(), shared.buffersView(), from, to, loop.isDraining());
        }
        if (from < to && protocol.phase() != Phase.CLOSING
                && !carry.append(shared.buffers(), from, (int) (to - from))) {
            protocol.tooMuchAhead(); // more than a connection may hold: answer what was queued, then close
        }
        shared.recycle(buffer);
    }

    /** Lets the protocol consume the carry-over, as far as the output allows; nothing is kept once closing. */
    private void consumeCarry() {
        if (!carry.isEmpty() && !output.backedUp() && protocol.phase() != Phase.CLOSING) {
            carry.consumeTo(protocol.process(carry.memory(), carry.view(), 0, carry.length(), loop.isDraining()));
        }
        if (protocol.phase() == Phase.CLOSING) {
            carry.release(); // after an error or a close nothing more is read
        } else if (inputClosed && !output.backedUp()) {
            protocol.endOfInput(); // everything sent before the end was answered; an unfinished request never will be
        }
    }
    // end::s05-connection-consume[]

    private void armRecv() {
        if (!recvArmed) {
            recvArmed = true;
            ring.prepRecvMultishot(fd, shared.bufferGroup(), userData(OP_RECV));
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
        carry.release();
        if (!recvCancelled) { // else its last CQE comes, and swallowWhileLingering() re-arms
            armRecv();
        }
    }

    private void swallowWhileLingering(int res) {
        // no buffer left, or our own cancel: the RECV ended, the client's input did not
        boolean ended = res == 0 || (res < 0 && res != -Errno.ENOBUFS_NR && res != -Errno.ECANCELED_NR);
        if (lingerOver(Math.max(res, 0), ended)) {
            close();
        } else if (!recvArmed) {
            recvCancelled = false;
            armRecv();
        }
    }

    @Override
    protected boolean isIdle() {
        return !isLingering() && !isClosing() && carry.isEmpty() && output.isEmpty() && !sendInFlight()
                && protocol.phase() == Phase.IDLE;
    }

    @Override
    protected boolean operationsInFlight() {
        return recvArmed || sendInFlight();
    }

    @Override
    protected void release() {
        carry.release();
        output.discard();
    }
}
