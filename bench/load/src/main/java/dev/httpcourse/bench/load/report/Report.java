package dev.httpcourse.bench.load.report;

import java.util.List;

/** Everything one comparison produced; written as report.json, and rendered as Markdown and SVG. */
public record Report(String timestamp, Machine machine, Settings settings, List<ServerEntry> servers,
                     List<String> notes, List<Summary> summaries, List<RunRecord> runs) {

    public Report {
        servers = List.copyOf(servers);
        notes = List.copyOf(notes);
        summaries = List.copyOf(summaries);
        runs = List.copyOf(runs);
    }

    /** A report whose summaries are computed from its runs. */
    public static Report of(String timestamp, Machine machine, Settings settings, List<ServerEntry> servers,
                            List<String> notes, List<RunRecord> runs) {
        return new Report(timestamp, machine, settings, servers, notes, Summary.of(runs), runs);
    }

    /** Profiles in the order the settings list them, keeping only those with a summary. */
    public List<String> profiles() {
        return settings.profiles().stream().filter(p -> summaries.stream().anyMatch(s -> s.profile().equals(p))).toList();
    }

    public List<Summary> summaries(String profile) {
        return summaries.stream().filter(s -> s.profile().equals(profile)).toList();
    }

    /** Other processes using more than this share of the machine's CPU during a window disturbed it. */
    public static final double DISTURBED_SHARE = 0.10;

    /** Whether other processes were busy enough during {@code s}'s median window to distort it. */
    public boolean disturbed(Summary s) {
        return s.otherCpuSeconds() != null
                && s.otherCpuSeconds() > DISTURBED_SHARE * machine.cores() * settings.durationSeconds();
    }

    /** The baseline peer's summary for a profile, if it was measured. */
    public java.util.Optional<Summary> baseline(String profile) {
        return summaries(profile).stream()
                .filter(s -> s.server().equals(settings.baselinePeer()) && s.status() == RunRecord.Status.OK)
                .findFirst();
    }
}
