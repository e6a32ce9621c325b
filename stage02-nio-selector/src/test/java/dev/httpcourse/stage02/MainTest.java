package dev.httpcourse.stage02;

import dev.httpcourse.conformance.StageProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stage as a user runs it: a separate JVM, a ready line, SIGTERM, exit codes. */
class MainTest {
    @Test
    void announcesItselfServesAndExitsZeroOnSigterm() throws Exception {
        try (var server = StageProcess.launch(Main.class, "--port", "0", "--host", "127.0.0.1")) {
            int port = server.awaitReady("stage02-nio-selector ready on port (\\d+) \\(buffers=heap\\)");
            StageProcess.assertServesPipeline(port);
            server.assertStopsOnSigterm("stage02-nio-selector");
        }
    }

    @Test
    void portInUsePrintsOneLineAndExitsOne() throws Exception {
        StageProcess.runOnTakenPort(Main.class).assertOneLineAndExit(1).assertSays("stage02-nio-selector: cannot start: ");
    }

    @Test
    void badOptionPrintsOneLineAndExitsTwo() throws Exception {
        StageProcess.run(Main.class, "--buffers", "purple").assertOneLineAndExit(2).assertSays("expected one of [DIRECT, HEAP] (case-insensitive) but was 'purple'");
    }

    @Test
    void badBuffersPropertyPrintsOneLineAndExitsTwo() throws Exception {
        StageProcess.run(Main.class, List.of("-Dhttpcourse.buffers=purple"), "--port", "0")
                .assertOneLineAndExit(2).assertSays("httpcourse.buffers must be direct or heap");
    }
}
