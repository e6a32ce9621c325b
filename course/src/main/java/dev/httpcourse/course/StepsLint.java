package dev.httpcourse.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must hold between a stage's steps list, its sources and the book, checked without running a
 * server: by the course's tests for every stage, and by {@code bin/course verify NN} for one.
 */
final class StepsLint {
    private final Path root;

    StepsLint(Path root) {
        this.root = root;
    }

    /** Every problem found; none when the list and the sources agree. */
    List<String> problems(StageSteps stage) {
        List<String> problems = new ArrayList<>();
        markers(stage, problems);
        categories(stage, problems);
        citations(stage, problems);
        table(stage, problems);
        return problems;
    }

    /**
     * Every marker is well formed, nests only inside an earlier step's code, is named in its step and
     * sits in the file its spec says; for a marked stage, every listed region has markers and every
     * step either has regions or says why not.
     */
    private void markers(StageSteps stage, List<String> problems) {
        Path sources = root.resolve(stage.module()).resolve(Workspace.SRC);
        Set<String> found = new TreeSet<>();
        for (Path rel : Sources.javaFiles(sources)) {
            String where = stage.module() + "/" + Workspace.SRC + "/" + rel;
            Markers.Parsed parsed = Markers.parse(Sources.lines(sources.resolve(rel)));
            for (Markers.Problem p : parsed.problems()) {
                problems.add(where + ":" + p.line() + ": " + p.message());
            }
            for (Markers.Region r : parsed.flat()) {
                var spec = stage.region(r.step(), r.name());
                if (spec.isEmpty()) {
                    problems.add(where + ":" + (r.open() + 1) + ": " + r.marker() + " is not in step " + r.step()
                            + " of course/steps/stage" + stage.stage() + ".json");
                } else if (!rel.getFileName().toString().equals(spec.get().file())) {
                    problems.add(where + ":" + (r.open() + 1) + ": " + r.marker() + " is listed in " + spec.get().file());
                }
                found.add(r.step() + "/" + r.name());
            }
        }
        if (!stage.marked()) {
            return; // a draft lists regions still to be marked
        }
        for (StageSteps.Step step : stage.steps()) {
            for (StageSteps.RegionSpec r : step.regions()) {
                if (!found.contains(step.number() + "/" + r.name())) {
                    problems.add("stage " + stage.stage() + " step " + step.number() + " lists " + r.name() + " in "
                            + r.file() + ", which has no such markers");
                }
            }
            if (step.regions().isEmpty() && step.nothing() == null) {
                problems.add("stage " + stage.stage() + " step " + step.number() + " has no regions and does not say "
                        + "why (\"nothing\")");
            }
        }
    }

    /** Every check names a category the suite has; a marked stage checks every category somewhere. */
    private static void categories(StageSteps stage, List<String> problems) {
        Set<String> all = Checker.categories();
        Set<String> checked = new TreeSet<>();
        for (StageSteps.Step step : stage.steps()) {
            for (String check : step.checks()) {
                if (check.equals("fuzz") || check.startsWith("stage:")) {
                    continue;
                }
                String category = check.contains("#") ? check.substring(0, check.indexOf('#')) : check;
                if (!all.contains(category)) {
                    problems.add("stage " + stage.stage() + " step " + step.number() + " checks '" + category
                            + "', which is not a category of the suite: " + all);
                }
                checked.add(category);
            }
        }
        if (stage.marked()) {
            Set<String> missing = new TreeSet<>(all);
            missing.removeAll(checked);
            if (!missing.isEmpty()) {
                problems.add("stage " + stage.stage() + ": no step checks " + missing + " (a category added to the "
                        + "suite belongs to a step)");
            }
        }
    }

    /** Every section cited is in the book; every stage test and the binding exist. */
    private void citations(StageSteps stage, List<String> problems) {
        var book = new Book(root);
        for (StageSteps.Step step : stage.steps()) {
            List<String> anchors = new ArrayList<>(step.read());
            step.regions().stream().map(StageSteps.RegionSpec::read).filter(a -> a != null).forEach(anchors::add);
            for (String anchor : anchors) {
                if (book.section(anchor).isEmpty()) {
                    problems.add("stage " + stage.stage() + " step " + step.number() + " cites #" + anchor
                            + ", which no section of the book has");
                }
            }
            for (String check : step.checks()) {
                if (check.startsWith("stage:")) {
                    Path test = root.resolve(stage.module()).resolve(Workspace.TEST).resolve(stage.packagePath())
                            .resolve(check.substring(6).replaceAll("#.*", "").replace('.', '/') + ".java");
                    if (!Files.exists(test)) {
                        problems.add("stage " + stage.stage() + " step " + step.number() + ": no "
                                + root.relativize(test));
                    }
                }
            }
        }
        Path binding = root.resolve(stage.module()).resolve(Workspace.TEST)
                .resolve(stage.binding().replace('.', '/') + ".java");
        if (!Files.exists(binding)) {
            problems.add("stage " + stage.stage() + ": no binding " + root.relativize(binding));
        }
    }

    /** A marked stage's table in the book is the one its list gives. */
    private void table(StageSteps stage, List<String> problems) {
        if (!stage.marked()) {
            return;
        }
        Path table = root.resolve(Book.SOURCES).resolve("_steps-stage" + stage.stage() + ".adoc");
        String fix = "bin/course steps " + stage.stage() + " --adoc > " + root.relativize(table);
        if (!Files.exists(table)) {
            problems.add(root.relativize(table) + " is missing: " + fix);
        } else if (!Sources.read(table).equals(String.join("\n", StepsTable.adoc(stage, new Book(root))) + "\n")) {
            problems.add(root.relativize(table) + " is out of date: " + fix);
        }
    }
}
