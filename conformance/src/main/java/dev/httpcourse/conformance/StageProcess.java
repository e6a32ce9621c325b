package dev.httpcourse.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stage run as its users run it: its {@code Main} in a JVM of its own, on this test's class path,
 * so each stage's {@code MainTest} can hold it to the launcher's contract in a few lines: one ready
 * line, requests served, SIGTERM answered by a graceful stop and exit 0, a taken port or a bad option
 * answered by one line and exit 1 or 2.
 */
public final class StageProcess implements AutoCloseable {
    private static final long EXIT_WAIT_SECONDS = 15;

    private final Process process;
    private final BufferedReader out;

    private StageProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code main} with {@code --enable-native-access=ALL-UNNAMED}, any further JVM options, and {@code args}. */
    public static StageProcess launch(Class<?> main, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        try {
            return new StageProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StageProcess launch(Class<?> main, String... args) {
        return launch(main, List.of(), args);
    }

    /** What a run that ends by itself printed, and its exit code. */
    public record Outcome(int exitCode, String output) {
        /** Exactly one line of output, and this exit code. */
        public Outcome assertOneLineAndExit(int expected) {
            if (exitCode != expected || output.strip().lines().count() != 1) {
                throw new AssertionError("expected one line and exit " + expected + ", got exit " + exitCode + ":\n"
                        + output);
            }
            return this;
        }

        public Outcome assertSays(String text) {
            if (!output.contains(text)) {
                throw new AssertionError("expected the output to say \"" + text + "\":\n" + output);
            }
            return this;
        }
    }

    /** Runs {@code main} to its end: for the ways a start fails. */
    public static Outcome run(Class<?> main, List<String> jvmOptions, String... args) throws InterruptedException {
        try (StageProcess p = launch(main, jvmOptions, args)) {
            return p.awaitExit();
        }
    }

    public static Outcome run(Class<?> main, String... args) throws InterruptedException {
        return run(main, List.of(), args);
    }

    /** Runs {@code main} on a port another socket holds: what a user sees when the port is taken. */
    public static Outcome runOnTakenPort(Class<?> main, String... args) throws InterruptedException {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> all = new ArrayList<>(List.of("--host", "127.0.0.1", "--port",
                    Integer.toString(taken.getLocalPort())));
            all.addAll(List.of(args));
            return run(main, List.of(), all.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the first line, which must match {@code readyLine} (its group 1 is the port), and returns the port. */
    public int awaitReady(String readyLine) throws IOException {
        String line = out.readLine();
        Matcher m = Pattern.compile(readyLine).matcher(line == null ? "" : line);
        if (!m.matches()) {
            throw new AssertionError("expected a ready line matching " + readyLine + " but got: " + line);
        }
        return Integer.parseInt(m.group(1));
    }

    /** {@code GET /pipeline} with {@code Connection: close} on {@code port} is answered {@code ok}, then closed. */
    public static void assertServesPipeline(int port) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(Bytes.latin1("GET /pipeline HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!response.startsWith("HTTP/1.1 200 OK\r\n") || !response.endsWith("\r\n\r\nok")) {
                throw new AssertionError("expected 200 ok, got: " + response);
            }
        }
    }

    /** SIGTERM, as a service manager sends it: the stage says {@code <name> stopped} and exits 0. */
    public void assertStopsOnSigterm(String name) throws IOException, InterruptedException {
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
        String line = out.readLine();
        if (!(name + " stopped").equals(line)) {
            throw new AssertionError("expected \"" + name + " stopped\" after SIGTERM, got: " + line);
        }
        if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("expected exit 0 after SIGTERM, got "
                    + (process.isAlive() ? "no exit" : "exit " + process.exitValue()));
        }
    }

    private Outcome awaitExit() throws InterruptedException {
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("did not exit within " + EXIT_WAIT_SECONDS + " s; it printed:\n" + output);
        }
        return new Outcome(process.exitValue(), output);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
