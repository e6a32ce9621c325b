package dev.httpcourse.bench.load.generator;

import org.HdrHistogram.Histogram;

/** Latency percentiles of one measured window, in microseconds, from send to the whole response. */
public record Latency(long p50, long p90, long p99, long p999, long max, double mean) {
    public static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);

    public static Latency of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return NONE;
        }
        return new Latency(h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean());
    }
}
