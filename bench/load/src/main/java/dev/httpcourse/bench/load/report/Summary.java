package dev.httpcourse.bench.load.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * One server under one profile over its repetitions: each figure is the median of the measured
 * windows (best requests/s too, as HttpArena reports best of 3), errors are summed, peak RSS and
 * threads are the maximum. Idle CPU is the median over rounds of what the server used while the
 * others were measured.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Summary(String server, String profile, RunRecord.Status status, String reason, int repetitions,
                      double requestsPerSecond, double bestRequestsPerSecond, double p50Micros, double p90Micros,
                      double p99Micros, double p999Micros, long errors, Double serverCpuSeconds,
                      Double requestsPerCpuSecond, Double loadCpuSeconds, Double otherCpuSeconds,
                      Long peakRssBytes, Integer serverThreads, Double gcPauses, Double gcPauseMillis,
                      Double idleCpuSeconds) {

    /** Summaries of {@code runs}, one per server and profile, in the order they first appear. */
    public static List<Summary> of(List<RunRecord> runs) {
        var groups = new LinkedHashMap<String, List<RunRecord>>();
        for (RunRecord r : runs) {
            groups.computeIfAbsent(r.server() + "\u0000" + r.profile(), k -> new ArrayList<>()).add(r);
        }
        return groups.values().stream().map(Summary::of1).toList();
    }

    private static Summary of1(List<RunRecord> group) {
        RunRecord first = group.getFirst();
        List<RunRecord> ok = group.stream().filter(RunRecord::ok).toList();
        if (ok.isEmpty()) {
            return new Summary(first.server(), first.profile(), first.status(), first.reason(), 0, 0, 0, 0, 0, 0, 0,
                    0, null, null, null, null, null, null, null, null, null);
        }
        String reason = group.size() == ok.size() ? null
                : (group.size() - ok.size()) + " of " + group.size() + " repetitions failed";
        return new Summary(first.server(), first.profile(), RunRecord.Status.OK, reason, ok.size(),
                median(ok, RunRecord::requestsPerSecond),
                ok.stream().mapToDouble(RunRecord::requestsPerSecond).max().orElse(0),
                median(ok, r -> r.latencyMicros().p50()), median(ok, r -> r.latencyMicros().p90()),
                median(ok, r -> r.latencyMicros().p99()), median(ok, r -> r.latencyMicros().p999()),
                ok.stream().mapToLong(r -> r.errors().total()).sum(),
                medianOrNull(ok, RunRecord::serverCpuSeconds), medianOrNull(ok, RunRecord::requestsPerCpuSecond),
                medianOrNull(ok, RunRecord::loadCpuSeconds), medianOrNull(ok, RunRecord::otherCpuSeconds),
                ok.stream().map(RunRecord::peakRssBytes).filter(Objects::nonNull).max(Long::compare).orElse(null),
                ok.stream().map(RunRecord::serverThreads).filter(Objects::nonNull).max(Integer::compare).orElse(null),
                medianOrNull(ok, r -> r.gcPauses() == null ? null : r.gcPauses().doubleValue()),
                medianOrNull(ok, RunRecord::gcPauseMillis), medianOrNull(ok, RunRecord::idleCpuSeconds));
    }

    public boolean ok() {
        return status == RunRecord.Status.OK;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? 0 : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double median(List<RunRecord> runs, ToDoubleFunction<RunRecord> f) {
        return median(runs.stream().mapToDouble(f).toArray());
    }

    private static Double medianOrNull(List<RunRecord> runs, java.util.function.Function<RunRecord, Double> f) {
        double[] values = runs.stream().map(f).filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
        return values.length == 0 ? null : median(values);
    }
}
