package dev.httpcourse.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A server in its own process: a JVM stage or peer, or the native floor (ready when it prints
 * {@code ready on port P}), or nginx (ready when it answers). Its output goes to a log file; the last lines explain a failure.
 */
final class ServerProcess implements RunningServer {
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int KEPT_LINES = 20;

    /** How servers are launched in this comparison. */
    record Options(String java, List<String> jvmArgs, String serverCpus, Duration readyTimeout) {
        Options {
            jvmArgs = List.copyOf(jvmArgs);
        }
    }

    private final Process process;
    private final int port;
    private final GcLog gc;
    private final ArrayDeque<String> lastLines = new ArrayDeque<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    private ServerProcess(Process process, int port, GcLog gc) {
        this.process = process;
        this.port = port;
        this.gc = gc;
    }

    /** Starts {@code spec} on {@code port} and waits until it is ready and answers {@code probePath} with 200. */
    static ServerProcess start(ServerSpec spec, int port, Options options, Path workDir, String logName,
                               String probePath) throws StartFailure, IOException, InterruptedException {
        var command = new ArrayList<String>();
        if (options.serverCpus() != null) {
            command.addAll(List.of("taskset", "-c", options.serverCpus()));
        }
        GcLog gc = null;
        String readyLine = "ready on port " + port;
        switch (spec.launch()) {
            case ServerSpec.Launch.Jvm jvm -> {
                gc = new GcLog(workDir.resolve(logName + ".gc.log"));
                command.add(options.java());
                command.addAll(options.jvmArgs());
                command.add("-Xlog:gc:file=" + gc.file());
                command.add("--enable-native-access=ALL-UNNAMED");
                command.addAll(jvm.target());
                command.addAll(List.of("--port", Integer.toString(port)));
                command.addAll(jvm.args());
            }
            case ServerSpec.Launch.Native nat -> {
                command.add(nat.binary().toString());
                command.addAll(List.of("--port", Integer.toString(port)));
                command.addAll(nat.args());
            }
            case ServerSpec.Launch.Nginx nginx -> {
                Path prefix = Files.createDirectories(workDir.resolve(logName + ".nginx"));
                Path conf = NginxConfig.write(nginx.template(), prefix, port, options.serverCpus());
                command.addAll(List.of(nginx.binary().toString(), "-p", prefix.toString(), "-c", conf.toString(),
                        "-e", prefix.resolve("error.log").toString(), "-g", "daemon off;"));
                readyLine = null;
            }
            case ServerSpec.Launch.InProcess ignored -> throw new IllegalArgumentException("not a process: " + spec.name());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var server = new ServerProcess(process, port, gc);
        server.pump(workDir.resolve(logName + ".log"), readyLine);
        server.awaitReady(readyLine, options.readyTimeout(), probePath);
        return server;
    }

    /** Copies the server's output to its log, keeps the last lines, and watches for the ready line. */
    private void pump(Path log, String readyLine) throws IOException {
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("server-output").start(() -> {
            try (out; var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(line);
                    out.write('\n');
                    out.flush();
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > KEPT_LINES) {
                            lastLines.removeFirst();
                        }
                    }
                    if (readyLine != null && line.contains(readyLine)) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    private void awaitReady(String readyLine, Duration timeout, String probePath)
            throws StartFailure, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (readyLine != null) {
            while (!ready.await(50, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive()) {
                    throw exited();
                }
                if (System.nanoTime() - deadline > 0) {
                    kill();
                    throw new StartFailure("no '" + readyLine + "' line within " + timeout.toSeconds() + " s"
                            + lastLine(), false);
                }
            }
        }
        // Ready, or (nginx) started: it must now answer the profile's probe.
        String answer;
        while (true) {
            if (!process.isAlive()) {
                throw exited();
            }
            answer = probe(port, probePath);
            if (answer.startsWith("HTTP/1.1 200") || answer.startsWith("HTTP/1.0 200")) {
                return;
            }
            // Any other answer is final (the server does not serve this profile); no answer may come later.
            if (answer.startsWith("HTTP/") || System.nanoTime() - deadline > 0) {
                kill();
                throw new StartFailure("GET " + probePath + " answered " + answer, false);
            }
            Thread.sleep(50);
        }
    }

    /** The status line of {@code GET path}, or what went wrong. */
    static String probe(int port, String path) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String line = in.readLine();
            return line == null ? "nothing (connection closed)" : line;
        } catch (IOException e) {
            return "nothing (" + e.getMessage() + ")";
        }
    }

    private StartFailure exited() throws InterruptedException {
        process.waitFor(1, TimeUnit.SECONDS);
        Thread.sleep(100); // let the output pump take the last line
        int code = process.exitValue();
        return new StartFailure("exited with code " + code + lastLine(), code == StartFailure.EXIT_UNAVAILABLE);
    }

    private String lastLine() {
        synchronized (lastLines) {
            return lastLines.isEmpty() ? "" : ": " + lastLines.getLast();
        }
    }

    /** The server's process id (the JVM's, when not started through taskset). */
    long pid() {
        return process.pid();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public String exitDescription() {
        return process.isAlive() ? "running" : "exited with code " + process.exitValue() + lastLine();
    }

    @Override
    public Double cpuSeconds() {
        double s = Proc.cpuSeconds(process.pid());
        return s < 0 ? null : s;
    }

    @Override
    public GcLog.Pauses gcPauses() {
        return gc == null ? null : gc.read();
    }

    @Override
    public Long peakRssBytes() {
        long b = Proc.peakRssBytes(process.pid());
        return b < 0 ? null : b;
    }

    @Override
    public Integer threads() {
        int n = Proc.threads(process.pid());
        return n < 0 ? null : n;
    }

    @Override
    public String stop() {
        if (!process.isAlive()) {
            return exitDescription();
        }
        process.destroy(); // SIGTERM: a graceful stop, exit 0 expected
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                kill();
                return "did not stop within " + STOP_TIMEOUT.toSeconds() + " s of SIGTERM; killed";
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            return "interrupted while stopping; killed";
        }
        int code = process.exitValue();
        return code == 0 ? null : "exit code " + code + " after SIGTERM" + lastLine();
    }

    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
