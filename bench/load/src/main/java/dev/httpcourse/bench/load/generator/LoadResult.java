package dev.httpcourse.bench.load.generator;

import java.util.List;

/** One result per measured window, in order; {@code problem} is the first thing that went wrong, if any. */
public record LoadResult(List<Window> windows, String problem) {

    public LoadResult {
        windows = List.copyOf(windows);
    }

    /**
     * One measured window: 2xx responses whose body passed its check (when checked), the window's
     * length, latency, and errors.
     */
    public record Window(long requests, double seconds, Latency latency, Errors errors) {
        public double requestsPerSecond() {
            return seconds > 0 ? requests / seconds : 0;
        }
    }
}
