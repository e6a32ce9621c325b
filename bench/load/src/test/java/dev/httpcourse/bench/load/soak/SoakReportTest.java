package dev.httpcourse.bench.load.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.bench.load.generator.Errors;
import dev.httpcourse.bench.load.report.Machine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report: what was run and on what, the verdicts, and tables whose rows have as many cells as their header. */
class SoakReportTest {
    private static final long MIB = 1024 * 1024;
    private static final Machine MACHINE = new Machine("vm", 2, 24L << 30, "AMD EPYC", "6.18.44-fc", "Linux amd64",
            "Eclipse Adoptium 25.0.3+9-LTS", "abc1234");

    private static SoakRun run(double rssGrowthPerRound, long non2xx) {
        var samples = new ArrayList<Sample>();
        for (int i = 0; i <= 6; i++) {
            samples.add(new Sample(i, 33.0 * i, (long) ((120 + rssGrowthPerRound * i) * MIB), 21, 11, 4 * MIB,
                    new NativeMemory(180 * MIB, 90 * MIB, 10 * MIB), 100_000L * i, 0, 50L * i));
        }
        var settings = new SoakRun.Settings("stage05-zero-copy-parser", "./bench/soak.sh --minutes 3",
                List.of("-XX:NativeMemoryTracking=summary"), 6, 6, List.of("baseline", "json"), 256, 32, 2, 26, 20);
        var load = List.of(new LoadTotal("baseline", 400_000, Errors.NONE, 0, null),
                new LoadTotal("json", 200_000, new Errors(non2xx, 0, 0, 0, 0, 0), 0, non2xx > 0 ? "status 500" : null));
        var tally = new HostileClients.Tally();
        tally.record(HostileClients.Kind.SLOWLORIS, HostileClients.Ending.CLOSED_BY_SERVER, 408);
        tally.record(HostileClients.Kind.GARBAGE, HostileClients.Ending.CLOSED_BY_SERVER, 400);
        tally.record(HostileClients.Kind.CRLF_TRICKLE, HostileClients.Ending.HELD_TO_CAP, -1);
        var verdicts = Arrays.stream(Series.values()).map(s -> Verdict.judge(s, samples)).toList();
        return new SoakRun("2026-12-06T01:48:13Z", MACHINE, settings, samples, load, tally.counts(), verdicts, null,
                List.of());
    }

    @Test
    void aFlatCleanRunPasses() {
        SoakRun r = run(0.5, 0);
        assertTrue(r.passed());
        String md = SoakReport.markdown(r);
        assertTrue(md.contains("**Flat**, and no errors: 600,000 well-behaved requests, 0 errors"), md);
        assertTrue(md.contains("| RSS | 121.0 MiB (#2) | 123.0 MiB (#6) | +2.0 MiB (+1.7%) | flat |"), md);
        assertTrue(md.contains("kernel 6.18.44-fc, Eclipse Adoptium 25.0.3+9-LTS"), md);
        assertTrue(md.contains("commit `abc1234`") && md.contains("`./bench/soak.sh --minutes 3`"), md);
        assertTrue(md.contains(Series.rule()), md);
    }

    @Test
    void growthOrErrorsDoNot() {
        SoakRun growing = run(20, 0);
        assertFalse(growing.passed());
        assertEquals(List.of(Series.RSS), growing.growing().stream().map(Verdict::series).toList());
        assertTrue(SoakReport.markdown(growing).contains("**Not passed** (growing: RSS)"));
        SoakRun errors = run(0, 3);
        assertFalse(errors.passed());
        assertEquals(3, errors.errors());
        String md = SoakReport.markdown(errors);
        assertTrue(md.contains("the well-behaved load saw errors): 600,000 well-behaved requests, 3 errors (of which "
                + "3 non-2xx)"), md);
        assertTrue(md.contains("\n- json, first problem: status 500\n"), md);
    }

    @Test
    void hostileAnswersAreCountedApartByStatus() {
        String md = SoakReport.markdown(run(0, 0));
        assertTrue(md.contains("| slowloris | ") && md.contains("| 1 | 408 ×1 | 1 | 0 | 0 | 0 | 0 |"), md);
        assertTrue(md.contains("| bare CRLF trickle | ") && md.contains("| 1 | none | 0 | 0 | 1 | 0 | 0 |"), md);
    }

    @Test
    void markdownRowsHaveAsManyCellsAsTheirHeader() {
        assertCellsMatch(SoakReport.markdown(run(0, 0)), true);
    }

    @Test
    void asciidocTablesAreTaggedAndTheirRowsHaveAsManyCellsAsTheirHeader() {
        String adoc = SoakReport.asciidoc(run(20, 0));
        for (String tag : List.of("verdict", "load", "hostile", "samples")) {
            assertTrue(adoc.contains("// tag::" + tag + "[]\n") && adoc.contains("// end::" + tag + "[]\n"), tag);
        }
        assertFalse(adoc.contains("**"), "AsciiDoc bold is one star");
        assertTrue(adoc.contains("| *growing*"), adoc);
        assertCellsMatch(adoc, false);
    }

    /** Every table row has the header's number of cells (Markdown rows also close with a pipe). */
    private static void assertCellsMatch(String text, boolean markdown) {
        int header = -1;
        int tables = 0;
        for (String line : text.lines().toList()) {
            if (!line.startsWith("| ")) {
                header = line.startsWith("|===") || line.startsWith("|---") ? header : -1;
                continue;
            }
            long cells = line.replace("\\|", "").chars().filter(c -> c == '|').count();
            if (header < 0) {
                header = (int) cells;
                tables++;
            } else {
                assertEquals(header, cells, line);
            }
            assertEquals(markdown, line.endsWith(" |"), line);
        }
        assertEquals(4, tables);
    }

    @Test
    void aCountReadsItsAnswersByStatus() {
        var c = new HostileClients.Count(HostileClients.Kind.GARBAGE, 5, Map.of(400, 3L, 0, 1L, 505, 1L), 5, 0, 0, 0, 0);
        assertEquals("not HTTP ×1, 400 ×3, 505 ×1", c.answersText());
    }
}
