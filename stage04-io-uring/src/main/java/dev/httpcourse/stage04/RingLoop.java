package dev.httpcourse.stage04;

import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.server.ConnectionLimit;
import dev.httpcourse.common.server.ServerFailure;
import dev.httpcourse.stage04.uring.CompletionHandler;
import dev.httpcourse.stage04.uring.Cqe;
import dev.httpcourse.stage04.uring.ErrnoException;
import dev.httpcourse.stage04.uring.Ring;
import dev.httpcourse.stage04.uring.Sockets;
import dev.httpcourse.stage04.uring.UserData;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

// tag::s04-loop-doc[]
/**
 * One worker: one thread, one ring, one {@code SO_REUSEPORT} listener, its connections.
 *
 * <pre>
 *   ┌─► io_uring_enter(submit every SQE prepared since the last turn, wait for ≥ 1 CQE or a tick)
 *   │   drain the CQ: accept → new connection, RECV → parse and answer, SEND → send the rest or read on
 *   │   (each handler only prepares SQEs: they all go in the next turn's single enter)
 *   └── once per tick: expired deadlines (idle, header, write stall, linger), drain or stop requests
 * </pre>
 *
 * Everything the loop owns (the ring, the buffers, the connections) is touched by its
 * thread alone; other threads only set the volatile {@code draining}/{@code stopping} flags, which
 * the loop sees within a tick.
 *
 * <p>The loop knows its connections only as {@link RingConnection}s, which it finds by the slot and
 * generation in each CQE's {@code user_data}; what they do with their bytes, and what they share,
 * is the server's {@link RingService}: stage 04's ({@link Http1RingService}) moves them through
 * stage 02's protocol.
 */
public final class RingLoop {
    // end::s04-loop-doc[]
    private static final System.Logger LOG = System.getLogger(RingLoop.class.getName());
    static final int SQ_ENTRIES = 256;
    /** Well above the SQ: a multishot accept and many sends can complete per turn (Netty uses 4096 too). */
    static final int CQ_ENTRIES = 4096;
    static final long TICK_NANOS = 50_000_000L;
    static final int OP_ACCEPT = 6;
    private static final long ACCEPT_USER_DATA = UserData.pack(0, OP_ACCEPT, 0);
    private static final long STOP_TIMEOUT_NANOS = 1_000_000_000L;

    private final String name;
    private final int listener;
    private final RingService service;
    private final ConnectionLimit connectionLimit;
    private final ServerFailure failure;
    private final Limits limits;
    private final Thread thread;
    private final CompletableFuture<String> started = new CompletableFuture<>();
    /** Made once: a method reference written at the call would be an object per turn. */
    private final CompletionHandler onCompletion = this::onCompletion;
    private Ring ring;
    private RingConnection[] slots = new RingConnection[256];
    private int[] generations = new int[256];
    private int[] freeSlots = new int[256];
    private int freeCount;
    private int highestSlot;
    private boolean acceptArmed;
    private boolean acceptCancelled;
    private boolean listenerClosed;
    private long acceptPausedUntil;
    private long now;
    private volatile boolean draining;
    private volatile boolean stopping;
    private volatile int open;

    RingLoop(String name, int listener, Limits limits, ConnectionLimit limit, RingService service, ServerFailure failure) {
        this.name = name;
        this.failure = failure;
        this.listener = listener;
        this.limits = limits;
        this.connectionLimit = limit;
        this.service = service;
        this.thread = Thread.ofPlatform().name(name).unstarted(this::run);
        for (int i = slots.length - 1; i >= 0; i--) {
            freeSlots[freeCount++] = i;
        }
    }

    /** Starts the thread; completes with the ring's description once the ring is up, or exceptionally. */
    CompletableFuture<String> start() {
        thread.start();
        return started;
    }

    private void run() {
        try {
            // the ring is opened here, on the loop thread: that makes this thread its single issuer
            ring = Ring.open(SQ_ENTRIES, CQ_ENTRIES);
        } catch (ErrnoException | RuntimeException e) {
            closeQuietly(listener);
            started.completeExceptionally(e);
            return;
        }
        now = System.nanoTime();
        try {
            service.open(this);
        } catch (ErrnoException | RuntimeException e) {
            closeRing(false);
            started.completeExceptionally(e);
            return;
        }
        started.complete(ring.describe());
        boolean inFlightSettled = false;
        String failed = null;
        try {
            loop();
            inFlightSettled = cancelEverything();
        } catch (RuntimeException | Error e) {
            // a bug that escaped every handler, a full SQ the kernel would not take, completions the
            // kernel dropped, the JVM out of memory: the ring cannot be trusted to close anything now
            failed = name + " failed: " + e;
            closeConnectionsNow();
            LOG.log(Level.ERROR, name + " failed; its connections are closed", e);
        } finally {
            closeRing(inFlightSettled);
        }
        if (failed != null) {
            failure.report(failed);
        }
    }

    /**
     * The loop is dying: close every client's descriptor with a plain {@code close(2)}, so each client
     * sees its connection end instead of waiting on a socket nobody will serve. Their buffers are
     * not freed ({@code closeRing(false)}): an operation may still be in flight.
     */
    private void closeConnectionsNow() {
        for (int i = 0; i <= highestSlot; i++) {
            RingConnection c = slots[i];
            if (c != null) {
                slots[i] = null;
                closeQuietly(c.fd);
                open--;
                if (c.counted) {
                    connectionLimit.release();
                }
            }
        }
    }

    private void closeRing(boolean inFlightSettled) {
        closeQuietly(listenerClosed ? -1 : listener);
        listenerClosed = true;
        service.close(inFlightSettled);
        try {
            ring.close();
        } catch (ErrnoException e) {
            LOG.log(Level.WARNING, "{0}: {1}", name, e.getMessage());
        }
    }

    // tag::s04-loop[]
    private void loop() {
        long nextTick = now + TICK_NANOS;
        while (!stopping) {
            if (!acceptArmed && !draining && now >= acceptPausedUntil) {
                ring.prepAcceptMultishot(listener, ACCEPT_USER_DATA);
                acceptArmed = true;
            }
            ring.submitAndWait(1, TICK_NANOS);
            now = System.nanoTime();
            ring.drain(onCompletion);
            if (now >= nextTick) {
                nextTick = now + TICK_NANOS;
                tick();
            }
        }
    }

    private void onCompletion(long userData, int res, int flags) {
        int op = UserData.op(userData);
        if (op == OP_ACCEPT) {
            onAccept(res, flags);
            return;
        }
        int slot = UserData.slot(userData);
        RingConnection c = slot < slots.length ? slots[slot] : null;
        if (c == null || c.generation != UserData.generation(userData)) {
            return; // a late CQE of a connection already gone (its CLOSE, a cancel): nothing to do
        }
        try {
            c.onCompletion(op, res, flags);
        } catch (RuntimeException e) {
            // a bug: this connection is over, the loop and the others are not
            LOG.log(Level.ERROR, name + ": connection failed", e);
            c.close();
        }
    }
    // end::s04-loop[]

    private void onAccept(int res, int flags) {
        if (!Cqe.hasMore(flags)) {
            acceptArmed = false; // the multishot accept ended: re-armed next turn unless draining
        }
        if (res < 0) {
            if (draining) {
                closeListener();
            } else {
                // EMFILE/ENFILE most often: it would fail again at once, so leave the listener alone a moment
                acceptPausedUntil = now + 50_000_000L;
            }
            return;
        }
        if (draining) {
            closeQuietly(res);
            return;
        }
        boolean counted = connectionLimit.tryAcquire();
        int slot = takeSlot();
        RingConnection c = service.connect(this, slot, generations[slot], res, counted);
        slots[slot] = c;
        open++;
        if (counted) {
            c.start();
        } else {
            c.refuse();
        }
    }

    private int takeSlot() {
        if (freeCount == 0) {
            int old = slots.length;
            slots = Arrays.copyOf(slots, old * 2);
            generations = Arrays.copyOf(generations, old * 2);
            freeSlots = Arrays.copyOf(freeSlots, old * 2);
            for (int i = old * 2 - 1; i >= old; i--) {
                freeSlots[freeCount++] = i;
            }
        }
        int slot = freeSlots[--freeCount];
        highestSlot = Math.max(highestSlot, slot);
        return slot;
    }

    /** The connection has submitted its CLOSE and given back its buffers: free its slot for a new generation. */
    void closed(RingConnection c) {
        slots[c.slot] = null;
        generations[c.slot] = (generations[c.slot] + 1) & UserData.MAX_GENERATION;
        freeSlots[freeCount++] = c.slot;
        if (c.counted) {
            connectionLimit.release();
        }
        open--;
    }

    private void tick() {
        if (draining) {
            if (acceptArmed) {
                if (!acceptCancelled) {
                    acceptCancelled = true; // its final CQE (-ECANCELED, no F_MORE) closes the listener
                    ring.prepCancel(ACCEPT_USER_DATA, UserData.pack(0, RingConnection.OP_CANCEL, 0));
                }
            } else {
                closeListener();
            }
        }
        for (int i = 0; i <= highestSlot; i++) {
            RingConnection c = slots[i];
            if (c == null) {
                continue;
            }
            if (draining && c.isIdle()) {
                c.close();
            } else if (now - c.deadline >= 0) {
                c.expired();
            }
        }
    }

    /** Stop: cancel everything in flight, and wait (a bounded time) for the cancellations to complete. */
    private boolean cancelEverything() {
        for (int i = 0; i <= highestSlot; i++) {
            if (slots[i] != null) {
                slots[i].close();
            }
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT_NANOS;
        while (open > 0 && System.nanoTime() < deadline) {
            ring.submitAndWait(1, TICK_NANOS);
            now = System.nanoTime();
            ring.drain(onCompletion);
        }
        ring.submitAndWait(0); // the last CLOSEs
        return open == 0;
    }

    private void closeListener() {
        if (!listenerClosed) {
            listenerClosed = true;
            closeQuietly(listener);
        }
    }

    private static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                Sockets.close(fd);
            } catch (ErrnoException ignored) {
                // released either way
            }
        }
    }

    void drain() {
        draining = true;
    }

    void stop() {
        stopping = true;
    }

    /** Waits for the loop's end; a loop whose thread never started just gives its listener back. */
    void join() throws InterruptedException {
        if (thread.getState() == Thread.State.NEW) {
            closeQuietly(listener);
        } else {
            thread.join();
        }
    }

    int openConnections() {
        return open;
    }

    public boolean isDraining() {
        return draining;
    }

    public Ring ring() {
        return ring;
    }

    /** The time of this turn's completions ({@link System#nanoTime()}), read once per turn. */
    public long now() {
        return now;
    }

    public Limits limits() {
        return limits;
    }
}
