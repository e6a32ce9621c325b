package dev.httpcourse.stage03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.server.Launcher;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stage as a user runs it: a ready line naming its workers, SIGTERM, exit codes, one-line errors. */
class MainTest {
    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void announcesWorkersServesAndExitsZeroOnSigterm() throws Exception {
        Process server = launch("--port", "0", "--workers", "3", "--host", "127.0.0.1");
        try {
            var out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            Matcher m = Pattern.compile("stage03-reuseport-workers ready on port (\\d+) "
                    + "\\(workers=3, accept=reuseport, buffers=heap\\)").matcher(ready);
            assertTrue(m.matches(), ready);
            try (var socket = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
                socket.getOutputStream().write("GET /pipeline HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n") && response.endsWith("\r\n\r\nok"), response);
            }
            server.toHandle().destroy(); // SIGTERM
            assertEquals("stage03-reuseport-workers stopped", out.readLine());
            assertTrue(server.waitFor(15, TimeUnit.SECONDS), "exited");
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void refusesUnknownAcceptModeInOneLine() {
        String err = runExpectingUsageError("--accept", "magic");
        assertTrue(err.contains("expected reuseport or handoff, not 'magic'"), err);
    }

    @Test
    void refusesZeroWorkersInOneLine() {
        String err = runExpectingUsageError("--workers", "0", "--port", "0");
        assertTrue(err.contains("--workers must be at least 1"), err);
    }

    private static String runExpectingUsageError(String... args) {
        PrintStream saved = System.err;
        var captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Launcher.execute(new Main(), args);
        } finally {
            System.setErr(saved);
        }
        String err = captured.toString(StandardCharsets.UTF_8);
        assertEquals(Launcher.EXIT_USAGE, code, err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
        return err;
    }
}
