package dev.httpcourse.conformance;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The servers of one binding: one per {@link Limits}, started on first use on 127.0.0.1 port 0 and
 * shared by every test that needs those limits, stopped when the binding's tests are done. Tests that
 * stop a server or count its resources start their own with {@link #startFresh}.
 */
final class ServerPool implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final Function<ServerConfig, Server> factory;
    private final Map<Limits, Running> running = new HashMap<>();

    ServerPool(Function<ServerConfig, Server> factory) {
        this.factory = factory;
    }

    /** A server with these limits, shared. */
    synchronized Running get(Limits limits) {
        return running.computeIfAbsent(limits, this::startFresh);
    }

    /** The port of a shared server with these limits. */
    int port(Limits limits) {
        return get(limits).port();
    }

    /** A server of its own, with its own application: the caller closes it. */
    Running startFresh(Limits limits) {
        App app = App.withBundledDataset();
        Server server = factory.apply(new ServerConfig(Client.HOST, 0, Runtime.getRuntime().availableProcessors(),
                limits, app));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("the server under test did not start", e);
        }
        return new Running(server, app, server.port(), new AtomicBoolean());
    }

    @Override
    public synchronized void close() {
        running.values().forEach(Running::close);
        running.clear();
    }

    /** A started server, its application (to count requests), and its port. */
    record Running(Server server, App app, int port, AtomicBoolean stopped) implements AutoCloseable {

        /** Stops once, however often it is called. */
        void stop(Duration grace) {
            if (stopped.compareAndSet(false, true)) {
                server.stop(grace);
            }
        }

        @Override
        public void close() {
            stop(STOP_GRACE);
        }
    }
}
