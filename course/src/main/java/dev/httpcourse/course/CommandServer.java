package dev.httpcourse.course;

import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Any server, in any language, started as a command: {@code {port}} in the command becomes a free
 * port, {@code {limits}} the course's limit options for the limits a test needs ({@code --max-body
 * 1024 --header-timeout 1 …}). It counts as started once the port accepts a connection, and is
 * stopped as a service manager stops it: SIGTERM to it and its children, then a kill after the grace.
 */
final class CommandServer implements Server {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final String template;
    private final Limits limits;
    private Process process;
    private int port;

    CommandServer(String template, ServerConfig config) {
        this.template = template;
        this.limits = config.limits();
    }

    /** The course's options for these limits, as every stage takes them. */
    static String options(Limits limits) {
        return String.join(" ", List.of(
                "--max-request-line", Integer.toString(limits.maxRequestLineBytes()),
                "--max-header-bytes", Integer.toString(limits.maxHeaderBytes()),
                "--max-headers", Integer.toString(limits.maxHeaderCount()),
                "--max-body", Long.toString(limits.maxBodyBytes()),
                "--idle-timeout", seconds(limits.idleTimeout()),
                "--header-timeout", seconds(limits.headerTimeout()),
                "--max-connections", Integer.toString(limits.maxConnections())));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds())
                : String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }

    String command() {
        return template.replace("{port}", Integer.toString(port)).replace("{limits}", options(limits));
    }

    @Override
    public void start() throws IOException {
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        process = new ProcessBuilder("sh", "-c", command()).redirectErrorStream(true).start();
        PrintStream out = System.out; // the check's capture of what the server prints, while this step runs
        Thread.ofPlatform().daemon().name("command-output").start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    out.println(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("the command ended (exit " + process.exitValue() + ") before it listened on "
                            + "port " + port + ": " + command());
                }
                if (System.nanoTime() > deadline) {
                    stop(Duration.ZERO);
                    throw new IOException("nothing listened on port " + port + " within " + START_TIMEOUT.toSeconds()
                            + " s of starting: " + command());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the server", e);
                }
            }
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void stop(Duration grace) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = process.descendants().toList();
        all.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis() + 2000, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String describe() {
        return command();
    }
}
