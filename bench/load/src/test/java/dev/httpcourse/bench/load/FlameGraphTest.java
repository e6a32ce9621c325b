package dev.httpcourse.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.bench.load.generator.Profile;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/** bench/profile.sh without a server: perf's output folded, folded stacks summed, impossible requests refused. */
class FlameGraphTest {

    /** Two samples of one stack and one of another, as {@code perf script} prints them. */
    private static final String PERF_SCRIPT = """
            floor 4711 [001]  1396.650755:    1000000 cpu-clock:\s
            \tffffffff81704dc6 tcp_sendmsg_locked+0x56 ([kernel.kallsyms])
            \tffffffff8223c951 do_syscall_64+0x71 ([kernel.kallsyms])
            \t           f786a __GI___sendmsg+0xa (/usr/lib/x86_64-linux-gnu/libc.so.6)
            \t            3a1c run+0x2c (/work/bench/native-floor/target/floor)

            floor 4711 [001]  1396.651755:    1000000 cpu-clock:\s
            \tffffffff81704dc6 tcp_sendmsg_locked+0x56 ([kernel.kallsyms])
            \tffffffff8223c951 do_syscall_64+0x71 ([kernel.kallsyms])
            \t           f786a __GI___sendmsg+0xa (/usr/lib/x86_64-linux-gnu/libc.so.6)
            \t            3a1c run+0x2c (/work/bench/native-floor/target/floor)

            floor 4712 [000]  1396.652755:    1000000 cpu-clock:\s
            \t            398ef [unknown] (/work/bench/native-floor/target/floor)
            \t6e69622f6f677261 [unknown] ([unknown])
            """;

    @Test
    void foldsPerfScriptRootFirstWithKernelFramesMarked() throws Exception {
        Map<String, Long> folded = FlameGraph.foldPerfScript(new StringReader(PERF_SCRIPT));
        assertEquals(Map.of(
                "run;__GI___sendmsg;do_syscall_64_[k];tcp_sendmsg_locked_[k]", 2L,
                "[unknown];[floor]", 1L), folded);
    }

    @Test
    void sumsSelfSamplesByLeafFrame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.collapsed");
        Files.writeString(file, "main;a;b 10\nmain;c;b 5\nmain;a 3\n");
        var stacks = FlameGraph.Stacks.read(file);
        assertEquals(18, stacks.total());
        assertEquals(List.of(Map.entry("b", 15L), Map.entry("a", 3L)), stacks.topSelf(5));
    }

    @Test
    void refusesAnEngineThatCannotSampleTheServer() {
        var jvm = new ServerSpec("stage02-nio-selector", ServerSpec.Kind.STAGE, ServerSpec.allProfiles(), null,
                new ServerSpec.Launch.Jvm(List.of("-jar", "x.jar"), List.of()));
        var floor = new ServerSpec("native-floor", ServerSpec.Kind.NATIVE, Discovery.FLOOR_PROFILES, "(the floor)",
                new ServerSpec.Launch.Native(Path.of("floor"), List.of()));
        assertRefused(jvm, "perf", "pipelined", "anonymous addresses");
        assertRefused(jvm, "dtrace", "pipelined", "unknown engine");
        assertRefused(floor, "async-profiler", "pipelined", "only perf");
        assertRefused(floor, "auto", "json", "does not take part in json");
    }

    @Test
    void refusesAnUnknownProfileInOneLine() {
        var err = new StringWriter();
        int code = SideTool.execute("profile", new FlameGraph(), new PrintWriter(err, true), "native-floor", "plaintext");
        assertEquals(2, code);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("unknown profile 'plaintext'"), err.toString());
    }

    private static void assertRefused(ServerSpec spec, String engine, String profile, String why) {
        var tool = new FlameGraph();
        tool.server = spec.name();
        tool.engine = engine;
        tool.profile = Profile.byId(profile);
        var e = assertThrows(ParameterException.class, () -> {
            tool.profile(spec);
            tool.engine(spec, Path.of("."));
        });
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void namesThePlatformAsAsyncProfilersJarsDo() {
        String p = FlameGraph.platform();
        assertTrue(p.matches("[a-z0-9-]+-[a-z0-9_]+"), p);
    }
}
