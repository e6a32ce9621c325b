package dev.httpcourse.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.httpcourse.bench.load.generator.NioLoadGenerator;
import dev.httpcourse.bench.load.generator.Profile;
import dev.httpcourse.bench.load.report.Machine;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver end to end against stage 01 for a few seconds: servers started, measured, stopped, reported. */
class DriverSmokeTest {
    /** Surefire runs in the module's folder, bench/load. */
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void comparesTheStage01JarAndWritesTheReport(@TempDir Path out) throws Exception {
        List<ServerSpec> stages = Discovery.discover(ROOT).servers().stream()
                .filter(s -> s.kind() == ServerSpec.Kind.STAGE && s.name().startsWith("stage01")).toList();
        assumeTrue(!stages.isEmpty(), "stage01-blocking/target/stage01-blocking.jar is not built");
        String name = stages.getFirst().name();
        var log = new ByteArrayOutputStream();

        int code = Main.execute(new PrintStream(log, true, StandardCharsets.UTF_8), System.err, "--project-root",
                ROOT.toString(), "--servers", name, "--profiles", "baseline,pipelined", "--duration", "1s",
                "--warmup", "500ms", "--repetitions", "2", "--connections", "16", "--out", out.toString());

        String progress = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, progress);
        assertTrue(progress.contains("[1/2] " + name + " · baseline") && progress.contains("[2/2] " + name
                + " · pipelined"), progress);
        Report report = checkFiles(out, name, 4);
        Files.delete(out.resolve("latency.svg"));
        assertEquals(0, Main.execute(System.out, System.err, "--render", out.resolve("report.json").toString()));
        assertTrue(Files.size(out.resolve("latency.svg")) > 100);
        assertEquals(report.runs(), ReportWriter.read(out.resolve("report.json")).runs());
        for (RunRecord r : report.runs()) {
            assertTrue(r.serverCpuSeconds() > 0 && r.requestsPerCpuSecond() > 0, r.toString());
            assertTrue(r.peakRssBytes() > 1 << 20 && r.gcPauses() != null && r.serverThreads() > 0, r.toString());
        }
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

        checkFiles(out, "stage01-in-process", 1);
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

    private static Report checkFiles(Path out, String server, int runs) throws Exception {
        for (String f : ReportWriter.FILES) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        Report report = ReportWriter.read(out.resolve("report.json"));
        assertEquals(runs, report.runs().size());
        for (RunRecord r : report.runs()) {
            assertEquals(server, r.server());
            assertEquals(RunRecord.Status.OK, r.status(), r.reason());
            assertTrue(r.requests() > 0 && r.requestsPerSecond() > 0);
            assertEquals(0, r.errors().total(), r.reason());
        }
        assertTrue(Files.readString(out.resolve("report.md")).contains("| " + server + " |"));
        return report;
    }
}
