package dev.httpcourse.course;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips every test once one has failed, so that a step stops at its first failure instead of running
 * a thousand cases against a server that does not answer. Registered through
 * {@code META-INF/services} and enabled only for the checks' own launches (extension autodetection).
 */
public final class FailFast implements ExecutionCondition {
    private static volatile boolean failed;

    static void reset() {
        failed = false;
    }

    static void failed() {
        failed = true;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return failed ? ConditionEvaluationResult.disabled("not run: an earlier test of this step failed")
                : ConditionEvaluationResult.enabled("no failure yet");
    }
}
