package dev.httpcourse.stage02;

import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.server.Draining;
import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.common.server.ServerFailure;
import dev.httpcourse.common.server.ConnectionLimit;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;

/**
 * Stage 02: every connection of the server on one {@link EventLoop}, one thread, one selector. No
 * thread waits for a client: a connection costs a channel, a key and a few small objects, plus a
 * pooled buffer only while bytes are in flight.
 */
public final class SelectorServer implements Server {
    /** Connections waiting to be accepted: large, as 4,096 clients may connect at once. */
    static final int BACKLOG = 4096;

    private final ServerConfig config;
    private final BufferPool.Kind buffers;
    private final ServerFailure failure = new ServerFailure();
    private ServerSocketChannel listener;
    private EventLoop loop;
    private int port;

    public SelectorServer(ServerConfig config, BufferPool.Kind buffers) {
        this.config = config;
        this.buffers = buffers;
    }

    /** With the buffers {@code -Dhttpcourse.buffers} names, heap by default. */
    public SelectorServer(ServerConfig config) {
        this(config, BufferPool.Kind.fromSystemProperty());
    }

    @Override
    public void start() throws IOException {
        listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.host(), config.port()), BACKLOG);
            port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            loop = new EventLoop("event-loop", config.app(), config.limits(), new ResponseEncoder(),
                    new ConnectionLimit(config.limits().maxConnections()), buffers, failure);
            loop.listen(listener);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        loop.start();
    }

    @Override
    public ServerFailure failure() {
        return failure;
    }

    @Override
    public int port() {
        return port;
    }

    // tag::s02-stop[]
    @Override
    public void stop(Duration grace) {
        if (loop == null) {
            return;
        }
        loop.drain(); // closes the listener and the idle connections, on the loop's thread
        Draining.await(loop::openConnections, grace); // busy connections finish, up to the grace period
        loop.stop(); // grace is over: whatever is left is cut off
        loop = null;
    }
    // end::s02-stop[]

    /** Buffers the loop has lent out now (for tests). */
    int borrowedBuffers() {
        return loop.borrowedBuffers();
    }

    /** Connections open now (for tests). */
    int openConnections() {
        return loop.openConnections();
    }

    @Override
    public String describe() {
        return "buffers=" + buffers.name().toLowerCase();
    }
}
