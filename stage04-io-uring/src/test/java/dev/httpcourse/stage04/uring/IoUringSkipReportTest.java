package dev.httpcourse.stage04.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The line a build without io_uring ends a stage's tests with. */
class IoUringSkipReportTest {
    @Test
    void namesTheModuleTheReasonAndTheSwitchOnOneLine() {
        assertEquals("[WARNING] stage04-io-uring went untested here: io_uring is disabled for every process "
                        + "(sysctl kernel.io_uring_disabled=2); 5 test classes skipped (REQUIRE_IO_URING=1 fails them instead)",
                IoUringSkipReport.line("stage04-io-uring", 5,
                        "io_uring is disabled for every process (sysctl kernel.io_uring_disabled=2)"));
        assertEquals("[WARNING] m went untested here: r; 1 test class skipped (REQUIRE_IO_URING=1 fails them instead)",
                IoUringSkipReport.line("m", 1, "r"));
    }
}
