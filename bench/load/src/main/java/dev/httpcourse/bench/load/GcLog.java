package dev.httpcourse.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JVM's {@code -Xlog:gc:file=...} as it grows: every stop-the-world pause is one line
 * ending in its duration, for example
 * {@code [1.234s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms}.
 * The JVM flushes each line as it logs it, so reading at a window's two ends gives that window's
 * pauses.
 */
final class GcLog {
    private static final Pattern PAUSE = Pattern.compile("\\bGC\\(\\d+\\) Pause .*?(\\d+(?:\\.\\d+)?)ms\\s*$");

    private final Path file;

    GcLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Pauses so far and their total milliseconds. */
    record Pauses(int count, double millis) {
        Pauses minus(Pauses earlier) {
            return new Pauses(count - earlier.count, millis - earlier.millis);
        }
    }

    Pauses read() {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            return new Pauses(0, 0);
        }
    }

    static Pauses parse(String log) {
        int count = 0;
        double millis = 0;
        for (String line : log.lines().toList()) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                count++;
                millis += Double.parseDouble(m.group(1));
            }
        }
        return new Pauses(count, millis);
    }
}
