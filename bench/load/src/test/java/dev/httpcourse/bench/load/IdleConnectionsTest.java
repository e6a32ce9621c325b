package dev.httpcourse.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.stage01.BlockingServer;
import dev.httpcourse.stage01.ThreadMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** bench/idle.sh against stage 01 in this JVM: it opens, holds, counts and closes what it says. */
class IdleConnectionsTest {

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = SideTool.execute("idle", new IdleConnections(new PrintStream(out, true, StandardCharsets.UTF_8)),
                new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true), args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void holdsEveryConnectionAfterOneRequestAndClosesThemAtTheEnd() throws Exception {
        ServerConfig config = ServerConfig.ephemeral();
        try (var server = new BlockingServer(config, ThreadMode.VIRTUAL)) {
            server.start();
            Outcome o = run("--connections", "300", "--port", Integer.toString(server.port()), "--duration", "300ms");
            assertEquals(0, o.code(), o.out() + o.err());
            assertTrue(o.out().contains("idle: 300 of 300 open (300 answered 200); holding them for 0.3 s"), o.out());
            assertTrue(o.out().strip().endsWith("idle: closed 300 connections"), o.out());
            assertEquals(300, config.app().requestsServed());
        }
    }

    @Test
    void withNoRequestTheConnectionsSendNothing() throws Exception {
        ServerConfig config = ServerConfig.ephemeral();
        try (var server = new BlockingServer(config, ThreadMode.VIRTUAL)) {
            server.start();
            Outcome o = run("--connections", "50", "--port", Integer.toString(server.port()), "--duration", "200ms",
                    "--no-request");
            assertEquals(0, o.code(), o.out() + o.err());
            assertTrue(o.out().contains("idle: 50 of 50 open (50 connected)"), o.out());
            assertEquals(0, config.app().requestsServed());
        }
    }

    @Test
    void connectionsTheServerClosesAreCountedAndTheExitCodeSaysSo() throws Exception {
        ServerConfig ephemeral = ServerConfig.ephemeral();
        ServerConfig config = ephemeral.withLimits(ephemeral.limits().withIdleTimeout(Duration.ofMillis(300)));
        try (var server = new BlockingServer(config, ThreadMode.VIRTUAL)) {
            server.start();
            Outcome o = run("--connections", "40", "--port", Integer.toString(server.port()), "--duration", "20s");
            assertEquals(1, o.code(), o.out() + o.err());
            assertTrue(o.out().contains("idle: the server closed every connection"), o.out());
            assertTrue(!o.out().contains("idle: closed "), o.out());
        }
    }

    @Test
    void aPortWhereNothingListensIsOneLineAndExitOne() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Outcome o = run("--connections", "1000", "--port", Integer.toString(port));
        assertEquals(1, o.code(), o.out() + o.err());
        assertEquals("idle: no connection to 127.0.0.1:" + port + ": connection refused (is a server listening on that port?)",
                o.out().strip().lines().reduce((a, b) -> b).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--connections=0", "--connections=65537", "--port=0", "--port=70000", "--duration=0s",
            "--duration=soon", "--path=nope", "--path=/a b", "--host=example.com"})
    void aBadOptionIsOneLineAndExitTwo(String option) {
        Outcome o = run(option);
        assertEquals(Main.EXIT_USAGE, o.code(), o.out() + o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().startsWith("idle: ") && o.err().strip().endsWith("(see --help)"), o.err());
    }

    @Test
    void theStatusComesFromACompleteHeadOnly() {
        assertNull(IdleConnections.status("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("200", IdleConnections.status("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                .getBytes(StandardCharsets.US_ASCII)));
        assertEquals("503", IdleConnections.status("HTTP/1.1 503 Service Unavailable\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
        assertEquals("a malformed answer", IdleConnections.status("nonsense\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    }
}
