package dev.httpcourse.bench.load.generator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in load generator, shaped after HttpArena's gcannon but on Java NIO: a few threads,
 * each with a selector and an even share of the connections; connection i starts on template
 * i mod n; pipelining with continuous refill; reconnect with RST after N responses; only 2xx with a
 * correct body counted; warm-up excluded; latency from send to the whole response.
 */
public final class NioLoadGenerator implements LoadGenerator {
    /** A counted run that takes longer than this is stuck; it ends and reports what it got. */
    static final long COUNTED_RUN_LIMIT = TimeUnit.SECONDS.toNanos(60);

    @Override
    public String name() {
        return "builtin";
    }

    @Override
    public String describe() {
        return "builtin (Java NIO, selector per thread, JDK " + Runtime.version().feature() + ")";
    }

    @Override
    public LoadResult run(LoadSpec spec, WindowListener listener) throws IOException, InterruptedException {
        int threads = Math.min(spec.threads(), spec.connections());
        ByteBuffer[] buffers = new ByteBuffer[spec.templates().size()];
        for (int i = 0; i < buffers.length; i++) {
            // pipeline + 1 copies: k requests starting anywhere inside the first copy fit without wrapping.
            buffers[i] = spec.templates().get(i).repeated(spec.pipeline() + 1);
        }
        long start = System.nanoTime();
        AtomicLong budget = spec.counted() ? new AtomicLong(spec.maxRequests()) : null;
        long firstWindow = start + spec.warmup().toNanos();
        long windowNanos = spec.counted() ? Long.MAX_VALUE / 4 : spec.window().toNanos();
        long stopAt = spec.counted() ? start + COUNTED_RUN_LIMIT : firstWindow + windowNanos * spec.windows();

        var workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(spec, buffers, budget, firstWindow, windowNanos, stopAt);
        }
        for (int c = 0; c < spec.connections(); c++) {
            workers[c % threads].add(c % spec.templates().size());
        }
        var running = new ArrayList<Thread>();
        for (int i = 0; i < threads; i++) {
            running.add(Thread.ofPlatform().name("load-" + i).daemon().start(workers[i]));
        }

        double[] seconds = new double[spec.windows()];
        try {
            if (spec.counted()) {
                listener.windowStarted(0);
                for (Thread t : running) {
                    t.join(TimeUnit.NANOSECONDS.toMillis(COUNTED_RUN_LIMIT) + 5_000);
                }
                listener.windowEnded(0);
                seconds[0] = (System.nanoTime() - start) / 1e9;
            } else {
                for (int i = 0; i <= spec.windows(); i++) {
                    sleepUntil(firstWindow + windowNanos * i);
                    if (i > 0) {
                        listener.windowEnded(i - 1);
                        seconds[i - 1] = windowNanos / 1e9;
                    }
                    if (i < spec.windows()) {
                        listener.windowStarted(i);
                    }
                }
                for (Thread t : running) {
                    t.join(TimeUnit.NANOSECONDS.toMillis(Worker.DRAIN_NANOS) + 5_000);
                }
            }
        } finally {
            for (Worker w : workers) {
                w.stop();
            }
        }
        for (Thread t : running) {
            t.join();
        }

        var windows = new ArrayList<LoadResult.Window>();
        for (int i = 0; i < spec.windows(); i++) {
            var sum = new Tally();
            for (Worker w : workers) {
                sum.add(w.tallies[i]);
            }
            windows.add(new LoadResult.Window(sum.completed, seconds[i], Latency.of(sum.latency), sum.errors()));
        }
        String problem = null;
        long unanswered = 0;
        for (Worker w : workers) {
            problem = problem != null ? problem : w.problem();
            unanswered += w.unanswered();
        }
        return new LoadResult(windows, problem, unanswered);
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
