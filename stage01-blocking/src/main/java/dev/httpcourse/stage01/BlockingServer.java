package dev.httpcourse.stage01;

import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import java.lang.System.Logger.Level;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Stage 01: a {@link ServerSocket}, one acceptor thread, and one thread per connection, platform or
 * virtual. Every read and write blocks its thread; the operating system (or the JDK's virtual-thread
 * scheduler) does the multiplexing.
 */
public final class BlockingServer implements Server {
    private static final System.Logger LOG = System.getLogger(BlockingServer.class.getName());
    /** Connections waiting to be accepted: large, as 4,096 clients may connect at once. */
    static final int BACKLOG = 4096;
    /** After a failed accept, how long to wait before the next: a failure usually repeats at once. */
    static final long ACCEPT_RETRY_MILLIS = 50;

    private final ServerConfig config;
    private final ThreadMode mode;
    private final ThreadFactory connectionThreads;
    private final ResponseEncoder encoder = new ResponseEncoder();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;
    private ServerSocket listener;
    private Thread acceptor;
    private ScheduledExecutorService watchdog;

    public BlockingServer(ServerConfig config, ThreadMode mode) {
        this.config = config;
        this.mode = mode;
        this.connectionThreads = mode.connectionThreads();
    }

    @Override
    public void start() throws IOException {
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(config.host(), config.port()), BACKLOG);
        acceptor = Thread.ofPlatform().name("acceptor").start(this::acceptLoop);
        // tag::s01-watchdog[]
        // tag::step-7-write-watchdog[]
        // a write blocked longer than the idle timeout means a client that stopped reading: close it
        long timeoutNanos = config.limits().idleTimeout().toNanos();
        long periodMillis = Math.clamp(config.limits().idleTimeout().toMillis() / 4, 50, 1000);
        watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("write-watchdog").factory());
        watchdog.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            connections.forEach(c -> c.closeIfWriteBlocked(timeoutNanos, now));
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        // end::step-7-write-watchdog[]
        // end::s01-watchdog[]
    }

    // tag::s01-accept-loop[]
    private void acceptLoop() {
        while (!draining) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!draining) {
                    // e.g. EMFILE, too many open files: it fails again at once, so pause rather than spin
                    LOG.log(Level.WARNING, "accept failed: {0}", e.getMessage());
                    pause(ACCEPT_RETRY_MILLIS);
                }
                continue;
            }
            Connection connection = null;
            try {
                socket.setTcpNoDelay(true); // responses are small and written whole: do not wait for more
                // tag::step-7-connection-limit[]
                if (connections.size() >= config.limits().maxConnections()) {
                    refuse(socket);
                    continue;
                }
                // end::step-7-connection-limit[]
                // tag::step-1-thread-per-connection[]
                connection = new Connection(socket, this, config.app(), config.limits(), encoder);
                connections.add(connection);
                connectionThreads.newThread(connection).start();
                // tag::step-8-accept-while-draining[]
                if (draining) {
                    connection.closeIfIdle(); // accepted as stop() began, possibly after it closed the idle ones
                }
                // end::step-8-accept-while-draining[]
                // end::step-1-thread-per-connection[]
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                // OutOfMemoryError here means "unable to create native thread": refuse this one, keep serving
                LOG.log(Level.WARNING, "cannot serve a connection: {0}", e.toString());
                if (connection != null) {
                    connections.remove(connection);
                }
                closeQuietly(socket);
            }
        }
    }
    // end::s01-accept-loop[]

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // tag::s01-refuse[]
    /** Over the connection limit: a 503 the client can understand beats a silent reset. */
    private void refuse(Socket socket) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            socket.setSoTimeout(1000);
            Response busy = Response.error(Status.SERVICE_UNAVAILABLE, "too many connections");
            out.write(encoder.head(busy, Version.HTTP_1_1, false));
            out.write(busy.body());
            out.flush();
        } catch (IOException ignored) {
            // the client left already
        }
    }
    // end::s01-refuse[]

    void closed(Connection connection) {
        connections.remove(connection);
        synchronized (connections) {
            connections.notifyAll();
        }
    }

    /** Connections open now (for tests). */
    int openConnections() {
        return connections.size();
    }

    boolean isDraining() {
        return draining;
    }

    @Override
    public int port() {
        return listener.getLocalPort();
    }

    // tag::s01-stop[]
    @Override
    public void stop(Duration grace) {
        if (listener == null) {
            return;
        }
        draining = true;
        closeQuietly(listener); // no new connections; accept() throws and the acceptor ends
        // tag::step-8-graceful-stop[]
        connections.forEach(Connection::closeIfIdle);
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (connections) {
            while (!connections.isEmpty() && System.nanoTime() < deadline) {
                try {
                    connections.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        // end::step-8-graceful-stop[]
        connections.forEach(Connection::closeQuietly); // grace is over: whatever is left is cut off
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        try {
            if (acceptor != null) {
                acceptor.join(grace.toMillis() + 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
    // end::s01-stop[]

    @Override
    public String describe() {
        return "threads=" + mode.name().toLowerCase();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort
        }
    }
}
