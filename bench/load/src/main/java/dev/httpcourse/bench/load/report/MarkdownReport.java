package dev.httpcourse.bench.load.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * report.md: what was measured and how, a matrix of ratios to the baseline peer, then one table per
 * profile. Every figure stands beside its ratio to the peer measured in the same run: absolute
 * numbers belong to one machine, ratios travel.
 */
public final class MarkdownReport {
    /** Columns of a profile's table after the server's name. */
    private static final int COLUMNS = 14;
    private MarkdownReport() {
    }

    public static String render(Report report) {
        var md = new StringBuilder();
        Settings s = report.settings();
        Machine m = report.machine();
        String peer = s.baselinePeer();
        md.append("# Load comparison\n\n");
        md.append("Measured ").append(report.timestamp()).append(" on `").append(m.hostname()).append("`: ")
                .append(m.summary()).append(", commit `").append(m.gitCommit()).append("`.\n\n");
        md.append("- Generator: ").append(s.generatorDescription()).append(".\n");
        md.append("- Each server and profile: the server started afresh, ").append(Format.seconds(s.warmupSeconds()))
                .append(" warm-up (not counted), then ").append(s.repetitions()).append(" measured windows of ")
                .append(Format.seconds(s.durationSeconds())).append("; figures are the median of the windows (best req/s too).\n");
        md.append("- ").append(s.connections()).append(" connections (upload: ").append(s.uploadConnections())
                .append("), ").append(s.loadThreads()).append(" load threads; server CPUs: ")
                .append(orNone(s.serverCpus())).append("; load CPUs: ").append(orNone(s.loadCpus())).append(".\n");
        if (!s.serverJvmArgs().isEmpty()) {
            md.append("- JVM options for Java servers: `").append(String.join(" ", s.serverJvmArgs())).append("`.\n");
        }
        md.append("- Command: `").append(s.command()).append("`.\n");
        md.append("- Ratios in parentheses are to **").append(peer).append("** in the same run. ")
                .append("For req/s and req per CPU-s higher is better; for latency, CPU, RSS and GC lower is better.\n");
        for (String note : report.notes()) {
            md.append("- ").append(note).append('\n');
        }
        String disturbed = disturbed(report);
        if (!disturbed.isEmpty()) {
            md.append("- **Disturbed**: other processes used more than ").append(Math.round(Report.DISTURBED_SHARE * 100))
                    .append("% of the machine's CPU during ").append(disturbed)
                    .append(" (column \"other CPU s\"); rerun those on a quiet machine before trusting them.\n");
        }
        md.append("\n![Requests per second](throughput.svg)\n\n![Requests per server CPU-second](efficiency.svg)\n\n")
                .append("![Latency percentiles](latency.svg)\n\n");

        ratioMatrix(md, report);
        for (String profile : report.profiles()) {
            profileTable(md, report, profile);
        }
        return md.toString();
    }

    /** Servers down, profiles across: req/s and req per CPU-s as ratios to the peer. */
    private static void ratioMatrix(StringBuilder md, Report report) {
        List<String> profiles = report.profiles();
        md.append("## Ratios to ").append(report.settings().baselinePeer())
                .append(": req/s, and req per server CPU-second\n\n| server |");
        for (String p : profiles) {
            md.append(' ').append(p).append(" |");
        }
        md.append("\n|---|").append("---:|".repeat(profiles.size())).append('\n');
        var servers = new LinkedHashSet<String>();
        report.summaries().forEach(x -> servers.add(x.server()));
        for (String server : servers) {
            md.append("| ").append(server).append(" |");
            for (String p : profiles) {
                String cell = ratioCell(report, server, p);
                md.append(' ').append(cell).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** One cell of the ratio matrix: "req/s ratio / req per CPU-s ratio", or why there is none. */
    static String ratioCell(Report report, String server, String profile) {
        Summary s = report.summaries(profile).stream().filter(x -> x.server().equals(server)).findFirst().orElse(null);
        Summary b = report.baseline(profile).orElse(null);
        if (s == null) {
            return "n/a";
        }
        if (!s.ok()) {
            return s.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (b == null) {
            return "no peer";
        }
        return ratio(s.requestsPerSecond(), b.requestsPerSecond()) + " / "
                + (s.requestsPerCpuSecond() == null || b.requestsPerCpuSecond() == null ? "–"
                : ratio(s.requestsPerCpuSecond(), b.requestsPerCpuSecond()));
    }

    private static void profileTable(StringBuilder md, Report report, String profile) {
        md.append("## ").append(profile).append("\n\n").append(Charts.shape(profile, report)).append(".\n\n");
        md.append("| server | req/s | best req/s | p50 | p99 | p99.9 | errors | server CPU s | req per CPU-s ")
                .append("| load CPU s | other CPU s | peak RSS | threads | GC pauses | GC ms |\n");
        md.append("|---|").append("---:|".repeat(COLUMNS)).append('\n');
        Summary b = report.baseline(profile).orElse(null);
        for (Summary s : report.summaries(profile)) {
            md.append("| ").append(s.server()).append(" |");
            if (!s.ok()) {
                md.append(' ').append(s.status().name().toLowerCase(java.util.Locale.ROOT)).append(": ")
                        .append(s.reason() == null ? "" : s.reason().replace("|", "\\|")).append(" |")
                        .append(" |".repeat(COLUMNS - 1)).append('\n');
                continue;
            }
            var cells = new ArrayList<String>();
            cells.add(cell(s, b, Summary::requestsPerSecond, Format::count));
            cells.add(cell(s, b, Summary::bestRequestsPerSecond, Format::count));
            // A percentile of 0 is one the generator could not give (wrk, pipelined): shown as unknown.
            cells.add(cell(s, b, x -> known(x.p50Micros()), Format::micros));
            cells.add(cell(s, b, x -> known(x.p99Micros()), Format::micros));
            cells.add(cell(s, b, x -> known(x.p999Micros()), Format::micros));
            cells.add(Long.toString(s.errors()));
            cells.add(cell(s, b, Summary::serverCpuSeconds, v -> String.format(java.util.Locale.ROOT, "%.2f", v)));
            cells.add(cell(s, b, Summary::requestsPerCpuSecond, Format::count));
            cells.add(s.loadCpuSeconds() == null ? "–" : String.format(java.util.Locale.ROOT, "%.2f", s.loadCpuSeconds()));
            cells.add(s.otherCpuSeconds() == null ? "–" : String.format(java.util.Locale.ROOT, "%.2f", s.otherCpuSeconds()));
            cells.add(cell(s, b, x -> x.peakRssBytes() == null ? null : x.peakRssBytes().doubleValue(),
                    v -> Format.mebibytes(v.longValue())));
            cells.add(s.serverThreads() == null ? "–" : s.serverThreads().toString());
            cells.add(s.gcPauses() == null ? "–" : Format.count(s.gcPauses()));
            cells.add(cell(s, b, Summary::gcPauseMillis, v -> String.format(java.util.Locale.ROOT, "%.1f", v)));
            md.append(' ').append(String.join(" | ", cells)).append(" |");
            if (s.reason() != null) {
                md.append(" ").append(s.reason());
            }
            md.append('\n');
        }
        md.append('\n');
    }

    static String cell(Summary s, Summary baseline, Function<Summary, Double> f,
                               Function<Double, String> format) {
        Double v = f.apply(s);
        if (v == null) {
            return "–";
        }
        String text = format.apply(v);
        Double b = baseline == null ? null : f.apply(baseline);
        if (b != null && b > 0 && s != baseline) {
            text += " (" + Format.ratio(v / b) + ")";
        }
        return text;
    }

    /** Server and profile pairs whose median window had other processes busy, or "". */
    static String disturbed(Report report) {
        return String.join(", ", report.summaries().stream().filter(report::disturbed).map(s -> s.server() + " " + s.profile()).toList());
    }

    static Double known(double micros) {
        return micros > 0 ? micros : null;
    }

    static String ratio(double v, double baseline) {
        return baseline > 0 ? Format.ratio(v / baseline) : "–";
    }

    private static String orNone(String cpus) {
        return cpus == null || cpus.isEmpty() ? "not pinned" : cpus;
    }
}
