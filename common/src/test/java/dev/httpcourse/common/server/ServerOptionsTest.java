package dev.httpcourse.common.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.http.Limits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {
    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        @Mixin
        ServerOptions options;
        ServerConfig config;

        @Override
        public Integer call() {
            config = options.config(3);
            return 0;
        }
    }

    private record Run(int exitCode, String err, Probe probe) {
    }

    private static Run run(String... args) {
        var probe = new Probe();
        var err = new StringWriter();
        var cli = new CommandLine(probe);
        cli.setErr(new PrintWriter(err));
        int code;
        // same handler as the launcher, on a command we can inspect
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(e.getCommandLine().getCommandName() + ": " + e.getMessage() + " (see --help)");
            return Launcher.EXIT_USAGE;
        });
        code = cli.execute(args);
        return new Run(code, err.toString(), probe);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        Run run = run();
        assertEquals(0, run.exitCode());
        ServerConfig config = run.probe().config;
        assertEquals(8080, config.port());
        assertEquals(Limits.defaults(), config.limits());
        assertEquals(3, config.workers());
    }

    @Test
    void limitsAreOptions() {
        ServerConfig config = run("--port", "0", "--max-body", "10", "--header-timeout", "0.5", "--max-connections", "7")
                .probe().config;
        assertEquals(10, config.limits().maxBodyBytes());
        assertEquals(Duration.ofMillis(500), config.limits().headerTimeout());
        assertEquals(7, config.limits().maxConnections());
    }

    @Test
    void badOptionsGiveOneLineAndExitCode2() {
        for (String[] args : new String[][] {
            {"--port", "x"}, {"--port", "70000"}, {"--max-header-bytes", "2147483647"}, {"--nope"}, {"--max-body", "-1"}, {"--idle-timeout", "0"},
            {"--dataset", "/does/not/exist.json"}}) {
            Run run = run(args);
            assertEquals(2, run.exitCode(), String.join(" ", args));
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(run.err().startsWith("probe: "), run.err());
        }
    }
}
