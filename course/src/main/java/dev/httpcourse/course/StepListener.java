package dev.httpcourse.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** Counts one step's tests and keeps its first failure. */
final class StepListener implements TestExecutionListener {
    /**
     * A failed test or container.
     *
     * @param path   where it is: {@code Endpoints › whole(RequestCase) › answersHelloWorldOnGetRoot → 200}
     * @param thrown what it threw
     */
    record Failure(String path, Throwable thrown, String testClass, String testMethod) {
    }

    private final String binding;
    private TestPlan plan;
    int passed;
    int failed;
    int notRun;
    final List<String> skipped = new ArrayList<>();
    /** Why each skipped test or container was skipped, as JUnit gave it. */
    final List<String> skipReasons = new ArrayList<>();
    Failure first;

    /** @param binding the binding class's simple name, left out of the paths shown */
    StepListener(String binding) {
        this.binding = binding;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (first != null) {
            notRun++;
        } else {
            skipped.add(path(id) + ": " + reason);
            skipReasons.add(reason == null ? "" : reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                if (id.isTest()) {
                    passed++;
                }
            }
            case ABORTED -> {
                String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
                skipped.add(path(id) + ": " + reason);
                skipReasons.add(reason == null ? "" : reason);
            }
            case FAILED -> {
                failed++;
                if (first == null) {
                    String cls = null;
                    String method = null;
                    for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent() && cls == null;
                         at = plan.getParent(at.get())) {
                        if (at.get().getSource().orElse(null) instanceof MethodSource m) {
                            cls = m.getClassName();
                            method = m.getMethodName();
                        }
                    }
                    first = new Failure(path(id), result.getThrowable().orElse(new AssertionError("failed")), cls,
                            method);
                    FailFast.failed();
                }
            }
        }
    }

    boolean ok() {
        return failed == 0;
    }

    private String path(TestIdentifier id) {
        List<String> names = new ArrayList<>();
        for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
            TestIdentifier t = at.get();
            if (t.getParentId().isEmpty()) {
                break; // the engine
            }
            names.addFirst(t.getDisplayName());
        }
        if (names.size() > 1 && names.getFirst().equals(binding)) {
            names.removeFirst(); // the same for every test of a check
        }
        return String.join(" › ", names);
    }
}
