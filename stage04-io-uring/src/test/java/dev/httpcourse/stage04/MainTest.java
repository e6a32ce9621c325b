package dev.httpcourse.stage04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.stage04.uring.RequiresIoUring;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stage as a user runs it: a separate JVM, a ready line naming the ring's flags, SIGTERM, exit codes. */
@ExtendWith(RequiresIoUring.class)
class MainTest {
    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void announcesItsRingsServesAndExitsZeroOnSigterm() throws Exception {
        Process server = launch("--port", "0", "--workers", "2", "--host", "127.0.0.1");
        try {
            var out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            Matcher m = Pattern.compile("stage04-io-uring ready on port (\\d+) \\(workers=2 sq=256 cq=4096 flags=CLAMP\\|CQSIZE[A-Z_|]*\\)")
                    .matcher(ready);
            assertTrue(m.matches(), ready);
            try (var socket = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
                socket.getOutputStream().write("GET /pipeline HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n") && response.endsWith("\r\n\r\nok"), response);
            }
            server.toHandle().destroy(); // SIGTERM
            assertEquals("stage04-io-uring stopped", out.readLine());
            assertTrue(server.waitFor(15, TimeUnit.SECONDS), "exited");
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void portInUsePrintsOneLineAndExitsOne() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process p = launch("--host", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()));
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(15, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue());
            assertEquals(1, output.strip().lines().count(), output);
            assertTrue(output.startsWith("stage04-io-uring: cannot start: bind /127.0.0.1:"), output);
            assertTrue(output.strip().endsWith("EADDRINUSE (address already in use)"), output);
        }
    }

    @Test
    void badOptionPrintsOneLineAndExitsTwo() throws Exception {
        Process p = launch("--workers", "none");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(15, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertEquals(1, output.strip().lines().count(), output);
    }
}
