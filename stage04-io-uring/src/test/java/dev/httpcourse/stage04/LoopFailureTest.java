package dev.httpcourse.stage04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.stage04.uring.ErrnoException;
import dev.httpcourse.stage04.uring.RequiresIoUring;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A loop that cannot go on closes its clients' connections and says why, rather than leave them hanging. */
@ExtendWith(RequiresIoUring.class)
@Timeout(30)
class LoopFailureTest {

    @Test
    void aLoopThatDiesClosesItsConnectionsAndReportsWhy() throws Exception {
        ServerConfig config = ServerConfig.ephemeral().withWorkers(1);
        AtomicInteger accepted = new AtomicInteger();
        IoUringServer server = new IoUringServer(config, () -> new RingService() {
            private final Http1RingService http = new Http1RingService(config.app(), config.limits(),
                    new ResponseEncoder());

            @Override
            public void open(RingLoop loop) throws ErrnoException {
                http.open(loop);
            }

            @Override
            public RingConnection connect(RingLoop loop, int slot, int generation, int fd, boolean counted) {
                if (accepted.incrementAndGet() == 2) {
                    throw new OutOfMemoryError("planted in the second accept");
                }
                return http.connect(loop, slot, generation, fd, counted);
            }

            @Override
            public void close(boolean settled) {
                http.close(settled);
            }
        });
        server.start();
        var reported = new CountDownLatch(1);
        server.failure().whenReported(why -> reported.countDown());
        try (Socket first = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            first.setSoTimeout(5000);
            first.getOutputStream().write("GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = first.getInputStream();
            byte[] answer = in.readNBytes(16);
            assertTrue(new String(answer, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
            in.skipNBytes(in.available());
            try (Socket second = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                assertTrue(reported.await(5, TimeUnit.SECONDS), "the dying loop reports why");
                assertTrue(server.failure().reason().contains("planted in the second accept"), server.failure().reason());
                // the first client is not left waiting on a socket nobody serves: its connection ends
                int next;
                do {
                    next = in.read();
                } while (next >= 0 && in.available() > 0);
                assertEquals(-1, next, "the first client's connection ends");
            }
        } finally {
            server.stop(Duration.ofMillis(200));
        }
    }
}
