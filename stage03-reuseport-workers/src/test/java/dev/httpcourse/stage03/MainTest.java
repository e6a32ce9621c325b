package dev.httpcourse.stage03;

import dev.httpcourse.conformance.StageProcess;
import org.junit.jupiter.api.Test;

/** The stage as a user runs it: a ready line naming its workers, SIGTERM, exit codes, one-line errors. */
class MainTest {
    @Test
    void announcesWorkersServesAndExitsZeroOnSigterm() throws Exception {
        try (var server = StageProcess.launch(Main.class, "--port", "0", "--workers", "3", "--host", "127.0.0.1")) {
            int port = server.awaitReady(
                    "stage03-reuseport-workers ready on port (\\d+) \\(workers=3, accept=reuseport, buffers=heap\\)");
            StageProcess.assertServesPipeline(port);
            server.assertStopsOnSigterm("stage03-reuseport-workers");
        }
    }

    @Test
    void refusesUnknownAcceptModeInOneLine() throws Exception {
        StageProcess.run(Main.class, "--accept", "magic").assertOneLineAndExit(2)
                .assertSays("expected one of [REUSEPORT, HANDOFF] (case-insensitive) but was 'magic'");
    }

    @Test
    void refusesZeroWorkersInOneLine() throws Exception {
        StageProcess.run(Main.class, "--workers", "0", "--port", "0").assertOneLineAndExit(2)
                .assertSays("--workers must be at least 1");
    }
}
