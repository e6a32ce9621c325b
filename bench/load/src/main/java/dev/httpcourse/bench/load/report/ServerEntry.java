package dev.httpcourse.bench.load.report;

/** A server in the comparison: its name, what kind it is, and how it was started. */
public record ServerEntry(String name, String kind, String command, String note) {
}
