package dev.httpcourse.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills in a step of a learner's copy from the reference: the code between the step's markers in the
 * stage's own sources, with any later step's regions inside it stubbed as a starter has them. Code
 * the learner had written there is kept in {@code .course/backup/} first.
 */
final class Solver {
    private final Workspace workspace;
    private final StageSteps stage;
    private final Path learner;

    Solver(Workspace workspace, StageSteps stage, Path learner) {
        this.workspace = workspace;
        this.stage = stage;
        this.learner = learner;
    }

    /** What one call did, for the user: each line a region filled, kept, or not found. */
    record Outcome(List<String> filled, List<String> backedUp, List<String> missing) {
    }

    Outcome solve(int step) {
        List<String> filled = new ArrayList<>();
        List<String> backedUp = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Path referenceDir = workspace.referenceSources(stage);
        for (Path rel : Sources.javaFiles(referenceDir)) {
            Markers.Parsed reference = Markers.parse(Sources.lines(referenceDir.resolve(rel)));
            Workspace.requireWellFormed(stage, referenceDir.resolve(rel), reference);
            List<Markers.Region> wanted = reference.flat().stream().filter(r -> r.step() == step).toList();
            if (wanted.isEmpty()) {
                continue;
            }
            Path file = learner.resolve(Workspace.SRC).resolve(rel);
            if (!Files.exists(file)) {
                missing.add(rel + ": the file is not in your copy");
                continue;
            }
            Markers.Parsed mine = Markers.parse(Sources.lines(file));
            if (!mine.problems().isEmpty()) {
                Markers.Problem p = mine.problems().getFirst();
                throw new CourseException(learner.relativize(file) + ":" + p.line() + ": " + p.message()
                        + " (solve needs the markers as start wrote them)");
            }
            Map<Markers.Region, List<String>> replacements = new HashMap<>();
            boolean keep = false;
            Map<String, Integer> seen = new HashMap<>();
            for (Markers.Region r : mine.flat()) {
                if (r.step() != step) {
                    continue;
                }
                int occurrence = seen.merge(r.name(), 1, Integer::sum) - 1;
                List<Markers.Region> same = wanted.stream().filter(w -> w.name().equals(r.name())).toList();
                if (occurrence >= same.size()) {
                    missing.add(rel.getFileName() + ": your copy has more step-" + step + "-" + r.name()
                            + " markers than the reference");
                    continue;
                }
                Markers.Region ref = same.get(occurrence);
                List<String> content = Markers.rewrite(reference.lines(), ref.children(), ref.open() + 1, ref.close(),
                        c -> true, c -> Markers.stub(c, Workspace.spec(stage, c, referenceDir.resolve(rel))));
                List<String> current = mine.lines().subList(r.open() + 1, r.close());
                List<String> stub = Markers.stub(r, Workspace.spec(stage, r, referenceDir.resolve(rel)));
                if (!current.equals(stub) && !current.equals(content)) {
                    backedUp.add(rel.getFileName() + " (" + r.name() + ")");
                    keep = true;
                }
                replacements.put(r, content);
                filled.add(rel.getFileName() + ": step " + step + " (" + r.name() + ")");
            }
            for (String name : wanted.stream().map(Markers.Region::name).distinct().toList()) {
                long inMine = mine.flat().stream().filter(r -> r.step() == step && r.name().equals(name)).count();
                List<Markers.Region> inRef = wanted.stream().filter(w -> w.name().equals(name)).toList();
                if (inMine < inRef.size()) {
                    Markers.Region ref = inRef.get((int) inMine);
                    missing.add(rel.getFileName() + ": step-" + step + "-" + name + " has no markers in your copy"
                            + enclosing(reference, ref, mine, referenceDir.resolve(rel)) + "; the reference is " + workspace.root().relativize(
                            referenceDir.resolve(rel)) + " lines " + (ref.open() + 2) + "-" + ref.close());
                }
            }
            if (replacements.isEmpty()) {
                continue;
            }
            if (keep) {
                backup(file, rel);
            }
            List<String> lines = Markers.rewrite(mine.lines(), mine.regions(), 0, mine.lines().size(),
                    replacements::containsKey, replacements::get);
            Sources.write(file, Markers.fixImport(lines, reference.lines().contains(Markers.IMPORT)));
        }
        return new Outcome(filled, backedUp, missing);
    }

    /** Why a region has no markers in the learner's copy: the step it sits in is not written yet, or was written by hand. */
    private String enclosing(Markers.Parsed reference, Markers.Region inner, Markers.Parsed mine, Path file) {
        for (Markers.Region outer : reference.flat()) {
            if (!outer.children().contains(inner)) {
                continue;
            }
            String where = " (it sits inside step " + outer.step() + " (" + outer.name() + "), ";
            for (Markers.Region r : mine.flat()) {
                if (r.step() == outer.step() && r.name().equals(outer.name())
                        && mine.lines().subList(r.open() + 1, r.close())
                        .equals(Markers.stub(r, Workspace.spec(stage, r, file)))) {
                    return where + "not written yet: write it, or bin/course solve " + stage.stage() + " --step "
                            + outer.step() + ", first)";
                }
            }
            return where + "which you wrote yourself: add it to your code by hand)";
        }
        return "";
    }

    private void backup(Path file, Path rel) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path to = learner.resolve(".course").resolve("backup").resolve(stamp).resolve(rel);
        Workspace.copy(file, to);
    }

    Path backups() {
        return learner.resolve(".course").resolve("backup");
    }
}
