package dev.httpcourse.bench.load.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule: last third against first third, above both the share and the allowance, warm-up left out. */
class VerdictTest {
    private static final long MIB = 1024 * 1024;

    /** Samples #0.. with these RSS values in MiB; every other figure constant. */
    private static List<Sample> rss(double... mib) {
        var samples = new ArrayList<Sample>();
        for (int i = 0; i < mib.length; i++) {
            samples.add(new Sample(i, 30.0 * i, (long) (mib[i] * MIB), 20, 12, 4 * MIB,
                    new NativeMemory(200 * MIB, 100 * MIB, 8 * MIB), 1000L * i, 0, 10L * i));
        }
        return samples;
    }

    @Test
    void aLeakOfAMegabyteARoundOverTwentyRoundsIsGrowing() {
        double[] values = new double[21];
        for (int i = 0; i < values.length; i++) {
            values[i] = 150 + 4 * i; // 4 MiB a round: 80 MiB over the run
        }
        Verdict v = Verdict.judge(Series.RSS, rss(values));
        assertEquals(Verdict.State.GROWING, v.state());
        // 19 judged samples (#2 to #20): thirds of 6
        assertEquals(List.of(2, 3, 4, 5, 6, 7), v.first());
        assertEquals(List.of(15, 16, 17, 18, 19, 20), v.last());
        assertEquals(150 + 4 * 4.5, v.firstMean(), 1e-9);
        assertEquals(150 + 4 * 17.5, v.lastMean(), 1e-9);
    }

    @Test
    void noiseAroundALevelIsFlat() {
        Verdict v = Verdict.judge(Series.RSS, rss(60, 140, 150, 170, 145, 160, 150, 165, 148));
        assertEquals(Verdict.State.FLAT, v.state());
    }

    @Test
    void theWarmUpSamplesAreNotJudged() {
        // #0 before any load and #1 after the first round may be far below the rest: that is start-up.
        Verdict v = Verdict.judge(Series.RSS, rss(50, 90, 150, 151, 150));
        assertEquals(Verdict.State.FLAT, v.state());
        assertEquals(List.of(2), v.first());
        assertEquals(List.of(4), v.last());
    }

    @Test
    void growthMustPassBothTheShareAndTheAllowance() {
        // +40 MiB on 1,000 is above the 32 MiB allowance but only 4%: flat.
        assertFalse(Verdict.growing(Series.RSS, 1000, 1040));
        // +30 MiB on 100 is 30% but within the allowance: flat.
        assertFalse(Verdict.growing(Series.RSS, 100, 130));
        // +40 MiB on 100: both.
        assertTrue(Verdict.growing(Series.RSS, 100, 140));
        // Counts: 3 more threads on 20 passes both (15%, more than 2); 2 more does not.
        assertTrue(Verdict.growing(Series.THREADS, 20, 23));
        assertFalse(Verdict.growing(Series.THREADS, 20, 22));
        // Shrinking is never growing.
        assertFalse(Verdict.growing(Series.FILE_DESCRIPTORS, 500, 12));
    }

    @Test
    void fewerThanTwoJudgedSamplesAreNotJudged() {
        assertEquals(Verdict.State.NOT_JUDGED, Verdict.judge(Series.RSS, rss(50, 90, 150)).state());
        assertEquals(Verdict.State.FLAT, Verdict.judge(Series.RSS, rss(50, 90, 150, 150)).state());
    }

    @Test
    void samplesWithoutTheFigureAreLeftOut() {
        var samples = new ArrayList<Sample>();
        for (int i = 0; i < 10; i++) {
            // jcmd failed at #3 and #7: the heap is judged on the six others, in thirds of two.
            Long heap = i == 3 || i == 7 ? null : (i < 5 ? 4 : 40) * MIB;
            samples.add(new Sample(i, i, 100 * MIB, 20, 12, heap, null, 0, 0, 0));
        }
        Verdict heap = Verdict.judge(Series.HEAP, samples);
        assertEquals(List.of(2, 4), heap.first());
        assertEquals(List.of(8, 9), heap.last());
        assertEquals(Verdict.State.GROWING, heap.state());
        assertEquals(Verdict.State.NOT_JUDGED, Verdict.judge(Series.NATIVE, samples).state());
    }

    @Test
    void spansNameTheSamples() {
        assertEquals("#2–#7", Verdict.span(List.of(2, 3, 4, 5, 6, 7)));
        assertEquals("#4", Verdict.span(List.of(4)));
    }

    @Test
    void theRuleInWordsNamesEveryAllowance() {
        String rule = Series.rule();
        assertTrue(rule.contains("more than 10%"), rule);
        for (Series s : Series.values()) {
            assertTrue(rule.contains(s.label() + " "), s + ": " + rule);
        }
        assertTrue(rule.contains("RSS 32 MiB") && rule.contains("threads 2") && rule.contains("file descriptors 8"), rule);
    }
}
