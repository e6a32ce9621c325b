package dev.httpcourse.bench.load.generator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One load thread: a {@link Selector} over its share of the connections. It counts each response in
 * the measured window its arrival falls in (none during warm-up), so every thread agrees on the
 * windows without any coordination.
 */
final class Worker implements Runnable {
    /** One response in this many has its body checked, besides the first on every connection. */
    static final int CHECK_EVERY = 100;
    private static final long RETRY_AFTER = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long MAX_SELECT_MILLIS = 10;
    /**
     * After the last window no new request is sent, and answers in flight get this long to arrive:
     * a server left with requests it can never answer may take its whole grace period to stop.
     */
    static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(2);

    final InetSocketAddress address;
    final List<RequestTemplate> templates;
    final ByteBuffer[] buffers;
    final int pipeline;
    final int reconnectEvery;
    final Selector selector;
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    final Tally[] tallies;

    private final List<Connection> connections = new ArrayList<>();
    private final List<Connection> retries = new ArrayList<>();
    private final AtomicLong budget;
    private final long firstWindow;
    private final long windowNanos;
    private final long stopAt;
    private int untilCheck = CHECK_EVERY;
    private volatile boolean stop;
    private boolean draining;
    private volatile String problem;
    private volatile long unanswered;

    /**
     * @param budget requests left to send, shared by all workers, or null for a timed run
     */
    Worker(LoadSpec spec, ByteBuffer[] buffers, AtomicLong budget, long firstWindow, long windowNanos, long stopAt)
            throws IOException {
        this.address = spec.address();
        this.templates = spec.templates();
        this.buffers = buffers;
        this.pipeline = spec.pipeline();
        this.reconnectEvery = spec.reconnectEvery();
        this.selector = Selector.open();
        this.budget = budget;
        this.firstWindow = firstWindow;
        this.windowNanos = windowNanos;
        this.stopAt = stopAt;
        this.tallies = new Tally[spec.windows()];
        for (int i = 0; i < tallies.length; i++) {
            tallies[i] = new Tally();
        }
    }

    void add(int template) {
        connections.add(new Connection(this, template));
    }

    @Override
    public void run() {
        try {
            for (Connection c : connections) {
                c.open();
            }
            long drainUntil = 0;
            while (!stop) {
                long now = System.nanoTime();
                if (!draining && now - stopAt >= 0) {
                    draining = true;
                    drainUntil = now + DRAIN_NANOS;
                }
                if ((draining && (now - drainUntil >= 0 || allIdle()))
                        || (budget != null && budget.get() == 0 && allIdle())) {
                    break;
                }
                retryDue(now);
                selector.select(key -> ((Connection) key.attachment()).onReady(key), MAX_SELECT_MILLIS);
            }
        } catch (IOException | RuntimeException e) {
            note("load thread failed: " + e);
            throw new IllegalStateException(e);
        } finally {
            long waiting = 0;
            for (Connection c : connections) {
                waiting += c.unanswered();
                // An idle connection ends as a client's normally does (FIN); one still waiting, with a reset.
                c.close(!c.idle());
            }
            unanswered = waiting;
            try {
                selector.close();
            } catch (IOException ignored) {
                // the run is over
            }
        }
    }

    void stop() {
        stop = true;
        selector.wakeup();
    }

    /** The window a response arriving at {@code now} counts in, or null (warm-up, or after the last). */
    Tally tally(long now) {
        // A warm-up alone has no window (and no window length to divide by).
        if (tallies.length == 0 || now - firstWindow < 0) {
            return null;
        }
        long i = (now - firstWindow) / windowNanos;
        return i < tallies.length ? tallies[(int) i] : null;
    }

    /** Takes up to {@code want} requests from the budget. */
    int take(int want) {
        if (draining) {
            return 0;
        }
        if (budget == null || want <= 0) {
            return Math.max(want, 0);
        }
        while (true) {
            long left = budget.get();
            int granted = (int) Math.min(left, want);
            if (granted == 0 || budget.compareAndSet(left, left - granted)) {
                return granted;
            }
        }
    }

    /** A connection may (re)open: always in a timed run, while budget lasts in a counted one. */
    boolean mayOpen() {
        return !stop && !draining && (budget == null || budget.get() > 0);
    }

    /** Whether to keep the next response's body to check it. */
    boolean sampleNext() {
        if (--untilCheck == 0) {
            untilCheck = CHECK_EVERY;
            return true;
        }
        return false;
    }

    void retryLater(Connection c, long now) {
        c.retryAt = now + RETRY_AFTER;
        retries.add(c);
    }

    /** Keeps the first problem seen, for the report. */
    void note(String what) {
        if (problem == null) {
            problem = what;
        }
    }

    String problem() {
        return problem;
    }

    /** Requests its connections still waited for when the run ended (set as the thread ends). */
    long unanswered() {
        return unanswered;
    }

    private void retryDue(long now) {
        for (int i = retries.size() - 1; i >= 0; i--) {
            Connection c = retries.get(i);
            if (now - c.retryAt >= 0) {
                retries.remove(i);
                if (mayOpen()) {
                    c.open();
                }
            }
        }
    }

    private boolean allIdle() {
        for (Connection c : connections) {
            if (!c.idle()) {
                return false;
            }
        }
        return true;
    }
}
