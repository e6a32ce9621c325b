package dev.httpcourse.bench.peers;

import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.server.Launcher;
import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.common.server.ServerOptions;
import io.helidon.http.HttpLogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Helidon SE 4.5 (its Níma web server): blocking code on a virtual thread per connection, routes
 * registered with {@link HttpRouting}, as Helidon's users write a service. It is stage 01 on virtual
 * threads as a product, which is why it is here.
 *
 * <p>Settings, each from Helidon's own documentation of the option or from HttpArena's Helidon
 * entries ({@code frameworks/helidon-production} and {@code helidon-tuned}, Helidon SE 4.4.1):
 * <ul>
 * <li><b>backlog 4096</b> ({@code backlog}, default 1024): pending connections the kernel may queue;
 *     with 1024, 4,096 clients connecting at once would see dropped SYNs. HttpArena's tuned entry asks
 *     for 8192, which Linux caps at {@code net.core.somaxconn} (4096 here); 4096 is what every peer asks.</li>
 * <li><b>{@code TCP_NODELAY}</b> ({@code connection-options.tcp-no-delay}, default false): Helidon
 *     flushes once per response, so with Nagle's algorithm on, each pipelined response after the first
 *     would wait for the client's delayed ACK (up to 40 ms on Linux). The JDK peer needs the same switch
 *     and Netty and Vert.x set it by default.</li>
 * <li><b>no {@code Connection: keep-alive} on HTTP/1.1 responses</b> ({@code send-keep-alive-header},
 *     default true): RFC 9112 section 9.3 makes persistence the default, the stages do not send it, and
 *     Helidon's documentation of the option says so; HttpArena's tuned entry turns it off.</li>
 * <li><b>packet logging off</b> ({@code recv-log}, {@code send-log}, default on): the listeners log only
 *     at debug and trace level, but each still asks its logger on every read and write; HttpArena's
 *     tuned entry turns them off.</li>
 * </ul>
 * Left at Helidon's defaults, and why: request-header, response-header, prologue and path validation
 * stay on (HttpArena's tuned entry turns them off; the stages check every request, so a peer that did
 * not would be measured doing less work); one virtual thread per connection on the default scheduler
 * (a carrier per core), as Helidon ships; the socket read timeout, whose default (30 s) the limits'
 * idle timeout already covers.
 *
 * <p>The course's limits map to {@code max-prologue-length} (request line), {@code max-headers-size},
 * {@code max-payload-size} (body) and {@code idle-connection-timeout}.
 */
public final class HelidonSePeer implements Server {
    static final String NAME = "helidon-se";
    /** Pending connections the kernel may queue, as for the other peers. */
    static final int BACKLOG = 4096;

    private final ServerConfig config;
    private WebServer server;

    public HelidonSePeer(ServerConfig config) {
        this.config = config;
    }

    @Override
    public void start() throws IOException {
        Limits limits = config.limits();
        var endpoint = new HelidonExchangeHandler(config.app());
        try {
            server = WebServer.builder()
                    .shutdownHook(false) // the launcher stops the server on SIGTERM, and tests stop theirs
                    .host(config.host())
                    .port(config.port())
                    .backlog(BACKLOG)
                    .connectionOptions(socket -> socket.tcpNoDelay(true))
                    .idleConnectionTimeout(limits.idleTimeout())
                    .maxPayloadSize(limits.maxBodyBytes())
                    .addProtocol(Http1Config.builder()
                            .sendKeepAliveHeader(false)
                            .log(HttpLogConfig.builder().receiveLog(false).sendLog(false).build())
                            .maxPrologueLength(limits.maxRequestLineBytes())
                            .maxHeadersSize(limits.maxHeaderBytes())
                            .build())
                    .routing(routing -> routes(routing, endpoint))
                    .build()
                    .start();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!server.isRunning()) {
            // Helidon logs why a listener failed (a taken port, most often) and returns a server that is not running
            server = null;
            throw new IOException("Helidon did not start on " + config.host() + ":" + config.port() + " (its log says why)");
        }
    }

    /**
     * One route per endpoint and method, as Helidon's users register them (Helidon routes HEAD apart from
     * GET; the course serves it wherever GET is), and a last route for everything else:
     * Helidon would answer a path it does not know, or a method a path does not take, with a bare 404,
     * where the course answers 404, 405 with {@code Allow}, 501 or OPTIONS from one table
     * ({@code Resource}), so those go to the application too.
     */
    private static void routes(HttpRouting.Builder routing, HelidonExchangeHandler endpoint) {
        routing.get("/", endpoint).head("/", endpoint)
                .get("/pipeline", endpoint).head("/pipeline", endpoint)
                .get("/baseline11", endpoint).head("/baseline11", endpoint).post("/baseline11", endpoint)
                .get("/json/{count}", endpoint).head("/json/{count}", endpoint)
                .post("/upload", endpoint)
                .post("/echo", endpoint)
                .any(endpoint);
    }

    @Override
    public int port() {
        return server.port();
    }

    /**
     * Helidon stops its listeners, lets requests in flight finish for its shutdown grace period (half a
     * second by default; {@code grace} is not passed on) and closes every connection.
     */
    @Override
    public void stop(Duration grace) {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public String describe() {
        return "Helidon SE " + io.helidon.common.Version.VERSION + ", a virtual thread per connection, backlog "
                + BACKLOG + ", TCP_NODELAY, no keep-alive header, packet logging off, validation on";
    }

    public static void main(String[] args) {
        System.exit(Launcher.execute(new Cli(), args));
    }

    @Command(name = "helidon-se-peer", mixinStandardHelpOptions = true,
            description = {
                "Helidon SE 4.5 (Níma, virtual threads, HttpRouting) serving the course's endpoints.",
                "Limits: --max-request-line, --max-header-bytes, --max-body and --idle-timeout apply; "
                        + "--max-headers, --header-timeout and --max-connections are accepted but ignored."})
    static final class Cli implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Override
        public Integer call() throws Exception {
            return Launcher.serve(NAME, new HelidonSePeer(options.config(1)));
        }
    }
}
