package dev.httpcourse.course;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * What the server under check prints while a step runs: it runs in this JVM (or prints through it),
 * so {@code System.out} and {@code System.err} are swapped for this while the step runs, and the
 * first lines are shown with a failure. What it logs is printed there too: the JDK's root logger,
 * which the stages' {@code System.Logger}s reach when nothing configured them, had its console
 * handler bound to standard error before the step began (JUnit logs through it), so its handlers
 * are swapped as well. An event loop that dies on code not yet written says so only in its log.
 */
final class Capture implements AutoCloseable {
    private static final int KEPT = 64 * 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final Logger root = Logger.getLogger("");
    private final Handler[] rootHandlers = root.getHandlers();
    private final Handler logs;

    Capture() {
        PrintStream into = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (bytes) {
                    if (bytes.size() < KEPT) {
                        bytes.write(b);
                    }
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (bytes) {
                    bytes.write(b, off, Math.max(0, Math.min(len, KEPT - bytes.size())));
                }
            }
        }, true, StandardCharsets.UTF_8);
        System.setOut(into);
        System.setErr(into);
        logs = new StreamHandler(into, new OneLine()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        for (Handler h : rootHandlers) {
            root.removeHandler(h);
        }
        root.addHandler(logs);
    }

    /** A record as one line (level, logger, message), and its exception with its causes, a few frames each. */
    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            var line = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + ": " + formatMessage(record));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(t == record.getThrown() ? "\n  " : "\n  caused by ").append(t);
                Arrays.stream(t.getStackTrace()).limit(3).forEach(e -> line.append("\n    at ").append(e));
            }
            return line.append('\n').toString();
        }
    }

    /** The lines printed, repeats of a line folded into one with a count. */
    List<String> lines() {
        String text;
        synchronized (bytes) {
            text = bytes.toString(StandardCharsets.UTF_8);
        }
        List<String> lines = new ArrayList<>();
        String last = null;
        int repeats = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.equals(last)) {
                repeats++;
                continue;
            }
            if (repeats > 0) {
                lines.add("  (the line above " + (repeats + 1) + " times)");
            }
            lines.add(line);
            last = line;
            repeats = 0;
        }
        if (repeats > 0) {
            lines.add("  (the line above " + (repeats + 1) + " times)");
        }
        return lines;
    }

    String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        root.removeHandler(logs);
        for (Handler h : rootHandlers) {
            root.addHandler(h);
        }
        System.setOut(out);
        System.setErr(err);
    }
}
