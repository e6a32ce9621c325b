package dev.httpcourse.stage02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * The pool's promise: a connection holds a buffer only while it has bytes in flight, so idle
 * keep-alive connections, however many, hold none.
 */
class IdleConnectionMemoryTest {
    private static final byte[] REQUEST = "GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int CONNECTIONS = 200;

    @Test
    void idleKeepAliveConnectionsHoldNoBuffer() throws Exception {
        try (var server = new SelectorServer(ServerConfig.ephemeral(), BufferPool.Kind.DIRECT)) {
            server.start();
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket socket = connect(server.port());
                    clients.add(socket);
                    socket.getOutputStream().write(REQUEST);
                    readResponse(socket.getInputStream());
                }
                awaitValue(CONNECTIONS, server::openConnections, "connections held open");
                awaitValue(0, server::borrowedBuffers, "buffers borrowed by " + CONNECTIONS + " idle connections");
            } finally {
                for (Socket socket : clients) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void connectionWithHalfAHeadHoldsOneBufferUntilTheHeadIsDone() throws Exception {
        try (var server = new SelectorServer(ServerConfig.ephemeral(), BufferPool.Kind.HEAP);
             Socket idle = new Socket()) {
            server.start();
            idle.connect(new InetSocketAddress("127.0.0.1", server.port()));
            try (Socket client = connect(server.port())) {
                OutputStream out = client.getOutputStream();
                out.write("GET /pipeline HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
                awaitValue(1, server::borrowedBuffers, "buffers while half a head is buffered");
                out.write("st: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                readResponse(client.getInputStream());
                awaitValue(0, server::borrowedBuffers, "buffers once the head is answered");
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Reads one response to GET /pipeline: a head ending in CRLF CRLF and the 2-byte body "ok". */
    private static void readResponse(InputStream in) throws IOException {
        var text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\nok")) {
            int b = in.read();
            assertTrue(b >= 0, "the server closed instead of answering: " + text);
            text.append((char) b);
        }
    }

    /** The loop updates its counts after it writes, so the client may see the answer a moment before. */
    private static void awaitValue(int expected, IntSupplier actual, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (actual.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, actual.getAsInt(), what);
    }
}
