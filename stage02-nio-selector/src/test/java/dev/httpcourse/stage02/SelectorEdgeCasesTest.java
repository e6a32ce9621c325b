package dev.httpcourse.stage02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.server.ServerConfig;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the event loop must get right beyond the shared suite: a half-close after a complete
 * request, a pipeline far deeper than any buffer, a reader slower than the server, and resets that
 * leave buffers behind. With direct buffers, so that the path the conformance binding (heap) does
 * not take is served by a whole server too.
 */
class SelectorEdgeCasesTest {
    private static final String PIPELINE = "GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\n";
    private static final String OK_TAIL = "\r\n\r\nok";

    private SelectorServer server;

    @BeforeEach
    void start() throws IOException {
        server = new SelectorServer(ServerConfig.ephemeral(), BufferPool.Kind.DIRECT);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    @Test
    void answersRequestsSentBeforeTheClientsHalfCloseThenCloses() throws IOException {
        try (Socket client = connect()) {
            client.getOutputStream().write((PIPELINE + PIPELINE).getBytes(StandardCharsets.US_ASCII));
            client.shutdownOutput();
            String all = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals(2, count(all, OK_TAIL), "both answers before the close: " + all);
        }
    }

    /** 20,000 requests in one stream, about 700 KiB: far more than the 64 KiB the output may hold. */
    @Test
    void answersAPipelineDeeperThanAnyBufferInOrder() throws Exception {
        int depth = 20_000;
        try (Socket client = connect()) {
            var requests = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                requests.append("GET /baseline11?a=").append(i).append("&b=0 HTTP/1.1\r\nHost: t\r\n\r\n");
            }
            FutureTask<Void> sending = sendInBackground(client, requests.toString());
            InputStream in = new BufferedInputStream(client.getInputStream());
            for (int i = 0; i < depth; i++) {
                assertEquals(Integer.toString(i), readBody(in), "answer " + i);
            }
            sending.get(10, TimeUnit.SECONDS);
        }
    }

    /** The client reads a little at a time with pauses: every answer arrives, in order, none lost. */
    @Test
    void servesAReaderSlowerThanTheServerCompletely() throws Exception {
        int depth = 400;
        try (Socket client = connect()) {
            FutureTask<Void> sending = sendInBackground(client, "GET /json/50 HTTP/1.1\r\nHost: t\r\n\r\n".repeat(depth));
            InputStream in = new BufferedInputStream(client.getInputStream());
            for (int i = 0; i < depth; i++) {
                String body = readBody(in);
                assertTrue(body.startsWith("{\"items\":[") && body.endsWith("\"count\":50}"), "answer " + i);
                if (i % 50 == 0) {
                    Thread.sleep(20); // long enough for the server's output to back up
                }
            }
            sending.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void returnsTheBuffersOfConnectionsResetMidHeadAndMidBody() throws Exception {
        for (int i = 0; i < 20; i++) {
            Socket client = connect();
            String partial = i % 2 == 0 ? "GET / HTTP/1.1\r\nHo"
                    : "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(30_000);
            client.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
            client.setSoLinger(true, 0);
            client.close(); // a reset
        }
        awaitValue(0, server::openConnections, "connections after 20 resets");
        awaitValue(0, server::borrowedBuffers, "buffers after 20 resets");
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static FutureTask<Void> sendInBackground(Socket client, String requests) {
        var task = new FutureTask<Void>(() -> {
            client.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            return null;
        });
        Thread.ofVirtual().start(task);
        return task;
    }

    /** Reads one response and returns its body, using its Content-Length. */
    private static String readBody(InputStream in) throws IOException {
        var head = new StringBuilder();
        int last4 = 0;
        while (last4 != 0x0D0A0D0A) { // CR LF CR LF
            int b = in.read();
            assertTrue(b >= 0, "the server closed in the middle of a response: " + head);
            head.append((char) b);
            last4 = last4 << 8 | b;
        }
        String lengthField = "Content-Length: ";
        int at = head.indexOf(lengthField) + lengthField.length();
        int length = Integer.parseInt(head.substring(at, head.indexOf("\r\n", at)));
        byte[] body = in.readNBytes(length);
        assertEquals(length, body.length, "a body cut short");
        return new String(body, StandardCharsets.ISO_8859_1);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static void awaitValue(int expected, IntSupplier actual, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (actual.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, actual.getAsInt(), what);
    }
}
