package dev.httpcourse.stage04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.stage04.uring.ProcSelf;
import dev.httpcourse.stage04.uring.RequiresIoUring;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a stopped server leaves behind in the kernel: no ring descriptor, no ring mapping. */
@ExtendWith(RequiresIoUring.class)
@Timeout(60)
class StopReleasesRingsTest {

    @Test
    void stoppingWithConnectionsOpenUnmapsEveryRingAndClosesEveryRingDescriptor() throws Exception {
        long fds = ProcSelf.ioUringFds();
        long mappings = ProcSelf.ioUringMappings();
        IoUringServer server = new IoUringServer(ServerConfig.ephemeral().withWorkers(2));
        server.start();
        List<Socket> clients = new ArrayList<>();
        try {
            assertEquals(fds + 2, ProcSelf.ioUringFds(), "one ring per worker");
            assertTrue(ProcSelf.ioUringMappings() > mappings);
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
                clients.add(s);
                s.getOutputStream().write("GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(readResponse(s.getInputStream()).endsWith("\r\n\r\nok"));
            }
            // a half-sent head keeps one connection busy: stop must cut it off and still release everything
            clients.getFirst().getOutputStream().write("GET /pipeline HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
        } finally {
            server.stop(Duration.ofMillis(200));
            for (Socket s : clients) {
                s.close();
            }
        }
        assertEquals(fds, ProcSelf.ioUringFds());
        assertEquals(mappings, ProcSelf.ioUringMappings());
    }

    private static String readResponse(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\nok")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            text.append((char) b);
        }
        return text.toString();
    }
}
