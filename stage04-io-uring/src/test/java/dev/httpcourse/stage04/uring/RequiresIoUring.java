package dev.httpcourse.stage04.uring;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(RequiresIoUring.class)}: where io_uring is unavailable, the class's tests are
 * skipped with the reason {@link Availability} gives, unless the environment says
 * {@code REQUIRE_IO_URING=1} (CI does): then they fail, so that a runner that cannot test io_uring
 * cannot pass for one that did.
 */
public final class RequiresIoUring implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<String> reason = Availability.unavailabilityReason();
        if (reason.isEmpty()) {
            return;
        }
        if ("1".equals(System.getenv("REQUIRE_IO_URING"))) {
            fail("REQUIRE_IO_URING=1 but io_uring is unavailable: " + reason.get());
        }
        Assumptions.abort("io_uring unavailable: " + reason.get());
    }
}
