package dev.httpcourse.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlameSummaryTest {
    private static final Map<String, Long> STACKS = Map.of(
            "java/lang/Thread.run;dev/httpcourse/stage04/RingLoop.loop;dev/httpcourse/stage05/InPlaceProtocol.process_[j];"
                    + "dev/httpcourse/common/http/HeadSyntax.valueEnd_[j]", 30L,
            "java/lang/Thread.run;dev/httpcourse/stage04/RingLoop.loop;dev/httpcourse/stage04/uring/Ring.enter_[j];"
                    + "__do_sys_io_uring_enter_[k];tcp_sendmsg_[k]", 50L,
            "java/lang/Thread.run;dev/httpcourse/stage04/RingLoop.loop;dev/httpcourse/stage05/InPlaceProtocol.process_[j];"
                    + "jdk/internal/foreign/MemorySessionImpl.checkValidStateRaw_[i]", 10L,
            "Thread::call_run;CompileBroker::compiler_thread_loop;C2Compiler::compile_method", 10L);

    @Test
    void dividesTheSamplesByWhereTheirLeafIs() {
        FlameSummary s = FlameSummary.of("stage05-zero-copy-parser", "pipelined", 256, 1_000_000, 5, 1, STACKS);
        assertEquals(100, s.samples());
        assertEquals(0.50, s.kernel(), 1e-9);
        assertEquals(0.40, s.course(), 1e-9, "the course's code and the JDK under it");
        assertEquals(0.10, s.jvm(), 1e-9);
        assertEquals(0.02, s.cpuMicrosPerRequest(), 1e-9, "100 ms of CPU for 5,000,000 requests");
        assertEquals(List.of("stage04/uring/Ring.enter", "stage05/InPlaceProtocol.process",
                "common/http/HeadSyntax.valueEnd"), List.copyOf(s.topCourse().keySet()),
                "most samples under first; the loop every sample passes through is left out");
        assertEquals(Map.of("stage04/uring/Ring.enter", 0.5, "common/http/HeadSyntax.valueEnd", 0.3,
                "stage05/InPlaceProtocol.process", 0.1), s.topCalls(),
                "each sample counted once, for the innermost course method on its stack");
        assertEquals("stage04/uring/Ring.enter", s.topCalls().keySet().iterator().next());
    }

    @Test
    void writesOneRowPerGraphOfTheFolder(@TempDir Path dir) throws Exception {
        FlameSummary.of("stage05-zero-copy-parser", "pipelined", 256, 1_000_000, 5, 1, STACKS).write(dir.resolve("a.json"));
        FlameSummary.of("native-floor", "pipelined", 256, 1_200_000, 5, 1, Map.of("main;send_[k]", 90L, "main;parse", 10L))
                .write(dir.resolve("b.json"));
        FlameSummary.writeTables(dir);
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("| pipelined | native-floor | 1,200,000 | 0.02 | 90% | 0% | 0% | (native code) |"), md);
        String adoc = Files.readString(dir.resolve("summary.adoc"));
        assertTrue(adoc.contains("// tag::table[]"), adoc);
        assertTrue(adoc.contains(":flame-native-floor-pipelined-kernel: 90%\n"), adoc);
        assertTrue(adoc.contains(":flame-stage05-zero-copy-parser-pipelined-top: Ring.enter ("), adoc);
    }
}
