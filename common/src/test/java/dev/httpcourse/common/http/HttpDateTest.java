package dev.httpcourse.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        final AtomicLong millis = new AtomicLong();

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void formatsImfFixdateWithTwoDigitDays() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(784111777L));
        assertEquals("Sun, 22 Nov 2026 00:00:00 GMT", HttpDate.format(Instant.parse("2026-11-22T00:00:00Z").getEpochSecond()));
    }

    @Test
    void formatsAtMostOncePerSecond() {
        var clock = new ManualClock();
        clock.millis.set(784111777_000L);
        var date = new HttpDate(clock);
        byte[] first = date.fieldLine();
        clock.millis.addAndGet(999);
        assertSame(first, date.fieldLine(), "same second: the cached line");
        clock.millis.addAndGet(1);
        byte[] next = date.fieldLine();
        assertNotSame(first, next);
        assertEquals("Date: Sun, 06 Nov 1994 08:49:38 GMT\r\n", new String(next, StandardCharsets.US_ASCII));
    }

    @Test
    void aLoopsTurnTimeReadsTheClockOnlyWhenItsSecondIsOver() {
        var clock = new ManualClock();
        clock.millis.set(Instant.parse("2026-12-06T10:00:00.400Z").toEpochMilli());
        var date = new HttpDate(clock);
        long turn = 5_000_000_000L;
        byte[] first = date.fieldLine(turn);
        assertEquals("Date: Sun, 06 Dec 2026 10:00:00 GMT\r\n", new String(first, StandardCharsets.US_ASCII));
        clock.millis.addAndGet(599); // 10:00:00.999, and the turn 599 ms later: the same second, the same line
        assertSame(first, date.fieldLine(turn + 599_000_000L));
        clock.millis.addAndGet(1); // 10:00:01.000: the second is over, so the clock is read again
        byte[] next = date.fieldLine(turn + 600_000_000L);
        assertEquals("Date: Sun, 06 Dec 2026 10:00:01 GMT\r\n", new String(next, StandardCharsets.US_ASCII));
    }
}
