package dev.httpcourse.course;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server under check prints while a step runs: it runs in this JVM (or prints through it),
 * so {@code System.out} and {@code System.err} are swapped for this while the step runs, and the
 * first lines are shown with a failure.
 */
final class Capture implements AutoCloseable {
    private static final int KEPT = 64 * 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

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
        System.setOut(out);
        System.setErr(err);
    }
}
