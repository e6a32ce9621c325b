package dev.httpcourse.stage04.uring;

/**
 * Receives completions as three primitives, read straight from the CQ ring: no CQE object, no
 * allocation per completion. {@code res} is the operation's result, or {@code -errno}; {@code flags}
 * holds {@link Cqe#F_MORE} (a multishot operation stays armed) and {@link Cqe#F_BUFFER} (a buffer id
 * in the upper 16 bits).
 */
@FunctionalInterface
public interface CompletionHandler {
    void onCompletion(long userData, int res, int flags);
}
