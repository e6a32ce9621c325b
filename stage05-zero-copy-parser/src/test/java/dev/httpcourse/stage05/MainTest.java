package dev.httpcourse.stage05;

import dev.httpcourse.conformance.StageProcess;
import dev.httpcourse.stage04.uring.RequiresIoUring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stage as a user runs it: a separate JVM, a ready line naming the ring's flags, SIGTERM, exit codes. */
@ExtendWith(RequiresIoUring.class)
class MainTest {
    @Test
    void announcesItsRingsServesAndExitsZeroOnSigterm() throws Exception {
        try (var server = StageProcess.launch(Main.class, "--port", "0", "--workers", "2", "--host", "127.0.0.1")) {
            int port = server.awaitReady(
                    "stage05-zero-copy-parser ready on port (\\d+) \\(workers=2 sq=256 cq=4096 flags=CLAMP\\|CQSIZE[A-Z_|]*\\)");
            StageProcess.assertServesPipeline(port);
            server.assertStopsOnSigterm("stage05-zero-copy-parser");
        }
    }

    @Test
    void portInUsePrintsOneLineAndExitsOne() throws Exception {
        StageProcess.runOnTakenPort(Main.class).assertOneLineAndExit(1)
                .assertSays("stage05-zero-copy-parser: cannot start: bind /127.0.0.1:")
                .assertSays("EADDRINUSE (address already in use)");
    }

    @Test
    void badOptionPrintsOneLineAndExitsTwo() throws Exception {
        StageProcess.run(Main.class, "--workers", "none").assertOneLineAndExit(2);
    }
}
