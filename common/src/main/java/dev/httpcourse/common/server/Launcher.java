package dev.httpcourse.common.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import sun.misc.Signal;

/**
 * Runs a stage from the command line: parses options with picocli, starts the server, prints one
 * line when ready, and on SIGTERM or SIGINT stops it gracefully and exits 0.
 *
 * <p>A bad option prints one line and exits 2. Signals are taken with {@code sun.misc.Signal} rather
 * than a shutdown hook because a JVM stopped by a signal through its hooks exits 143, not 0.
 */
public final class Launcher {
    /** How long in-flight requests get to finish after SIGTERM. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    public static final int EXIT_USAGE = 2;
    /** The server could not start, for example because its port is taken. */
    public static final int EXIT_CANNOT_START = 1;
    /** The server stopped because part of it failed (a loop died); it says why in one line. */
    public static final int EXIT_FAILED = 3;

    private Launcher() {
    }

    /**
     * Parses {@code args} into {@code command} (a picocli command) and runs it; returns the exit code.
     * An enum option takes its constants' names in any case ({@code --threads virtual}), and a
     * wrong one is refused with the names it expects.
     */
    public static int execute(Object command, String... args) {
        var cli = new CommandLine(command);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, ignored) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(e.getCommandLine().getCommandName() + ": " + e.getMessage()
                    + " (see --help)");
            err.flush();
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }

    /** Starts {@code server}, announces it, and blocks until a signal has stopped it. */
    public static int serve(String name, Server server) throws Exception {
        var stopped = new CountDownLatch(1);
        Runnable shutdown = () -> {
            try {
                server.stop(SHUTDOWN_GRACE);
            } finally {
                stopped.countDown(); // whatever stop() did, the process must not hang
            }
        };
        Signal.handle(new Signal("TERM"), signal -> Thread.ofPlatform().start(shutdown));
        Signal.handle(new Signal("INT"), signal -> Thread.ofPlatform().start(shutdown));
        try {
            server.start();
        } catch (IOException e) {
            // most often the port is taken: one line a person can act on, not a stack trace
            System.err.println(name + ": cannot start: " + e.getMessage());
            return EXIT_CANNOT_START;
        }
        ServerFailure failure = server.failure();
        failure.whenReported(why -> Thread.ofPlatform().start(shutdown));
        String details = server.describe().isEmpty() ? "" : " (" + server.describe() + ")";
        System.out.println(name + " ready on port " + server.port() + details);
        System.out.flush();
        stopped.await();
        if (failure.reason() != null) {
            System.err.println(name + " stopped: " + failure.reason());
            return EXIT_FAILED;
        }
        System.out.println(name + " stopped");
        return 0;
    }
}
