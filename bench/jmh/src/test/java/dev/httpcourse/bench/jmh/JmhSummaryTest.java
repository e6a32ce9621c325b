package dev.httpcourse.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JmhSummaryTest {
    // shaped like JMH 1.37's -rf json, trimmed to the fields the summary reads
    private static final String RESULTS = """
            [
              {
                "jmhVersion": "1.37", "benchmark": "dev.httpcourse.stage01.Bench01_ParseStage01.parse",
                "mode": "avgt", "threads": 1, "forks": 1, "jdkVersion": "25.0.3",
                "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "25.0.3+9-LTS",
                "warmupIterations": 3, "warmupTime": "1 s", "measurementIterations": 3, "measurementTime": "1 s",
                "params": {"requests": "browser"},
                "primaryMetric": {"score": 1234.567, "scoreError": 45.6, "scoreUnit": "ns/op"},
                "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 2388.59, "scoreError": 0.01, "scoreUnit": "B/op"}}
              },
              {
                "jmhVersion": "1.37", "benchmark": "dev.httpcourse.bench.jmh.Bench03_ResponseEncode.encode",
                "mode": "avgt", "threads": 1, "forks": 1,
                "params": {"response": "hello"},
                "primaryMetric": {"score": 61.234, "scoreError": "NaN", "scoreUnit": "ns/op"},
                "secondaryMetrics": {}
              },
              {
                "jmhVersion": "1.37", "benchmark": "dev.httpcourse.bench.jmh.Bench02_JsonJackson.encode",
                "mode": "avgt", "threads": 1, "forks": 1,
                "params": {"count": "1"},
                "primaryMetric": {"score": 7.891, "scoreError": 0.123, "scoreUnit": "ns/op"},
                "secondaryMetrics": {"·gc.alloc.rate.norm": {"score": 0.004, "scoreUnit": "B/op"}}
              }
            ]
            """;

    @Test
    void writesOneRowPerResultOrderedByBenchmarkNumber() throws Exception {
        String markdown = JmhSummary.markdown(new ObjectMapper().readTree(RESULTS));
        assertEquals("""
                # JMH results

                JMH 1.37, JDK 25.0.3 (OpenJDK 64-Bit Server VM 25.0.3+9-LTS); mode avgt, 1 fork, \
                warm-up 3 × 1 s, measurement 3 × 1 s, 1 thread.

                | Benchmark | Parameters | ns/op | B/op |
                |---|---|---:|---:|
                | Bench01_ParseStage01.parse | requests=browser | 1,235 ± 45.6 | 2,389 |
                | Bench02_JsonJackson.encode | count=1 | 7.89 ± 0.12 | 0 |
                | Bench03_ResponseEncode.encode | response=hello | 61.2 | – |
                """, markdown);
    }

    @Test
    void writesTheSameTableAsAsciidocForTheBook() throws Exception {
        String adoc = JmhSummary.asciidoc(new ObjectMapper().readTree(RESULTS));
        assertEquals(true, adoc.contains("""
                [cols="3,2,>2,>1",options=header]
                |===
                | Benchmark | Parameters | ns/op | B/op
                | Bench01_ParseStage01.parse | requests=browser | 1,235 ± 45.6 | 2,389
                | Bench02_JsonJackson.encode | count=1 | 7.89 ± 0.12 | 0
                | Bench03_ResponseEncode.encode | response=hello | 61.2 | –
                |===
                """), adoc);
    }

    @Test
    void namesTheUnitInEachCellWhenRowsDisagree() throws Exception {
        String markdown = JmhSummary.markdown(new ObjectMapper().readTree("""
                [
                  {"benchmark": "p.A.x", "params": {}, "primaryMetric": {"score": 5, "scoreError": 1, "scoreUnit": "ns/op"}},
                  {"benchmark": "p.B.y", "params": {}, "primaryMetric": {"score": 0.2, "scoreError": 0.01, "scoreUnit": "ops/ns"}}
                ]
                """));
        assertEquals(true, markdown.contains("| Benchmark | Parameters | Score | B/op |"), markdown);
        assertEquals(true, markdown.contains("| B.y |  | 0.20 ± 0.01 ops/ns | – |"), markdown);
    }

    @Test
    void saysSoWhenThereAreNoResults() throws Exception {
        assertEquals("# JMH results\n\nNo benchmark results.\n", JmhSummary.markdown(new ObjectMapper().readTree("[]")));
    }

    @Test
    void roundsToTheDigitsAShortRunSupports() {
        assertEquals("1,235", JmhSummary.number(1234.567));
        assertEquals("61.2", JmhSummary.number(61.234));
        assertEquals("7.89", JmhSummary.number(7.891));
        assertEquals("–", JmhSummary.number(Double.NaN));
        assertEquals("Bench03_ResponseEncode.encode", JmhSummary.shortName("dev.httpcourse.bench.jmh.Bench03_ResponseEncode.encode"));
    }
}
