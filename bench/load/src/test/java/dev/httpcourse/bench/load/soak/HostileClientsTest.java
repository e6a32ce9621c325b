package dev.httpcourse.bench.load.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hostile clients against a server that reads everything, answers 408 after 300 ms and closes. */
class HostileClientsTest {

    /** A header timeout of 300 ms, and nothing else: every connection gets 408 then FIN, unless reset before. */
    private static final class TimeoutServer implements AutoCloseable {
        final ServerSocket listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        final AtomicInteger accepted = new AtomicInteger();

        TimeoutServer() throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        accepted.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private static void serve(Socket s) {
            try (s; InputStream in = s.getInputStream()) {
                s.setSoTimeout(20);
                byte[] buffer = new byte[64 * 1024];
                long deadline = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < deadline) {
                    try {
                        if (in.read(buffer) < 0) {
                            return;
                        }
                    } catch (SocketTimeoutException e) {
                        // keep reading until the deadline
                    }
                }
                s.getOutputStream().write("HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                s.shutdownOutput(); // FIN after the answer; then read until the client goes, so no RST eats it
                s.setSoTimeout(2000);
                while (in.read(buffer) >= 0) {
                    // drain
                }
            } catch (IOException ignored) {
                // the client reset
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    @Test
    void everyKindRunsEachEndsAsItShouldAndTheRateIsBounded() throws Exception {
        var tally = new HostileClients.Tally();
        double perSecond = 40;
        try (var server = new TimeoutServer()) {
            var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.listener.getLocalPort());
            long start = System.nanoTime();
            HostileClients clients = HostileClients.start(address, 7, perSecond, tally);
            Thread.sleep(2500);
            clients.stop();
            double seconds = (System.nanoTime() - start) / 1e9;

            Map<HostileClients.Kind, HostileClients.Count> counts = tally.counts().stream()
                    .collect(Collectors.toMap(HostileClients.Count::kind, c -> c));
            long all = tally.connections();
            assertTrue(all <= perSecond * seconds + 1, all + " connections in " + seconds + " s");
            long stopped = counts.values().stream().mapToLong(HostileClients.Count::stopped).sum();
            assertTrue(server.accepted.get() >= all - stopped, "every connection that ended reached the server");
            for (HostileClients.Count c : counts.values()) {
                assertTrue(c.connections() >= 1, "no connection of " + c);
                assertEquals(0, c.connectFailed(), c.toString());
                assertEquals(c.connections(), c.closedByServer() + c.resetByClient() + c.heldToCap() + c.stopped(),
                        c.toString());
            }
            // The slow kinds and garbage wait for the server: its 408, then its close.
            for (HostileClients.Kind k : List.of(HostileClients.Kind.SLOWLORIS, HostileClients.Kind.CRLF_TRICKLE,
                    HostileClients.Kind.GARBAGE)) {
                HostileClients.Count c = counts.get(k);
                assertTrue(k.serverEndsIt());
                assertEquals(0, c.resetByClient() + c.heldToCap(), c.toString());
                assertTrue(c.closedByServer() >= 1 && c.answers().getOrDefault(408, 0L) == c.closedByServer(),
                        c.toString());
                assertEquals("408 ×" + c.closedByServer(), c.answersText());
            }
            // A reset 20 ms into a connection comes before the server's 300 ms.
            HostileClients.Count cut = counts.get(HostileClients.Kind.RESET_MID_HEAD);
            assertEquals(cut.connections() - cut.stopped(), cut.resetByClient(), cut.toString());
            assertEquals("none", cut.answersText());
            // The unread pipeline waits a second before its reset: the server has answered and closed by then.
            HostileClients.Count unread = counts.get(HostileClients.Kind.UNREAD_PIPELINE);
            assertEquals(unread.connections() - unread.stopped(), unread.closedByServer(), unread.toString());
        }
    }

    @Test
    void goesToLoopbackOnly() {
        var elsewhere = new InetSocketAddress("192.0.2.1", 80); // TEST-NET-1: never a real host
        assertThrows(IllegalArgumentException.class,
                () -> HostileClients.start(elsewhere, 1, 1, new HostileClients.Tally()));
    }
}
