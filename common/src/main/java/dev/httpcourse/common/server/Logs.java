package dev.httpcourse.common.server;

import java.lang.System.Logger.Level;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;

// tag::logs[]
/**
 * How the servers log: through the JDK's {@link System.Logger} (each class asks for one named after
 * itself), which java.util.logging backs unless another library is on the class path. This class
 * only sets how much is said and how it looks: one line a record on standard error, the level, the
 * class, the message. {@code --log-level debug} on any stage shows each connection's life (accepted,
 * lingering, closed and why); the default, {@code info}, shows only what goes wrong. Tests can
 * add a {@link Handler} to a class's logger to read what it said.
 */
public final class Logs {
    /** The loggers of the course's own classes: their names start with this. */
    public static final String ROOT = "dev.httpcourse";
    private static final String FORMAT = "%1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n";

    private Logs() {
    }

    /** Logs the course's classes at {@code level} and above, one line a record on standard error. */
    public static synchronized void configure(Level level) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", FORMAT);
        }
        Logger course = Logger.getLogger(ROOT);
        course.setLevel(julLevel(level));
        course.setUseParentHandlers(false);
        for (Handler h : course.getHandlers()) {
            course.removeHandler(h);
        }
        Handler console = new ConsoleHandler(); // standard error
        console.setLevel(java.util.logging.Level.ALL);
        course.addHandler(console);
    }

    static java.util.logging.Level julLevel(Level level) {
        return switch (level) {
            case ALL -> java.util.logging.Level.ALL;
            case TRACE -> java.util.logging.Level.FINER;
            case DEBUG -> java.util.logging.Level.FINE;
            case INFO -> java.util.logging.Level.INFO;
            case WARNING -> java.util.logging.Level.WARNING;
            case ERROR -> java.util.logging.Level.SEVERE;
            case OFF -> java.util.logging.Level.OFF;
        };
    }
}
// end::logs[]
