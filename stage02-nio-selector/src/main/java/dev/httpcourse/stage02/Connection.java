package dev.httpcourse.stage02;

import java.lang.System.Logger.Level;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

// tag::s02-connection-states[]
/**
 * One client connection on an event loop: the selector side of it. It reads when the channel is
 * readable, hands the bytes to its {@link Http1Protocol}, writes what the protocol queued, and keeps
 * the connection's one deadline in the loop's {@link TimerWheel}.
 *
 * <pre>
 *              bytes read, protocol queues responses              socket full
 *   READING ────────────────────────────────────────► WRITING ──────────────► WAITING FOR OP_WRITE
 *    ▲  ▲  (OP_READ)                                    │  │                     │ (OP_WRITE, and no
 *    │  └──────────── all written, keep-alive ──────────┘  │ all written,        │  OP_READ while more
 *    │                                                     │ closing             │  than 64 KiB wait)
 *    └──────────────────── all written ────────────────────┼─────────────────────┘
 *                                                          ▼
 *              LINGERING (output shut down, input discarded ≤ 500 ms, ≤ 1 MiB) ──► CLOSED
 * </pre>
 *
 * Interest in {@code OP_WRITE} is asked for only when a write leaves bytes behind, and dropped once
 * they are gone: each change of interest is an {@code epoll_ctl} at the next select.
 */
final class Connection extends TimerWheel.Entry {
    // end::s02-connection-states[]
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    static final long LINGER_NANOS = 500_000_000L;
    static final int LINGER_BYTES = 1 << 20;

    private final SocketChannel channel;
    private final EventLoop loop;
    private final Http1Protocol protocol;
    private final OutputQueue output;
    private final boolean counted;
    private final Deadline deadline;
    private SelectionKey key;
    private ByteBuffer input; // lent by the pool only while it holds unprocessed bytes
    private int interest;
    private boolean inputClosed;
    private boolean lingering;
    private boolean closed;
    /** The protocol stopped for the output's sake with requests left in the input: the next turn goes on. */
    private boolean pendingInput;
    private long lastWriteAt;
    private long lingerUntil;
    private int discarded;

    Connection(SocketChannel channel, EventLoop loop, boolean counted) {
        this.channel = channel;
        this.loop = loop;
        this.counted = counted;
        this.output = new OutputQueue(loop.pool());
        this.protocol = new Http1Protocol(loop.app(), loop.limits(), loop.encoder(), output);
        this.deadline = new Deadline(loop.limits());
    }

    void register(Selector selector) throws ClosedChannelException {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "{0}: opened", channel.socket().getRemoteSocketAddress());
        }
        key = channel.register(selector, SelectionKey.OP_READ, this);
        interest = SelectionKey.OP_READ;
        loop.timers().schedule(this, loop.now() + loop.idleTimeoutNanos());
    }

    boolean isCounted() {
        return counted;
    }

    // tag::s02-on-ready[]
    void onReady(int readyOps) {
        try {
            doOnReady(readyOps);
        } catch (IOException | RuntimeException e) {
            // a reset, or a bug: either way this connection is over, the loop and the others are not
            if (!(e instanceof IOException)) {
                LOG.log(Level.ERROR, "connection failed", e);
            }
            close();
        }
    }

    private void doOnReady(int readyOps) throws IOException {
        // tag::step-1-on-ready[]
        if (lingering) {
            discardInput();
            return;
        }
        if ((readyOps & SelectionKey.OP_READ) != 0 && !inputClosed) {
            if (input == null) {
                input = loop.pool().take();
            }
            if (channel.read(input) < 0) {
                inputClosed = true;
                protocol.endOfInput();
            }
        }
        serve();
        // end::step-1-on-ready[]
    }
    // end::s02-on-ready[]

    // tag::s02-serve[]
    /**
     * Lets the protocol consume what was read, writes what it queued, then sets interest and deadline.
     * One call does at most one output queue's worth of answers: when the protocol stops for the
     * output's sake with requests left in the input, the rest waits for the next turn of the loop,
     * so that a client that pipelines thousands of requests cannot keep the loop from the others.
     */
    private void serve() throws IOException {
        // tag::step-1-serve[]
        boolean stoppedForOutput = false;
        if (input != null) {
            input.flip();
            protocol.process(input, loop.isDraining());
            input.compact();
            stoppedForOutput = output.backedUp();
            // tag::step-7-give-back-buffer[]
            if (input.position() == 0) {
                loop.pool().give(input); // nothing partial left: an idle connection holds no buffer
                input = null;
            }
            // end::step-7-give-back-buffer[]
        }
        if (!output.isEmpty()) {
            boolean wasWaiting = (interest & SelectionKey.OP_WRITE) != 0;
            if (output.writeTo(channel) > 0 || !wasWaiting) {
                lastWriteAt = loop.now();
            }
        }
        pendingInput = stoppedForOutput && input != null && protocol.phase() != Protocol.Phase.CLOSING;
        afterIo();
        // end::step-1-serve[]
    }
    // end::s02-serve[]

    private void afterIo() throws IOException {
        // tag::step-1-after-io[]
        if (output.isEmpty()) {
            if (protocol.phase() == Protocol.Phase.CLOSING) {
                if (protocol.close() == Protocol.Close.LINGER && !inputClosed) {
                    startLingering();
                } else {
                    close();
                }
                return;
            }
            // tag::step-8-close-idle[]
            if (loop.isDraining() && isIdle()) {
                close(); // its last response was queued before the stop began
                return;
            }
            // end::step-8-close-idle[]
        }
        // tag::s02-interest[]
        int wanted = 0;
        // answers to send, or requests left over for the next turn: a writable socket is when to go on
        if (!output.isEmpty() || pendingInput) {
            wanted |= SelectionKey.OP_WRITE;
        }
        // no reading while the client does not read its answers, nor once it has finished sending
        if (!inputClosed && !pendingInput && !clientBehind() && protocol.phase() != Protocol.Phase.CLOSING) {
            wanted |= SelectionKey.OP_READ;
        }
        setInterest(wanted);
        // end::s02-interest[]
        scheduleDeadline();
        // end::step-1-after-io[]
    }

    /** More answers wait than the connection should hold: read no further request until the client reads. */
    private boolean clientBehind() {
        // tag::step-7-backpressure[]
        return output.backedUp();
        // end::step-7-backpressure[]
    }

    // tag::s02-deadline[]
    /** The one deadline that matters now ({@link Deadline}: write stall, header, or idle), in the loop's wheel. */
    private void scheduleDeadline() {
        // tag::step-6-schedule-deadline[]
        loop.timers().schedule(this, deadline.next(loop.now(), !output.isEmpty(), lastWriteAt, protocol.phase(),
                protocol.headsComplete()));
        // end::step-6-schedule-deadline[]
    }
    // end::s02-deadline[]

    @Override
    void expired() {
        // tag::step-6-expired[]
        try {
            if (lingering || !output.isEmpty()) {
                close(); // lingered long enough, or the client has not read for a whole idle timeout
                return;
            }
            protocol.timedOut(); // 408 for a head or body that stopped arriving; idle: just close
            serve();
        } catch (IOException | RuntimeException e) {
            close();
        }
        // end::step-6-expired[]
    }

    /** Over the connection limit: answer 503, then close gently. */
    void refuse() {
        protocol.refuse();
        try {
            serve();
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    // tag::s02-linger[]
    /**
     * Shuts our side down, then swallows what the client still sends for a moment: closing with
     * unread input makes the kernel reset the connection, and a reset can destroy the response in
     * the client's receive queue before it is read. No thread waits: the loop reads and discards
     * on readiness, and the timer wheel ends it.
     */
    private void startLingering() throws IOException {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "{0}: answered, now lingering before the close", channel.socket().getRemoteSocketAddress());
        }
        lingering = true;
        if (input != null) {
            loop.pool().give(input);
            input = null;
        }
        channel.shutdownOutput();
        setInterest(SelectionKey.OP_READ);
        lingerUntil = loop.now() + LINGER_NANOS;
        loop.timers().schedule(this, lingerUntil);
    }

    private void discardInput() throws IOException {
        ByteBuffer sink = loop.scratch();
        int n = channel.read(sink.clear());
        if (n < 0 || (discarded += Math.max(0, n)) > LINGER_BYTES || loop.now() > lingerUntil) {
            close();
        }
    }
    // end::s02-linger[]

    private void setInterest(int wanted) {
        if (wanted != interest) {
            key.interestOps(wanted);
            interest = wanted;
        }
    }

    /** Between requests, with nothing buffered either way: a stopping server may close it. */
    boolean isIdle() {
        return !lingering && input == null && output.isEmpty() && protocol.phase() == Protocol.Phase.IDLE;
    }

    void closeIfIdle() {
        if (isIdle()) {
            close();
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "{0}: closed in phase {1}", channel.socket().getRemoteSocketAddress(), protocol.phase());
        }
        loop.timers().cancel(this);
        try {
            channel.close(); // also cancels the key; the selector lets go of the descriptor at its next select
        } catch (IOException ignored) {
            // the descriptor is released either way
        }
        if (input != null) {
            loop.pool().give(input);
            input = null;
        }
        output.discard();
        loop.closed(this);
    }
}
