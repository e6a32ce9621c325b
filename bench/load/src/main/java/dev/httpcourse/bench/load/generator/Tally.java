package dev.httpcourse.bench.load.generator;

import org.HdrHistogram.Histogram;

/** One worker's counts for one measured window; merged across workers when the run ends. */
final class Tally {
    /** Latencies above a minute are clamped: no response should take that long. */
    static final long MAX_LATENCY_MICROS = 60_000_000;

    final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
    long completed;
    long non2xx;
    long connect;
    long io;
    long parse;
    long badBody;

    void completed(long latencyNanos) {
        completed++;
        latency.recordValue(Math.clamp(latencyNanos / 1000, 1, MAX_LATENCY_MICROS));
    }

    Errors errors() {
        return new Errors(non2xx, connect, io, parse, badBody, 0);
    }

    void add(Tally other) {
        completed += other.completed;
        non2xx += other.non2xx;
        connect += other.connect;
        io += other.io;
        parse += other.parse;
        badBody += other.badBody;
        latency.add(other.latency);
    }
}
