package dev.httpcourse.bench.load.report;

import java.util.Locale;

/** How numbers read in the tables and on the charts. */
final class Format {
    private Format() {
    }

    /** 123,456 ; 12.3 below 100. */
    static String count(double v) {
        return Math.abs(v) < 100 && v != Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    /** 1.2k, 35k, 1.5M: axis ticks and bar labels. */
    static String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        String s = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** 850 µs, 1.25 ms, 2.00 s. */
    static String micros(double us) {
        if (us < 1000) {
            return String.format(Locale.ROOT, "%.0f\u00a0µs", us);
        }
        if (us < 1_000_000) {
            return trim(us / 1000) + "\u00a0ms";
        }
        return trim(us / 1_000_000) + "\u00a0s";
    }

    /** 123 MiB. */
    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }

    /** 0.85×; higher or lower is better depending on the figure. */
    static String ratio(double r) {
        return (r >= 10 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.2f", r)) + "×";
    }

    /** 5 s, 500 ms. */
    static String seconds(double s) {
        return s >= 1 ? trim(s) + "\u00a0s" : Math.round(s * 1000) + "\u00a0ms";
    }
}
