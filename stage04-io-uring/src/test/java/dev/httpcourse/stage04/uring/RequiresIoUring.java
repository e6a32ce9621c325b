package dev.httpcourse.stage04.uring;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(RequiresIoUring.class)}: where io_uring is unavailable, the class is disabled
 * with the reason {@link Availability} gives, so that every test in it counts as skipped (an
 * assumption that aborts in {@code beforeAll} would leave surefire saying "Tests run: 0", as if the
 * class had no tests); {@link IoUringSkipReport} then prints one line per stage. Where the
 * environment says {@code REQUIRE_IO_URING=1} (CI does), the class runs and fails in
 * {@code beforeAll} instead, so that a runner that cannot test io_uring cannot pass for one that did.
 */
public final class RequiresIoUring implements ExecutionCondition, BeforeAllCallback {
    /** What a skipped class's reason starts with; {@link IoUringSkipReport} looks for it. */
    static final String SKIP_PREFIX = "io_uring unavailable: ";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> reason = Availability.unavailabilityReason();
        if (reason.isEmpty()) {
            return ConditionEvaluationResult.enabled("io_uring is available");
        }
        if (required()) {
            return ConditionEvaluationResult.enabled("REQUIRE_IO_URING=1: run, and fail in beforeAll");
        }
        return ConditionEvaluationResult.disabled(SKIP_PREFIX + reason.get());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Availability.unavailabilityReason()
                .ifPresent(reason -> fail("REQUIRE_IO_URING=1 but io_uring is unavailable: " + reason));
    }

    private static boolean required() {
        return "1".equals(System.getenv("REQUIRE_IO_URING"));
    }
}
