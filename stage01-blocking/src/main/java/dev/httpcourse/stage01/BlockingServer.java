package dev.httpcourse.stage01;

import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * Stage 01: a {@link ServerSocket}, one acceptor thread, and one thread per connection, platform or
 * virtual. Every read and write blocks its thread; the operating system (or the JDK's virtual-thread
 * scheduler) does the multiplexing.
 */
public final class BlockingServer implements Server {
    /** Connections waiting to be accepted: large, as 4,096 clients may connect at once. */
    static final int BACKLOG = 4096;

    private final ServerConfig config;
    private final ThreadMode mode;
    private final ThreadFactory connectionThreads;
    private final ResponseEncoder encoder = new ResponseEncoder();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;
    private ServerSocket listener;
    private Thread acceptor;

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
    }

    // tag::s01-accept-loop[]
    private void acceptLoop() {
        while (!draining) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!draining) {
                    System.err.println("accept failed: " + e.getMessage());
                }
                continue;
            }
            try {
                socket.setTcpNoDelay(true); // responses are small and written whole: do not wait for more
                if (connections.size() >= config.limits().maxConnections()) {
                    refuse(socket);
                    continue;
                }
                var connection = new Connection(socket, this, config.app(), config.limits(), encoder);
                connections.add(connection);
                connectionThreads.newThread(connection).start();
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                // OutOfMemoryError here means "unable to create native thread": refuse this one, keep serving
                System.err.println("cannot serve a connection: " + e);
                closeQuietly(socket);
            }
        }
    }
    // end::s01-accept-loop[]

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
        connections.forEach(Connection::closeQuietly); // grace is over: whatever is left is cut off
        try {
            acceptor.join(grace.toMillis() + 1000);
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
