package dev.httpcourse.bench.load.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.bench.load.generator.Errors;
import dev.httpcourse.bench.load.generator.Latency;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ratios taken round by round, their median and range, and the rule that calls a difference significant. */
class RatioTest {

    @Test
    void spreadIsTheMedianWithTheLowestAndHighest() {
        assertEquals(new Spread(2, 1, 3), Spread.of(new double[] {3, 1, 2}));
        assertEquals(new Spread(2.5, 1, 4), Spread.of(new double[] {4, 1, 2, 3}));
        assertEquals(new Spread(7, 7, 7), Spread.of(new double[] {7}));
        assertThrows(IllegalArgumentException.class, () -> Spread.of(new double[0]));
    }

    @Test
    void rangesIncludeTheirEndsAndOverlapWhenTheyShareAPoint() {
        var s = new Spread(1, 0.9, 1.1);
        assertTrue(s.includes(0.9) && s.includes(1.1) && !s.includes(1.11));
        assertTrue(s.overlaps(new Spread(1.2, 1.1, 1.3)));
        assertFalse(s.overlaps(new Spread(1.2, 1.11, 1.3)));
        assertTrue(new Spread(1, 0.5, 2).overlaps(new Spread(1, 0.9, 1.1)), "one inside the other");
    }

    @Test
    void pairsWindowsByRoundNotByOrder() {
        // The peer's rounds arrive in another order, and its round 3 is missing: only rounds 1 and 2 pair.
        List<RunRecord> peer = List.of(run("peer", 2, 200, 20), run("peer", 1, 100, 10));
        List<RunRecord> server = List.of(run("a", 1, 50, 10), run("a", 2, 300, 10), run("a", 3, 999, 10));

        Ratio r = Ratio.of("a", "baseline", server, peer);

        assertEquals(2, r.rounds());
        assertEquals(new Spread(1.0, 0.5, 1.5), r.requestsPerSecond());
        // per CPU-s: a answers 25 then 150 requests per CPU-second, the peer 50 both times.
        assertEquals(new Spread(1.75, 0.5, 3.0), r.requestsPerCpuSecond());
    }

    @Test
    void aRatioWhoseRangeIncludesOneIsNotSignificant() {
        Ratio within = Ratio.of("a", "p", List.of(run("a", 1, 90, 1), run("a", 2, 105, 1)),
                List.of(run("peer", 1, 100, 1), run("peer", 2, 100, 1)));
        assertFalse(within.significant());
        Ratio below = Ratio.of("a", "p", List.of(run("a", 1, 90, 1), run("a", 2, 95, 1)),
                List.of(run("peer", 1, 100, 1), run("peer", 2, 100, 1)));
        assertTrue(below.significant());
        Ratio touching = Ratio.of("a", "p", List.of(run("a", 1, 100, 1), run("a", 2, 120, 1)),
                List.of(run("peer", 1, 100, 1), run("peer", 2, 100, 1)));
        assertFalse(touching.significant(), "1.00 in one round is no difference");
    }

    @Test
    void cpuRatioOnlyWhenEveryPairedRoundHasCpu() {
        RunRecord noCpu = withoutCpu(run("a", 2, 100, 1));
        Ratio r = Ratio.of("a", "p", List.of(run("a", 1, 100, 1), noCpu),
                List.of(run("peer", 1, 100, 1), run("peer", 2, 100, 1)));
        assertEquals(2, r.rounds());
        assertNull(r.requestsPerCpuSecond());
        assertNull(r.cpuSignificant());
        assertFalse(r.differsPerCpu(r));
    }

    @Test
    void noRatioWithoutAPairedRound() {
        assertNull(Ratio.of("a", "p", List.of(run("a", 1, 100, 1)), List.of(run("peer", 2, 100, 1))));
        assertTrue(Ratio.of(List.of(run("a", 1, 100, 1)), "peer").isEmpty());
    }

    @Test
    void ranksServersAndJoinsThoseWhoseRangesOverlap() {
        var runs = new ArrayList<RunRecord>();
        double[][] rps = {{100, 100, 100}, {150, 160, 170}, {140, 145, 152}, {60, 70, 80}};
        String[] names = {"peer", "fast", "close", "slow"};
        for (int s = 0; s < names.length; s++) {
            for (int round = 1; round <= 3; round++) {
                runs.add(run(names[s], round, rps[s][round - 1], 1));
            }
        }
        Report report = Report.of("t", Fixtures.machine(), settings("peer"), List.of(), List.of(), runs);

        // fast 1.50–1.70 and close 1.40–1.52 overlap; close and the peer's 1.00 do not; slow 0.60–0.80 is below.
        assertEquals("fast ≈ close > peer > slow", report.ranking("baseline", false));
        assertEquals(List.of(List.of("fast", "close"), List.of("peer"), List.of("slow")),
                report.rankingGroups("baseline", false));
        assertTrue(report.ratio("fast", "baseline").orElseThrow().differs(report.ratio("slow", "baseline").orElseThrow()));
        assertFalse(report.ratio("fast", "baseline").orElseThrow().differs(report.ratio("close", "baseline").orElseThrow()));
        assertEquals("", report.ranking("pipelined", false));
    }

    @Test
    void olderReportsGetRatiosFromTheirRepetitions() {
        Report report = Fixtures.report();
        var old = report.runs().stream().map(RatioTest::withoutRounds).toList();
        Report rendered = Report.of(report.timestamp(), report.machine(), report.settings(), report.servers(),
                report.notes(), old);
        assertFalse(rendered.interleaved());
        assertTrue(report.interleaved());
        assertEquals(report.ratios(), rendered.ratios());
        assertTrue(MarkdownReport.render(rendered).contains("one server after another"));
    }

    static RunRecord run(String server, int round, double rps, double cpu) {
        return new RunRecord(server, "baseline", round, RunRecord.Status.OK, null, 256, 1, 0, 5, Math.round(rps * 5), rps,
                new Latency(1000, 2000, 3000, 4000, 5000, 1100), new Errors(0, 0, 0, 0, 0, 0), cpu, rps * 5 / cpu, 1.0, 0.0, null, null, null, null, round, 0.0, false);
    }

    private static RunRecord withoutCpu(RunRecord r) {
        return new RunRecord(r.server(), r.profile(), r.repetition(), r.status(), r.reason(), r.connections(),
                r.pipeline(), r.reconnectEvery(), r.seconds(), r.requests(), r.requestsPerSecond(), r.latencyMicros(),
                r.errors(), null, null, r.loadCpuSeconds(), r.otherCpuSeconds(), r.peakRssBytes(), r.serverThreads(),
                r.gcPauses(), r.gcPauseMillis(), r.position(), r.idleCpuSeconds(), r.busy());
    }

    /** A window as reports before the interleaved rounds wrote it: no place in a round, no idle CPU, no busy flag. */
    private static RunRecord withoutRounds(RunRecord r) {
        return new RunRecord(r.server(), r.profile(), r.repetition(), r.status(), r.reason(), r.connections(),
                r.pipeline(), r.reconnectEvery(), r.seconds(), r.requests(), r.requestsPerSecond(), r.latencyMicros(),
                r.errors(), r.serverCpuSeconds(), r.requestsPerCpuSecond(), r.loadCpuSeconds(), r.otherCpuSeconds(),
                r.peakRssBytes(), r.serverThreads(), r.gcPauses(), r.gcPauseMillis(), null, null, null);
    }

    private static Settings settings(String peer) {
        Settings s = Fixtures.settings();
        return new Settings(s.generator(), s.generatorDescription(), List.of(), List.of("baseline", "pipelined"),
                s.warmupSeconds(), s.durationSeconds(), 3, s.connections(), s.uploadConnections(), s.loadThreads(),
                null, null, peer, List.of(), s.command());
    }
}
