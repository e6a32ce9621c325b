package dev.httpcourse.bench.load;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows where a comparison is: which profile, which server and round, how long it has run and about
 * how long is left. Plain lines, so it reads the same in a terminal, a CI log or a file.
 *
 * <p>The plan is a sum of guessed seconds (start-ups, warm-ups, windows); as steps finish, the time
 * left is the guess for what remains, scaled by how the guesses have held up so far (connecting,
 * draining and reading /proc add a little to every window). A server that
 * fails to start skips its warm-up and windows, and the plan shrinks by their guesses.
 */
final class Progress {
    private final PrintStream out;
    private final int profiles;
    private final double plannedSeconds;
    private final long start = System.nanoTime();
    private double doneGuess;
    private long doneAt = start;
    private int profile;

    Progress(PrintStream out, int profiles, double plannedSeconds) {
        this.out = out;
        this.profiles = profiles;
        this.plannedSeconds = plannedSeconds;
    }

    void plan(String text) {
        out.println(text + "; about " + clock(plannedSeconds) + " in all");
    }

    void startProfile(String name, int servers) {
        profile++;
        out.printf(Locale.ROOT, "[%d/%d] %s · %d server%s%n", profile, profiles, name, servers, servers == 1 ? "" : "s");
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

    /** A step that was guessed to take {@code guessSeconds} is over (or skipped). */
    void done(double guessSeconds) {
        doneGuess += guessSeconds;
        doneAt = System.nanoTime();
    }

    double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The guess for what is left, less the current step's time; once a tenth of the plan is done,
     * scaled by how long steps took against their guesses. Not before: a first start-up that beats
     * its guess would otherwise halve the estimate for windows whose length is fixed.
     */
    double remaining() {
        double took = (doneAt - start) / 1e9;
        double pace = doneGuess >= plannedSeconds / 10 && took > 0 ? took / doneGuess : 1;
        double inStep = (System.nanoTime() - doneAt) / 1e9;
        return Math.max(0, (plannedSeconds - doneGuess) * pace - inStep);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
