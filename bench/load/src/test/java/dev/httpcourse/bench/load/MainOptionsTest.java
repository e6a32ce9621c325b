package dev.httpcourse.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.bench.load.generator.Profile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class MainOptionsTest {

    /** Exit code, standard output and standard error of one command line. */
    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void defaultsFitTheFullComparisonOnASmallMachine() {
        var main = new Main(System.out);
        new CommandLine(main).parseArgs();
        assertEquals(Duration.ofSeconds(3), main.duration);
        assertEquals(Duration.ofSeconds(3), main.warmup);
        assertEquals(3, main.repetitions);
        assertEquals(256, main.connections);
        assertEquals(Main.Generator.builtin, main.generator);
        assertEquals("netty-epoll", main.baselinePeer);
        assertNull(main.serverCpus);
        assertEquals(List.of(Profile.values()), main.chosenProfiles());
    }

    @Test
    void parsesListsAndDurations() {
        var main = new Main(System.out);
        new CommandLine(main).parseArgs("--profiles", "json,pipelined", "--duration", "500ms", "--warmup", "1m",
                "--servers", "a,b", "--connections", "4096", "--generator", "wrk");
        assertEquals(List.of(Profile.JSON, Profile.PIPELINED), main.chosenProfiles());
        assertEquals(Duration.ofMillis(500), main.duration);
        assertEquals(Duration.ofMinutes(1), main.warmup);
        assertEquals(List.of("a", "b"), main.servers);
        assertEquals(4096, main.connections);
        assertEquals(Main.Generator.wrk, main.generator);
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        Outcome o = run("--help");
        assertEquals(0, o.code());
        for (String option : List.of("--servers", "--profiles", "--duration", "--warmup", "--repetitions",
                "--connections", "--server-cpus", "--load-cpus", "--pin", "--generator", "--out", "--baseline-peer")) {
            assertTrue(o.out().contains(option), option);
        }
        assertTrue(o.out().contains("(default: 3s)"));
        assertTrue(o.out().contains("(default: 256;"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--duration=soon", "--repetitions=0", "--connections=-1",
        "--server-cpus=3-1", "--load-cpus=a", "--generator=ab", "--profiles=baseline,nope", "--warmup=-1s"})
    void refusesABadOptionWithOneLineAndExitCode2(String option) {
        Outcome o = run(option, "--project-root", "/nonexistent");
        assertEquals(2, o.code(), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("bench: ") && o.err().strip().endsWith("(see --help)"), o.err());
    }

    @Test
    void pinRefusesExplicitCpuListsBesideIt() {
        for (String other : List.of("--server-cpus=0", "--load-cpus=1")) {
            Outcome o = run("--pin", other, "--project-root", "/nonexistent");
            assertEquals(2, o.code(), o.err());
            assertEquals("bench: --pin chooses the CPUs itself: give --pin, or --server-cpus and --load-cpus, not both "
                    + "(see --help)", o.err().strip());
        }
    }

    @Test
    void pinChoosesSeparateCpusOrRefusesInOneLine(@TempDir Path root) {
        // Depends on the machine: with 2 CPUs and taskset the lists are set; otherwise one line says why not.
        Outcome o = run("--pin", "--list", "--project-root", root.toString());
        if (CpuList.expand(CpuList.allowed()).size() >= 2 && Discovery.onPath("taskset").isPresent()) {
            assertEquals(0, o.code(), o.err());
            CpuList.Split split = CpuList.splitForPin().orElseThrow();
            assertTrue(java.util.Collections.disjoint(CpuList.expand(split.servers()), CpuList.expand(split.load())));
        } else {
            assertEquals(2, o.code(), o.err());
            assertEquals(1, o.err().lines().count(), o.err());
            assertTrue(o.err().startsWith("bench: --pin needs"), o.err());
        }
    }

    @Test
    void refusesAnUnknownServerNamingTheKnownOnes(@TempDir Path root) throws Exception {
        fakeStage(root, "stage07-teleport", "stage07-a --mode a\n# comment\n\nstage07-b --mode b\n");
        Outcome o = run("--project-root", root.toString(), "--servers", "stage09");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("unknown server 'stage09'; found: stage07-a, stage07-b"), o.err());
    }

    @Test
    void discoversStagesTheirVariantsAndWhatIsMissing(@TempDir Path root) throws Exception {
        fakeStage(root, "stage02-nio-selector", null);
        fakeStage(root, "stage01-blocking", "stage01-platform --threads platform\nstage01-virtual --threads virtual\n");
        Files.createDirectories(root.resolve("stage03-reuseport-workers"));
        Outcome o = run("--project-root", root.toString(), "--list");
        assertEquals(0, o.code(), o.err());
        List<String> names = o.out().lines().filter(l -> !l.startsWith("note:")).map(l -> l.split("\\s+")[0]).toList();
        assertEquals(List.of("stage01-platform", "stage01-virtual", "stage02-nio-selector"), names.subList(0, 3));
        assertTrue(o.out().contains("--threads virtual"));
        assertTrue(o.out().contains("note: stage03-reuseport-workers is not built"));
        assertTrue(o.out().contains("note: Peers not built"));
    }

    @Test
    void discoversThePeersThePeersJarListsWithTheirNotes(@TempDir Path root) throws Exception {
        Path jar = root.resolve(Discovery.PEERS_JAR);
        Files.createDirectories(jar.getParent());
        try (var zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry(Discovery.PEERS_LIST));
            zip.write("""
                    # name | main | args | note
                    netty-epoll | NettyPeer | --transport epoll | Netty 4.2.99, epoll
                    helidon-se  | HelidonSePeer |            | Helidon SE 4.5.0, a virtual thread per connection
                    """.getBytes(StandardCharsets.UTF_8));
        }
        List<ServerSpec> peers = Discovery.discover(root).servers().stream()
                .filter(s -> s.kind() == ServerSpec.Kind.PEER).toList();
        assertEquals(List.of("netty-epoll", "helidon-se"), peers.stream().map(ServerSpec::name).toList());
        assertEquals("Helidon SE 4.5.0, a virtual thread per connection", peers.get(1).note());
        assertEquals(new ServerSpec.Launch.Jvm(List.of("-cp", jar.toString(), "dev.httpcourse.bench.peers.NettyPeer"),
                List.of("--transport", "epoll")), peers.get(0).launch());
        assertEquals(List.of(), ((ServerSpec.Launch.Jvm) peers.get(1).launch()).args());
    }

    @Test
    void quickIsTheClassModeAndOptionsGivenBesideItWin() {
        var main = new Main(System.out);
        new CommandLine(main).parseArgs("--quick");
        main.applyQuickPreset();
        assertEquals(List.of(Profile.BASELINE, Profile.PIPELINED), main.chosenProfiles());
        assertEquals(Duration.ofSeconds(3), main.warmup);
        assertEquals(Duration.ofSeconds(4), main.duration);
        assertEquals(2, main.repetitions);

        var given = new Main(System.out);
        new CommandLine(given).parseArgs("--quick", "--duration", "5s", "--profiles", "json");
        given.applyQuickPreset();
        assertEquals(List.of(Profile.JSON), given.chosenProfiles());
        assertEquals(Duration.ofSeconds(5), given.duration);
        assertEquals(Duration.ofSeconds(3), given.warmup);
    }

    @Test
    void quickComparesEachStageAsItRunsByDefaultAndTheBaselinePeer(@TempDir Path root) throws Exception {
        fakeStage(root, "stage01-blocking", "stage01-platform --threads platform\nstage01-virtual --threads virtual\n");
        fakeStage(root, "stage02-nio-selector", null);
        fakeStage(root, "stage03-reuseport-workers", "stage03-reuseport --accept reuseport\nstage03-handoff --accept handoff\n");
        Path peers = root.resolve(Discovery.PEERS_JAR);
        Files.createDirectories(peers.getParent());
        try (var zip = new ZipOutputStream(Files.newOutputStream(peers))) {
            zip.putNextEntry(new ZipEntry(Discovery.PEERS_LIST));
            zip.write("netty-epoll | NettyPeer | --transport epoll | Netty 4.2.99, epoll\n".getBytes(StandardCharsets.UTF_8));
        }
        var main = new Main(System.out);
        new CommandLine(main).parseArgs("--quick");
        List<String> names = main.quickServers(Discovery.discover(root).servers()).stream().map(ServerSpec::name).toList();
        assertEquals(List.of("stage01-platform", "stage02-nio-selector", "stage03-reuseport", "netty-epoll"), names);
    }

    private static void fakeStage(Path root, String module, String variants) throws Exception {
        Path target = Files.createDirectories(root.resolve(module).resolve("target"));
        Files.writeString(target.resolve(module + ".jar"), "not really a jar");
        if (variants != null) {
            Files.writeString(root.resolve(module).resolve(Discovery.VARIANTS_FILE), variants);
        }
    }
}
