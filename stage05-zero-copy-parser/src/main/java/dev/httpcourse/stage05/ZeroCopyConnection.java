package dev.httpcourse.stage05;

import dev.httpcourse.stage02.Protocol;
import dev.httpcourse.stage02.Protocol.Phase;
import dev.httpcourse.stage04.RingConnection;
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
 *   SEND from the send queue's head chunk, one in flight; LINGER and CLOSING are stage 04's {@link RingConnection}'s
 * </pre>
 *
 * No ring buffer outlives the turn it arrived in: a slow client's bytes wait in its own
 * {@link CarryOver}, bounded, while the kernel's receive window pushes back on it once the
 * {@code RECV} is cancelled, as it does for stage 02's paused reads.
 */
final class ZeroCopyConnection extends RingConnection {
    // end::s05-connection-states[]
    private final ZeroCopyService shared;
    private final SendQueue output;
    private final InPlaceProtocol protocol;
    private final CarryOver carry;
    /** The multishot RECV is being cancelled, to pause: its last CQE is still to come. */
    private boolean recvCancelled;

    ZeroCopyConnection(RingLoop loop, ZeroCopyService shared, int slot, int generation, int fd, boolean counted) {
        super(loop, slot, generation, fd, counted);
        this.shared = shared;
        this.output = new SendQueue(shared.sendPool());
        this.protocol = new InPlaceProtocol(shared.answers(), output);
        this.carry = new CarryOver(shared.carryPool());
    }

    @Override
    protected Protocol protocol() {
        return protocol;
    }

    // tag::s05-connection-recv[]
    @Override
    protected void armRecv() {
        // tag::step-3-arm-recv[]
        recvCancelled = false;
        ring.prepRecvMultishot(fd, shared.bufferGroup(), recvUserData());
        // end::step-3-arm-recv[]
    }

    @Override
    protected void onRecv(int res, int flags) {
        // tag::step-3-on-recv[]
        int buffer = Cqe.hasBuffer(flags) ? Cqe.bufferId(flags) : -1;
        if (res > 0) {
            take(buffer, res);
        } else {
            if (buffer >= 0) {
                shared.recycle(buffer); // a buffer named with no bytes in it still goes back, whatever the kernel meant
            }
            if (res == 0) {
                inputEnded(); // the client shut down its side; what it sent before is in the carry-over
            } else if (res == -Errno.ENOBUFS_NR) {
                // The ring ran dry in one burst; no buffer outlives its completion (take), so this turn's
                // completions have given them all back before serve() re-arms and the turn submits.
            } else if (res != -Errno.ECANCELED_NR) {
                close(); // ECONNRESET and friends: nobody to answer
                return;
            } // ECANCELED: we paused it
        }
        serve();
        // end::step-3-on-recv[]
    }
    // end::s05-connection-recv[]

    /** Lets the protocol consume what the carry-over holds, sends what it wrote, arms or pauses the RECV, sets the deadline. */
    @Override
    protected void serve() {
        consumeCarry();
        if (isClosing()) {
            return;
        }
        if (!output.isEmpty() && !sendInFlight()) {
            send(output.sendBuffer(), output.sendStart(), output.sendLength());
        }
        if (endWhenDone()) {
            return;
        }
        boolean wanted = !inputClosed() && !output.backedUp() && protocol.phase() != Phase.CLOSING;
        if (wanted) {
            if (!recvArmed()) {
                armRecv();
            }
        } else if (recvArmed() && !recvCancelled && !inputClosed()) {
            // paused (the client is not reading) or closing: stop taking its bytes, so TCP's window pushes back
            // tag::step-5-pause-recv[]
            recvCancelled = true;
            ring.prepCancel(userData(OP_RECV), userData(OP_CANCEL));
            // end::step-5-pause-recv[]
        }
        scheduleDeadline();
    }

    // tag::s05-connection-consume[]
    /**
     * Ring buffer {@code buffer}'s {@code length} bytes: parsed in place when nothing waits before
     * them; what the protocol does not consume now is copied into the carry-over. Either way the
     * buffer goes back to the kernel before this returns.
     */
    private void take(int buffer, int length) {
        // tag::step-3-take[]
        long from = shared.offset(buffer);
        long to = from + length;
        if (carry.isEmpty() && !output.backedUp() && protocol.phase() != Phase.CLOSING) {
            from = protocol.process(shared.buffers(), shared.buffersView(), from, to, loop.isDraining(), loop.now());
        }
        if (from < to && protocol.phase() != Phase.CLOSING
                && !carry.append(shared.buffers(), from, (int) (to - from))) {
            protocol.tooMuchAhead(); // more than a connection may hold: answer what was queued, then close
        }
        shared.recycle(buffer);
        // end::step-3-take[]
    }

    /** Lets the protocol consume the carry-over, as far as the output allows; nothing is kept once closing. */
    private void consumeCarry() {
        // tag::step-3-consume-carry[]
        if (!carry.isEmpty() && !output.backedUp() && protocol.phase() != Phase.CLOSING) {
            carry.consumeTo(protocol.process(carry.memory(), carry.view(), 0, carry.length(), loop.isDraining(), loop.now()));
        }
        if (protocol.phase() == Phase.CLOSING) {
            carry.release(); // after an error or a close nothing more is read
        } else if (inputClosed() && !output.backedUp()) {
            protocol.endOfInput(); // everything sent before the end was answered; an unfinished request never will be
        }
        // end::step-3-consume-carry[]
    }
    // end::s05-connection-consume[]

    @Override
    protected void sent(int n) {
        output.sent(n);
    }

    @Override
    protected void discardRecv(int res, int flags) {
        if (Cqe.hasBuffer(flags)) {
            shared.recycle(Cqe.bufferId(flags));
        }
    }

    @Override
    protected boolean outputWaiting() {
        return !output.isEmpty();
    }

    @Override
    protected boolean holdsInput() {
        return !carry.isEmpty();
    }

    @Override
    protected void dropInput() {
        carry.release();
    }

    @Override
    protected void release() {
        carry.release();
        output.discard();
    }
}
