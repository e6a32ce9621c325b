package dev.httpcourse.bench.load.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything one comparison produced; written as report.json, and rendered as Markdown and SVG.
 * Summaries and ratios are derived from the runs, so an older report.json renders anew with today's
 * rules ({@link #of}). The rankings are derived from the ratios and written beside them, for the
 * tools that quote them (bench/results/cmp-attributes.py), and not read back; so are the ratios to the
 * other reference servers ({@link #ratiosTo}).
 */
@JsonPropertyOrder({"timestamp", "machine", "settings", "servers", "notes", "summaries", "ratios", "ratiosTo", "rankings",
        "runs"})
@JsonIgnoreProperties(value = {"ratiosTo", "rankings"}, allowGetters = true)
public record Report(String timestamp, Machine machine, Settings settings, List<ServerEntry> servers,
                     List<String> notes, List<Summary> summaries, List<Ratio> ratios, List<RunRecord> runs) {

    public Report {
        servers = List.copyOf(servers);
        notes = List.copyOf(notes);
        summaries = List.copyOf(summaries);
        // Reports written before ratios had spreads have no "ratios": they are recomputed by of().
        ratios = ratios == null ? List.of() : List.copyOf(ratios);
        runs = List.copyOf(runs);
    }

    /** A report whose summaries and ratios are computed from its runs. */
    public static Report of(String timestamp, Machine machine, Settings settings, List<ServerEntry> servers,
                            List<String> notes, List<RunRecord> runs) {
        return new Report(timestamp, machine, settings, servers, notes, Summary.of(runs),
                Ratio.of(runs, settings.baselinePeer()), runs);
    }

    /** Profiles in the order the settings list them, keeping only those with a summary. */
    public List<String> profiles() {
        return settings.profiles().stream().filter(p -> summaries.stream().anyMatch(s -> s.profile().equals(p))).toList();
    }

    public List<Summary> summaries(String profile) {
        return summaries.stream().filter(s -> s.profile().equals(profile)).toList();
    }

    /**
     * Whether the servers were measured in interleaved rounds (every window knows its place in its
     * round); false for reports written when each server's windows ran back to back.
     */
    public boolean interleaved() {
        return runs.stream().filter(RunRecord::ok).allMatch(r -> r.position() != null)
                && runs.stream().anyMatch(RunRecord::ok);
    }

    /** Whether other processes were busy during this window; worked out from its other CPU in older reports. */
    public boolean busy(RunRecord r) {
        if (r.busy() != null) {
            return r.busy();
        }
        return r.ok() && r.otherCpuSeconds() != null && RunRecord.busy(r.otherCpuSeconds(), r.seconds(), machine.cores());
    }

    public List<RunRecord> busyWindows() {
        return runs.stream().filter(this::busy).toList();
    }

    /** Whether other processes were busy during any of {@code s}'s windows. */
    public boolean disturbed(Summary s) {
        return runs.stream().anyMatch(r -> r.server().equals(s.server()) && r.profile().equals(s.profile()) && busy(r));
    }

    /** The baseline peer's summary for a profile, if it was measured. */
    public Optional<Summary> baseline(String profile) {
        return summaries(profile).stream()
                .filter(s -> s.server().equals(settings.baselinePeer()) && s.status() == RunRecord.Status.OK)
                .findFirst();
    }

    public Optional<Ratio> ratio(String server, String profile) {
        return ratios.stream().filter(r -> r.server().equals(server) && r.profile().equals(profile)).findFirst();
    }

    /**
     * One profile's servers from the highest median ratio to the lowest, by req/s and by req per
     * CPU-second, each in groups the rounds do not tell apart ({@link #rankingGroups}).
     */
    public record Ranking(String profile, List<List<String>> requestsPerSecond, List<List<String>> requestsPerCpuSecond) {
    }

    /** Every profile's {@link Ranking}, in the order of {@link #profiles()}: written into report.json. */
    /**
     * Servers the book also sets every stage against, round by round as against the baseline peer: the
     * native floor (how far from native) and Helidon SE (stage 01's idea as a product).
     */
    static final List<String> REFERENCES = List.of("native-floor", "helidon-se");

    /** Every server's ratios to each reference server that ran, by the same rule as {@link #ratios}. */
    @JsonProperty("ratiosTo")
    public Map<String, List<Ratio>> ratiosTo() {
        var to = new LinkedHashMap<String, List<Ratio>>();
        for (String reference : REFERENCES) {
            if (runs.stream().anyMatch(r -> r.ok() && r.server().equals(reference))) {
                to.put(reference, Ratio.of(runs, reference));
            }
        }
        return to;
    }

    @JsonProperty("rankings")
    public List<Ranking> rankings() {
        return profiles().stream().map(p -> new Ranking(p, rankingGroups(p, false), rankingGroups(p, true))).toList();
    }

    /**
     * The profile's servers from the highest median ratio to the lowest, in groups: a server joins the
     * group of the one before it when their ranges over the rounds overlap (the difference is smaller
     * than its spread), and starts a new group when they do not. Empty when the profile has no ratios.
     */
    public List<List<String>> rankingGroups(String profile, boolean perCpu) {
        Function<Ratio, Spread> figure = perCpu ? Ratio::requestsPerCpuSecond : Ratio::requestsPerSecond;
        BiPredicate<Ratio, Ratio> differs = perCpu ? Ratio::differsPerCpu : Ratio::differs;
        var ranked = new ArrayList<>(ratios.stream().filter(r -> r.profile().equals(profile) && figure.apply(r) != null)
                .toList());
        ranked.sort(Comparator.comparingDouble((Ratio r) -> figure.apply(r).median()).reversed());
        var groups = new ArrayList<List<String>>();
        for (int i = 0; i < ranked.size(); i++) {
            if (i == 0 || differs.test(ranked.get(i - 1), ranked.get(i))) {
                groups.add(new ArrayList<>());
            }
            groups.getLast().add(ranked.get(i).server());
        }
        return groups.stream().map(List::copyOf).toList();
    }

    /** The same as text: {@code >} between groups, {@code ≈} within one ("a ≈ b > c"). */
    public String ranking(String profile, boolean perCpu) {
        return rankingGroups(profile, perCpu).stream().map(g -> String.join(" ≈ ", g)).collect(Collectors.joining(" > "));
    }
}
