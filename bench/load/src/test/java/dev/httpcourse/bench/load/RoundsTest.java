package dev.httpcourse.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order of the servers within rounds, and the progress estimate that follows it. */
class RoundsTest {

    @Test
    void rotatesTheOrderByOnePlaceEachRound() {
        assertEquals(List.of(0, 1, 2), RoundOrder.of(3, 0));
        assertEquals(List.of(1, 2, 0), RoundOrder.of(3, 1));
        assertEquals(List.of(2, 0, 1), RoundOrder.of(3, 2));
        assertEquals(List.of(0, 1, 2), RoundOrder.of(3, 3));
        assertEquals(List.of(0), RoundOrder.of(1, 5));
    }

    @Test
    void everyServerTakesEveryPlaceOnceInAsManyRounds() {
        int n = 5;
        for (int place = 0; place < n; place++) {
            Set<Integer> seen = new HashSet<>();
            for (int round = 0; round < n; round++) {
                List<Integer> order = RoundOrder.of(n, round);
                assertEquals(Set.of(0, 1, 2, 3, 4), new HashSet<>(order), "each round measures every server once");
                seen.add(order.get(place));
            }
            assertEquals(n, seen.size(), "place " + place);
        }
    }

    @Test
    void progressPlansFromGuessesAndScalesByThePaceSoFar() throws Exception {
        var out = new ByteArrayOutputStream();
        var progress = new Progress(new PrintStream(out, true, StandardCharsets.UTF_8), 2, 1);
        assertEquals(1, progress.remaining(), 0.05);
        Thread.sleep(50);
        progress.done(0.05); // under a tenth of the plan: the guess stands, however long it took
        assertEquals(0.95, progress.remaining(), 0.05);
        Thread.sleep(150);
        progress.done(0.05); // a tenth done in about twice its guess: the rest is scaled to match
        double left = progress.remaining();
        assertTrue(left > 0.9 * 1.5 && left < 0.9 * 4, "remaining " + left);
        progress.done(0.9);
        assertEquals(0, progress.remaining(), 1e-9);
        progress.startProfile("baseline", 3);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("[1/2] baseline · 3 servers"));
    }
}
