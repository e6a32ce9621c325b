package dev.httpcourse.bench.load.soak;

import java.util.Locale;
import java.util.function.Function;

/**
 * What a soak watches grow, each with the allowance of the rule that judges it ({@link Verdict}):
 * growth within the allowance is noise (a JIT compilation, a pool that grew once), not a leak.
 */
public enum Series {
    RSS("RSS", "MiB", 32, s -> mib(s.rssBytes())),
    HEAP("heap after full GC", "MiB", 8, s -> s.heapAfterGcBytes() == null ? null : mib(s.heapAfterGcBytes())),
    NATIVE("native (NMT, outside the heap)", "MiB", 16,
            s -> s.nativeMemory() == null ? null : mib(s.nativeMemory().outsideHeap())),
    // Part of NATIVE, judged apart: the server's own off-heap memory, without the JIT's and GC's noise around it.
    OFF_HEAP("off-heap (NMT Other)", "MiB", 8, s -> s.nativeMemory() == null ? null : mib(s.nativeMemory().other())),
    THREADS("threads", "", 2, s -> (double) s.threads()),
    FILE_DESCRIPTORS("file descriptors", "", 8, s -> (double) s.fileDescriptors());

    /** A series grows only if its last third is above its first by more than this share and the allowance. */
    public static final double RATIO = 0.10;
    /** Samples before this one are not judged: #0 is before any load, #1 after the first round (the warm-up). */
    public static final int FIRST_JUDGED = 2;

    private final String label;
    private final String unit;
    private final double allowance;
    private final Function<Sample, Double> value;

    Series(String label, String unit, double allowance, Function<Sample, Double> value) {
        this.label = label;
        this.unit = unit;
        this.allowance = allowance;
        this.value = value;
    }

    public String label() {
        return label;
    }

    /** The growth always allowed, in the series' unit (MiB, or a count). */
    public double allowance() {
        return allowance;
    }

    /** The sample's value in the series' unit, or null where it was not measured. */
    public Double value(Sample s) {
        return value.apply(s);
    }

    /** A value with its unit: MiB to one decimal, counts as whole numbers. */
    public String format(double v) {
        return unit.isEmpty() ? String.format(Locale.ROOT, "%,.1f", v).replace(".0", "")
                : String.format(Locale.ROOT, "%,.1f %s", v, unit);
    }

    /** The rule, in words, as --help and the report state it. */
    public static String rule() {
        var allowances = new StringBuilder();
        for (Series s : values()) {
            allowances.append(allowances.isEmpty() ? "" : ", ").append(s.label).append(' ')
                    .append(s.unit.isEmpty() ? String.valueOf((long) s.allowance) : (long) s.allowance + " " + s.unit);
        }
        return "Samples #0 (before any load) and #1 (after the first round, the warm-up) are not judged. Of the "
                + "others, take the first third and the last third (at least one sample each). A series is growing "
                + "when the mean of its last third exceeds the mean of its first third by more than "
                + Math.round(RATIO * 100) + "% and by more than its allowance (" + allowances + "); otherwise it is "
                + "flat. It takes three rounds at least.";
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024);
    }
}
