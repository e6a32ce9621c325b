package dev.httpcourse.common.server;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The wait in the middle of a graceful stop, for the servers whose connections live on event loops:
 * the loops have stopped accepting and closed their idle connections, and the stopping thread waits
 * for the busy ones to finish, up to the grace period. Polling a counter every few milliseconds is
 * enough: a stop happens once, and nothing on the loops waits for this thread.
 */
public final class Draining {
    static final long POLL_MILLIS = 10;

    private Draining() {
    }

    /** Returns once {@code openConnections} says 0, the grace is over, or the thread is interrupted. */
    public static void await(IntSupplier openConnections, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (openConnections.getAsInt() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the caller's caller decides; we stop waiting
                return;
            }
        }
    }
}
