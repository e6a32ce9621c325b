package dev.httpcourse.stage02;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.server.ServerFailure;
import dev.httpcourse.common.server.ConnectionLimit;
import java.lang.System.Logger.Level;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

// tag::s02-event-loop-doc[]
/**
 * One thread, one {@link Selector}, any number of connections. It accepts from the listeners it is
 * given and adopts channels handed to it by other threads, so that stage 03 can run several of these
 * loops, each with its own {@code SO_REUSEPORT} listener or fed by one acceptor.
 *
 * <pre>
 *   ┌─► select(ready key → onReady, until the next timer tick)
 *   │      ├─ listener acceptable → accept, register OP_READ
 *   │      └─ connection ready    → read / process / write (Connection)
 *   │   run tasks handed over by other threads (adopt a channel, drain, stop)
 *   └── fire expired timers (idle, header, write stall, linger)
 * </pre>
 *
 * Nothing here may block or compute for long: everything a loop does, every connection of the loop
 * waits for.
 */
public final class EventLoop {
    // end::s02-event-loop-doc[]
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
    /** Connections accepted per readiness of a listener before the loop serves the others again. */
    static final int ACCEPT_BATCH = 64;
    /** After a failed accept (EMFILE, most often), how long the listener is left alone. */
    static final long ACCEPT_PAUSE_NANOS = 50_000_000;

    private final String name;
    private final App app;
    private final Limits limits;
    private final long idleTimeoutNanos;
    private final ResponseEncoder encoder;
    private final ConnectionLimit connectionLimit;
    private final ServerFailure failure;
    private final BufferPool pool;
    private final ByteBuffer scratch;
    private final Selector selector;
    private final TimerWheel timers;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final List<Listener> listeners = new ArrayList<>();
    private final Thread thread;
    /** Made once: a method reference written at the call would be a new object per select. */
    private final Consumer<SelectionKey> onReady = this::onReady;
    private boolean draining;
    private boolean stopping;
    private long now;
    private volatile int open;

    /** @param failure where the loop reports, once it has closed its connections, that it died */
    public EventLoop(String name, App app, Limits limits, ResponseEncoder encoder, ConnectionLimit connectionLimit,
                     BufferPool.Kind buffers, ServerFailure failure) throws IOException {
        this.name = name;
        this.app = app;
        this.limits = limits;
        this.idleTimeoutNanos = limits.idleTimeout().toNanos();
        this.encoder = encoder;
        this.connectionLimit = connectionLimit;
        this.failure = failure;
        // a buffer must hold the longest line a head may have, so that the parser can always finish one
        int bufferSize = Math.max(16 * 1024, RequestParser.longestLine(limits));
        this.pool = new BufferPool(bufferSize, 256, buffers);
        this.scratch = buffers == BufferPool.Kind.DIRECT ? ByteBuffer.allocateDirect(8192) : ByteBuffer.allocate(8192);
        this.selector = Selector.open();
        this.now = System.nanoTime();
        this.timers = new TimerWheel(now);
        this.thread = Thread.ofPlatform().name(name).unstarted(this::run);
    }

    /** Accepts from {@code listener} (non-blocking from now on). Call before {@link #start()}. */
    public void listen(ServerSocketChannel listener) throws IOException {
        listener.configureBlocking(false);
        Listener l = new Listener(listener);
        l.key = listener.register(selector, SelectionKey.OP_ACCEPT, l);
        listeners.add(l);
    }

    public void start() {
        thread.start();
    }

    // tag::s02-handoff[]
    /**
     * Serves a channel accepted by another thread. The loop is woken only if it may be blocked in
     * select: a wakeup is a write to an eventfd, and the woken select reads it back.
     */
    public void adopt(SocketChannel channel) {
        execute(() -> accepted(channel));
    }

    private void execute(Runnable task) {
        tasks.add(task);
        if (sleeping.compareAndSet(true, false)) {
            selector.wakeup();
        }
    }
    // end::s02-handoff[]

    /** Stops accepting, closes idle connections, and lets the others finish; their answers say close. */
    public void drain() {
        execute(() -> {
            // tag::step-8-drain[]
            draining = true;
            for (Listener l : listeners) {
                l.close();
            }
            for (SelectionKey key : List.copyOf(selector.keys())) {
                if (key.attachment() instanceof Connection c) {
                    c.closeIfIdle();
                }
            }
            // end::step-8-drain[]
        });
    }

    /** Closes every connection, ends the loop's thread and waits for it. */
    public void stop() {
        execute(() -> stopping = true);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Connections open on this loop, lingering ones and refused ones included. */
    public int openConnections() {
        return open;
    }

    /** Buffers lent to connections now: zero when every connection is idle. */
    public int borrowedBuffers() {
        return pool.borrowed();
    }

    // tag::s02-run[]
    private void run() {
        try {
            while (!stopping) {
                turn();
            }
        } catch (IOException | RuntimeException | Error e) {
            // a bug that escaped every handler, or the JVM out of something: this loop cannot go on
            closeEverything(); // every client gets its close now, rather than hang on a descriptor nobody serves
            LOG.log(Level.ERROR, name + ": event loop failed; its connections are closed", e);
            failure.report(name + ": event loop failed: " + e);
            return;
        }
        closeEverything();
    }

    /** One turn: wait for ready keys or the next timer tick, run what other threads handed over, fire the timers due. */
    private void turn() throws IOException {
        // tag::step-1-event-loop[]
        long toTick = timers.nanosToNextTick(System.nanoTime());
        sleeping.set(true);
        if (!tasks.isEmpty() || toTick == 0) {
            selector.selectNow(onReady);
        } else {
            // the Consumer form fills no selected-key set: no HashSet, no iterator per select
            selector.select(onReady, toTick < 0 ? 0 : Math.max(1, (toTick + 999_999) / 1_000_000));
        }
        sleeping.set(false);
        now = System.nanoTime();
        runTasks();
        timers.advance(now);
        // end::step-1-event-loop[]
    }

    private void onReady(SelectionKey key) {
        // tag::step-1-event-loop[]
        now = System.nanoTime();
        if (key.attachment() instanceof Connection c) {
            c.onReady(key.readyOps());
        } else if (key.attachment() instanceof Listener l) {
            l.acceptReady();
        }
        // end::step-1-event-loop[]
    }
    // end::s02-run[]

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    // tag::s02-accepted[]
    private void accepted(SocketChannel channel) {
        // tag::step-8-refuse-while-draining[]
        if (draining) {
            closeQuietly(channel);
            return;
        }
        // end::step-8-refuse-while-draining[]
        // tag::step-1-register[]
        boolean counted = connectionLimit.tryAcquire();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // answers are small and whole: no Nagle delay
            Connection connection = new Connection(channel, this, counted);
            connection.register(selector);
            open++;
            // tag::step-7-refuse-over-limit[]
            if (!counted) {
                connection.refuse(); // a 503 the client can read beats a silent reset
            }
            // end::step-7-refuse-over-limit[]
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot serve a connection: {0}", e.toString());
            if (counted) {
                connectionLimit.release();
            }
            closeQuietly(channel);
        }
        // end::step-1-register[]
    }
    // end::s02-accepted[]

    void closed(Connection connection) {
        open--;
        if (connection.isCounted()) {
            connectionLimit.release();
        }
    }

    private void closeEverything() {
        for (Listener l : listeners) {
            l.close();
        }
        try {
            for (SelectionKey key : List.copyOf(selector.keys())) {
                if (key.attachment() instanceof Connection c) {
                    c.close();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, name + ": closing connections failed", e);
        }
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run(); // hand-offs that came too late are closed, as draining is set
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    App app() {
        return app;
    }

    Limits limits() {
        return limits;
    }

    long idleTimeoutNanos() {
        return idleTimeoutNanos;
    }

    ResponseEncoder encoder() {
        return encoder;
    }

    BufferPool pool() {
        return pool;
    }

    TimerWheel timers() {
        return timers;
    }

    ByteBuffer scratch() {
        return scratch;
    }

    boolean isDraining() {
        return draining;
    }

    /** When the current event began: one clock read per event serves every deadline it sets. */
    long now() {
        return now;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** A listening socket of this loop, and the timer that re-arms it after a failed accept. */
    private final class Listener extends TimerWheel.Entry {
        private final ServerSocketChannel channel;
        private SelectionKey key;

        Listener(ServerSocketChannel channel) {
            this.channel = channel;
        }

        void acceptReady() {
            // tag::step-1-accept[]
            for (int i = 0; i < ACCEPT_BATCH && !draining; i++) {
                SocketChannel accepted;
                try {
                    accepted = channel.accept();
                } catch (IOException e) {
                    // e.g. EMFILE: it would fail again at once, and level-triggered epoll would spin on it
                    LOG.log(Level.WARNING, "accept failed: {0}", e.getMessage());
                    key.interestOps(0);
                    timers.schedule(this, now + ACCEPT_PAUSE_NANOS);
                    return;
                }
                if (accepted == null) {
                    return;
                }
                accepted(accepted);
            }
            // end::step-1-accept[]
        }

        @Override
        void expired() {
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }

        void close() {
            timers.cancel(this);
            closeQuietly(channel); // the descriptor is released at the next select, which deregisters it
        }
    }
}
