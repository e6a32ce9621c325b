package dev.httpcourse.course;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The step markers of one source file, and the rewriting of what lies between them.
 *
 * <p>A step's reference code sits between two comment lines:
 * <pre>{@code
 *         // tag::step-3-field-value[]
 *         for (int i = valueStart; i < valueEnd; i++) { ... }
 *         // end::step-3-field-value[]
 * }</pre>
 * They are written as AsciiDoctor tag directives on purpose: an {@code include::…[tag=…]} drops every
 * line that is a tag directive, whatever its name, so the book's listings never show them. Regions
 * nest (a later step's code may sit inside an earlier step's, never the other way round), and a name
 * may occur more than once in a file (the same idea written in two places).
 */
final class Markers {
    private static final Pattern MARKER = Pattern.compile("^(\\s*)// (tag|end)::step-(\\d+)-([a-z0-9][a-z0-9-]*)\\[\\]\\s*$");
    /** Anything that looks like a marker, to catch a misspelt one. */
    private static final Pattern LOOSE = Pattern.compile("\\b(tag|end):{1,3}step-");

    static final String IMPORT = "import dev.httpcourse.common.http.NotYetWritten;";

    private Markers() {
    }

    /**
     * One marked region.
     *
     * @param step     its step
     * @param name     its name
     * @param open     index of the {@code tag::} line
     * @param close    index of the {@code end::} line
     * @param indent   the markers' indentation, which a stub takes
     * @param children regions inside it
     */
    record Region(int step, String name, int open, int close, String indent, List<Region> children) {
        String marker() {
            return "step-" + step + "-" + name;
        }
    }

    /** A marker that does not parse, or markers that do not pair; {@code line} counts from 1. */
    record Problem(int line, String message) {
    }

    /** The regions of a file, outermost first, and what is wrong with its markers. */
    record Parsed(List<String> lines, List<Region> regions, List<Problem> problems) {
        /** Every region, nested ones included, in the order they open. */
        List<Region> flat() {
            List<Region> all = new ArrayList<>();
            collect(regions, all);
            return all;
        }

        private static void collect(List<Region> regions, List<Region> into) {
            for (Region r : regions) {
                into.add(r);
                collect(r.children(), into);
            }
        }
    }

    static Parsed parse(List<String> lines) {
        List<Problem> problems = new ArrayList<>();
        List<Region> top = new ArrayList<>();
        Deque<Open> stack = new ArrayDeque<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = MARKER.matcher(line);
            if (!m.matches()) {
                if (LOOSE.matcher(line).find()) {
                    problems.add(new Problem(i + 1, "malformed step marker (want // tag::step-N-name[] alone on its "
                            + "line, the name in lower case): " + line.strip()));
                }
                continue;
            }
            int step = Integer.parseInt(m.group(3));
            String name = m.group(4);
            if (m.group(2).equals("tag")) {
                for (Open outer : stack) {
                    if (outer.step >= step) {
                        problems.add(new Problem(i + 1, "step-" + step + "-" + name + " opens inside step-" + outer.step
                                + "-" + outer.name + ": a step's code may only sit inside an earlier step's"));
                        break;
                    }
                }
                stack.push(new Open(step, name, i, m.group(1), new ArrayList<>()));
            } else if (stack.isEmpty() || stack.peek().step != step || !stack.peek().name.equals(name)) {
                problems.add(new Problem(i + 1, "end::step-" + step + "-" + name + "[] does not close "
                        + (stack.isEmpty() ? "any open marker" : "step-" + stack.peek().step + "-" + stack.peek().name)));
            } else {
                Open o = stack.pop();
                if (!o.indent.equals(m.group(1))) {
                    problems.add(new Problem(i + 1, "end::step-" + step + "-" + name + "[] is not indented as its tag"));
                }
                Region r = new Region(step, name, o.line, i, o.indent, List.copyOf(o.children));
                (stack.isEmpty() ? top : stack.peek().children).add(r);
            }
        }
        for (Open o : stack) {
            problems.add(new Problem(o.line + 1, "tag::step-" + o.step + "-" + o.name + "[] is never closed"));
        }
        return new Parsed(List.copyOf(lines), List.copyOf(top), List.copyOf(problems));
    }

    private record Open(int step, String name, int line, String indent, List<Region> children) {
    }

    /**
     * The lines with the content of every region that {@code stubbed} selects replaced by
     * {@code stub.apply(region)}; the markers stay, so that {@code solve} can find the place again.
     * Regions not selected keep their content, with their own nested regions rewritten the same way.
     */
    static List<String> rewrite(List<String> lines, List<Region> regions, int from, int to,
                                Predicate<Region> stubbed, Function<Region, List<String>> stub) {
        List<String> out = new ArrayList<>();
        int at = from;
        for (Region r : regions) {
            out.addAll(lines.subList(at, r.open() + 1));
            if (stubbed.test(r)) {
                out.addAll(stub.apply(r));
            } else {
                out.addAll(rewrite(lines, r.children(), r.open() + 1, r.close(), stubbed, stub));
            }
            at = r.close();
        }
        out.addAll(lines.subList(at, to));
        return out;
    }

    /** The stand-in for a region, as its spec says, indented as its markers. */
    static List<String> stub(Region r, StageSteps.RegionSpec spec) {
        String todo = "not yet written: step " + r.step() + " (" + r.name() + ")";
        return switch (spec.stub()) {
            case "throw" -> List.of(r.indent() + "throw NotYetWritten.step(" + r.step() + ", \"" + r.name() + "\");");
            case "omit" -> List.of(r.indent() + "// " + todo);
            default -> {
                List<String> lines = new ArrayList<>();
                String[] given = spec.replacement().split("\n");
                for (int i = 0; i < given.length; i++) {
                    lines.add(r.indent() + given[i] + (i == 0 ? " // " + todo : ""));
                }
                yield lines;
            }
        };
    }

    /**
     * Adds the import of {@code NotYetWritten} where a stub throws it and the file lacks it, or removes
     * the one a starter added once no stub throws it any more: before the first import that sorts after
     * it, so that adding and removing it leave every other line where it was.
     */
    static List<String> fixImport(List<String> lines, boolean referenceHasIt) {
        boolean throwsIt = lines.stream().anyMatch(l -> l.contains("NotYetWritten.step("));
        int present = lines.indexOf(IMPORT);
        List<String> out = new ArrayList<>(lines);
        if (throwsIt && present < 0) {
            int firstImport = -1;
            int lastImport = -1;
            int before = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("import ") && !lines.get(i).startsWith("import static ")) {
                    firstImport = firstImport < 0 ? i : firstImport;
                    lastImport = i;
                    if (before < 0 && lines.get(i).compareTo(IMPORT) > 0) {
                        before = i;
                    }
                }
            }
            if (firstImport < 0) {
                int pkg = 0;
                while (pkg < lines.size() && !lines.get(pkg).startsWith("package ")) {
                    pkg++;
                }
                out.add(pkg + 1, "");
                out.add(pkg + 2, IMPORT);
            } else {
                out.add(before >= 0 ? before : lastImport + 1, IMPORT);
            }
        } else if (!throwsIt && present >= 0 && !referenceHasIt) {
            out.remove(present);
            if (present >= 2 && out.get(present - 1).isEmpty() && out.get(present - 2).startsWith("package ")
                    && (present >= out.size() || out.get(present).isEmpty())) {
                out.remove(present - 1); // the blank line added with it after a lone package line
            }
        }
        return out;
    }
}
