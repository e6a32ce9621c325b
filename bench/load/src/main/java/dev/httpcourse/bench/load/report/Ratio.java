package dev.httpcourse.bench.load.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One server's ratios to the baseline peer under one profile, computed round by round (the server's
 * window over the peer's window of the same round) and summarised as a {@link Spread}. Pairing by
 * round is the point: whatever slowed the machine during a round slowed both windows of the pair.
 *
 * <p>{@code significant} is the report's rule: a ratio whose range over the rounds includes 1.0
 * does not show a difference from the peer. It is a rough rule, not a statistical test: for two
 * equal servers and noise that pushes either way, all n rounds fall on one side of 1.0 with
 * probability 2 / 2^n (1 in 4 with three rounds), so more rounds make it stricter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ratio(String server, String profile, int rounds, Spread requestsPerSecond, boolean significant,
                    Spread requestsPerCpuSecond, Boolean cpuSignificant) {

    /** Ratios of every server that shares at least one measured round with {@code peer}, in the order runs appear. */
    public static List<Ratio> of(List<RunRecord> runs, String peer) {
        var groups = new LinkedHashMap<String, List<RunRecord>>();
        for (RunRecord r : runs) {
            if (r.ok()) {
                groups.computeIfAbsent(r.server() + "\u0000" + r.profile(), k -> new ArrayList<>()).add(r);
            }
        }
        var ratios = new ArrayList<Ratio>();
        for (List<RunRecord> group : groups.values()) {
            RunRecord first = group.getFirst();
            List<RunRecord> peerRuns = groups.getOrDefault(peer + "\u0000" + first.profile(), List.of());
            Ratio r = of(first.server(), first.profile(), group, peerRuns);
            if (r != null) {
                ratios.add(r);
            }
        }
        return ratios;
    }

    /** The ratio from windows paired by round, or null when no round has both. */
    static Ratio of(String server, String profile, List<RunRecord> runs, List<RunRecord> peerRuns) {
        Map<Integer, RunRecord> peerByRound = new LinkedHashMap<>();
        peerRuns.forEach(p -> peerByRound.put(p.repetition(), p));
        var rps = new ArrayList<Double>();
        var perCpu = new ArrayList<Double>();
        for (RunRecord r : runs) {
            RunRecord p = peerByRound.get(r.repetition());
            if (p == null || p.requestsPerSecond() <= 0) {
                continue;
            }
            rps.add(r.requestsPerSecond() / p.requestsPerSecond());
            if (r.requestsPerCpuSecond() != null && p.requestsPerCpuSecond() != null && p.requestsPerCpuSecond() > 0) {
                perCpu.add(r.requestsPerCpuSecond() / p.requestsPerCpuSecond());
            }
        }
        if (rps.isEmpty()) {
            return null;
        }
        Spread a = Spread.of(rps.stream().mapToDouble(Double::doubleValue).toArray());
        // Only when every paired round had CPU figures: a spread over fewer rounds would look narrower than it is.
        Spread b = perCpu.size() == rps.size() ? Spread.of(perCpu.stream().mapToDouble(Double::doubleValue).toArray())
                : null;
        return new Ratio(server, profile, rps.size(), a, !a.includes(1.0), b, b == null ? null : !b.includes(1.0));
    }

    /** Whether this server and {@code other} are told apart on req/s: their ranges do not overlap. */
    public boolean differs(Ratio other) {
        return !requestsPerSecond.overlaps(other.requestsPerSecond);
    }

    /** The same on req per CPU-second; false when either lacks CPU figures. */
    public boolean differsPerCpu(Ratio other) {
        return requestsPerCpuSecond != null && other.requestsPerCpuSecond != null
                && !requestsPerCpuSecond.overlaps(other.requestsPerCpuSecond);
    }
}
