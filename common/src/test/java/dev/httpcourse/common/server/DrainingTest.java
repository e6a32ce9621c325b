package dev.httpcourse.common.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DrainingTest {
    @Test
    void returnsAsSoonAsTheLastConnectionIsGone() {
        var asked = new AtomicInteger();
        Draining.await(() -> asked.incrementAndGet() < 3 ? 1 : 0, Duration.ofMinutes(5));
        assertEquals(3, asked.get(), "asked until it said zero, and no more");
    }

    @Test
    void givesUpWhenTheGraceIsOver() {
        var asked = new AtomicInteger();
        long start = System.nanoTime();
        Draining.await(() -> {
            asked.incrementAndGet();
            return 1;
        }, Duration.ofMillis(100));
        assertTrue(System.nanoTime() - start >= 100_000_000L, "waited out the grace");
        assertTrue(asked.get() > 1, "polled more than once: " + asked.get());
    }

    @Test
    void stopsWaitingWhenInterruptedAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        Draining.await(() -> 1, Duration.ofMinutes(5));
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    }
}
