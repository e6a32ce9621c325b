package dev.httpcourse.stage04.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one-line reasons a user sees when io_uring cannot be used, cause by cause. */
class AvailabilityTest {
    private static final ErrnoException EPERM = new ErrnoException("io_uring_setup", Errno.EPERM.number());
    private static final ErrnoException ENOSYS = new ErrnoException("io_uring_setup", Errno.ENOSYS.number());

    @Test
    void epermNamesTheSysctlWhenItDisablesIoUring() {
        assertEquals("io_uring is disabled for every process (sysctl kernel.io_uring_disabled=2)",
                Availability.explain(EPERM, "6.8", "2", "0"));
        assertTrue(Availability.explain(EPERM, "6.8", "1", "0").contains("kernel.io_uring_group"));
    }

    @Test
    void epermUnderASeccompFilterBlamesTheFilter() {
        String reason = Availability.explain(EPERM, "6.8", "0", "2");
        assertTrue(reason.startsWith("io_uring_setup is blocked by a seccomp filter (EPERM)"), reason);
        assertEquals("io_uring_setup is not permitted (EPERM)", Availability.explain(EPERM, "6.8", "0", "0"));
    }

    @Test
    void enosysIsAKernelWithoutIoUringUnlessAFilterMayHaveAnsweredIt() {
        assertEquals("kernel 4.19 has no io_uring (ENOSYS: before 5.1, or built without CONFIG_IO_URING)",
                Availability.explain(ENOSYS, "4.19", null, "0"));
        assertTrue(Availability.explain(ENOSYS, "6.1", null, "2").contains("seccomp"));
    }

    @Test
    void theAnswerIsOneLine() {
        Availability.unavailabilityReason().ifPresent(reason -> assertTrue(!reason.contains("\n"), reason));
        for (String r : new String[] {Availability.explain(EPERM, "6.8", "1", "2"), Availability.explain(ENOSYS, "5.0", "0", "0")}) {
            assertTrue(!r.isBlank() && !r.contains("\n"), r);
        }
    }
}
