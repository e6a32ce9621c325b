package dev.httpcourse.bench.load.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison's result in a few lines for the terminal it ran in: req/s of every server as a
 * ratio to the baseline peer, one row per server and one column per profile, so that a room
 * watching {@code ./bench/run.sh --quick} sees the outcome without opening the report.
 */
public final class RatioTable {
    private RatioTable() {
    }

    /** The table's lines, or none when no profile has ratios (no baseline peer measured). */
    public static List<String> lines(Report report) {
        List<String> profiles = report.profiles().stream()
                .filter(p -> report.baseline(p).isPresent()).toList();
        if (profiles.isEmpty()) {
            return List.of();
        }
        int width = report.servers().stream().mapToInt(s -> s.name().length()).max().orElse(6);
        var lines = new ArrayList<String>();
        lines.add("req/s as a ratio to " + report.settings().baselinePeer() + ", median of the rounds "
                + "(≈: the rounds' range includes 1.00×):");
        var header = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s", "server"));
        profiles.forEach(p -> header.append(String.format(Locale.ROOT, "  %12s", p)));
        lines.add(header.toString());
        for (ServerEntry server : report.servers()) {
            var row = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s", server.name()));
            for (String p : profiles) {
                row.append(String.format(Locale.ROOT, "  %12s", cell(report, server.name(), p)));
            }
            lines.add(row.toString());
        }
        int busy = report.busyWindows().size();
        if (busy > 0) {
            long all = report.runs().stream().filter(RunRecord::ok).count();
            lines.add("  Busy machine: other processes used more than 10% of the CPU in " + busy + " of " + all
                    + " windows; rerun on a quiet machine before reading much into these.");
        }
        return lines;
    }

    static String cell(Report report, String server, String profile) {
        Summary s = report.summaries(profile).stream().filter(x -> x.server().equals(server)).findFirst().orElse(null);
        if (s == null) {
            return "–";
        }
        if (!s.ok()) {
            return s.status().name().toLowerCase(Locale.ROOT);
        }
        boolean peer = server.equals(report.settings().baselinePeer());
        return report.ratio(server, profile)
                .map(r -> (peer || r.significant() ? "" : "≈") + Format.ratio(r.requestsPerSecond().median()))
                .orElse("–");
    }
}
