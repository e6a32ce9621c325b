package dev.httpcourse.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.bench.load.generator.Latency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop-stall tables: the same cells in Markdown and AsciiDoc, with the p99 ratio computed. */
class LoopStallTest {
    private static final List<LoopStall.Row> ROWS = List.of(
            new LoopStall.Row("stage02-nio-selector", new Latency(400, 0, 1000, 0, 0, 0),
                    new Latency(700, 0, 25000, 0, 0, 0), 9000, 3800, 0),
            new LoopStall.Row("stage01-virtual", new Latency(500, 0, 2000, 0, 0, 0),
                    new Latency(600, 0, 3000, 0, 0, 0), 9000, 2500, 2));

    @Test
    void markdownHasAHeaderARuleAndOneClosedRowPerServer() {
        List<String> lines = LoopStall.table(ROWS, true).lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).startsWith("|---|"), lines.get(1));
        assertEquals("| stage02-nio-selector | 400 | 1000 | 700 | 25000 | 25.0× | 3,800 | 0 |", lines.get(2));
        assertEquals("| stage01-virtual | 500 | 2000 | 600 | 3000 | 1.5× | 2,500 | 2 |", lines.get(3));
    }

    @Test
    void asciidocRowsHaveAsManyCellsAsTheHeaderAndNoTrailingPipe() {
        String adoc = LoopStall.table(ROWS, false);
        assertTrue(adoc.startsWith("[cols=\"3,2,2,2,2,2,2,1\",options=\"header\"]\n|===\n"), adoc);
        assertTrue(adoc.endsWith("|===\n"), adoc);
        List<String> rows = adoc.lines().filter(l -> l.startsWith("| ")).toList();
        assertEquals(3, rows.size());
        for (String row : rows) {
            assertEquals(8, row.chars().filter(c -> c == '|').count(), row);
            assertTrue(!row.endsWith("|"), row);
        }
    }
}
