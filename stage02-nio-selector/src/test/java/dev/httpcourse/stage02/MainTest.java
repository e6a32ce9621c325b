package dev.httpcourse.stage02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The stage as a user runs it: a separate JVM, a ready line, SIGTERM, exit codes. */
class MainTest {
    private static Process launch(String... args) throws IOException {
        return launchWith("-Dhttpcourse.unused=0", args);
    }

    private static Process launchWith(String jvmOption, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(), jvmOption,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void announcesItselfServesAndExitsZeroOnSigterm() throws Exception {
        Process server = launch("--port", "0", "--host", "127.0.0.1");
        try {
            var out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            Matcher m = Pattern.compile("stage02-nio-selector ready on port (\\d+) \\(buffers=heap\\)").matcher(ready);
            assertTrue(m.matches(), ready);
            try (var socket = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
                socket.getOutputStream().write("GET /pipeline HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n") && response.endsWith("\r\n\r\nok"), response);
            }
            server.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of stdout
            assertEquals("stage02-nio-selector stopped", out.readLine());
            assertTrue(server.waitFor(15, TimeUnit.SECONDS), "exited");
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void portInUsePrintsOneLineAndExitsOne() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process p = launch("--host", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()));
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(15, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue());
            assertEquals(1, output.strip().lines().count(), output);
            assertTrue(output.startsWith("stage02-nio-selector: cannot start: "), output);
        }
    }

    @Test
    void badOptionPrintsOneLineAndExitsTwo() throws Exception {
        Process p = launch("--buffers", "purple");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(15, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertEquals(1, output.strip().lines().count(), output);
        assertTrue(output.contains("expected direct or heap"), output);
    }

    @Test
    void badBuffersPropertyPrintsOneLineAndExitsTwo() throws Exception {
        Process p = launchWith("-Dhttpcourse.buffers=purple", "--port", "0");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(15, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertEquals(1, output.strip().lines().count(), output);
        assertTrue(output.contains("httpcourse.buffers must be direct or heap"), output);
    }
}
