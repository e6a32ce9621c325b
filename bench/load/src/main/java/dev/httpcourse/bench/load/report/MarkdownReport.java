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
    private static final int COLUMNS = 15;
    /** The significance rule, stated once in every report (see {@link Ratio}). */
    static final String SIGNIFICANCE = "Each ratio is taken per round (the server's window over the peer's in the "
            + "same round) and shown as the median, with the lowest and highest round in brackets. A difference "
            + "smaller than its spread is not significant: ≈ marks a ratio whose range includes 1.00×, and in the "
            + "rankings ≈ joins two servers whose ranges overlap. This is a rough rule, not a statistical test: "
            + "with n rounds, two equal servers still land on one side of 1.00× in every round with probability "
            + "2/2ⁿ (1 in 4 with 3 rounds); more rounds (`--repetitions`) make it stricter.";
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
        md.append("- ").append(method(report)).append('\n');
        md.append("- ").append(s.connections()).append(" connections (upload: ").append(s.uploadConnections())
                .append("), ").append(s.loadThreads()).append(" load threads; server CPUs: ")
                .append(orNone(s.serverCpus())).append("; load CPUs: ").append(orNone(s.loadCpus())).append(".\n");
        if (!s.serverJvmArgs().isEmpty()) {
            md.append("- JVM options for Java servers: `").append(String.join(" ", s.serverJvmArgs())).append("`.\n");
        }
        md.append("- Command: `").append(s.command()).append("`.\n");
        String peers = peers(report);
        if (!peers.isEmpty()) {
            md.append("- Peers: ").append(peers).append(".\n");
        }
        md.append("- Ratios are to **").append(peer).append("**. ").append(SIGNIFICANCE).append(' ')
                .append("Other ratios in parentheses (latency, CPU, RSS, GC) are of the medians. ")
                .append("For req/s and req per CPU-s higher is better; for latency, CPU, RSS and GC lower is better.\n");
        for (String note : report.notes()) {
            md.append("- ").append(note).append('\n');
        }
        String busy = busyWindows(report);
        if (!busy.isEmpty()) {
            md.append("- **Busy machine**: other processes used more than ").append(Math.round(RunRecord.BUSY_SHARE * 100))
                    .append("% of the machine's CPU during ").append(busy)
                    .append(" (column \"other CPU s\"); rerun on a quiet machine before trusting those rows.\n");
        }
        md.append("\n![Requests per second](throughput.svg)\n\n![Requests per server CPU-second](efficiency.svg)\n\n")
                .append("![Latency percentiles](latency.svg)\n\n");

        ratioMatrix(md, report);
        for (String profile : report.profiles()) {
            profileTable(md, report, profile);
        }
        return md.toString();
    }

    /** Each peer with what it is: its version and the settings it runs with, as its note says. */
    static String peers(Report report) {
        var parts = new ArrayList<String>();
        for (ServerEntry e : report.servers()) {
            if (e.kind().equals("peer") && e.note() != null) {
                parts.add("**" + e.name() + "**: " + e.note());
            }
        }
        return String.join("; ", parts);
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

    /** One cell of the ratio matrix: "req/s ratio / req per CPU-s ratio", each with its range, or why there is none. */
    static String ratioCell(Report report, String server, String profile) {
        Summary s = report.summaries(profile).stream().filter(x -> x.server().equals(server)).findFirst().orElse(null);
        if (s == null) {
            return "n/a";
        }
        if (!s.ok()) {
            return s.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        Ratio r = report.ratio(server, profile).orElse(null);
        if (r == null) {
            return "no peer";
        }
        // The peer against itself is 1.00× by definition, not a finding to flag.
        boolean peer = server.equals(report.settings().baselinePeer());
        return spread(r.requestsPerSecond(), peer || r.significant()) + " / " + (r.requestsPerCpuSecond() == null ? "–"
                : spread(r.requestsPerCpuSecond(), peer || Boolean.TRUE.equals(r.cpuSignificant())));
    }

    /** 0.81× (0.77–0.85), with ≈ in front when not significant; the peer's own 1.00× alone. */
    static String spread(Spread s, boolean significant) {
        if (s.min() == s.max()) {
            return (significant ? "" : "≈") + Format.ratio(s.median());
        }
        return (significant ? "" : "≈") + Format.ratio(s.median()) + " (" + range(s) + ")";
    }

    /** 0.77–0.85: the range without the × signs. */
    static String range(Spread s) {
        return Format.ratio(s.min()).replace("×", "") + "–" + Format.ratio(s.max()).replace("×", "");
    }

    private static void profileTable(StringBuilder md, Report report, String profile) {
        md.append("## ").append(profile).append("\n\n").append(Charts.shape(profile, report)).append(".\n\n");
        String byRequests = report.ranking(profile, false);
        if (byRequests.contains(" ")) {
            md.append("Ranked by req/s ratio: ").append(byRequests).append(".  \n");
            String byCpu = report.ranking(profile, true);
            if (byCpu.contains(" ")) {
                md.append("Ranked by req per CPU-s ratio: ").append(byCpu).append(".\n");
            }
            md.append('\n');
        }
        md.append("| server | req/s | best req/s | p50 | p99 | p99.9 | errors | server CPU s | req per CPU-s ")
                .append("| load CPU s | other CPU s | idle CPU s | peak RSS | threads | GC pauses | GC ms |\n");
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
            Ratio ratio = report.ratio(s.server(), profile).orElse(null);
            cells.add(ratioCell(Format.count(s.requestsPerSecond()), ratio == null ? null : ratio.requestsPerSecond(),
                    ratio != null && ratio.significant(), s, b));
            cells.add(cell(s, b, Summary::bestRequestsPerSecond, Format::count));
            // A percentile of 0 is one the generator could not give (wrk, pipelined): shown as unknown.
            cells.add(cell(s, b, x -> known(x.p50Micros()), Format::micros));
            cells.add(cell(s, b, x -> known(x.p99Micros()), Format::micros));
            cells.add(cell(s, b, x -> known(x.p999Micros()), Format::micros));
            cells.add(Long.toString(s.errors()));
            cells.add(cell(s, b, Summary::serverCpuSeconds, v -> String.format(java.util.Locale.ROOT, "%.2f", v)));
            cells.add(s.requestsPerCpuSecond() == null ? "–" : ratioCell(Format.count(s.requestsPerCpuSecond()),
                    ratio == null ? null : ratio.requestsPerCpuSecond(),
                    ratio != null && Boolean.TRUE.equals(ratio.cpuSignificant()), s, b));
            cells.add(s.loadCpuSeconds() == null ? "–" : String.format(java.util.Locale.ROOT, "%.2f", s.loadCpuSeconds()));
            cells.add(s.otherCpuSeconds() == null ? "–" : String.format(java.util.Locale.ROOT, "%.2f", s.otherCpuSeconds()));
            cells.add(s.idleCpuSeconds() == null ? "–" : String.format(java.util.Locale.ROOT, "%.2f", s.idleCpuSeconds()));
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

    /** A figure with its per-round ratio to the peer: "55,000 (0.55×, 0.50–0.60)"; the peer's own row bare. */
    static String ratioCell(String value, Spread ratio, boolean significant, Summary s, Summary peer) {
        if (ratio == null || s == peer) {
            return value;
        }
        return value + " (" + (significant ? "" : "≈") + Format.ratio(ratio.median())
                + (ratio.min() == ratio.max() ? "" : ", " + range(ratio)) + ")";
    }

    /** How the windows were taken, in one sentence (older reports measured one server after another). */
    static String method(Report report) {
        Settings s = report.settings();
        if (!report.interleaved()) {
            return "Each server and profile: the server started afresh, " + Format.seconds(s.warmupSeconds())
                    + " warm-up (not counted), then " + s.repetitions() + " measured windows of "
                    + Format.seconds(s.durationSeconds()) + " back to back, one server after another (before rounds "
                    + "were interleaved: round k pairs windows taken minutes apart); figures are the median of the "
                    + "windows (best req/s too).";
        }
        return "Each profile: every server started and warmed up for " + Format.seconds(s.warmupSeconds())
                + " (not counted), then " + s.repetitions() + " rounds; in each round one " + Format.seconds(s.durationSeconds())
                + " window of every server in turn, the order rotated by one place each round, the other servers "
                + "idle meanwhile (their CPU then is column \"idle CPU s\", median over rounds). Figures are the "
                + "median of the windows (best req/s too).";
    }

    /** The busy windows, as "server profile round r" and how many of all, or "". */
    static String busyWindows(Report report) {
        List<RunRecord> busy = report.busyWindows();
        if (busy.isEmpty()) {
            return "";
        }
        long all = report.runs().stream().filter(RunRecord::ok).count();
        return busy.size() + " of " + all + " windows (" + String.join(", ", busy.stream()
                .map(r -> r.server() + " " + r.profile() + " round " + r.repetition()).toList()) + ")";
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
