package dev.httpcourse.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The book's sections, found by anchor in its AsciiDoc sources, so that a hint can name and link them. */
final class Book {
    static final Path SOURCES = Path.of("docs", "src", "docs", "asciidoc");
    static final Path BUILT = Path.of("docs", "target", "book", "index.html");

    /**
     * A section.
     *
     * @param anchor  its id, {@code s01-read-head}
     * @param title   its heading
     * @param chapter the heading of the chapter it is in
     * @param file    its source file, relative to the checkout
     * @param line    the heading's line, from 1
     */
    record Section(String anchor, String title, String chapter, Path file, int line) {
    }

    private final Path root;
    private final Map<String, Section> sections = new HashMap<>();

    Book(Path root) {
        this.root = root;
        for (Path rel : Sources.files(root.resolve(SOURCES))) {
            if (rel.toString().endsWith(".adoc")) {
                read(SOURCES.resolve(rel));
            }
        }
    }

    private void read(Path file) {
        List<String> lines = Sources.lines(root.resolve(file));
        String chapter = null;
        for (int i = 0; i + 1 < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.matches("\\[#[A-Za-z0-9_-]+(,.*)?]")) {
                continue;
            }
            String anchor = line.substring(2, line.contains(",") ? line.indexOf(',') : line.length() - 1);
            String heading = lines.get(i + 1);
            if (!heading.matches("={2,6} .*")) {
                continue;
            }
            String title = heading.substring(heading.indexOf(' ') + 1).strip();
            if (heading.startsWith("== ")) {
                chapter = title;
            }
            sections.put(anchor, new Section(anchor, title, chapter == null ? title : chapter, file, i + 2));
        }
    }

    Optional<Section> section(String anchor) {
        return Optional.ofNullable(sections.get(anchor));
    }

    /** {@code "Reading a head" in Stage 01: a thread per connection}, and where to read it. */
    String cite(String anchor) {
        Section s = sections.get(anchor);
        if (s == null) {
            return "the book's section #" + anchor;
        }
        String where = Files.exists(root.resolve(BUILT)) ? BUILT + "#" + anchor
                : s.file() + ":" + s.line() + " (or the built book: ./mvnw -q -pl docs package, then " + BUILT + "#"
                + anchor + ")";
        return "\"" + s.title() + "\"" + (s.title().equals(s.chapter()) ? "" : " in " + s.chapter()) + "\n        "
                + where;
    }
}
