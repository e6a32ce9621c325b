package dev.httpcourse.course;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * The order a check runs a category's tests in: each case whole first, the simplest failure to read;
 * then pipelined; then split at every byte, the slowest; then the category's other tests by name.
 */
public final class CaseModesFirst implements MethodOrderer {
    private static final List<String> MODES = List.of("whole", "pipelinedBehindAnotherRequest", "splitAtEveryByte");

    @Override
    public void orderMethods(MethodOrdererContext context) {
        context.getMethodDescriptors().sort(Comparator.comparingInt(CaseModesFirst::rank)
                .thenComparing(m -> m.getMethod().getName()));
    }

    private static int rank(MethodDescriptor m) {
        int i = MODES.indexOf(m.getMethod().getName());
        return i < 0 ? MODES.size() : i;
    }
}
