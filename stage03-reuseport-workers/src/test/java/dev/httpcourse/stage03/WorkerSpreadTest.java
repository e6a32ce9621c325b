package dev.httpcourse.stage03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Connections reach every worker, whichever way they are accepted: with 4 workers and 200 connections
 * held open, each worker's loop has some. Under {@code SO_REUSEPORT} the kernel's hash decides (the
 * chance that one of four sockets gets none of 200 connections is below 10^-24); under hand-off the
 * acceptor's turn does, exactly 50 each.
 */
class WorkerSpreadTest {
    private static final byte[] REQUEST = "GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int WORKERS = 4;
    private static final int CONNECTIONS = 200;

    @ParameterizedTest
    @EnumSource(AcceptMode.class)
    void everyWorkerServesSomeOfTwoHundredConnections(AcceptMode mode) throws IOException {
        Assumptions.assumeTrue(mode == AcceptMode.HANDOFF || ReusePortWorkers.reusePortAvailable(),
                "this platform has no SO_REUSEPORT");
        try (var server = new ReusePortWorkers(ServerConfig.ephemeral().withWorkers(WORKERS), mode)) {
            server.start();
            assertEquals(mode, server.acceptMode());
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket socket = new Socket();
                    clients.add(socket);
                    socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
                    socket.setSoTimeout(10_000); // a connection nobody accepts must fail the test, not hang it
                    socket.getOutputStream().write(REQUEST);
                    assertAnswered(socket.getInputStream()); // answered, so registered on a worker's loop
                }
                List<Integer> perWorker = server.openConnectionsPerWorker();
                assertEquals(CONNECTIONS, perWorker.stream().mapToInt(Integer::intValue).sum(), perWorker.toString());
                assertTrue(perWorker.stream().allMatch(n -> n > 0), "connections per worker: " + perWorker);
                if (mode == AcceptMode.HANDOFF) {
                    assertEquals(List.of(50, 50, 50, 50), perWorker, "round-robin hands out exactly in turn");
                }
            } finally {
                for (Socket socket : clients) {
                    socket.close();
                }
            }
        }
    }

    /** Reads one response to GET /pipeline: its head and the two bytes of its body. */
    private static void assertAnswered(InputStream in) throws IOException {
        var text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\nok")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("closed before the answer: " + text);
            }
            text.append((char) b);
        }
        assertTrue(text.toString().startsWith("HTTP/1.1 200 "), text.toString());
    }
}
