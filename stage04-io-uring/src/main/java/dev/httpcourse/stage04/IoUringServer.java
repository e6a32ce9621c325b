package dev.httpcourse.stage04;

import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.server.Draining;
import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.common.server.ServerFailure;
import dev.httpcourse.common.server.ConnectionLimit;
import dev.httpcourse.stage04.uring.Availability;
import dev.httpcourse.stage04.uring.ErrnoException;
import dev.httpcourse.stage04.uring.Sockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Stage 04: stage 03's topology (N workers, each with its own {@code SO_REUSEPORT} listener) with
 * io_uring in place of the selector: each worker is a {@link RingLoop} with its own ring, and one
 * {@code io_uring_enter} per loop turn both submits the turn's operations and waits for completions.
 */
public final class IoUringServer implements Server {
    /** Connections waiting to be accepted, per listener. */
    static final int BACKLOG = 4096;

    private final ServerConfig config;
    private final Supplier<RingService> services;
    private final List<RingLoop> loops = new ArrayList<>();
    private final ServerFailure failure = new ServerFailure();
    private String ringDescription = "";
    private int port;

    public IoUringServer(ServerConfig config) {
        this(config, http1(config));
    }

    /** The same loops with other connections on them: {@code services} makes one service per loop. */
    public IoUringServer(ServerConfig config, Supplier<RingService> services) {
        this.config = config;
        this.services = services;
    }

    private static Supplier<RingService> http1(ServerConfig config) {
        ResponseEncoder encoder = new ResponseEncoder();
        return () -> new Http1RingService(config.app(), config.limits(), encoder);
    }

    @Override
    public void start() throws IOException {
        var reason = Availability.unavailabilityReason();
        if (reason.isPresent()) {
            throw new IOException("io_uring unavailable: " + reason.get());
        }
        InetAddress host = InetAddress.getByName(config.host());
        ConnectionLimit limit = new ConnectionLimit(config.limits().maxConnections());
        int bindPort = config.port();
        try {
            for (int i = 0; i < config.workers(); i++) {
                // the first listener may take an ephemeral port; the others join it there
                int listener = Sockets.listen(new InetSocketAddress(host, bindPort), BACKLOG, true);
                if (i == 0) {
                    bindPort = Sockets.localPort(listener);
                }
                loops.add(new RingLoop("ring-loop-" + i, listener, config.limits(), limit, services.get(), failure));
            }
            for (RingLoop loop : loops) {
                ringDescription = loop.start().get();
            }
        } catch (ErrnoException e) {
            stop(Duration.ZERO);
            throw e;
        } catch (ExecutionException e) {
            stop(Duration.ZERO);
            throw new IOException("io_uring setup failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(Duration.ZERO);
            throw new IOException("interrupted while starting");
        }
        port = bindPort;
    }

    @Override
    public ServerFailure failure() {
        return failure;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void stop(Duration grace) {
        if (loops.isEmpty()) {
            return;
        }
        loops.forEach(RingLoop::drain); // each loop closes its listener and idle connections within a tick
        Draining.await(this::openConnections, grace); // busy connections finish, up to the grace period
        loops.forEach(RingLoop::stop);
        for (RingLoop loop : loops) {
            try {
                loop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loops.clear();
    }

    int openConnections() {
        int n = 0;
        for (RingLoop loop : loops) {
            n += loop.openConnections();
        }
        return n;
    }

    @Override
    public String describe() {
        return "workers=" + config.workers() + " " + ringDescription;
    }
}
