package dev.httpcourse.bench.load;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows where a comparison is: which server and profile, which window, how long it has run and
 * about how long is left. Plain lines, so it reads the same in a terminal, a CI log or a file.
 */
final class Progress {
    private final PrintStream out;
    private final int slots;
    private final double firstGuessSeconds;
    private final long start = System.nanoTime();
    private int done;
    private long slotStart;

    /** @param firstGuessSeconds how long one server and profile should take, until some have been timed */
    Progress(PrintStream out, int slots, double firstGuessSeconds) {
        this.out = out;
        this.slots = slots;
        this.firstGuessSeconds = firstGuessSeconds;
    }

    void plan(String text) {
        out.println(text + "; about " + clock(slots * firstGuessSeconds) + " in all");
    }

    void startSlot(String server, String profile) {
        slotStart = System.nanoTime();
        out.printf(Locale.ROOT, "[%d/%d] %s · %s%n", done + 1, slots, server, profile);
        out.flush();
    }

    void step(String text) {
        out.printf(Locale.ROOT, "      %s  (elapsed %s, about %s left)%n", text, clock(elapsed()), clock(remaining()));
        out.flush();
    }

    void line(String text) {
        out.println("      " + text);
        out.flush();
    }

    void endSlot() {
        done++;
    }

    double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Slots left times the average so far (or the first guess), less what the current slot has used. */
    double remaining() {
        double perSlot = done == 0 ? firstGuessSeconds : (slotStart - start) / 1e9 / done;
        double inSlot = (System.nanoTime() - slotStart) / 1e9;
        return Math.max(0, (slots - done) * perSlot - (done < slots ? inSlot : 0));
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
