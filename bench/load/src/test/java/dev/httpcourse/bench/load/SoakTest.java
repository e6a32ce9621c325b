package dev.httpcourse.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.httpcourse.bench.load.soak.Series;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** bench/soak.sh: its options, and a few seconds of it against stage 01. */
class SoakTest {
    /** Surefire runs in the module's folder, bench/load. */
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Soak.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void defaultsAreTenMinutesInRoundsOfThirtySecondsWithTwentySixHostileClients() {
        var soak = new Soak(System.out);
        new CommandLine(soak).parseArgs();
        assertEquals("stage05-zero-copy-parser", soak.server);
        assertEquals(20, soak.rounds());
        assertEquals(26, soak.hostileClients());
        new CommandLine(soak).parseArgs("--minutes", "2", "--hostile-share", "0");
        assertEquals(4, soak.rounds());
        assertEquals(0, soak.hostileClients());
    }

    @Test
    void helpStatesTheOptionsTheRuleAndTheExitCodes() {
        Outcome o = run("--help");
        assertEquals(0, o.code(), o.err());
        for (String option : List.of("--server", "--minutes", "--sample-every", "--profiles", "--connections",
                "--hostile-share", "--hostile-rate", "--out", "--server-jvm-args", "--project-root")) {
            assertTrue(o.out().contains(option), option);
        }
        String flat = o.out().replaceAll("\\s+", " ");
        assertTrue(flat.contains(Series.rule()), flat);
        assertTrue(flat.contains("slowloris:") && flat.contains("unread pipeline:"), flat);
        assertTrue(flat.contains("Exit code: 0 when every series is flat"), flat);
        assertTrue(o.err().isEmpty(), o.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--minutes=1", "--minutes=0", "--sample-every=soon", "--sample-every=500ms",
        "--hostile-share=1.5", "--hostile-rate=0", "--connections=0", "--profiles=baseline,nope", "--server=nope"})
    void refusesABadOptionWithOneLineAndExitCode2(String option, @TempDir Path empty) {
        Outcome o = run(option, "--project-root", empty.toString());
        assertEquals(2, o.code(), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("soak: ") && o.err().strip().endsWith("(see --help)"), o.err());
    }

    @Test
    void soaksStage01ForAFewSecondsAndWritesTheReport(@TempDir Path out) throws Exception {
        assumeTrue(Discovery.discover(ROOT).servers().stream().anyMatch(s -> s.name().equals("stage01-virtual")),
                "stage01-blocking/target/stage01-blocking.jar is not built");
        Outcome o = run("--project-root", ROOT.toString(), "--server", "stage01-virtual", "--minutes", "0.1",
                "--sample-every", "2s", "--profiles", "baseline,json", "--connections", "8", "--hostile-share", "0.5",
                "--hostile-rate", "50", "--out", out.toString());

        // Three rounds and the sample before them, each a line as it is taken.
        List<String> sampleLines = o.out().lines().filter(l -> l.matches("\\s+[0-3] +0:\\d\\d .*")).toList();
        assertEquals(4, sampleLines.size(), o.out());
        for (Series s : Series.values()) {
            assertTrue(o.out().contains(s.label() + ":"), s + "\n" + o.out());
        }
        assertTrue(o.out().contains(" 0 errors (0 non-2xx)"), o.out());
        // Growth over six seconds may be the JIT's warm-up; whichever it is, the code says what the report says.
        String md = Files.readString(out.resolve("soak-stage01-virtual.md"));
        assertEquals(md.contains("**Flat**, and no errors"), o.code() == 0, md);
        assertTrue(o.code() == 0 || o.code() == Soak.EXIT_NOT_PASSED, o.err());
        assertTrue(Files.readString(out.resolve("soak-stage01-virtual.adoc")).contains("// tag::samples[]"));
        assertTrue(md.contains("| 3 | 0:"), md);
        assertTrue(md.contains("Hostile clients: 4 at a time") && !md.contains("; 0 connections in all"), md);
        assertTrue(md.contains("Server JVM options: `" + Soak.NMT + "`"), md);
    }
}
