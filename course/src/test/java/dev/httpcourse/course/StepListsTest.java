package dev.httpcourse.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The steps lists and the markers agree, for every stage that has a list: every marker is well formed,
 * nests only inside an earlier step's code, and is named in its step; every region a step lists is
 * in its file; every category of the suite belongs to a step of a marked stage; every section a step
 * cites is in the book; the book's tables of the steps are the lists'. No server runs here.
 */
class StepListsTest {
    private static final Path ROOT = Path.of(System.getProperty("course.root", "..")).toAbsolutePath().normalize();

    @Test
    void everyMarkerIsWellFormedAndNamedInItsStage() {
        List<String> problems = new ArrayList<>();
        for (StageSteps stage : StageSteps.all(ROOT)) {
            Path sources = ROOT.resolve(stage.module()).resolve(Workspace.SRC);
            Set<String> found = new TreeSet<>();
            for (Path rel : Sources.javaFiles(sources)) {
                Markers.Parsed parsed = Markers.parse(Sources.lines(sources.resolve(rel)));
                for (Markers.Problem p : parsed.problems()) {
                    problems.add(stage.module() + "/" + Workspace.SRC + "/" + rel + ":" + p.line() + ": " + p.message());
                }
                for (Markers.Region r : parsed.flat()) {
                    var spec = stage.region(r.step(), r.name());
                    if (spec.isEmpty()) {
                        problems.add(rel + ":" + (r.open() + 1) + ": " + r.marker() + " is not in step " + r.step()
                                + " of course/steps/stage" + stage.stage() + ".json");
                    } else if (!rel.getFileName().toString().equals(spec.get().file())) {
                        problems.add(rel + ":" + (r.open() + 1) + ": " + r.marker() + " is listed in " + spec.get().file());
                    }
                    found.add(r.step() + "/" + r.name());
                }
            }
            if (!stage.marked()) {
                continue; // a draft lists regions still to be marked
            }
            for (StageSteps.Step step : stage.steps()) {
                for (StageSteps.RegionSpec r : step.regions()) {
                    if (!found.contains(step.number() + "/" + r.name())) {
                        problems.add("stage " + stage.stage() + " step " + step.number() + " lists " + r.name() + " in "
                                + r.file() + ", which has no such markers");
                    }
                }
                if (step.regions().isEmpty() && step.nothing() == null) {
                    problems.add("stage " + stage.stage() + " step " + step.number() + " has no regions and does not "
                            + "say why (\"nothing\")");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyCategoryOfTheSuiteIsCheckedByAStepOfEveryMarkedStage() {
        for (StageSteps stage : StageSteps.all(ROOT)) {
            Set<String> checked = new TreeSet<>();
            for (StageSteps.Step step : stage.steps()) {
                for (String check : step.checks()) {
                    if (!check.equals("fuzz") && !check.startsWith("stage:")) {
                        String category = check.contains("#") ? check.substring(0, check.indexOf('#')) : check;
                        Checker.requireCategory(category); // throws for a name the suite does not have
                        checked.add(category);
                    }
                }
            }
            if (stage.marked()) {
                Set<String> missing = new TreeSet<>(Checker.categories());
                missing.removeAll(checked);
                assertTrue(missing.isEmpty(), "stage " + stage.stage() + ": no step checks " + missing
                        + " (a category added to the suite belongs to a step)");
            }
        }
    }

    @Test
    void everyCitedSectionIsInTheBookAndEveryStageTestExists() {
        var book = new Book(ROOT);
        List<String> problems = new ArrayList<>();
        for (StageSteps stage : StageSteps.all(ROOT)) {
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
                        Path test = ROOT.resolve(stage.module()).resolve(Workspace.TEST).resolve(stage.packagePath())
                                .resolve(check.substring(6).replace('.', '/') + ".java");
                        if (!Files.exists(test)) {
                            problems.add("stage " + stage.stage() + " step " + step.number() + ": no " + test);
                        }
                    }
                }
            }
            Path binding = ROOT.resolve(stage.module()).resolve(Workspace.TEST)
                    .resolve(stage.binding().replace('.', '/') + ".java");
            if (!Files.exists(binding)) {
                problems.add("stage " + stage.stage() + ": no binding " + binding);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theBooksTableOfStepsIsTheList() {
        for (StageSteps stage : StageSteps.all(ROOT)) {
            if (!stage.marked()) {
                continue;
            }
            Path table = ROOT.resolve(Book.SOURCES).resolve("_steps-stage" + stage.stage() + ".adoc");
            if (!Files.exists(table)) {
                fail(ROOT.relativize(table) + " is missing: bin/course steps " + stage.stage() + " --adoc > " + ROOT.relativize(table));
            }
            assertEquals(String.join("\n", StepsTable.adoc(stage, new Book(ROOT))) + "\n", Sources.read(table),
                    ROOT.relativize(table) + " is out of date: bin/course steps " + stage.stage() + " --adoc > "
                            + ROOT.relativize(table));
        }
    }
}
