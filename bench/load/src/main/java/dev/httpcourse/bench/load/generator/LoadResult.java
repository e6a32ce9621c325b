package dev.httpcourse.bench.load.generator;

import java.util.List;

/**
 * One result per measured window, in order; {@code problem} is the first thing that went wrong, if
 * any; {@code unanswered} the requests still waiting for an answer when the run ended, after its
 * drain: answers a server lost, which no window counts (they would be errors only by a timeout).
 */
public record LoadResult(List<Window> windows, String problem, long unanswered) {

    public LoadResult {
        windows = List.copyOf(windows);
    }

    /** A result whose generator cannot tell what was left unanswered (wrk). */
    public LoadResult(List<Window> windows, String problem) {
        this(windows, problem, 0);
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
