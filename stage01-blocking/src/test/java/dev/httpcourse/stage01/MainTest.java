package dev.httpcourse.stage01;

import dev.httpcourse.conformance.StageProcess;
import org.junit.jupiter.api.Test;

/** The stage as a user runs it: a separate JVM, a ready line, SIGTERM, exit codes. */
class MainTest {
    @Test
    void announcesItselfServesAndExitsZeroOnSigterm() throws Exception {
        try (var server = StageProcess.launch(Main.class, "--port", "0", "--threads", "virtual", "--host", "127.0.0.1")) {
            int port = server.awaitReady("stage01-blocking ready on port (\\d+) \\(threads=virtual\\)");
            StageProcess.assertServesPipeline(port);
            server.assertStopsOnSigterm("stage01-blocking");
        }
    }

    @Test
    void portInUsePrintsOneLineAndExitsOne() throws Exception {
        StageProcess.runOnTakenPort(Main.class).assertOneLineAndExit(1).assertSays("stage01-blocking: cannot start: ");
    }

    @Test
    void badOptionPrintsOneLineAndExitsTwo() throws Exception {
        StageProcess.run(Main.class, "--threads", "green").assertOneLineAndExit(2).assertSays("expected one of [PLATFORM, VIRTUAL] (case-insensitive) but was 'green'");
    }
}
