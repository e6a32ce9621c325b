package dev.httpcourse.common.server;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * How a server says it can no longer serve: one of its loops died (an {@code Error}, a bug that
 * escaped every handler, a ring the kernel broke). The loop closes its connections, so no client
 * hangs on a descriptor nobody serves, and reports here; the {@link Launcher} listens, stops the
 * rest of the server and exits non-zero, rather than serve from fewer loops in silence.
 * Thread-safe; the first report is the one that counts.
 */
public final class ServerFailure {
    private final CompletableFuture<String> reason = new CompletableFuture<>();

    /** Called by the loop that cannot go on, once it has closed its connections. */
    public void report(String why) {
        reason.complete(why);
    }

    /** Runs {@code action} with the reason once one is reported (at once if one already was). */
    public void whenReported(Consumer<String> action) {
        reason.thenAccept(action);
    }

    /** The reason, or null while the server is sound. */
    public String reason() {
        return reason.getNow(null);
    }
}
