package dev.httpcourse.stage03;

import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.server.Draining;
import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.common.server.ServerFailure;
import dev.httpcourse.stage02.BufferPool;
import dev.httpcourse.common.server.ConnectionLimit;
import dev.httpcourse.stage02.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 03: stage 02's event loop, once per worker. With {@link AcceptMode#REUSEPORT} each worker
 * accepts from a listening socket of its own, all bound to one port with {@code SO_REUSEPORT}, so
 * the kernel spreads connections and no two threads ever touch the same socket or lock. With
 * {@link AcceptMode#HANDOFF} one acceptor thread hands connections out in turn.
 *
 * <p>Nothing else is new: the parser, the protocol, the timers and the buffers are stage 02's, and
 * each connection lives on one loop from accept to close.
 */
public final class ReusePortWorkers implements Server {
    static final int BACKLOG = 4096;

    private final ServerConfig config;
    private final AcceptMode mode;
    private final BufferPool.Kind buffers;
    private final List<EventLoop> workers = new ArrayList<>();
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final ServerFailure failure = new ServerFailure();
    private HandOffAcceptor acceptor;
    private int port;

    /**
     * @param mode the accept mode asked for; where the platform has no {@code SO_REUSEPORT},
     *             {@link #acceptMode()} says what was used instead
     */
    public ReusePortWorkers(ServerConfig config, AcceptMode mode, BufferPool.Kind buffers) {
        this.config = config;
        this.mode = mode == AcceptMode.REUSEPORT && !reusePortAvailable() ? AcceptMode.HANDOFF : mode;
        this.buffers = buffers;
    }

    public ReusePortWorkers(ServerConfig config, AcceptMode mode) {
        this(config, mode, BufferPool.Kind.fromSystemProperty());
    }

    /** Whether this platform has the option at all (Linux, macOS and the BSDs do; Windows does not). */
    static boolean reusePortAvailable() {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }

    /** The accept mode in use. */
    public AcceptMode acceptMode() {
        return mode;
    }

    @Override
    public void start() throws IOException {
        // tag::step-4-one-limit[]
        var limit = new ConnectionLimit(config.limits().maxConnections()); // the server's limit, across workers
        // end::step-4-one-limit[]
        var encoder = new ResponseEncoder();
        try {
            for (int i = 0; i < config.workers(); i++) {
                // tag::step-1-workers[]
                workers.add(new EventLoop("worker-" + i, config.app(), config.limits(), encoder, limit, buffers, failure));
                // end::step-1-workers[]
            }
            if (mode == AcceptMode.REUSEPORT) {
                bindOnePerWorker();
            } else {
                ServerSocketChannel listener = bind(config.port(), false);
                acceptor = new HandOffAcceptor(listener, workers);
            }
        } catch (IOException | RuntimeException e) {
            listeners.forEach(ReusePortWorkers::closeQuietly);
            throw e;
        }
        workers.forEach(EventLoop::start);
        if (acceptor != null) {
            acceptor.start();
        }
    }

    // tag::s03-bind[]
    /**
     * One listening socket per worker, all on one port. The first is bound to the configured port
     * (0 means any), the others to the port it got; each must set {@code SO_REUSEPORT} before
     * {@code bind}, or the kernel refuses the second with "address already in use".
     */
    private void bindOnePerWorker() throws IOException {
        // tag::step-1-listener-per-worker[]
        int boundPort = config.port();
        for (EventLoop worker : workers) {
            ServerSocketChannel listener = bind(boundPort, true);
            boundPort = port;
            worker.listen(listener);
        }
        // end::step-1-listener-per-worker[]
    }

    private ServerSocketChannel bind(int wantedPort, boolean reusePort) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listeners.add(listener);
        listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        if (reusePort) {
            // tag::step-1-reuseport[]
            listener.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            // end::step-1-reuseport[]
        }
        listener.bind(new InetSocketAddress(config.host(), wantedPort), BACKLOG);
        port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        return listener;
    }
    // end::s03-bind[]

    @Override
    public ServerFailure failure() {
        return failure;
    }

    @Override
    public int port() {
        return port;
    }

    // tag::s03-stop[]
    @Override
    public void stop(Duration grace) {
        if (workers.isEmpty()) {
            return;
        }
        if (acceptor != null) {
            acceptor.stop(); // first: a connection handed to a draining worker would only be closed
        }
        // tag::step-5-stop-every-worker[]
        workers.forEach(EventLoop::drain); // each closes its listener and its idle connections
        Draining.await(this::openConnections, grace); // busy connections finish, up to the grace period
        // end::step-5-stop-every-worker[]
        workers.forEach(EventLoop::stop);
        workers.clear();
    }
    // end::s03-stop[]

    /** Connections open now, on all workers. */
    int openConnections() {
        return workers.stream().mapToInt(EventLoop::openConnections).sum();
    }

    /** Connections open now on each worker, in order (for tests of the spread). */
    List<Integer> openConnectionsPerWorker() {
        return workers.stream().map(EventLoop::openConnections).toList();
    }

    @Override
    public String describe() {
        return "workers=" + config.workers() + ", accept=" + mode.name().toLowerCase() + ", buffers="
                + buffers.name().toLowerCase();
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
