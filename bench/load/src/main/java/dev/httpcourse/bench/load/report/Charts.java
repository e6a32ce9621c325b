package dev.httpcourse.bench.load.report;

import dev.httpcourse.bench.load.report.Svg.Anchor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The report's charts: one panel per profile, one horizontal bar per server, the value and its
 * ratio to the baseline peer written at the end of each bar, and a caption naming the generator,
 * the machine and the settings. Each profile has its own axis: requests/s under upload and under
 * pipelining differ by four orders of magnitude.
 */
public final class Charts {
    /**
     * Okabe and Ito's colour-blind-safe palette, then a few more; a server keeps its colour in every
     * chart. The tenth was Dark2's teal, a near twin of the third (stage 02 and netty-io_uring in the
     * default run wore one green): it is Tol's sand now, and a test keeps every pair apart.
     */
    static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
            "#555555", "#A6761D", "#8E44AD", "#DDCC77", "#E7298A", "#66A61E");
    static final List<String> PERCENTILE_COLOURS = List.of("#9ECAE9", "#3182BD", "#08306B");
    static final List<String> PERCENTILES = List.of("p50", "p99", "p99.9");

    private static final double WIDTH = 860;
    private static final double LABEL_RIGHT = 170;
    private static final double BAR_LEFT = 180;
    private static final double BAR_WIDTH = 400;
    private static final double ROW = 22;
    private static final double BAR = 14;
    private static final String GRID = "#dddddd";
    private static final String AXIS = "#888888";
    private static final String MUTED = "#666666";
    private static final String WHISKER = "#222222";
    private static final double SUBTITLE_SIZE = 12;
    private static final double LINE = 15;

    private Charts() {
    }

    /** Median requests/s per profile and server (2xx only), with the ratio's range over the rounds as a whisker. */
    public static String throughput(Report report) {
        return bars(report, "Requests per second", "2xx responses per second, median of the windows; whisker: the "
                + "ratio's lowest to highest round, scaled to the bar (| best window where there is no ratio)",
                s -> s.requestsPerSecond(), s -> s.bestRequestsPerSecond(), false);
    }

    /** Requests per CPU-second of the server: what still separates servers when the generator saturates first. */
    public static String efficiency(Report report) {
        return bars(report, "Requests per server CPU-second",
                "2xx responses divided by the server process's user+system CPU time over the same window; "
                        + "higher is better; whisker: the ratio's lowest to highest round", Summary::requestsPerCpuSecond,
                s -> null, true);
    }

    private static String bars(Report report, String title, String subtitle, Function<Summary, Double> value,
                               Function<Summary, Double> best, boolean perCpu) {
        List<String> profiles = report.profiles();
        List<String> subtitleLines = subtitleLines(subtitle);
        double below = (subtitleLines.size() - 1) * LINE;
        double height = 70 + below;
        for (String p : profiles) {
            height += panelHeight(report.summaries(p).size(), ROW);
        }
        List<String> caption = caption(report);
        height += caption.size() * 15 + 10;
        var svg = new Svg(WIDTH, height, title);
        header(svg, title, subtitleLines);
        double y = 64 + below;
        for (String profile : profiles) {
            List<Summary> rows = report.summaries(profile);
            double max = 0;
            for (Summary s : rows) {
                Double v = value.apply(s);
                max = Math.max(max, orZero(v));
                max = Math.max(max, orZero(best.apply(s)));
                Spread spread = spread(report, s, perCpu);
                if (v != null && spread != null) {
                    max = Math.max(max, v * spread.max() / spread.median());
                }
            }
            Axis axis = Axis.linear(max);
            double top = panelTitle(svg, y, profile, report);
            grid(svg, axis, top, rows.size() * ROW);
            for (int i = 0; i < rows.size(); i++) {
                Summary s = rows.get(i);
                double rowY = top + i * ROW;
                serverLabel(svg, rowY, s.server());
                Double v = s.ok() ? value.apply(s) : null;
                if (v == null) {
                    missing(svg, rowY, s);
                    continue;
                }
                double end = BAR_LEFT + axis.position(v) * BAR_WIDTH;
                svg.rect(BAR_LEFT, rowY + (ROW - BAR) / 2, end - BAR_LEFT, BAR, colour(report, s.server()));
                Spread spread = spread(report, s, perCpu);
                double labelX = end;
                String label = Format.compact(v);
                if (spread != null) {
                    labelX = Math.max(labelX, whisker(svg, axis, rowY, v, spread));
                    label += "  (" + (significant(report, s, perCpu) ? "" : "≈") + Format.ratio(spread.median())
                            + (spread.min() == spread.max() ? "" : ", " + MarkdownReport.range(spread)) + ")";
                } else {
                    Double b = best.apply(s);
                    if (b != null && b > v) {
                        double bx = BAR_LEFT + axis.position(b) * BAR_WIDTH;
                        svg.line(bx, rowY + 2, bx, rowY + ROW - 2, "#222222", 1.5);
                        labelX = bx;
                    }
                }
                if (report.disturbed(s)) {
                    label += "  *";
                }
                svg.text(labelX + 6, rowY + ROW / 2 + 4, label, 11);
            }
            axisLabels(svg, axis, top + rows.size() * ROW, Format::compact);
            y += panelHeight(rows.size(), ROW);
        }
        footer(svg, height, caption);
        return svg.toString();
    }

    /**
     * The ratio's range drawn on the bar: from value × min/median to value × max/median, a line with
     * a cap at each end, so the bar's end sits where the median round is. Returns its right end.
     * Nothing is drawn for a range of zero width (the peer against itself).
     */
    static double whisker(Svg svg, Axis axis, double rowY, double value, Spread spread) {
        double lo = BAR_LEFT + axis.position(value * spread.min() / spread.median()) * BAR_WIDTH;
        double hi = BAR_LEFT + axis.position(value * spread.max() / spread.median()) * BAR_WIDTH;
        if (hi - lo < 0.5) {
            return hi;
        }
        double mid = rowY + ROW / 2;
        svg.line(lo, mid, hi, mid, WHISKER, 1.5);
        svg.line(lo, mid - 5, lo, mid + 5, WHISKER, 1.5);
        svg.line(hi, mid - 5, hi, mid + 5, WHISKER, 1.5);
        return hi;
    }

    /** The server's per-round ratio to the peer, on req/s or req per CPU-s, or null. */
    private static Spread spread(Report report, Summary s, boolean perCpu) {
        if (!s.ok()) {
            return null;
        }
        return report.ratio(s.server(), s.profile())
                .map(r -> perCpu ? r.requestsPerCpuSecond() : r.requestsPerSecond())
                .filter(x -> x.median() > 0).orElse(null);
    }

    /** Whether the ratio is significant; the peer's 1.00× against itself is not a finding to flag. */
    private static boolean significant(Report report, Summary s, boolean perCpu) {
        return s.server().equals(report.settings().baselinePeer()) || report.ratio(s.server(), s.profile())
                .map(r -> perCpu ? Boolean.TRUE.equals(r.cpuSignificant()) : r.significant()).orElse(false);
    }

    /** p50, p99 and p99.9 per profile and server, on a logarithmic axis (they span decades). */
    public static String latency(Report report) {
        String title = "Latency percentiles";
        List<String> profiles = report.profiles();
        List<String> subtitleLines = subtitleLines("from sending a request to reading its whole response; median of the "
                + "windows; log scale, shorter is better");
        double below = (subtitleLines.size() - 1) * LINE;
        double row = 30;
        double height = 90 + below;
        for (String p : profiles) {
            height += panelHeight(report.summaries(p).size(), row);
        }
        List<String> caption = caption(report);
        height += caption.size() * 15 + 10;
        var svg = new Svg(WIDTH, height, title);
        header(svg, title, subtitleLines);
        double lx = BAR_LEFT;
        for (int i = 0; i < PERCENTILES.size(); i++) {
            svg.rect(lx, 58 + below, 12, 12, PERCENTILE_COLOURS.get(i));
            svg.text(lx + 17, 68 + below, PERCENTILES.get(i), 12);
            lx += 80;
        }
        double y = 84 + below;
        for (String profile : profiles) {
            List<Summary> rows = report.summaries(profile);
            double min = Double.MAX_VALUE;
            double max = 0;
            for (Summary s : rows) {
                if (s.ok()) {
                    for (double v : percentiles(s)) {
                        if (v > 0) {
                            min = Math.min(min, v);
                            max = Math.max(max, v);
                        }
                    }
                }
            }
            Axis axis = max == 0 ? Axis.linear(1) : Axis.log(min, max);
            double top = panelTitle(svg, y, profile, report);
            grid(svg, axis, top, rows.size() * row);
            Summary baseline = report.baseline(profile).orElse(null);
            for (int i = 0; i < rows.size(); i++) {
                Summary s = rows.get(i);
                double rowY = top + i * row;
                serverLabel(svg, rowY + (row - ROW) / 2, s.server());
                if (!s.ok()) {
                    missing(svg, rowY + (row - ROW) / 2, s);
                    continue;
                }
                double[] values = percentiles(s);
                double bar = (row - 6) / 3;
                double longest = BAR_LEFT;
                for (int k = 0; k < values.length; k++) {
                    if (values[k] <= 0) {
                        continue; // not known (wrk gives no percentiles for some pipelined runs)
                    }
                    double end = BAR_LEFT + axis.position(values[k]) * BAR_WIDTH;
                    svg.rect(BAR_LEFT, rowY + 3 + k * bar, end - BAR_LEFT, bar - 1, PERCENTILE_COLOURS.get(k));
                    longest = Math.max(longest, end);
                }
                String label = known(values[0]) + " · " + known(values[1]) + " · " + known(values[2]);
                if (baseline != null && baseline.p99Micros() > 0 && values[1] > 0) {
                    label += "  (p99 " + Format.ratio(values[1] / baseline.p99Micros()) + ")";
                }
                if (report.disturbed(s)) {
                    label += "  *";
                }
                svg.text(longest + 6, rowY + row / 2 + 4, label, 11);
            }
            axisLabels(svg, axis, top + rows.size() * row, Format::micros);
            y += panelHeight(rows.size(), row);
        }
        footer(svg, height, caption);
        return svg.toString();
    }

    private static String known(double micros) {
        return micros > 0 ? Format.micros(micros) : "?";
    }

    private static double[] percentiles(Summary s) {
        return new double[] {s.p50Micros(), s.p99Micros(), s.p999Micros()};
    }

    private static double panelHeight(int rows, double row) {
        return 30 + rows * row + 34;
    }

    private static void header(Svg svg, String title, List<String> subtitleLines) {
        svg.text(16, 26, title, 18, Anchor.START, "#111111", true);
        double y = 46;
        for (String line : subtitleLines) {
            svg.text(16, y, line, SUBTITLE_SIZE, Anchor.START, MUTED, false);
            y += LINE;
        }
    }

    /** The subtitle wrapped to the chart's width, which one line of it used to run past. */
    static List<String> subtitleLines(String subtitle) {
        return wrap(subtitle, (int) ((WIDTH - 32) / (SUBTITLE_SIZE * 0.6)));
    }

    /** The profile's name and shape; returns where the first row starts. */
    private static double panelTitle(Svg svg, double y, String profile, Report report) {
        String peer = report.baseline(profile).isPresent() ? "ratios to " + report.settings().baselinePeer()
                : "no " + report.settings().baselinePeer() + " in this profile: no ratios";
        svg.text(16, y + 18, profile, 14, Anchor.START, "#111111", true);
        svg.text(16 + Svg.textWidth(profile, 14) + 14, y + 18, shape(profile, report) + " · " + peer, 11,
                Anchor.START, MUTED, false);
        return y + 26;
    }

    static String shape(String profile, Report report) {
        for (RunRecord r : report.runs()) {
            if (r.profile().equals(profile) && r.ok()) {
                String s = r.connections() + " connections";
                if (r.pipeline() > 1) {
                    s += ", " + r.pipeline() + " pipelined";
                }
                if (r.reconnectEvery() > 0) {
                    s += ", reconnect every " + r.reconnectEvery();
                }
                return s;
            }
        }
        return "";
    }

    private static void serverLabel(Svg svg, double rowY, String server) {
        svg.text(LABEL_RIGHT, rowY + ROW / 2 + 4, server, 12, Anchor.END, "#222222", false);
    }

    private static void missing(Svg svg, double rowY, Summary s) {
        String reason = s.status().name().toLowerCase(java.util.Locale.ROOT)
                + (s.reason() == null ? "" : ": " + s.reason());
        if (reason.length() > 90) {
            reason = reason.substring(0, 87) + "...";
        }
        svg.text(BAR_LEFT + 4, rowY + ROW / 2 + 4, reason, 11, Anchor.START, "#B00020", false);
    }

    private static void grid(Svg svg, Axis axis, double top, double height) {
        for (double t : axis.ticks()) {
            double x = BAR_LEFT + axis.position(t) * BAR_WIDTH;
            svg.line(x, top, x, top + height, GRID, 1);
        }
        svg.line(BAR_LEFT, top, BAR_LEFT, top + height, AXIS, 1);
        svg.line(BAR_LEFT, top + height, BAR_LEFT + BAR_WIDTH, top + height, AXIS, 1);
    }

    private static void axisLabels(Svg svg, Axis axis, double y, Function<Double, String> format) {
        for (double t : axis.ticks()) {
            double x = BAR_LEFT + axis.position(t) * BAR_WIDTH;
            svg.line(x, y, x, y + 4, AXIS, 1);
            svg.text(x, y + 16, format.apply(t), 10, Anchor.MIDDLE, MUTED, false);
        }
    }

    private static void footer(Svg svg, double height, List<String> caption) {
        double y = height - caption.size() * 15 - 2;
        svg.line(16, y - 12, WIDTH - 16, y - 12, GRID, 1);
        for (String line : caption) {
            svg.text(16, y, line, 11, Anchor.START, MUTED, false);
            y += 15;
        }
    }

    /** Generator, machine and settings, wrapped to the chart's width. */
    static List<String> caption(Report report) {
        Settings s = report.settings();
        String text = "Generator: " + s.generatorDescription() + ". Machine: " + report.machine().summary()
                + " (" + report.machine().hostname() + "). " + Format.seconds(s.warmupSeconds()) + " warm-up, then "
                + s.repetitions() + (report.interleaved() ? " rounds of " : " × ") + Format.seconds(s.durationSeconds())
                + (report.interleaved() ? " windows, servers in turn" : "") + "; " + s.connections()
                + " connections (upload " + s.uploadConnections() + "); server CPUs " + orAll(s.serverCpus())
                + ", load CPUs " + orAll(s.loadCpus()) + ". " + report.timestamp() + ", " + report.machine().gitCommit()
                + ".";
        text += " Ratios per round, median (lowest–highest round); ≈: the range includes 1.00×, not significant.";
        if (report.summaries().stream().anyMatch(report::disturbed)) {
            text += " * Busy: other processes used over " + Math.round(RunRecord.BUSY_SHARE * 100)
                    + "% of the CPU during one of its windows.";
        }
        return wrap(text, (int) ((WIDTH - 32) / (11 * 0.55)));
    }

    private static String orAll(String cpus) {
        return cpus == null || cpus.isEmpty() ? "not pinned" : cpus;
    }

    static List<String> wrap(String text, int width) {
        var lines = new ArrayList<String>();
        var line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    static String colour(Report report, String server) {
        int i = 0;
        for (ServerEntry e : report.servers()) {
            if (e.name().equals(server)) {
                return PALETTE.get(i % PALETTE.size());
            }
            i++;
        }
        return PALETTE.get(Math.floorMod(server.hashCode(), PALETTE.size()));
    }

    private static double orZero(Double v) {
        return v == null ? 0 : v;
    }

    /** Maps values to [0, 1] along a bar, with ticks at round values. */
    record Axis(double min, double max, boolean log, List<Double> ticks) {

        /** From 0 to a round maximum at or above {@code max}, with 4 to 8 ticks of 1, 2 or 5 times a power of ten. */
        static Axis linear(double max) {
            if (!(max > 0)) {
                max = 1;
            }
            double step = Math.pow(10, Math.floor(Math.log10(max / 5)));
            for (double m : new double[] {1, 2, 5, 10}) {
                if (max / (step * m) <= 6) {
                    step *= m;
                    break;
                }
            }
            var ticks = new ArrayList<Double>();
            double top = Math.ceil(max / step - 1e-9) * step;
            for (double t = 0; t <= top + step / 2; t += step) {
                ticks.add(t);
            }
            return new Axis(0, top, false, ticks);
        }

        /** From the power of ten at or below {@code min} to the one at or above {@code max}. */
        static Axis log(double min, double max) {
            double lo = Math.pow(10, Math.floor(Math.log10(min)));
            double hi = Math.pow(10, Math.ceil(Math.log10(max)));
            if (hi <= lo) {
                hi = lo * 10;
            }
            var ticks = new ArrayList<Double>();
            for (double t = lo; t <= hi * 1.001; t *= 10) {
                ticks.add(t);
            }
            return new Axis(lo, hi, true, ticks);
        }

        double position(double v) {
            double p = log ? (Math.log10(Math.max(v, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (v - min) / (max - min);
            return Math.clamp(p, 0, 1);
        }
    }
}
