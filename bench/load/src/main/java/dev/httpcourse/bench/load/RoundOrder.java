package dev.httpcourse.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The order the servers are measured in within each round: rotated by one place per round (A B C,
 * B C A, C A B, ...). With as many rounds as servers, every server is measured once in every place,
 * so whatever favours a place (first after the warm-ups, right after the heaviest server) is shared
 * out evenly; a seeded shuffle would leave that to chance, and rotation needs no seed to record.
 */
final class RoundOrder {
    private RoundOrder() {
    }

    /** Indices 0 to {@code servers} - 1 in the order of round {@code round} (0-based). */
    static List<Integer> of(int servers, int round) {
        var order = new ArrayList<Integer>(servers);
        for (int i = 0; i < servers; i++) {
            order.add((round + i) % servers);
        }
        return order;
    }
}
