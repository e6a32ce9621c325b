package dev.httpcourse.common.http;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Date} field line (RFC 9110 section 6.6.1), formatted at most once per second: a
 * server answering a million requests a second must not format a million dates.
 *
 * <p>Thread-safe without locks: the cached value is one immutable object behind a volatile field;
 * two threads crossing a second boundary at once may both format it, which is harmless.
 */
public final class HttpDate {
    public static final HttpDate SYSTEM = new HttpDate(Clock.systemUTC());

    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** A formatted field line, and until when (in {@link System#nanoTime()}) its second lasts. */
    private record Cached(long epochSecond, byte[] fieldLine, long secondEndsNanos) {
    }

    private final Clock clock;
    private volatile Cached cached = new Cached(Long.MIN_VALUE, new byte[0], Long.MIN_VALUE);

    public HttpDate(Clock clock) {
        this.clock = clock;
    }

    // tag::date-cache[]
    /** {@code Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n}; shared, never modify. */
    public byte[] fieldLine() {
        long millis = clock.millis();
        Cached c = cached;
        if (c.epochSecond != millis / 1000) {
            c = format(millis, System.nanoTime());
        }
        return c.fieldLine;
    }
    // end::date-cache[]

    // tag::date-by-turn[]
    /**
     * The same, for a loop that has read {@link System#nanoTime()} once for its turn: the wall clock
     * is read only when the second the line was made in may be over, not once per answer.
     */
    public byte[] fieldLine(long nanoTime) {
        Cached c = cached;
        if (nanoTime - c.secondEndsNanos >= 0 || c.epochSecond == Long.MIN_VALUE) { // over, or none made yet
            c = format(clock.millis(), nanoTime);
        }
        return c.fieldLine;
    }
    // end::date-by-turn[]

    private Cached format(long millis, long nanoTime) {
        long second = millis / 1000;
        long secondEnds = nanoTime + (1000 - millis % 1000) * 1_000_000L;
        Cached c = new Cached(second, ("Date: " + format(second) + "\r\n").getBytes(StandardCharsets.US_ASCII),
                secondEnds);
        cached = c;
        return c;
    }

    /** IMF-fixdate; RFC_1123_DATE_TIME writes single-digit days without a zero, so pad them. */
    static String format(long epochSecond) {
        String s = IMF_FIXDATE.format(Instant.ofEpochSecond(epochSecond));
        return s.charAt(6) == ' ' ? s.substring(0, 5) + "0" + s.substring(5) : s;
    }
}
