package dev.httpcourse.bench.load.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes report.json, report.md, report.adoc (for the book) and the three charts into one folder. */
public final class ReportWriter {
    public static final List<String> FILES = List.of("report.json", "report.md", "report.adoc", "throughput.svg", "efficiency.svg",
            "latency.svg");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /** Only report.json: written after every server and profile, so an interrupted comparison keeps what it measured. */
    public static void writeJson(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve("report.json"), JSON.writeValueAsString(report));
    }

    public static void writeAll(Report report, Path dir) throws IOException {
        writeJson(report, dir);
        write(dir.resolve("report.md"), MarkdownReport.render(report));
        write(dir.resolve("report.adoc"), AsciidocReport.render(report));
        write(dir.resolve("throughput.svg"), Charts.throughput(report));
        write(dir.resolve("efficiency.svg"), Charts.efficiency(report));
        write(dir.resolve("latency.svg"), Charts.latency(report));
    }

    public static Report read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Report.class);
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
