package dev.httpcourse.bench.peers;

import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.server.Launcher;
import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.common.server.ServerOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Vert.x 5 core: an {@code HttpServer} in a verticle, deployed once per event loop, as Vert.x's manual
 * scales a server ("Server sharing"): the verticles listen on the same port, one acceptor thread takes
 * the connections and hands them round-robin to the verticles' event loops. Everything below the
 * request handler is Netty, with the same codec the Netty peer uses.
 *
 * <p>Settings, each from Vert.x's documentation of the option or from HttpArena's Vert.x entries
 * ({@code frameworks/vertx}: Vert.x 4.5 as an engine, later 5.1 with vertx-web):
 * <ul>
 * <li><b>native transport</b> ({@code VertxOptions.preferNativeTransport}, default false): epoll (or
 *     io_uring where epoll is missing) instead of NIO, as the manual's "Native transports" section sets
 *     it up and HttpArena's engine entry ran; Netty documents its epoll transport as "optimized ... for
 *     maximal performance", and it is the transport the Netty peer the ratios are taken to runs on;</li>
 * <li><b>one event loop and one verticle per core</b> ({@code eventLoopPoolSize}, default twice the
 *     cores; {@code DeploymentOptions.instances}, default 1): one instance would use one core; the manual
 *     scales a server by deploying more instances, and HttpArena's entries deploy one per core, with as
 *     many event loops, so no loop is left without a server;</li>
 * <li><b>h2c off</b> ({@code HttpServerOptions.http2ClearTextEnabled}, default on): the comparison is
 *     HTTP/1.1, which is all the stages speak; with h2c on, each connection's first bytes are checked for
 *     the HTTP/2 preface and each request for {@code Upgrade: h2c};</li>
 * <li><b>backlog 4096</b> ({@code acceptBacklog}, default Netty's, {@code somaxconn}): as every peer asks.</li>
 * </ul>
 * Vert.x's defaults already give what the other peers set by hand: {@code TCP_NODELAY} on, compression
 * off, no metrics or tracing unless a provider is added. Left at their defaults, and why: header
 * validation stays on (as for Helidon: the stages check every request); the experimental
 * {@code strictThreadMode}, which skips a queue between the handler and the connection, stays off, as
 * Vert.x ships; TCP Fast Open, which HttpArena's engine entry set, would change nothing here, since the
 * load driver's clients send no data with their SYN.
 *
 * <p>Vert.x writes neither {@code Date} nor {@code Server}; the handler adds both, as the stages and the
 * Netty peer send them. The course's limits map to {@code maxInitialLineLength}, {@code maxHeaderSize}
 * and {@code idleTimeout}; the body limit is counted by the handler, as in the Netty peer.
 */
public final class VertxPeer implements Server {
    static final String NAME = "vertx";
    /** Pending connections the kernel may queue, as for the other peers. */
    static final int BACKLOG = 4096;
    /** How long to wait for Vert.x to start or close before giving up. */
    private static final Duration LIFECYCLE_TIMEOUT = Duration.ofSeconds(10);

    private final ServerConfig config;
    private final Transport transport;
    private Vertx vertx;
    private final AtomicInteger port = new AtomicInteger(-1);

    /** @param transport the transport to use, or null for Vert.x's choice of native transport (epoll on Linux) */
    public VertxPeer(ServerConfig config, Transport transport) {
        this.config = config;
        this.transport = transport;
    }

    @Override
    public void start() throws IOException {
        if (transport != null && !transport.isAvailable()) {
            throw new NettyPeer.TransportUnavailableException(transport);
        }
        int loops = config.workers();
        var vertxOptions = new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true);
        var builder = Vertx.builder().with(vertxOptions);
        if (transport != null) {
            builder.withTransport(transport.vertxTransport());
        }
        vertx = builder.build();
        Limits limits = config.limits();
        var options = new HttpServerOptions()
                .setHost(config.host())
                // a negative port is Vert.x's "any free port, the same for every verticle"; 0 would give each its own
                .setPort(config.port() == 0 ? -1 : config.port())
                .setAcceptBacklog(BACKLOG)
                .setHttp2ClearTextEnabled(false)
                .setMaxInitialLineLength(limits.maxRequestLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setIdleTimeout((int) Math.max(1, limits.idleTimeout().toSeconds()))
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        var handler = new VertxExchangeHandler(config.app(), limits.maxBodyBytes());
        try {
            await(vertx.deployVerticle(() -> new ServerVerticle(options, handler, port),
                    new DeploymentOptions().setInstances(loops)));
        } catch (IOException e) {
            stop(Duration.ZERO);
            throw e;
        }
    }

    /** One {@code HttpServer} on the verticle's event loop; all of them share the listening socket. */
    private static final class ServerVerticle extends VerticleBase {
        private final HttpServerOptions options;
        private final VertxExchangeHandler handler;
        private final AtomicInteger port;

        ServerVerticle(HttpServerOptions options, VertxExchangeHandler handler, AtomicInteger port) {
            this.options = options;
            this.handler = handler;
            this.port = port;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(options).requestHandler(handler).listen()
                    .onSuccess(server -> port.set(server.actualPort()));
        }
    }

    @Override
    public int port() {
        return port.get();
    }

    /** Vert.x undeploys the verticles, which closes their servers and connections. */
    @Override
    public void stop(Duration grace) {
        if (vertx != null) {
            try {
                await(vertx.close());
            } catch (IOException e) {
                // stopping anyway: the event loops are daemon threads
            }
            vertx = null;
        }
    }

    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.toCompletionStage().toCompletableFuture()
                    .get(LIFECYCLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IOException("Vert.x did not answer within " + LIFECYCLE_TIMEOUT.toSeconds() + " s", e);
        }
    }

    @Override
    public String describe() {
        String transportName = transport != null ? transport.cliName()
                : vertx != null && vertx.isNativeTransportEnabled()
                ? io.vertx.core.transport.Transport.nativeTransport().name().toLowerCase(java.util.Locale.ROOT) : "nio";
        io.netty.util.Version netty = io.netty.util.Version.identify().get("netty-common");
        return "Vert.x " + version() + " on Netty " + (netty == null ? "4.2" : netty.artifactVersion()) + ", transport "
                + transportName + ", " + config.workers() + " event loops with a verticle each, h2c off, backlog "
                + BACKLOG;
    }

    /** Vert.x's version, as its core jar records it. */
    static String version() {
        try (InputStream in = Vertx.class.getClassLoader().getResourceAsStream("META-INF/vertx/vertx-version.txt")) {
            return in == null ? "5" : new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "5";
        }
    }

    public static void main(String[] args) {
        System.exit(Launcher.execute(new Cli(), args));
    }

    @Command(name = "vertx-peer", mixinStandardHelpOptions = true,
            description = {
                "Vert.x 5 core (HttpServer, a verticle per event loop, native transport) serving the course's endpoints.",
                "Limits: --max-request-line, --max-header-bytes, --max-body and --idle-timeout apply; "
                        + "--max-headers, --header-timeout and --max-connections have no Vert.x knob and are "
                        + "accepted but ignored.",
                "Exits " + NettyPeer.EXIT_UNAVAILABLE + " with a one-line reason when the transport asked for is not available."})
    static final class Cli implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Option(names = "--transport",
                completionCandidates = Transport.Names.class, paramLabel = "NAME",
                description = "epoll, io_uring or nio (default: Vert.x's native transport, epoll on Linux, else NIO).")
        Transport transport;

        @Option(names = "--workers", paramLabel = "COUNT",
                description = "Event loops, and verticles, serving connections (default: the number of cores).")
        int workers = Runtime.getRuntime().availableProcessors();

        @Override
        public Integer call() throws Exception {
            ServerConfig config = options.config(workers);
            if (transport != null && !transport.isAvailable()) {
                System.err.println(NAME + ": " + transport.cliName() + " is not available here: "
                        + transport.unavailabilityReason());
                return NettyPeer.EXIT_UNAVAILABLE;
            }
            return Launcher.serve(NAME, new VertxPeer(config, transport));
        }
    }
}
