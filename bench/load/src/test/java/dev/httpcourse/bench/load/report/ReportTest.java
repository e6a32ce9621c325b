package dev.httpcourse.bench.load.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportTest {

    @Test
    void summarisesRepetitionsByMedianAndBest() {
        Summary s = Fixtures.report().summaries("baseline").getFirst();
        assertEquals("stage01-virtual", s.server());
        assertEquals(55_000, s.requestsPerSecond());
        assertEquals(60_000, s.bestRequestsPerSecond());
        assertEquals(2_500, s.p50Micros());
        assertEquals(1, s.errors());
        assertEquals(2, s.repetitions());
    }

    @Test
    void mediansOddAndEvenCounts() {
        assertEquals(2, Summary.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Summary.median(new double[] {4, 1, 2, 3}));
    }

    @Test
    void rendersOneTablePerProfileWithRatiosToThePeer() {
        String md = MarkdownReport.render(Fixtures.report()).replace('\u00a0', ' ');
        List<String> lines = md.lines().toList();
        // req/s and req per CPU-s carry the per-round ratio with its range; the other columns the ratio of medians.
        assertTrue(lines.contains("| stage01-virtual | 55,000 (0.55×, 0.50–0.60) | 60,000 (0.60×) | 2.5 ms (2.50×) "
                + "| 25 ms (2.50×) | 50 ms (2.50×) | 1 | 4.00 (0.80×) | 68,750 (0.69×, 0.63–0.75) | 1.50 | 0.10 | 0.25 "
                + "| 300 MiB (1.00×) | 30 | 2 | 12.5 (1.00×) |"), md);
        assertTrue(lines.contains("| netty-epoll | 100,000 | 100,000 | 1 ms | 10 ms | 20 ms | 1 | 5.00 | 100,000 | 1.50 "
                + "| 0.10 | 0.25 | 300 MiB | 30 | 2 | 12.5 |"), md);
        assertTrue(lines.contains("| netty-io_uring | unavailable: exited with code 3: io_uring is not available \\| blocked"
                + " |" + " |".repeat(14)), md);
        assertTrue(md.contains("| load CPU s | other CPU s | idle CPU s | peak RSS |"), md);
        assertTrue(lines.contains("## baseline") && lines.contains("## pipelined"), md);
        assertTrue(lines.contains("256 connections, 16 pipelined."), md);
    }

    @Test
    void pairsEveryServerWithTheNativeFloorRoundByRoundWhenItRan() {
        Report without = Fixtures.report();
        assertTrue(without.ratiosTo().isEmpty(), "no floor and no Helidon ran: no ratios to them");
        var runs = new ArrayList<>(without.runs());
        runs.add(Fixtures.run("native-floor", "baseline", 1, 120_000, 1_000, 10_000, 3.0)); // 40,000 req per CPU-s
        runs.add(Fixtures.run("native-floor", "baseline", 2, 100_000, 1_000, 10_000, 2.0)); // 50,000
        Report with = Report.of(without.timestamp(), without.machine(), without.settings(), without.servers(),
                without.notes(), runs);
        Ratio s01 = with.ratiosTo().get("native-floor").stream()
                .filter(r -> r.server().equals("stage01-virtual") && r.profile().equals("baseline")).findFirst().orElseThrow();
        // stage 01 did 15,000 then 12,500 req per CPU-s: 0.375 and 0.25 of the floor's in the same rounds
        assertEquals(0.25, s01.requestsPerCpuSecond().min(), 1e-9);
        assertEquals(0.375, s01.requestsPerCpuSecond().max(), 1e-9);
        assertEquals(List.of("native-floor"), List.copyOf(with.ratiosTo().keySet()));
    }

    @Test
    void namesEachPeersVersionAndSettings() {
        String md = MarkdownReport.render(Fixtures.report());
        assertTrue(md.lines().toList().contains("- Peers: **netty-epoll**: Netty 4.2.18.Final, epoll."), md);
    }

    @Test
    void rendersTheRatioMatrix() {
        String md = MarkdownReport.render(Fixtures.report()).replace('\u00a0', ' ');
        assertTrue(md.contains("| server | baseline | pipelined |\n|---|---:|---:|\n"), md);
        assertTrue(md.contains("| stage01-virtual | 0.55× (0.50–0.60) / 0.69× (0.63–0.75) | 0.80× / ≈1.00× |"), md);
        assertTrue(md.contains("| netty-epoll | 1.00× / 1.00× | 1.00× / 1.00× |"), md);
        assertTrue(md.contains("| netty-io_uring | unavailable | n/a |"), md);
    }

    @Test
    void rendersTheBooksAsciidocTables() {
        String adoc = AsciidocReport.render(Fixtures.report()).replace('\u00a0', ' ');
        assertTrue(adoc.contains("[cols=\"2,1,1\",options=header]\n|===\n| server | baseline | pipelined\n"), adoc);
        assertTrue(adoc.contains("| stage01-virtual | 0.55× (0.50–0.60) / 0.69× (0.63–0.75) | 0.80× / ≈1.00×\n"), adoc);
        assertTrue(adoc.contains("| stage01-virtual | 55,000 (0.55×, 0.50–0.60) | 25 ms (2.50×) | 68,750 (0.69×, 0.63–0.75) "
                + "| 300 MiB | 30\n"), adoc);
        assertTrue(adoc.contains(MarkdownReport.SIGNIFICANCE), adoc);
        assertTrue(adoc.contains("| netty-io_uring 5+| unavailable\n"), adoc);
        assertEquals(adoc.split("\\|===", -1).length - 1, 2 * (1 + Fixtures.report().profiles().size()), "tables closed");
    }

    @Test
    void tagsEachPartSoThatAChapterCanIncludeOneProfile() {
        String adoc = AsciidocReport.render(Fixtures.report()).replace('\u00a0', ' ');
        assertTrue(adoc.contains("// tag::ratios[]\n.Ratios to netty-epoll"), adoc);
        assertTrue(adoc.contains("|===\n// end::ratios[]\n"), adoc);
        for (String profile : Fixtures.report().profiles()) {
            int start = adoc.indexOf("// tag::profile-" + profile + "[]\n");
            int end = adoc.indexOf("// end::profile-" + profile + "[]\n");
            assertTrue(start >= 0 && end > start, profile + ": " + adoc);
            String part = adoc.substring(start, end);
            assertTrue(part.contains("." + profile + ": "), part);
            assertTrue(part.endsWith("|===\n"), part);
            assertEquals(2, part.split("\\|===", -1).length - 1, "one whole table: " + part);
        }
    }

    @Test
    void flagsWindowsWhenTheMachineWasBusy() throws Exception {
        Report quiet = Fixtures.report();
        assertTrue(MarkdownReport.busyWindows(quiet).isEmpty());
        var runs = new java.util.ArrayList<>(quiet.runs());
        runs.set(6, withOtherCpu(runs.get(6), 2.5, true));
        Report busy = Report.of(quiet.timestamp(), quiet.machine(), quiet.settings(), quiet.servers(), quiet.notes(), runs);
        assertEquals("1 of 6 windows (netty-epoll pipelined round 1)", MarkdownReport.busyWindows(busy));
        assertTrue(MarkdownReport.render(busy).contains("**Busy machine**: other processes used more than 10%"));
        String chart = SvgTest.parse(Charts.throughput(busy)).getDocumentElement().getTextContent();
        assertTrue(chart.contains("500k  (1.00×)  *") && chart.contains("* Busy: other processes"), chart);
    }

    @Test
    void olderReportsWithoutTheFlagAreJudgedByTheirOtherCpu() {
        Report quiet = Fixtures.report();
        // 1.0 CPU-s of 2 cores × 5 s is exactly the 10% threshold: not busy; just above it is.
        assertTrue(!quiet.busy(withOtherCpu(quiet.runs().getFirst(), 1.0, null)));
        assertTrue(quiet.busy(withOtherCpu(quiet.runs().getFirst(), 1.01, null)));
        assertTrue(RunRecord.busy(0.51, 5, 1) && !RunRecord.busy(0.5, 5, 1));
    }

    static RunRecord withOtherCpu(RunRecord r, double other, Boolean busy) {
        return new RunRecord(r.server(), r.profile(), r.repetition(), r.status(), r.reason(), r.connections(),
                r.pipeline(), r.reconnectEvery(), r.seconds(), r.requests(), r.requestsPerSecond(), r.latencyMicros(),
                r.errors(), r.serverCpuSeconds(), r.requestsPerCpuSecond(), r.loadCpuSeconds(), other, r.peakRssBytes(),
                r.serverThreads(), r.gcPauses(), r.gcPauseMillis(), r.position(), r.idleCpuSeconds(), busy);
    }

    @Test
    void saysHowTheRoundsWereRunAndStatesTheRule() {
        String md = MarkdownReport.render(Fixtures.report()).replace('\u00a0', ' ');
        assertTrue(md.contains("then 2 rounds; in each round one 5 s window of every server in turn, the order rotated"), md);
        assertTrue(md.contains("A difference smaller than its spread is not significant"), md);
        assertTrue(md.contains("Ranked by req/s ratio: netty-epoll > stage01-virtual.  \n"
                + "Ranked by req per CPU-s ratio: netty-epoll > stage01-virtual.\n"), md);
    }

    @Test
    void namesMachineGeneratorAndSettings() {
        String md = MarkdownReport.render(Fixtures.report()).replace('\u00a0', ' ');
        assertTrue(md.contains("on `testhost`: AMD EPYC, 2 cores, 24 GiB, Linux 6.18.44, JDK 25.0.3, commit `abc1234`"), md);
        assertTrue(md.contains("- Generator: builtin (Java NIO)."), md);
        assertTrue(md.contains("- a note"), md);
    }

    @Test
    void chartsNameEveryServerAndCaptionTheRun() throws Exception {
        Report report = Fixtures.report();
        for (String svg : List.of(Charts.throughput(report), Charts.efficiency(report), Charts.latency(report))) {
            Document doc = SvgTest.parse(svg);
            assertEquals(Set.of("svg", "title", "rect", "line", "text"), SvgTest.elements(doc));
            String text = doc.getDocumentElement().getTextContent();
            for (String name : List.of("stage01-virtual", "netty-epoll", "netty-io_uring", "baseline", "pipelined",
                    "Generator: builtin (Java NIO)", "AMD EPYC")) {
                assertTrue(text.contains(name), name + " missing");
            }
            assertTrue(text.contains("unavailable: exited with code 3"));
        }
        assertTrue(SvgTest.parse(Charts.throughput(report)).getDocumentElement().getTextContent()
                .contains("55k  (0.55×, 0.50–0.60)"));
        assertTrue(SvgTest.parse(Charts.latency(report)).getDocumentElement().getTextContent()
                .contains("2.5\u00a0ms · 25\u00a0ms · 50\u00a0ms  (p99 2.50×)"));
    }

    @Test
    void writesAllFilesAndReadsTheJsonBack(@TempDir Path dir) throws Exception {
        Report report = Fixtures.report();
        ReportWriter.writeAll(report, dir);
        for (String f : ReportWriter.FILES) {
            assertTrue(Files.size(dir.resolve(f)) > 100, f);
        }
        Report back = ReportWriter.read(dir.resolve("report.json"));
        assertEquals(report.runs(), back.runs());
        assertEquals(report.machine(), back.machine());
        assertEquals(report.summaries(), back.summaries());
        assertEquals(report.ratios(), back.ratios());
    }

    @Test
    void writesTheRankingsIntoTheJsonForTheToolsThatQuoteThem(@TempDir Path dir) throws Exception {
        Report report = Fixtures.report();
        ReportWriter.writeJson(report, dir);
        JsonNode baseline = new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("rankings").get(0);
        assertEquals("baseline", baseline.get("profile").asText());
        var groups = new ArrayList<String>();
        for (JsonNode group : baseline.get("requestsPerCpuSecond")) {
            var servers = new ArrayList<String>();
            group.forEach(server -> servers.add(server.asText()));
            groups.add(String.join(" ≈ ", servers));
        }
        assertTrue(groups.size() > 1, groups.toString());
        assertEquals(report.ranking("baseline", true), String.join(" > ", groups));
    }
}
