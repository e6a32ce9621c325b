package dev.httpcourse.conformance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/** The client behaviours the hostile-client tests are made of: slow, abrupt, or simply many. */
final class HostileTraffic {
    private static final ExpectedResponse HELLO = ExpectedResponse.ok("Hello, World!");

    private HostileTraffic() {
    }

    /**
     * Writes {@code requests} over and over on a non-blocking channel, reading nothing, until the
     * writes make no progress for {@code stall} (the server has stopped reading) or {@code cap}
     * bytes are written (it never did).
     *
     * @return the bytes written
     */
    static long writeUntilStalled(SocketChannel channel, byte[] requests, long cap, Duration stall)
            throws IOException, InterruptedException {
        ByteBuffer buffer = ByteBuffer.wrap(requests);
        long written = 0;
        long lastProgress = System.nanoTime();
        while (written < cap) {
            if (!buffer.hasRemaining()) {
                buffer.rewind();
            }
            int n = channel.write(buffer);
            if (n > 0) {
                written += n;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stall.toNanos()) {
                return written;
            } else {
                Thread.sleep(5);
            }
        }
        return written;
    }

    /** A fresh connection gets {@code GET /} answered: the server survived whatever came before. */
    static void assertStillServes(int port, String after) throws IOException {
        try (Client client = Client.connect(port)) {
            client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            RawResponse response = client.read();
            ResponseRules.assertWellFormed(response, after);
            HELLO.assertMatches(response, after);
        }
    }

    /**
     * Sends on a virtual thread, so that the test can read while a large request is still going out
     * and a server that answers early and stops reading cannot block the test in a write.
     */
    static Future<Void> sendInBackground(Client client, byte[] head, byte[] bodyPiece, long pieces) {
        var task = new FutureTask<Void>(() -> {
            client.send(head);
            for (long i = 0; i < pieces; i++) {
                client.send(bodyPiece);
            }
            return null;
        });
        Thread.ofVirtual().name("conformance-sender").start(task);
        return task;
    }

    /**
     * {@code connections} connections, one after the other, ending in each of the ways a connection
     * ends: keep-alive then a client close, a malformed request the server closes, a reset in the
     * middle of a head, a close in the middle of a body, an HTTP/1.0 request.
     */
    static void mixedTraffic(int port, int connections) throws IOException {
        for (int i = 0; i < connections; i++) {
            try (Client client = Client.connect(port)) {
                switch (i % 5) {
                    case 0 -> {
                        for (int j = 0; j < 2; j++) {
                            client.send(CaseRunner.PIPELINE_REQUEST);
                            client.read();
                        }
                    }
                    case 1 -> {
                        client.send("GET  / HTTP/1.1\r\nHost: t\r\n\r\n");
                        client.read();
                        client.assertServerCloses();
                    }
                    case 2 -> {
                        client.send("GET / HTTP/1.1\r\nHo");
                        client.reset();
                    }
                    case 3 -> client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n"
                            + "x".repeat(500));
                    default -> {
                        client.send("GET / HTTP/1.0\r\n\r\n");
                        client.read();
                        client.assertServerCloses();
                    }
                }
            }
        }
    }
}
