package dev.httpcourse.bench.load.soak;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for what the soak reads of a server: {@code /proc/PID/status} (proc(5)), and the answers
 * of {@code jcmd PID GC.heap_info} and {@code jcmd PID VM.native_memory summary}. Each returns -1 (or
 * null) for what it cannot find, so that one odd answer costs one cell of the table, not the run.
 */
public final class Readings {
    private static final Pattern USED = Pattern.compile("\\bused (\\d+)([KMG]?)\\b");
    private static final Pattern USED_AFTER = Pattern.compile("\\b(\\d+)([KMG]?) used\\b");
    private static final Pattern TOTAL = Pattern.compile("^Total: reserved=\\d+\\w*, committed=(\\d+)(\\w*)",
            Pattern.MULTILINE);

    private Readings() {
    }

    /** A field of /proc/PID/status in kB (VmRSS, VmHWM) as bytes, or a count (Threads); -1 if absent. */
    public static long statusField(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String value = line.substring(name.length() + 1).strip();
                boolean kb = value.endsWith("kB");
                long n = Long.parseLong(kb ? value.substring(0, value.length() - 2).strip() : value);
                return kb ? n * 1024 : n;
            }
        }
        return -1;
    }

    /**
     * The heap in use, in bytes, from {@code GC.heap_info} just after a full collection: the sum of
     * "used" over the heap's top-level lines, whatever the collector (G1: {@code garbage-first heap};
     * Serial and Parallel: one line per generation; ZGC: {@code ZHeap}; Shenandoah: {@code N used});
     * -1 if none is found. Metaspace is not the heap and is left out.
     */
    public static long heapUsedBytes(String heapInfo) {
        long sum = 0;
        boolean found = false;
        for (String line : heapInfo.split("\n")) {
            // Top-level lines name a heap or a generation; indented lines are its spaces or regions.
            if (line.isEmpty() || Character.isWhitespace(line.charAt(0)) || line.startsWith("Metaspace")) {
                continue;
            }
            Matcher m = USED.matcher(line);
            if (m.find()) {
                sum += bytes(m.group(1), m.group(2));
                found = true;
            }
        }
        if (!found) {
            Matcher m = USED_AFTER.matcher(heapInfo); // Shenandoah: " 6028M max, ..., 4096K used"
            if (m.find()) {
                return bytes(m.group(1), m.group(2));
            }
        }
        return found ? sum : -1;
    }

    /** The summary of Native Memory Tracking, or null when it is off (or the answer is not one). */
    public static NativeMemory nativeMemory(String summary) {
        Matcher total = TOTAL.matcher(summary);
        if (!total.find()) {
            return null;
        }
        long heap = category(summary, "Java Heap");
        long other = Math.max(0, category(summary, "Other")) + Math.max(0, category(summary, "NIO"));
        return new NativeMemory(bytes(total.group(1), total.group(2)), Math.max(0, heap), other);
    }

    /** Committed bytes of one category ({@code -  Java Heap (reserved=…KB, committed=…KB)}), or -1. */
    static long category(String summary, String name) {
        Matcher m = Pattern.compile("^-\\s+" + Pattern.quote(name) + " \\(reserved=\\d+\\w*, committed=(\\d+)(\\w*)",
                Pattern.MULTILINE).matcher(summary);
        return m.find() ? bytes(m.group(1), m.group(2)) : -1;
    }

    private static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "", "B" -> n;
            case "K", "KB" -> n * 1024;
            case "M", "MB" -> n * 1024 * 1024;
            case "G", "GB" -> n * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }
}
