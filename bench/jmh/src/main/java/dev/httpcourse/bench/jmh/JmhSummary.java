package dev.httpcourse.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns JMH's JSON result file ({@code -rf json}) into a short Markdown table: benchmark,
 * parameters, time per operation and, when the run had {@code -prof gc}, bytes allocated per
 * operation ({@code gc.alloc.rate.norm}). {@code run.sh} runs it after JMH; the book includes the
 * table it writes.
 *
 * <pre>
 * java -cp bench/jmh/target/benchmarks.jar dev.httpcourse.bench.jmh.JmhSummary jmh.json jmh.md
 * </pre>
 */
public final class JmhSummary {
    /** The name of {@code -prof gc}'s bytes per operation; JMH before 1.37 prefixed it with a middle dot. */
    private static final List<String> ALLOC_NORM = List.of("gc.alloc.rate.norm", "·gc.alloc.rate.norm");

    private JmhSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: JmhSummary <jmh.json> <summary.md>");
            System.exit(2);
        }
        JsonNode results = new ObjectMapper().readTree(Files.readAllBytes(Path.of(args[0])));
        String markdown = markdown(results);
        Files.writeString(Path.of(args[1]), markdown, StandardCharsets.UTF_8);
        System.out.print(markdown);
    }

    /** The summary of {@code results}, the array JMH writes: a title, the settings, the table. */
    static String markdown(JsonNode results) {
        if (!results.isArray() || results.isEmpty()) {
            return "# JMH results\n\nNo benchmark results.\n";
        }
        List<JsonNode> rows = new ArrayList<>();
        results.forEach(rows::add);
        // group by class simple name (the benchmarks live in several packages); JMH's order within a class
        rows.sort(Comparator.comparing(r -> shortName(r.path("benchmark").asText()).split("\\.")[0]));

        boolean sameUnit = rows.stream().map(r -> r.path("primaryMetric").path("scoreUnit").asText()).distinct().count() == 1;
        String unit = rows.getFirst().path("primaryMetric").path("scoreUnit").asText();

        var md = new StringBuilder("# JMH results\n\n");
        md.append(settings(rows.getFirst())).append("\n\n");
        md.append("| Benchmark | Parameters | ").append(sameUnit ? unit : "Score").append(" | B/op |\n");
        md.append("|---|---|---:|---:|\n");
        for (JsonNode row : rows) {
            JsonNode primary = row.path("primaryMetric");
            String score = number(primary.path("score").asDouble(Double.NaN));
            double error = primary.path("scoreError").asDouble(Double.NaN);
            if (!Double.isNaN(error)) {
                score += " ± " + number(error);
            }
            if (!sameUnit) {
                score += " " + primary.path("scoreUnit").asText();
            }
            md.append("| ").append(shortName(row.path("benchmark").asText()))
                    .append(" | ").append(params(row.path("params")))
                    .append(" | ").append(score)
                    .append(" | ").append(bytesPerOp(row.path("secondaryMetrics")))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** {@code Class.method} of a fully qualified benchmark name. */
    static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = method < 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    /**
     * Fewer digits as numbers grow: differences under a few percent are noise in a run this short.
     * Locale.ROOT, so a German machine does not write 1.234,5.
     */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String bytesPerOp(JsonNode secondary) {
        for (String name : ALLOC_NORM) {
            JsonNode metric = secondary.get(name);
            if (metric != null) {
                return String.format(Locale.ROOT, "%,.0f", metric.path("score").asDouble());
            }
        }
        return "–";
    }

    private static String params(JsonNode params) {
        var joined = new StringJoiner(", ");
        for (Map.Entry<String, JsonNode> p : params.properties()) {
            joined.add(p.getKey() + "=" + p.getValue().asText());
        }
        return joined.toString();
    }

    private static String settings(JsonNode first) {
        int forks = first.path("forks").asInt();
        return String.format(Locale.ROOT,
                "JMH %s, JDK %s (%s %s); mode %s, %d fork%s, warm-up %d × %s, measurement %d × %s, %d thread%s.",
                first.path("jmhVersion").asText(), first.path("jdkVersion").asText(),
                first.path("vmName").asText(), first.path("vmVersion").asText(),
                first.path("mode").asText(), forks, forks == 1 ? "" : "s",
                first.path("warmupIterations").asInt(), first.path("warmupTime").asText(),
                first.path("measurementIterations").asInt(), first.path("measurementTime").asText(),
                first.path("threads").asInt(), first.path("threads").asInt() == 1 ? "" : "s");
    }
}
