package dev.httpcourse.stage05;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.stage04.uring.RequiresIoUring;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What only this stage's receive path can get wrong: requests cut at the end of a ring buffer
 * ({@value ZeroCopyService#RING_BUFFER_SIZE} bytes), heads longer than a buffer, and buffers held
 * while the client is not reading. The suite splits requests at every byte; these cut them where
 * the kernel does, in bulk.
 */
@ExtendWith(RequiresIoUring.class)
@Timeout(60)
class RingBufferBoundariesTest {
    private Server server;

    @BeforeEach
    void start() throws IOException {
        server = ZeroCopyService.server(ServerConfig.ephemeral().withWorkers(1));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ZERO);
    }

    @Test
    void answersThreeThousandPipelinedRequestsCutAtEveryBufferEndInOrder() throws IOException {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            // lengths vary with i, so the buffer ends fall in request lines, field names, values and CRLFs
            requests.append(switch (i % 3) {
                case 0 -> "GET /baseline11?a=" + i + "&b=" + "1".repeat(1 + i % 7) + " HTTP/1.1\r\nHost: t\r\n\r\n";
                case 1 -> "POST /baseline11?a=" + i + "&b=0 HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\n10";
                default -> "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(i % 50 + 1) + "\r\n" + "x".repeat(i % 50 + 1) + "\r\n0\r\n\r\n";
            });
        }
        byte[] bytes = requests.toString().getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = connect()) {
            // written from another thread: the answers (over 400 KB) must be read while requests are written
            Thread writer = Thread.ofVirtual().start(() -> write(socket, bytes));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int i = 0; i < 3000; i++) {
                long expected = switch (i % 3) {
                    case 0 -> i + Long.parseLong("1".repeat(1 + i % 7));
                    case 1 -> i + 10;
                    default -> i % 50 + 1;
                };
                assertEquals(Long.toString(expected), body(in), "response " + i);
            }
            joinQuietly(writer);
        }
    }

    @Test
    void parsesAHeadLongerThanARingBufferAndServesTheNextRequest() throws IOException {
        String big = "x".repeat(3 * ZeroCopyService.RING_BUFFER_SIZE / 2); // within the 16 KiB header limit
        try (Socket socket = connect()) {
            write(socket, ("GET /baseline11?a=2&b=3 HTTP/1.1\r\nHost: t\r\nX-Big: " + big + "\r\n\r\n"
                    + "GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertEquals("5", body(in));
            assertEquals("ok", body(in));
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void write(Socket socket, byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new AssertionError("writing the requests failed", e);
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one 200 response with a Content-Length, and returns its body. */
    private static String body(DataInputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int length = -1;
        String line;
        String status = null;
        while (!(line = line(in, head)).isEmpty()) {
            if (status == null) {
                status = line;
            } else if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        assertEquals("HTTP/1.1 200 OK", status);
        byte[] body = new byte[length];
        in.readFully(body);
        return new String(body, StandardCharsets.US_ASCII);
    }

    private static String line(DataInputStream in, ByteArrayOutputStream buffer) throws IOException {
        buffer.reset();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("closed mid-response");
            }
            if (b != '\r') {
                buffer.write(b);
            }
        }
        return buffer.toString(StandardCharsets.US_ASCII);
    }
}
