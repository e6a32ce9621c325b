package dev.httpcourse.stage04.uring;

import java.util.ArrayList;
import java.util.List;

/** Test-side collector: records every completion a drain hands out (allocation is fine in tests). */
final class Completions implements CompletionHandler {
    record Completion(long userData, int res, int flags) {
    }

    final List<Completion> all = new ArrayList<>();

    @Override
    public void onCompletion(long userData, int res, int flags) {
        all.add(new Completion(userData, res, flags));
    }

    /** Submits, waits and drains until {@code count} completions are in, or fails after a few seconds. */
    List<Completion> await(Ring ring, int count) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (all.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + all.size() + " of " + count + " completions: " + all);
            }
            ring.submitAndWait(1, 100_000_000L);
            ring.drain(this);
        }
        return all;
    }

    Completion byUserData(long userData) {
        return all.stream().filter(c -> c.userData() == userData).findFirst()
                .orElseThrow(() -> new AssertionError("no completion for " + Long.toHexString(userData) + " in " + all));
    }
}
