package dev.httpcourse.bench.load;

import dev.httpcourse.bench.load.report.Machine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * What the measuring tools beside the comparison share ({@code bench/loop-stall.sh},
 * {@code bench/alloc.sh}, {@code bench/profile.sh}, {@code bench/idle.sh}, {@code bench/soak.sh}): a
 * picocli main with one-line errors, the servers the driver discovers, how to start one, jcmd, and
 * where the tables go.
 */
final class SideTool {
    private SideTool() {
    }

    /** Runs {@code command} and exits: 0, or 2 with one line for a bad option. */
    static void main(String name, Object command, String... args) {
        System.exit(execute(name, command, new PrintWriter(System.err, true), args));
    }

    /** Runs {@code command}; returns its exit code, 2 for a bad option after one line on {@code err}. */
    static int execute(String name, Object command, PrintWriter err, String... args) {
        CommandLine cli = commandLine(name, command);
        cli.setErr(err);
        return cli.execute(args);
    }

    /**
     * The command line of {@code command} (this tool's, or the comparison's: {@link Main}), whose bad
     * options end with one line and exit code 2, and whose enum options take their names in any case.
     */
    static CommandLine commandLine(String name, Object command) {
        var cli = new CommandLine(command);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println(name + ": " + e.getMessage() + " (see --help)");
            return Main.EXIT_USAGE;
        });
        return cli;
    }

    /** The project root: tools run from it, as run.sh does. */
    static Path root() {
        return Path.of(".").toAbsolutePath().normalize();
    }

    /** The discovered server called {@code name}, or a usage error that says how to get it. */
    static ServerSpec server(Object command, Path root, String name) throws IOException {
        return server(new CommandLine(command), root, name);
    }

    /** The same, the usage error reported through {@code cli} (and so to its error stream). */
    static ServerSpec server(CommandLine cli, Path root, String name) throws IOException {
        return Discovery.discover(root).servers().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new CommandLine.ParameterException(cli,
                        "unknown server '" + name + "'; build it first (./bench/run.sh --list)"));
    }

    /** Servers started on this JVM's java, unpinned, with the driver's ready timeout. */
    static ServerProcess.Options launch() {
        return new ServerProcess.Options(java(), List.of(), null, Duration.ofSeconds(20));
    }

    /** Runs {@code jcmd PID command...} (JFR recordings: bench/alloc.sh, bench/profile.sh). */
    static void jcmd(Path jcmd, long pid, String... command) throws IOException, InterruptedException {
        var args = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output.strip());
        }
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** {@code out}, or the driver's default, bench/results/&lt;hostname&gt;. */
    static Path outDir(Path out, Path root) {
        return out != null ? out : root.resolve("bench/results").resolve(Machine.localHostname());
    }
}
