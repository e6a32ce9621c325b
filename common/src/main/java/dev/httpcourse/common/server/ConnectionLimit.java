package dev.httpcourse.common.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's open connections against {@code --max-connections}, shared by all its event loops
 * (stage 03 runs several): the limit is the server's, not each loop's.
 */
public final class ConnectionLimit {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    public ConnectionLimit(int max) {
        this.max = max;
    }

    /** Counts one more connection, or returns false (and counts nothing) when the limit is reached. */
    public boolean tryAcquire() {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    public void release() {
        open.decrementAndGet();
    }

    public int open() {
        return open.get();
    }
}
