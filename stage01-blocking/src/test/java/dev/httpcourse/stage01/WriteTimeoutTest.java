package dev.httpcourse.stage01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.server.ServerConfig;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A blocking write has no timeout of its own, so a client that sends requests and never reads the
 * answers would hold a thread for ever; the server's watchdog closes such a connection once a write
 * has been blocked for the idle timeout.
 */
class WriteTimeoutTest {
    @ParameterizedTest
    @EnumSource(ThreadMode.class)
    void closesConnectionWhoseClientStopsReading(ThreadMode mode) throws Exception {
        Limits limits = Limits.defaults().withIdleTimeout(Duration.ofSeconds(1));
        var server = new BlockingServer(ServerConfig.ephemeral().withLimits(limits), mode);
        server.start();
        try (SocketChannel client = SocketChannel.open()) {
            client.setOption(StandardSocketOptions.SO_RCVBUF, 16 * 1024);
            client.connect(new InetSocketAddress("127.0.0.1", server.port()));
            // the kernel may take every request below before the acceptor has registered the connection
            long accepted = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (server.openConnections() == 0 && System.nanoTime() < accepted) {
                Thread.sleep(5);
            }
            client.configureBlocking(false);
            ByteBuffer requests = ByteBuffer.wrap("GET /json/50 HTTP/1.1\r\nHost: t\r\n\r\n".repeat(4000)
                    .getBytes(StandardCharsets.US_ASCII));
            long stalledSince = System.nanoTime();
            while (requests.hasRemaining() && System.nanoTime() - stalledSince < 500_000_000L) {
                if (client.write(requests) > 0) {
                    stalledSince = System.nanoTime();
                }
                Thread.sleep(1);
            }
            assertEquals(1, server.openConnections(), "the server is stuck writing to the client");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, server.openConnections(), "closed once a write was blocked for the idle timeout");
            assertTrue(client.isOpen(), "the client did nothing");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }
}
