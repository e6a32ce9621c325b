package dev.httpcourse.stage04;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.stage02.ConnectionLimit;
import dev.httpcourse.stage02.RequestParser;
import dev.httpcourse.stage04.uring.CompletionHandler;
import dev.httpcourse.stage04.uring.Cqe;
import dev.httpcourse.stage04.uring.ErrnoException;
import dev.httpcourse.stage04.uring.Ring;
import dev.httpcourse.stage04.uring.Sockets;
import dev.httpcourse.stage04.uring.UserData;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
 * Everything the loop owns (the ring, its arena, the buffers, the connections) is touched by its
 * thread alone; other threads only set the volatile {@code draining}/{@code stopping} flags, which
 * the loop sees within a tick.
 */
final class RingLoop {
    // end::s04-loop-doc[]
    static final int SQ_ENTRIES = 256;
    /** Well above the SQ: a multishot accept and many sends can complete per turn (Netty uses 4096 too). */
    static final int CQ_ENTRIES = 4096;
    static final long TICK_NANOS = 50_000_000L;
    static final int OP_ACCEPT = 6;
    static final int SEND_BUFFER_SIZE = 16 * 1024;
    private static final long ACCEPT_USER_DATA = UserData.pack(0, OP_ACCEPT, 0);
    private static final long STOP_TIMEOUT_NANOS = 1_000_000_000L;

    private final String name;
    private final int listener;
    private final App app;
    private final Limits limits;
    private final ResponseEncoder encoder;
    private final ConnectionLimit connectionLimit;
    private final Thread thread;
    private final CompletableFuture<String> started = new CompletableFuture<>();
    /** Made once: a method reference written at the call would be an object per turn. */
    private final CompletionHandler onCompletion = this::onCompletion;
    private Ring ring;
    private Arena arena;
    private SegmentPool recvPool;
    private SegmentPool sendPool;
    private MemorySegment socketScratch;
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

    RingLoop(String name, int listener, App app, Limits limits, ResponseEncoder encoder, ConnectionLimit limit) {
        this.name = name;
        this.listener = listener;
        this.app = app;
        this.limits = limits;
        this.encoder = encoder;
        this.connectionLimit = limit;
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
        arena = Arena.ofConfined();
        recvPool = new SegmentPool(arena, Math.max(16 * 1024, RequestParser.longestLine(limits)));
        sendPool = new SegmentPool(arena, SEND_BUFFER_SIZE);
        socketScratch = Sockets.allocateScratch(arena);
        now = System.nanoTime();
        started.complete(ring.describe());
        boolean inFlightSettled = false;
        try {
            loop();
            inFlightSettled = cancelEverything();
        } catch (RuntimeException | Error e) {
            System.err.println(name + " failed: " + e);
        } finally {
            closeQuietly(listenerClosed ? -1 : listener);
            try {
                ring.close();
            } catch (ErrnoException e) {
                System.err.println(name + ": " + e.getMessage());
            }
            if (inFlightSettled) {
                arena.close();
            } // else: an operation may still write into a buffer; leaving the arena is the safe leak
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
            switch (op) {
                case RingConnection.OP_RECV -> c.onRecv(res);
                case RingConnection.OP_SEND -> c.onSent(res);
                default -> { } // SHUTDOWN, CANCEL: their effect shows in the RECV and SEND completions
            }
        } catch (RuntimeException e) {
            // a bug: this connection is over, the loop and the others are not
            System.err.println(name + ": connection failed: " + e);
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
        try {
            Sockets.setNoDelay(socketScratch, res); // answers are small and whole: no Nagle delay
        } catch (ErrnoException ignored) {
            // a socket that cannot take the option still works
        }
        boolean counted = connectionLimit.tryAcquire();
        int slot = takeSlot();
        RingConnection c = new RingConnection(this, slot, generations[slot], res, counted);
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
        if (c.isCounted()) {
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

    boolean isDraining() {
        return draining;
    }

    Ring ring() {
        return ring;
    }

    long now() {
        return now;
    }

    App app() {
        return app;
    }

    Limits limits() {
        return limits;
    }

    ResponseEncoder encoder() {
        return encoder;
    }

    SegmentPool recvPool() {
        return recvPool;
    }

    SegmentPool sendPool() {
        return sendPool;
    }
}
