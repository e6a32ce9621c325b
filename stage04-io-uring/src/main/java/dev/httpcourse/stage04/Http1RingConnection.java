package dev.httpcourse.stage04;

import dev.httpcourse.stage02.Http1Protocol;
import dev.httpcourse.stage02.Protocol;
import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

// tag::s04-connection-states[]
/**
 * Stage 04's connection: a {@code RECV} into a buffer of its own, stage 02's {@link Http1Protocol}
 * on the bytes, and its answers sent from an off-heap {@link Outbound}. Everything about the ring
 * (one operation of each kind in flight, lingering, the order of a close) is {@link RingConnection}'s;
 * this class only moves bytes between the ring and the protocol.
 *
 * <pre>
 *   RECV into input[position, capacity) ──res > 0──► protocol.process(input) ──► SEND from Outbound
 *        ▲                                                                        │ all sent
 *        └──────────────── RECV again, unless the output is backed up ────────────┘
 * </pre>
 */
final class Http1RingConnection extends RingConnection {
    // end::s04-connection-states[]
    private static final System.Logger LOG = System.getLogger(Http1RingConnection.class.getName());
    private final Http1RingService service;
    private final Http1Protocol protocol;
    private final Outbound output;
    private final MemorySegment inputMemory;
    /** A view of {@link #inputMemory}, in write mode: bytes received and not yet consumed are [0, position). */
    private final ByteBuffer input;

    Http1RingConnection(RingLoop loop, Http1RingService service, int slot, int generation, int fd, boolean counted) {
        super(loop, slot, generation, fd, counted);
        this.service = service;
        this.output = new Outbound(service.sendPool());
        this.protocol = new Http1Protocol(service.app(), service.limits(), service.encoder(), output);
        this.inputMemory = service.recvPool().take();
        this.input = inputMemory.asByteBuffer();
    }

    @Override
    protected Protocol protocol() {
        return protocol;
    }

    // tag::s04-on-recv[]
    @Override
    protected void armRecv() {
        // tag::step-3-arm-recv[]
        int at = input.position();
        ring.prepRecv(fd, inputMemory, at, input.capacity() - at, recvUserData());
        // end::step-3-arm-recv[]
    }

    @Override
    protected void onRecv(int res, int flags) {
        // tag::step-3-on-recv[]
        if (res > 0) {
            input.position(input.position() + res);
        } else if (res == 0) {
            inputEnded(); // the client shut down its side: no further request will come
            protocol.endOfInput();
        } else {
            close(); // ECONNRESET and friends: nobody to answer
            return;
        }
        serve();
        // end::step-3-on-recv[]
    }

    /** Lets the protocol consume what was received, sends what it queued, re-arms the recv, sets the deadline. */
    @Override
    protected void serve() {
        // tag::step-3-serve[]
        try {
            if (input.position() > 0) {
                input.flip();
                protocol.process(input, loop.isDraining());
                input.compact();
            }
            if (protocol.phase() == Protocol.Phase.CLOSING) {
                input.clear(); // after an error nothing more is read: what is left, a line that filled the buffer included, goes
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "connection failed", e);
            close();
            return;
        }
        if (!output.isEmpty() && !sendInFlight()) {
            send(output.buffer(), output.start(), output.length());
        }
        if (endWhenDone()) {
            return;
        }
        if (!input.hasRemaining()) {
            // the parser leaves at most one unfinished line, and the buffer holds the longest allowed
            close();
            return;
        }
        if (!inputClosed() && !output.backedUp() && protocol.phase() != Protocol.Phase.CLOSING && !recvArmed()) {
            armRecv();
        }
        scheduleDeadline();
        // end::step-3-serve[]
    }
    // end::s04-on-recv[]

    @Override
    protected void sent(int n) {
        output.sent(n);
    }

    @Override
    protected void discardRecv(int res, int flags) {
        input.clear(); // lingering or closing: the bytes are not wanted, and the next RECV starts over
    }

    @Override
    protected boolean outputWaiting() {
        return !output.isEmpty();
    }

    @Override
    protected boolean holdsInput() {
        return input.position() > 0;
    }

    @Override
    protected void dropInput() {
        input.clear();
    }

    @Override
    protected void release() {
        output.discard();
        service.recvPool().give(inputMemory);
    }
}
