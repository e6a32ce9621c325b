package dev.httpcourse.stage04.uring;

import java.nio.file.Path;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says in one line, at the end of a module's test run, that its io_uring tests were skipped and
 * why: surefire counts them under "Skipped" but never prints a reason, and a learner reading
 * "BUILD SUCCESS" should not take an untested stage for a tested one. Registered through
 * {@code META-INF/services}, so it runs in stage 04 and, through stage 04's test-jar, in stage 05.
 */
public final class IoUringSkipReport implements TestExecutionListener {
    private int classes;
    private String reason;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        classes = 0;
        reason = null;
    }

    @Override
    public void executionSkipped(TestIdentifier skipped, String why) {
        if (why != null && why.startsWith(RequiresIoUring.SKIP_PREFIX)) {
            reason = why.substring(RequiresIoUring.SKIP_PREFIX.length());
            classes++;
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (reason != null) {
            System.out.println(line(module(), classes, reason));
        }
    }

    /**
     * Classes, not tests: surefire's per-class counts, its summary and the test plan each count
     * parameterised and nested tests differently, and a fourth number would not help. The
     * {@code [WARNING]} prefix is ours: surefire passes the test JVM's output through as it is.
     */
    static String line(String module, int classes, String reason) {
        return "[WARNING] " + module + " went untested here: " + reason + "; " + classes + " test "
                + (classes == 1 ? "class" : "classes") + " skipped (REQUIRE_IO_URING=1 fails them instead)";
    }

    /** The module's directory, which surefire makes the test JVM's working directory. */
    private static String module() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        return dir.getFileName() == null ? "this module" : dir.getFileName().toString();
    }
}
