package dev.httpcourse.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified diff as {@code git diff} writes it, applied here rather than by {@code git apply} or
 * {@code patch}: an exercise's reference answer must apply to a learner's copy, which is not a git
 * checkout and may sit on a machine without either tool. A hunk is looked for where the diff says,
 * then further away (the learner's copy may have moved lines), then with each line's leading and
 * trailing blanks ignored (it may be indented otherwise); a file changes only if all of its hunks,
 * and all the other files' hunks, found their place, so a patch applies whole or not at all.
 */
final class Patch {
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

    /** One hunk: the lines it expects (context and removed) and the lines it leaves (context and added). */
    record Hunk(int oldStart, List<String> before, List<String> after) {
        Hunk reversed() {
            return new Hunk(oldStart, after, before);
        }
    }

    /**
     * The changes to one file.
     *
     * @param oldPath the file before, relative to the checkout, or null when the patch creates it
     * @param newPath the file after, or null when the patch deletes it
     */
    record FilePatch(String oldPath, String newPath, List<Hunk> hunks) {
        String path() {
            return newPath != null ? newPath : oldPath;
        }

        FilePatch reversed() {
            return new FilePatch(newPath, oldPath, hunks.stream().map(Hunk::reversed).toList());
        }
    }

    /**
     * What applying came to.
     *
     * @param contents each file's new lines, by where it is on disk; null for a file the patch deletes
     * @param problems one line per hunk or file that found no place; when any, nothing may be written
     */
    record Outcome(Map<Path, List<String>> contents, List<String> problems) {
        boolean applies() {
            return problems.isEmpty();
        }

        /** Writes the new contents (only if everything applied). */
        void write() {
            if (!applies()) {
                throw new IllegalStateException("the patch does not apply: " + problems);
            }
            contents.forEach((file, lines) -> {
                if (lines == null) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                } else {
                    Sources.write(file, lines);
                }
            });
        }
    }

    private final List<FilePatch> files;

    private Patch(List<FilePatch> files) {
        this.files = List.copyOf(files);
    }

    List<FilePatch> files() {
        return files;
    }

    static Patch read(Path file) {
        try {
            return parse(Sources.lines(file));
        } catch (IllegalArgumentException e) {
            throw new CourseException(file + ": " + e.getMessage());
        }
    }

    static Patch parse(List<String> lines) {
        List<FilePatch> files = new ArrayList<>();
        String oldPath = null;
        String newPath = null;
        List<Hunk> hunks = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("--- ") && i + 1 < lines.size() && lines.get(i + 1).startsWith("+++ ")) {
                if (hunks != null) {
                    files.add(new FilePatch(oldPath, newPath, hunks));
                }
                oldPath = path(line.substring(4));
                newPath = path(lines.get(++i).substring(4));
                hunks = new ArrayList<>();
                continue;
            }
            Matcher m = HUNK.matcher(line);
            if (!m.matches()) {
                continue; // diff --git, index, mode lines, and anything written around the diff
            }
            if (hunks == null) {
                throw new IllegalArgumentException("line " + (i + 1) + ": a hunk before any ---/+++ file header");
            }
            int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            List<String> before = new ArrayList<>();
            List<String> after = new ArrayList<>();
            while (before.size() < oldCount || after.size() < newCount) {
                if (++i >= lines.size()) {
                    throw new IllegalArgumentException("the hunk at line " + (i + 1) + " ends early");
                }
                String body = lines.get(i);
                if (body.startsWith("\\")) {
                    continue; // "\ No newline at end of file": every source here ends with one
                }
                char kind = body.isEmpty() ? ' ' : body.charAt(0);
                String text = body.isEmpty() ? "" : body.substring(1);
                switch (kind) {
                    case ' ' -> {
                        before.add(text);
                        after.add(text);
                    }
                    case '-' -> before.add(text);
                    case '+' -> after.add(text);
                    default -> throw new IllegalArgumentException("line " + (i + 1) + ": not a line of a hunk: " + body);
                }
            }
            hunks.add(new Hunk(Integer.parseInt(m.group(1)), before, after));
        }
        if (hunks != null) {
            files.add(new FilePatch(oldPath, newPath, hunks));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no file in the patch");
        }
        return new Patch(files);
    }

    private static String path(String header) {
        String p = header.contains("\t") ? header.substring(0, header.indexOf('\t')) : header.strip();
        if (p.equals("/dev/null")) {
            return null;
        }
        return p.startsWith("a/") || p.startsWith("b/") ? p.substring(2) : p;
    }

    /** The same changes the other way: what undoes this patch. */
    Patch reversed() {
        return new Patch(files.stream().map(FilePatch::reversed).toList());
    }

    /**
     * Applies every file's hunks in memory. {@code locate} says where a path of the patch (relative
     * to the checkout, {@code stage03-reuseport-workers/src/main/java/…}) is on disk.
     */
    Outcome apply(Function<String, Path> locate) {
        Map<Path, List<String>> contents = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (FilePatch f : files) {
            Path target = locate.apply(f.path());
            boolean exists = Files.isRegularFile(target);
            List<String> lines;
            if (f.oldPath() == null) {
                if (exists) {
                    problems.add(f.path() + ": the patch creates it, and it is there already");
                    continue;
                }
                lines = new ArrayList<>();
            } else if (!exists) {
                problems.add(f.path() + ": not found (looked at " + target + ")");
                continue;
            } else {
                lines = new ArrayList<>(contents.containsKey(target) ? contents.get(target) : Sources.lines(target));
            }
            int delta = 0;
            int from = 0;
            boolean ok = true;
            for (int h = 0; h < f.hunks().size(); h++) {
                Hunk hunk = f.hunks().get(h);
                int expected = Math.max(0, hunk.oldStart() - 1 + delta + (hunk.before().isEmpty() ? 1 : 0));
                int at = find(lines, hunk.before(), expected, from);
                if (at < 0) {
                    problems.add(f.path() + ": hunk " + (h + 1) + " of " + f.hunks().size() + " (near line "
                            + hunk.oldStart() + ") finds no place; it expects these lines:\n"
                            + String.join("\n", hunk.before().stream().limit(8).map(l -> "      " + l).toList()));
                    ok = false;
                    break;
                }
                for (int k = 0; k < hunk.before().size(); k++) {
                    lines.remove(at);
                }
                lines.addAll(at, hunk.after());
                from = at + hunk.after().size();
                delta += hunk.after().size() - hunk.before().size();
            }
            if (ok) {
                contents.put(target, f.newPath() == null ? null : lines);
            }
        }
        return new Outcome(contents, problems);
    }

    /** Where {@code wanted} starts in {@code lines}, at or after {@code from}, nearest to {@code expected}; -1 if nowhere. */
    private static int find(List<String> lines, List<String> wanted, int expected, int from) {
        if (wanted.isEmpty()) {
            return Math.min(Math.max(expected, from), lines.size());
        }
        for (boolean loose : new boolean[] {false, true}) {
            for (int distance = 0; distance <= lines.size(); distance++) {
                for (int at : new int[] {expected - distance, expected + distance}) {
                    if (at >= from && at + wanted.size() <= lines.size() && matches(lines, at, wanted, loose)) {
                        return at;
                    }
                    if (distance == 0) {
                        break;
                    }
                }
            }
        }
        return -1;
    }

    private static boolean matches(List<String> lines, int at, List<String> wanted, boolean loose) {
        for (int k = 0; k < wanted.size(); k++) {
            String have = lines.get(at + k);
            String want = wanted.get(k);
            if (loose ? !have.strip().equals(want.strip()) : !have.equals(want)) {
                return false;
            }
        }
        return true;
    }
}
