package dev.httpcourse.bench.peers;

import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.server.Launcher;
import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.common.server.ServerOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Netty 4.2 with the transport of one's choice (epoll, io_uring or NIO): one acceptor thread, N
 * event loops, {@code HttpServerCodec} and a handler that streams bodies, as Netty's users build
 * an HTTP/1.1 server.
 */
public final class NettyPeer implements Server {
    static final String NAME = "netty";
    /** Exit code when the chosen transport cannot run here (io_uring blocked, not Linux). */
    public static final int EXIT_UNAVAILABLE = 3;
    /** Pending connections the kernel may queue, as for the JDK peer. */
    static final int BACKLOG = 4096;
    /** Netty's shutdown waits this long for quiet before closing connections; its default (2 s) only slows tests. */
    private static final Duration QUIET_PERIOD = Duration.ofMillis(100);

    private final ServerConfig config;
    private final Transport transport;
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel listener;

    public NettyPeer(ServerConfig config, Transport transport) {
        this.config = config;
        this.transport = transport;
    }

    /** @throws TransportUnavailableException when {@link Transport#isAvailable()} is false */
    @Override
    public void start() throws IOException {
        if (!transport.isAvailable()) {
            throw new TransportUnavailableException(transport);
        }
        acceptor = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        workers = new MultiThreadIoEventLoopGroup(config.workers(), transport.ioHandlerFactory());
        Limits limits = config.limits();
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes());
        long idleMillis = limits.idleTimeout().toMillis();
        var bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(
                                new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS),
                                new HttpServerCodec(decoder),
                                new HttpServerExpectContinueHandler(),
                                new NettyExchangeHandler(config.app(), limits.maxBodyBytes()));
                    }
                });
        try {
            listener = bootstrap.bind(config.host(), config.port()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(Duration.ZERO);
            throw new IOException("interrupted while binding", e);
        } catch (Exception e) { // sync() rethrows the bind failure (a BindException) without declaring it
            stop(Duration.ZERO);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    @Override
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * Closes the listener, then lets the event loops run what is queued until they have been quiet
     * for {@link #QUIET_PERIOD} (at most {@code grace}) and close every connection.
     */
    @Override
    public void stop(Duration grace) {
        if (listener != null) {
            listener.close().syncUninterruptibly();
            listener = null;
        }
        long graceMillis = grace.toMillis();
        long quietMillis = Math.min(QUIET_PERIOD.toMillis(), graceMillis);
        for (EventLoopGroup group : new EventLoopGroup[] {acceptor, workers}) {
            if (group != null) {
                group.shutdownGracefully(quietMillis, graceMillis, TimeUnit.MILLISECONDS);
            }
        }
        for (EventLoopGroup group : new EventLoopGroup[] {acceptor, workers}) {
            if (group != null) {
                group.terminationFuture().awaitUninterruptibly(graceMillis + 1000);
            }
        }
        acceptor = null;
        workers = null;
    }

    @Override
    public String describe() {
        io.netty.util.Version version = io.netty.util.Version.identify().get("netty-common");
        return "Netty " + (version == null ? "4.2" : version.artifactVersion()) + ", transport " + transport.cliName()
                + ", " + config.workers() + " event loops";
    }

    /** The transport asked for cannot run here; {@link #getMessage()} is the one-line reason. */
    public static final class TransportUnavailableException extends IOException {
        TransportUnavailableException(Transport transport) {
            super(transport.cliName() + " is not available here: " + transport.unavailabilityReason());
        }
    }

    public static void main(String[] args) {
        System.exit(Launcher.execute(new Cli(), args));
    }

    @Command(name = "netty-peer", mixinStandardHelpOptions = true,
            description = {
                "Netty 4.2 (HttpServerCodec, bodies streamed) serving the course's endpoints.",
                "Limits: --max-request-line, --max-header-bytes (the codec's), --max-body and --idle-timeout "
                        + "apply; --max-headers, --header-timeout and --max-connections have no Netty knob "
                        + "and are accepted but ignored.",
                "Exits " + EXIT_UNAVAILABLE + " with a one-line reason when the transport is not available."})
    static final class Cli implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Option(names = "--transport", required = true,
                completionCandidates = Transport.Names.class, paramLabel = "NAME",
                description = "epoll, io_uring or nio.")
        Transport transport;

        @Option(names = "--workers", paramLabel = "COUNT",
                description = "Event loops serving connections (default: the number of cores).")
        int workers = Runtime.getRuntime().availableProcessors();

        @Override
        public Integer call() throws Exception {
            ServerConfig config = options.config(workers);
            if (!transport.isAvailable()) {
                System.err.println(NAME + ": " + transport.cliName() + " is not available here: "
                        + transport.unavailabilityReason());
                return EXIT_UNAVAILABLE;
            }
            return Launcher.serve(NAME + "-" + transport.cliName(), new NettyPeer(config, transport));
        }
    }
}
