package dev.httpcourse.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The book's exercises, read from the chapters' Exercises sections, which are their one source: id,
 * title, difficulty and time from the item's first line, the text, the folded hint, and what makes it
 * doable in a room, one of two:
 * <ul>
 *   <li>a <b>check</b>: a line {@code *Check:* `bin/course exercise 3.1`}, a test
 *       {@code Exercise3_1Check} in the stage's test tree (the name keeps it out of surefire's default
 *       run: it fails until the exercise is done), and the reference answer
 *       {@code course/exercises/3.1.patch};</li>
 *   <li>a <b>measurement</b>: a line {@code *Measure:*} with the command and a line {@code *Expect:*}
 *       with the range of results, read from the committed results in {@code bench/results/}; it may
 *       have a patch too, the code change to measure.</li>
 * </ul>
 */
final class Exercises {
    static final Path PATCHES = Path.of("course", "exercises");
    /** The closing chapter's figures, {@code {cmp-…}} attributes, which its exercises quote by name. */
    static final Path ATTRIBUTES = Path.of("bench", "results", "vm", "comparison-attributes.adoc");
    private static final Pattern ITEM = Pattern.compile(
            "^\\. \\[\\[ex-(\\d+)-(\\d+),(\\d+\\.\\d+)]]\\*(\\d+\\.\\d+) (.+?)\\* \\[\\.exercise-meta]#difficulty (\\d) of 3 "
                    + "· about (\\d+) min# \\+$");

    /**
     * One exercise.
     *
     * @param id       {@code 3.1}
     * @param file     its chapter's source, relative to the checkout
     * @param line     its first line there, from 1
     * @param text     the task, as written (AsciiDoc), without the hint and the check or measurement lines
     * @param hint     the folded hint's lines
     * @param check    the {@code *Check:*} line, or null
     * @param measure  the {@code *Measure:*} line, or null
     * @param expect   the {@code *Expect:*} line and the lines that continue it, or empty
     */
    record Exercise(String id, int chapter, int number, String title, int difficulty, int minutes, Path file, int line,
                    List<String> text, List<String> hint, String check, String measure, List<String> expect) {
        /** {@code Exercise3_1Check}: the check's class name, by the naming rule. */
        String checkClassName() {
            return "Exercise" + chapter + "_" + number + "Check";
        }

        boolean isMeasurement() {
            return measure != null;
        }
    }

    /** Where a check lives: the stage, and the test's source file in the checkout. */
    record CheckSource(StageSteps stage, Path file, String className) {
    }

    private final Path root;
    private final Map<String, Exercise> byId = new LinkedHashMap<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    Exercises(Path root) {
        this.root = root;
        List<Path> chapters = Sources.files(root.resolve(Book.SOURCES)).stream()
                .filter(p -> p.getFileName().toString().matches("ch\\d\\d-.*\\.adoc")).toList();
        for (Path rel : chapters) {
            read(Book.SOURCES.resolve(rel));
        }
        if (Files.isRegularFile(root.resolve(ATTRIBUTES))) {
            for (String line : Sources.lines(root.resolve(ATTRIBUTES))) {
                Matcher m = Pattern.compile("^:([a-z0-9-]+): (.*)$").matcher(line);
                if (m.matches()) {
                    attributes.put(m.group(1), m.group(2));
                }
            }
        }
    }

    List<Exercise> all() {
        return List.copyOf(byId.values());
    }

    Exercise get(String id) {
        Exercise e = byId.get(id);
        if (e == null) {
            throw new CourseException("no exercise " + id + " in the book: bin/course exercises lists them");
        }
        return e;
    }

    Path root() {
        return root;
    }

    /** The reference answer, {@code course/exercises/3.1.patch}, if there is one. */
    Optional<Path> patch(Exercise e) {
        Path p = root.resolve(PATCHES).resolve(e.id() + ".patch");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The check's test, found by its name in the stages' test trees. */
    Optional<CheckSource> checkSource(Exercise e) {
        String fileName = e.checkClassName() + ".java";
        for (StageSteps stage : StageSteps.all(root)) {
            Path tests = root.resolve(stage.module()).resolve(Workspace.TEST);
            for (Path rel : Sources.javaFiles(tests)) {
                if (rel.getFileName().toString().equals(fileName)) {
                    String cls = rel.toString().replace(java.io.File.separatorChar, '/').replace('/', '.');
                    return Optional.of(new CheckSource(stage, tests.resolve(rel), cls.substring(0, cls.length() - 5)));
                }
            }
        }
        return Optional.empty();
    }

    private void read(Path file) {
        List<String> lines = Sources.lines(root.resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ITEM.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int start = i;
            List<String> text = new ArrayList<>();
            List<String> hint = new ArrayList<>();
            List<String> expect = new ArrayList<>();
            String check = null;
            String measure = null;
            boolean inHint = false;
            boolean inExpect = false;
            for (i = i + 1; i < lines.size(); i++) {
                String l = lines.get(i);
                if (ITEM.matcher(l).matches() || l.startsWith("[#") || l.startsWith("=== ") || l.startsWith("== ")) {
                    i--;
                    break;
                }
                if (l.equals("====")) {
                    inHint = !inHint;
                    continue;
                }
                if (inHint) {
                    hint.add(l);
                    continue;
                }
                if (l.equals(".Hint") || l.startsWith("[%collapsible")) {
                    continue;
                }
                if (l.startsWith("*Check:*")) {
                    check = l;
                    inExpect = false;
                } else if (l.startsWith("*Measure:*")) {
                    measure = l;
                    inExpect = false;
                } else if (l.startsWith("*Expect:*")) {
                    expect.add(l);
                    inExpect = true;
                } else if (inExpect && !l.isBlank() && !l.equals("+")) {
                    expect.add(l);
                } else {
                    inExpect = false;
                    text.add(l);
                }
            }
            while (!text.isEmpty() && (text.getLast().isBlank() || text.getLast().equals("+"))) {
                text.removeLast();
            }
            String id = m.group(3);
            if (!id.equals(m.group(4)) || !id.equals(m.group(1) + "." + m.group(2))) {
                throw new CourseException(file + ":" + (start + 1) + ": the exercise's anchor, id and title disagree");
            }
            byId.put(id, new Exercise(id, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(5),
                    Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)), file, start + 1, List.copyOf(text),
                    List.copyOf(hint), check, measure, List.copyOf(expect)));
        }
    }

    /**
     * AsciiDoc made readable on a terminal: cross references become section titles, the closing
     * chapter's attributes their committed values, markup goes.
     */
    String plain(String adoc, Book book) {
        Matcher attribute = Pattern.compile("\\{([a-z0-9-]+)}").matcher(adoc);
        var resolved = new StringBuilder();
        while (attribute.find()) {
            attribute.appendReplacement(resolved, Matcher.quoteReplacement(
                    attributes.getOrDefault(attribute.group(1), attribute.group())));
        }
        attribute.appendTail(resolved);
        adoc = resolved.toString();
        Matcher xref = Pattern.compile("<<([A-Za-z0-9_-]+)(?:,([^>]*))?>>").matcher(adoc);
        var out = new StringBuilder();
        while (xref.find()) {
            String shown = xref.group(2) != null ? xref.group(2)
                    : book.section(xref.group(1)).map(s -> "\"" + s.title() + "\"").orElse("#" + xref.group(1));
            xref.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        xref.appendTail(out);
        String s = out.toString().replace("\\{", "{"); // an escaped brace is a brace, not an attribute
        s = s.replaceAll("\\*([^*\\s][^*]*?)\\*", "$1");
        s = s.replaceAll("(?<![\\w`])_([^_\\s][^_]*?)_(?![\\w`])", "$1");
        s = s.replaceAll("``([^`]+)``", "`$1`");
        s = s.replaceAll(" \\+$", "");
        return s;
    }
}
