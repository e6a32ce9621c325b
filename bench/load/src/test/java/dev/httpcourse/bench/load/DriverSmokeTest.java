package dev.httpcourse.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.httpcourse.bench.load.generator.NioLoadGenerator;
import dev.httpcourse.bench.load.generator.Profile;
import dev.httpcourse.bench.load.report.Machine;
import dev.httpcourse.bench.load.report.Ratio;
import dev.httpcourse.bench.load.report.Report;
import dev.httpcourse.bench.load.report.ReportWriter;
import dev.httpcourse.bench.load.report.RunRecord;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.stage01.BlockingServer;
import dev.httpcourse.stage01.ThreadMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver end to end against stage 01 for a few seconds: servers started, warmed up, measured in
 * rounds, stopped, reported.
 */
class DriverSmokeTest {
    /** Surefire runs in the module's folder, bench/load. */
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void comparesTheStage01JarsInInterleavedRoundsAndWritesTheReport(@TempDir Path out) throws Exception {
        List<String> names = Discovery.discover(ROOT).servers().stream()
                .filter(s -> s.kind() == ServerSpec.Kind.STAGE && s.name().startsWith("stage01")).map(ServerSpec::name)
                .toList();
        assumeTrue(names.size() >= 2, "stage01-blocking/target/stage01-blocking.jar is not built");
        String a = names.get(0);
        String b = names.get(1);
        var log = new ByteArrayOutputStream();

        int code = Main.execute(new PrintStream(log, true, StandardCharsets.UTF_8), System.err, "--project-root",
                ROOT.toString(), "--servers", a + "," + b, "--profiles", "baseline,pipelined", "--duration", "1s",
                "--warmup", "500ms", "--repetitions", "2", "--connections", "16", "--baseline-peer", a,
                "--out", out.toString());

        String progress = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, progress);
        assertTrue(progress.contains("[1/2] baseline · 2 servers") && progress.contains("[2/2] pipelined · 2 servers"),
                progress);
        // Both warmed up before any window; then a b, then b a: the order rotates from round to round.
        List<String> steps = progress.lines().map(String::strip)
                .filter(l -> l.startsWith("warming up") || l.startsWith("round")).map(l -> l.replaceAll("  \\(.*", ""))
                .limit(6).toList();
        assertEquals(List.of("warming up " + a + " for 0.5 s", "warming up " + b + " for 0.5 s", "round 1/2 · " + a,
                "round 1/2 · " + b, "round 2/2 · " + b, "round 2/2 · " + a), steps, progress);
        Report report = checkFiles(out, Set.of(a, b), 8);
        for (RunRecord r : report.runs()) {
            // Round 1 measures a first, round 2 b first.
            assertEquals(r.server().equals(a) == (r.repetition() == 1) ? 1 : 2, r.position(), r.toString());
            assertTrue(r.serverCpuSeconds() > 0 && r.requestsPerCpuSecond() > 0, r.toString());
            assertTrue(r.peakRssBytes() > 1 << 20 && r.gcPauses() != null && r.serverThreads() > 0, r.toString());
            assertTrue(r.idleCpuSeconds() != null && r.idleCpuSeconds() >= 0 && r.busy() != null, r.toString());
        }
        Ratio ratio = report.ratio(b, "baseline").orElseThrow();
        assertEquals(2, ratio.rounds());
        assertTrue(ratio.requestsPerSecond().min() <= ratio.requestsPerSecond().median()
                && ratio.requestsPerSecond().median() <= ratio.requestsPerSecond().max());
        assertTrue(Files.readString(out.resolve("report.md")).contains("then 2 rounds; in each round"));

        Files.delete(out.resolve("latency.svg"));
        assertEquals(0, Main.execute(System.out, System.err, "--render", out.resolve("report.json").toString()));
        assertTrue(Files.size(out.resolve("latency.svg")) > 100);
        Report back = ReportWriter.read(out.resolve("report.json"));
        assertEquals(report.runs(), back.runs());
        assertEquals(report.ratios(), back.ratios());
    }

    @Test
    void rendersTheCommittedReportsWrittenBeforeTheRounds(@TempDir Path out) throws Exception {
        Path committed = ROOT.resolve("bench/results/vm/report.json");
        assumeTrue(Files.isRegularFile(committed), "no committed report");
        Files.copy(committed, out.resolve("report.json"));
        assertEquals(0, Main.execute(System.out, System.err, "--render", out.resolve("report.json").toString()));
        Report report = ReportWriter.read(out.resolve("report.json"));
        assertTrue(!report.ratios().isEmpty(), "ratios recomputed from the old runs");
        String md = Files.readString(out.resolve("report.md"));
        if (!report.interleaved()) {
            assertTrue(md.contains("one server after another"), md);
        }
        assertTrue(md.contains("A difference smaller than its spread is not significant"), md);
    }

    @Test
    void comparesAStageInsideTheDriversJvm(@TempDir Path out) throws Exception {
        var spec = new ServerSpec("stage01-in-process", ServerSpec.Kind.IN_PROCESS, ServerSpec.allProfiles(), null,
                new ServerSpec.Launch.InProcess(port -> new BlockingServer(ServerConfig.ephemeral().withPort(port),
                        ThreadMode.VIRTUAL)));
        var config = new Driver.Config(List.of(spec), List.of(Profile.LIMITED_CONN), new NioLoadGenerator(),
                Duration.ofMillis(300), Duration.ofMillis(700), 1, 8, 2,
                new ServerProcess.Options("java", List.of(), null, Duration.ofSeconds(20)), null, "netty-epoll", ROOT, out,
                Files.createTempDirectory(out, "work"), "test", List.of());

        Report report = new Driver(config, Machine.probe(ROOT), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run();

        checkFiles(out, Set.of("stage01-in-process"), 1);
        assertEquals(null, report.runs().getFirst().serverCpuSeconds());
        assertTrue(report.notes().isEmpty());
    }

    @Test
    void recordsServersThatFailAndGoesOn(@TempDir Path out) throws Exception {
        var specs = new java.util.ArrayList<ServerSpec>();
        for (String mode : List.of("unavailable", "crash", "silent", "not-found")) {
            specs.add(new ServerSpec(mode, ServerSpec.Kind.PEER, ServerSpec.allProfiles(), null, new ServerSpec.Launch.Jvm(
                    List.of("-cp", System.getProperty("java.class.path"), FakeServer.class.getName()), List.of(mode))));
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        var config = new Driver.Config(specs, List.of(Profile.BASELINE), new NioLoadGenerator(), Duration.ZERO,
                Duration.ofMillis(200), 1, 4, 1, new ServerProcess.Options(java, List.of(), null, Duration.ofSeconds(2)),
                null, "netty-epoll", ROOT, out, Files.createTempDirectory(out, "work"), "test", List.of());

        Report report = new Driver(config, Machine.probe(ROOT), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run();

        List<String> outcomes = report.runs().stream().map(r -> r.server() + ": " + r.status() + ": " + r.reason())
                .toList();
        assertEquals(List.of(
                "unavailable: UNAVAILABLE: exited with code 3: fake: io_uring is not available here",
                "crash: FAILED: exited with code 1: fake: cannot bind, giving up",
                "silent: FAILED: no 'ready on port " + "' line within 2 s",
                "not-found: FAILED: GET /baseline11?a=1&b=1 answered HTTP/1.1 404 Not Found"),
                outcomes.stream().map(o -> o.replaceAll("ready on port \\d+", "ready on port ")).toList());
        assertTrue(Files.readString(out.resolve("report.md")).contains("| crash | failed: exited with code 1"));
    }

    private static Report checkFiles(Path out, Set<String> servers, int runs) throws Exception {
        for (String f : ReportWriter.FILES) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        Report report = ReportWriter.read(out.resolve("report.json"));
        assertEquals(runs, report.runs().size());
        for (RunRecord r : report.runs()) {
            assertTrue(servers.contains(r.server()), r.server());
            assertEquals(RunRecord.Status.OK, r.status(), r.reason());
            assertTrue(r.requests() > 0 && r.requestsPerSecond() > 0);
            assertEquals(0, r.errors().total(), r.reason());
        }
        for (String server : servers) {
            assertTrue(Files.readString(out.resolve("report.md")).contains("| " + server + " |"));
        }
        return report;
    }
}
