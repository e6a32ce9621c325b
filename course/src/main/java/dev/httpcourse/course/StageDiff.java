package dev.httpcourse.course;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one module adds over another, file by file: the files only the later one has, the files both
 * have (by name, the stage's package set aside) with a unified diff, the files it leaves behind, and
 * the classes it uses from earlier stages. Tag lines, the book's and the steps', are left out of the
 * comparison: they are markup, not code.
 */
final class StageDiff {
    private static final Pattern TAG_LINE = Pattern.compile("^\\s*// (tag|end)::[^\\[\\s]+\\[\\]\\s*$");
    private static final Pattern USES = Pattern.compile("^import (?:static )?dev\\.httpcourse\\.(stage\\d\\d)\\.([\\w.]+);");

    private final PrintStream out;
    private final boolean stat;

    StageDiff(PrintStream out, boolean stat) {
        this.out = out;
        this.stat = stat;
    }

    /**
     * @param older    the earlier module's sources ({@code …/src/main/java/dev/httpcourse/stage01})
     * @param newer    the later one's
     * @param olderName what the earlier one is, for the heading
     * @param newerName what the later one is
     * @param buildsOn  the later one uses the earlier one's classes, so the files it lacks are not gone
     * @return how many files differ or are new
     */
    int diff(Path older, Path newer, String olderName, String newerName, Path shownFrom, boolean buildsOn) {
        Set<String> a = names(older);
        Set<String> b = names(newer);
        Set<String> added = new TreeSet<>(b);
        added.removeAll(a);
        Set<String> common = new TreeSet<>(b);
        common.retainAll(a);
        Set<String> gone = new TreeSet<>(a);
        gone.removeAll(b);
        out.printf("What %s adds over %s%n", newerName, olderName);
        out.printf("  %d new file%s, %d in both, %d only in %s%s%n", added.size(), added.size() == 1 ? "" : "s",
                common.size(), gone.size(), olderName, buildsOn ? ", which it builds on: they stay there" : "");
        Set<String> uses = new TreeSet<>();
        String own = newer.getFileName().toString();
        for (String f : b) {
            for (String line : Sources.lines(newer.resolve(f))) {
                Matcher m = USES.matcher(line);
                if (m.find() && !m.group(1).equals(own)) {
                    uses.add(m.group(1) + "." + m.group(2));
                }
            }
        }
        if (!uses.isEmpty()) {
            out.println("  uses from earlier stages: " + String.join(", ", uses));
        }
        int changed = 0;
        String gap = stat ? "" : "%n";
        for (String f : added) {
            out.printf(gap + "new: %s (%d lines)%n", shownFrom.relativize(newer.resolve(f)), code(newer.resolve(f)).size());
            changed++;
        }
        for (String f : common) {
            List<String> hunks = LineDiff.unified(code(older.resolve(f)), code(newer.resolve(f)));
            if (hunks.isEmpty()) {
                continue;
            }
            changed++;
            if (stat) {
                long plus = hunks.stream().filter(h -> h.startsWith("+")).count();
                long minus = hunks.stream().filter(h -> h.startsWith("-")).count();
                out.printf("changed: %s (+%d -%d)%n", shownFrom.relativize(newer.resolve(f)), plus, minus);
                continue;
            }
            out.printf("%n--- %s%n+++ %s%n", shownFrom.relativize(older.resolve(f)), shownFrom.relativize(newer.resolve(f)));
            hunks.forEach(out::println);
        }
        if (!buildsOn) {
            for (String f : gone) {
                out.printf(gap + "only in %s: %s%n", olderName, shownFrom.relativize(older.resolve(f)));
            }
        }
        if (changed == 0 && gone.isEmpty()) {
            out.println("\nNo differences.");
        }
        return changed + (buildsOn ? 0 : gone.size());
    }

    /** The lines of code, tag lines left out, the package's stage number made neutral. */
    private static List<String> code(Path file) {
        return Sources.lines(file).stream()
                .filter(l -> !TAG_LINE.matcher(l).matches())
                .map(l -> l.replaceAll("dev\\.httpcourse\\.stage\\d\\d", "dev.httpcourse.stageNN"))
                .toList();
    }

    private static Set<String> names(Path dir) {
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            for (Path p : Sources.javaFiles(dir)) {
                names.add(p.toString());
            }
        }
        return names;
    }
}
