package dev.httpcourse.bench.load.generator;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * What to drive: where, with which requests, over how many connections and threads, how deep to
 * pipeline, when to reconnect, and for how long.
 *
 * <p>A timed run is one warm-up, whose responses are not counted, followed by {@code windows}
 * measured windows of {@code window} each, back to back on the same connections. The driver asks
 * for a warm-up alone ({@code windows} 0) and then for one window at a time, since it measures the
 * servers in turn; tests ask for several windows in one run.
 * A counted run ({@code maxRequests > 0}) sends exactly that many requests and measures all of them
 * in one window: what tests use to compare with the server's own count.
 */
public record LoadSpec(InetSocketAddress address, List<RequestTemplate> templates, int connections, int threads,
                       int pipeline, int reconnectEvery, Duration warmup, Duration window, int windows,
                       long maxRequests) {

    public LoadSpec {
        templates = List.copyOf(templates);
        if (templates.isEmpty() || connections < 1 || threads < 1 || pipeline < 1 || reconnectEvery < 0
                || windows < 0 || (windows == 0 && warmup.isZero()) || maxRequests < 0 || warmup.isNegative() || window.isNegative()) {
            throw new IllegalArgumentException("bad load spec: " + this);
        }
    }

    /** The profile's templates, pipeline and reconnect setting, for a timed run. */
    public static LoadSpec timed(InetSocketAddress address, Profile profile, int connections, int threads,
                                 Duration warmup, Duration window, int windows) {
        return new LoadSpec(address, profile.templates(hostHeader(address)), profile.connections(connections),
                threads, profile.pipeline(), profile.reconnectEvery(), warmup, window, windows, 0);
    }

    /** The profile's warm-up alone: load whose responses are not counted, and no window. */
    public static LoadSpec warmup(InetSocketAddress address, Profile profile, int connections, int threads,
                                  Duration warmup) {
        return timed(address, profile, connections, threads, warmup, Duration.ZERO, 0);
    }

    /** The profile's shape for exactly {@code requests} requests, all measured. */
    public static LoadSpec counted(InetSocketAddress address, Profile profile, int connections, int threads,
                                   long requests) {
        return new LoadSpec(address, profile.templates(hostHeader(address)), profile.connections(connections),
                threads, profile.pipeline(), profile.reconnectEvery(), Duration.ZERO, Duration.ZERO, 1, requests);
    }

    public boolean counted() {
        return maxRequests > 0;
    }

    static String hostHeader(InetSocketAddress address) {
        return "localhost:" + address.getPort();
    }
}
