package dev.httpcourse.stage05;

import dev.httpcourse.stage02.Http1Protocol.Phase;
import dev.httpcourse.stage04.RingLoop;
import dev.httpcourse.stage04.uring.Cqe;
import dev.httpcourse.stage04.uring.Errno;
import java.util.Arrays;

// tag::s05-connection-states[]
/**
 * One client connection of stage 05. One multishot {@code RECV} stays armed: each arrival is a CQE
 * naming the ring buffer the kernel filled ({@link Cqe#bufferId}), parsed right there and handed
 * back to the kernel as soon as its bytes are consumed.
 *
 * <pre>
 *   CQE(buffer b, n bytes) ──► received: [(b, 0, n)] ──► protocol.process(ring memory, b's bytes)
 *        │                                                  │ all consumed ──► b recycled
 *        │                                                  │ a head cut at b's end ──► its bytes copied
 *        │                                                  │       into the carry-over, b recycled
 *        │                                                  └ send queue backed up ──► b kept, RECV cancelled
 *        ▼                                                             (re-armed once the client has read)
 *   SEND from the send queue's head chunk, one in flight; LINGER and CLOSING as in stage 04
 * </pre>
 *
 * A buffer is held only while the connection cannot go on (its client is not reading): then the
 * {@code RECV} is cancelled, so at most the buffers already filled wait, and the kernel's receive
 * window pushes back on the client as it does for stage 02's paused reads.
 */
final class ZeroCopyConnection extends RingLoop.Connection {
    // end::s05-connection-states[]
    private final ZeroCopyService shared;
    private final SendQueue output;
    private final InPlaceProtocol protocol;
    /** Buffers received and not yet consumed, oldest first: (buffer id, from, to) as three ints each. */
    private int[] received = new int[3 * 4];
    private int receivedCount;
    private CarryOver carry;
    private boolean recvArmed;
    private boolean recvCancelled;
    private boolean inputClosed;

    ZeroCopyConnection(RingLoop loop, ZeroCopyService shared, int slot, int generation, int fd, boolean counted) {
        super(loop, slot, generation, fd, counted);
        this.shared = shared;
        this.output = new SendQueue(shared.sendPool());
        this.protocol = new InPlaceProtocol(shared, output);
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
            keep(buffer, res);
        } else if (res == 0) {
            inputClosed = true; // the client shut down its side; what it sent before is still in `received`
        } else if (res != -Errno.ENOBUFS_NR && res != -Errno.ECANCELED_NR) {
            close(); // ECONNRESET and friends: nobody to answer
            return;
        } // ENOBUFS: every ring buffer is in use; serve() arms a new RECV. ECANCELED: we paused it.
        serve();
    }
    // end::s05-connection-recv[]

    private void onSent(int res) {
        if (sendCompleted(res)) {
            output.sent(res);
            serve(); // the protocol may have stopped for the output's sake: go on with what was received
        }
    }

    private void keep(int buffer, int length) {
        if (receivedCount * 3 == received.length) {
            received = Arrays.copyOf(received, received.length * 2); // only while paused
        }
        int i = receivedCount++ * 3;
        received[i] = buffer;
        received[i + 1] = 0;
        received[i + 2] = length;
    }

    /** Lets the protocol consume what was received, sends what it wrote, arms or pauses the RECV, sets the deadline. */
    private void serve() {
        consumeReceived();
        if (isClosing()) {
            return;
        }
        if (!output.isEmpty() && !sendInFlight()) {
            send(output.sendBuffer(), output.sendStart(), output.sendLength());
        }
        if (output.isEmpty() && !sendInFlight() && endWhenDone(protocol.phase(), protocol.close(), inputClosed)) {
            return;
        }
        boolean wanted = !inputClosed && receivedCount == 0 && !output.backedUp()
                && protocol.phase() != Phase.CLOSING;
        if (wanted) {
            armRecv();
        } else if (recvArmed && !recvCancelled && !inputClosed) {
            // paused (the client is not reading) or closing: stop taking its bytes, so TCP's window pushes back
            recvCancelled = true;
            ring.prepCancel(userData(OP_RECV), userData(OP_CANCEL));
        }
        scheduleDeadline(!output.isEmpty(), protocol.phase());
    }

    // tag::s05-connection-consume[]
    /**
     * Offers the received buffers to the protocol, oldest first, in place; a head cut at a buffer's
     * end goes into the carry-over and the next buffer's bytes are appended to it. Every buffer whose
     * bytes are all consumed (or no longer wanted) goes back to the kernel.
     */
    private void consumeReceived() {
        while (receivedCount > 0) {
            int buffer = received[0];
            int from = received[1];
            int to = received[2];
            if (protocol.phase() == Phase.CLOSING) {
                from = to; // after an error or a close nothing more is read
            } else if (output.backedUp()) {
                break; // paused: the buffer waits for the client to read
            } else if (carry != null) {
                int n = Math.min(to - from, carry.free());
                carry.append(shared.buffers(), shared.offset(buffer) + from, n);
                from += n;
                processCarry();
            } else {
                long base = shared.offset(buffer);
                long stop = protocol.process(shared.buffers(), shared.buffersView(), base + from, base + to,
                        loop.isDraining());
                from = (int) (stop - base);
                if (from < to && protocol.phase() != Phase.CLOSING && !output.backedUp()) {
                    carry = shared.carryPool().take(); // an unfinished head: keep its bytes, free the buffer
                    carry.append(shared.buffers(), base + from, to - from);
                    from = to;
                }
            }
            if (from < to) {
                received[1] = from;
                continue;
            }
            shared.recycle(buffer);
            System.arraycopy(received, 3, received, 0, --receivedCount * 3);
        }
        if (inputClosed && receivedCount == 0) {
            protocol.endOfInput(); // everything sent before the end was answered; an unfinished request never will be
        }
    }

    private void processCarry() {
        long stop = protocol.process(carry.memory, carry.view, 0, carry.length, loop.isDraining());
        carry.consumeTo(stop);
        if (carry.length == 0 || protocol.phase() == Phase.CLOSING) {
            shared.carryPool().give(carry);
            carry = null;
        } else if (carry.free() == 0 && !output.backedUp()) {
            protocol.headTooLarge(); // full, and no progress: only a head beyond every limit gets here
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
        dropInput();
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

    private void dropInput() {
        while (receivedCount > 0) {
            shared.recycle(received[--receivedCount * 3]);
        }
        if (carry != null) {
            shared.carryPool().give(carry);
            carry = null;
        }
    }

    @Override
    protected boolean isIdle() {
        return !isLingering() && !isClosing() && receivedCount == 0 && carry == null && output.isEmpty()
                && !sendInFlight() && protocol.phase() == Phase.IDLE;
    }

    @Override
    protected boolean operationsInFlight() {
        return recvArmed || sendInFlight();
    }

    @Override
    protected void release() {
        dropInput();
        output.discard();
    }
}
