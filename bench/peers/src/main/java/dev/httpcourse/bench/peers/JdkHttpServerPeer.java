package dev.httpcourse.bench.peers;

import com.sun.net.httpserver.HttpServer;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.server.Launcher;
import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.common.server.ServerOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The JDK's built-in {@code com.sun.net.httpserver.HttpServer} with a virtual thread per request:
 * what a Java developer gets with no dependency at all, set up the way its users set it up.
 *
 * <p>The server reads its tuning from system properties once, when its configuration class
 * ({@code sun.net.httpserver.ServerConfig}) loads, so they must be set before the first server is
 * created in the JVM: {@link #main} does it before anything else, and the constructor does it for
 * in-process use (tests, the load driver) unless the JVM has already been given a value.
 */
public final class JdkHttpServerPeer implements Server {
    static final String NAME = "jdk-httpserver";
    /** Pending connections the kernel may queue; the default (50) drops SYNs when 4,096 clients connect at once. */
    static final int BACKLOG = 4096;
    /** One context per endpoint, as its users register them; "/" also takes every unknown path (404). */
    static final List<String> CONTEXTS = List.of("/", "/baseline11", "/pipeline", "/json/", "/upload", "/echo");

    private final ServerConfig config;
    private HttpServer server;
    private ExecutorService executor;

    public JdkHttpServerPeer(ServerConfig config) {
        tune();
        this.config = config;
    }

    /**
     * Two defaults that would make the comparison unfair, set unless given with {@code -D}:
     * <ul>
     * <li>{@code sun.net.httpserver.maxIdleConnections} is 200: above it, a connection that finishes
     *     a response is closed instead of kept alive, so with 512 or 4,096 clients most requests would
     *     pay for a new connection;</li>
     * <li>{@code sun.net.httpserver.nodelay} is false: with Nagle's algorithm on, a small write sent
     *     while an earlier one is unacknowledged waits for the client's delayed ACK, up to 40 ms on
     *     Linux. The server flushes once per response, so each pipelined response after the first
     *     would wait, and so would a body larger than its 8 KiB output buffer, written apart from its head.</li>
     * </ul>
     */
    static void tune() {
        setIfAbsent("sun.net.httpserver.maxIdleConnections", Integer.toString(1_000_000));
        setIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * The course's limits that have a JDK knob. Like {@link #tune()}, they only take effect before the
     * first server of the JVM, so only the command line applies them.
     */
    static void applyLimits(Limits limits) {
        long idleSeconds = Math.max(1, (limits.idleTimeout().toMillis() + 999) / 1000);
        System.setProperty("sun.net.httpserver.idleInterval", Long.toString(idleSeconds));
        System.setProperty("sun.net.httpserver.maxReqHeaders", Integer.toString(limits.maxHeaderCount()));
        System.setProperty("sun.net.httpserver.maxReqHeaderSize", Integer.toString(limits.maxHeaderBytes()));
        System.setProperty("jdk.httpserver.maxConnections", Integer.toString(limits.maxConnections()));
    }

    @Override
    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), BACKLOG);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        var handler = new JdkExchangeHandler(config.app());
        for (String path : CONTEXTS) {
            server.createContext(path, handler);
        }
        server.start();
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    /** The JDK server closes its listener, waits for exchanges in flight (whole seconds), then closes every connection. */
    @Override
    public void stop(Duration grace) {
        if (server == null) {
            return;
        }
        server.stop((int) Math.max(1, (grace.toMillis() + 999) / 1000));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    @Override
    public String describe() {
        return "com.sun.net.httpserver, a virtual thread per request, backlog " + BACKLOG;
    }

    public static void main(String[] args) {
        tune(); // first, before any class of the JDK server loads: see tune()
        System.exit(Launcher.execute(new Cli(), args));
    }

    @Command(name = "jdk-httpserver-peer", mixinStandardHelpOptions = true,
            description = {
                "The JDK's com.sun.net.httpserver on virtual threads, serving the course's endpoints.",
                "Limits: --idle-timeout, --max-headers, --max-header-bytes and --max-connections map to the "
                        + "server's sun.net.httpserver/jdk.httpserver properties; --max-request-line, --max-body "
                        + "and --header-timeout have no knob there and are accepted but ignored."})
    static final class Cli implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Override
        public Integer call() throws Exception {
            ServerConfig config = options.config(1);
            applyLimits(config.limits());
            return Launcher.serve(NAME, new JdkHttpServerPeer(config));
        }
    }
}
