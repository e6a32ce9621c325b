package dev.httpcourse.common.server;

import java.io.IOException;
import java.time.Duration;

/**
 * What tests, benchmarks and the launcher need of any stage: start it, find its port, stop it.
 *
 * <pre>
 *   new ──start()──► SERVING ──stop(grace)──► DRAINING ──all connections done, or grace over──► STOPPED
 * </pre>
 *
 * While draining a server accepts no connection, closes idle keep-alive connections, and lets
 * requests in flight finish (their responses carry {@code Connection: close}).
 */
public interface Server extends AutoCloseable {

    /** Binds and starts serving; returns once connections are accepted. */
    void start() throws IOException;

    /** The bound port (useful when configured with port 0). */
    int port();

    /** Stops gracefully, waiting at most {@code grace} for requests in flight; returns when stopped. */
    void stop(Duration grace);

    /**
     * Where the server reports that it can no longer serve (a loop died). A server whose threads
     * survive anything a client sends need not report: the default never does.
     */
    default ServerFailure failure() {
        return new ServerFailure();
    }

    /** A one-line description for the ready message, for example {@code threads=virtual}. */
    default String describe() {
        return "";
    }

    @Override
    default void close() {
        stop(Duration.ofSeconds(5));
    }
}
