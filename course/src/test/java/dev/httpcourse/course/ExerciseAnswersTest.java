package dev.httpcourse.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The book's exercises stay doable, as rustlings' and ziglings' CI keeps theirs: every check fails on
 * the course's own code (so a check is real), and passes once its reference answer is applied to a
 * scratch copy of the stage (so an answer cannot rot); a measurement's patch, where it has one, still
 * applies and compiles. Everything runs in this JVM, with the compiler and the launcher that
 * {@code bin/course exercise} uses: seconds per exercise, not a Maven build each.
 */
class ExerciseAnswersTest {
    private static final Path ROOT = Path.of(System.getProperty("course.root", "..")).toAbsolutePath().normalize();
    private static final Exercises EXERCISES = new Exercises(ROOT);

    @Test
    void everyExerciseHasACheckOrAMeasurementAndNotBoth() {
        List<String> problems = new ArrayList<>();
        for (Exercises.Exercise e : EXERCISES.all()) {
            var check = EXERCISES.checkSource(e);
            boolean checked = e.check() != null;
            if (checked == e.isMeasurement()) {
                problems.add(e.id() + ": needs exactly one of a *Check:* line and a *Measure:* line");
            }
            if (checked) {
                if (check.isEmpty()) {
                    problems.add(e.id() + ": its *Check:* line has no " + e.checkClassName() + " in a stage's test tree");
                }
                if (EXERCISES.patch(e).isEmpty()) {
                    problems.add(e.id() + ": a check needs its reference answer, course/exercises/" + e.id() + ".patch");
                }
                if (!e.check().contains("bin/course exercise " + e.id() + "`")) {
                    problems.add(e.id() + ": its *Check:* line should name the command, `bin/course exercise " + e.id() + "`");
                }
            } else if (check.isPresent()) {
                problems.add(e.id() + ": " + e.checkClassName() + " exists, but the book gives no *Check:* line");
            }
            if (e.isMeasurement() && e.expect().isEmpty()) {
                problems.add(e.id() + ": a measurement needs an *Expect:* line, the range from the committed results");
            }
            if (e.hint().isEmpty()) {
                problems.add(e.id() + ": no hint");
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    /**
     * A check's answer goes to the learner's copy of its stage, which holds only the stage's sources,
     * and to the checkout for {@code common} (5.6 turns a feature on in {@code JsonEndpoint}): nothing else.
     */
    @Test
    void aCheckAnswerChangesItsStageAndAtMostCommon() {
        List<String> problems = new ArrayList<>();
        for (Exercises.Exercise e : EXERCISES.all()) {
            var check = EXERCISES.checkSource(e);
            var patch = EXERCISES.patch(e);
            if (check.isEmpty() || patch.isEmpty()) {
                continue;
            }
            String module = check.get().stage().module() + "/src/main/";
            for (Patch.FilePatch f : Patch.read(patch.get()).files()) {
                if (!f.path().startsWith(module) && !f.path().startsWith("common/src/main/")) {
                    problems.add(e.id() + ": changes " + f.path() + ", outside " + module
                            + " and common/src/main/ (a learner's copy has only the stage)");
                }
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @TestFactory
    Stream<DynamicTest> eachCheckFailsOnTheCourseAndPassesWithItsAnswer(@TempDir Path scratch) {
        var runner = new ExerciseCheck(ROOT);
        return EXERCISES.all().stream().filter(e -> EXERCISES.checkSource(e).isPresent()).map(e -> dynamicTest(
                e.id() + " " + e.title(), () -> {
                    Exercises.CheckSource check = EXERCISES.checkSource(e).orElseThrow();
                    Path stage = ROOT.resolve(check.stage().module());
                    Path work = scratch.resolve(e.id());

                    ExerciseCheck.Result untouched = runner.run(check, stage, work.resolve("untouched"));
                    Assumptions.assumeFalse(untouched.compiled() && !untouched.tests().isEmpty()
                            && untouched.skipped() == untouched.tests().size(), () -> e.checkClassName()
                            + " skips on this machine: " + ExerciseCommands.describe(untouched.tests().getFirst().thrown()));
                    assertTrue(untouched.failedATest(), e.checkClassName() + " must compile and fail on the course's "
                            + "code, and did not:\n" + summary(untouched));

                    Path copy = work.resolve(check.stage().module());
                    copyMain(stage, copy);
                    Patch patch = Patch.read(EXERCISES.patch(e).orElseThrow());
                    // common's part (5.6) goes to a copy of common, which must still compile; the check
                    // runs against the stage's copy with this tool's own common
                    boolean touchesCommon = patch.files().stream().anyMatch(f -> f.path().startsWith("common/"));
                    if (touchesCommon) {
                        copyMain(ROOT.resolve("common"), work.resolve("common"));
                    }
                    Patch.Outcome applied = patch.apply(path -> work.resolve(path));
                    assertTrue(applied.applies(), "course/exercises/" + e.id() + ".patch no longer applies to "
                            + check.stage().module() + ":\n" + String.join("\n", applied.problems()));
                    applied.write();
                    if (touchesCommon) {
                        assertEquals(List.of(), Javac.compile(work.resolve("common").resolve(Workspace.SRC),
                                work.resolve("common-classes"), Checker.toolClasspath(), ROOT),
                                e.id() + ": common, with the answer's part of it, does not compile");
                    }
                    ExerciseCheck.Result solved = runner.run(check, copy, work.resolve("solved"));
                    assertTrue(solved.passed() && solved.skipped() == 0, e.checkClassName() + " must pass with the "
                            + "reference answer applied, and did not:\n" + summary(solved));
                }));
    }

    @TestFactory
    Stream<DynamicTest> eachMeasurementPatchStillAppliesAndCompiles(@TempDir Path scratch) {
        return EXERCISES.all().stream()
                .filter(e -> EXERCISES.checkSource(e).isEmpty() && EXERCISES.patch(e).isPresent())
                .map(e -> dynamicTest(e.id() + " " + e.title(), () -> {
                    Patch patch = Patch.read(EXERCISES.patch(e).orElseThrow());
                    String module = patch.files().getFirst().path().split("/")[0];
                    // a stage, or common (whose classes are on this tool's class path: the copy's own win)
                    assertTrue(patch.files().stream().allMatch(f -> f.path().startsWith(module + "/")),
                            e.id() + ": a measurement's patch changes one module");
                    Path copy = scratch.resolve(e.id()).resolve(module);
                    copyMain(ROOT.resolve(module), copy);
                    for (Patch.FilePatch f : patch.files()) { // a file outside src/main: bench-variants, say
                        Path from = ROOT.resolve(f.path());
                        if (f.oldPath() != null && java.nio.file.Files.isRegularFile(from)) {
                            Workspace.copy(from, copy.resolve(f.path().substring(module.length() + 1)));
                        }
                    }
                    Patch.Outcome applied = patch.apply(path -> path.startsWith(module + "/")
                            ? copy.resolve(path.substring(module.length() + 1)) : Path.of("/nonexistent", path));
                    assertTrue(applied.applies(), "course/exercises/" + e.id() + ".patch no longer applies:\n"
                            + String.join("\n", applied.problems()));
                    applied.write();
                    List<Path> classpath = new ArrayList<>(Checker.toolClasspath());
                    StageSteps.all(ROOT).stream().filter(s -> s.module().equals(module)).findFirst()
                            .ifPresent(s -> classpath.addAll(new ExerciseCheck(ROOT).dependencies(s)));
                    List<String> errors = Javac.compile(copy.resolve(Workspace.SRC), scratch.resolve(e.id() + "-classes"),
                            classpath, ROOT);
                    assertEquals(List.of(), errors, e.id() + ": the patched stage does not compile");
                }));
    }

    private static void copyMain(Path stage, Path copy) {
        Path main = stage.resolve(Workspace.SRC);
        for (Path rel : Sources.files(main)) {
            Workspace.copy(main.resolve(rel), copy.resolve(Workspace.SRC).resolve(rel));
        }
    }

    private static String summary(ExerciseCheck.Result r) {
        if (!r.compiled()) {
            return "does not compile:\n  " + String.join("\n  ", r.errors());
        }
        return r.tests().stream().map(t -> "  " + t.status() + " " + t.name()
                + (t.thrown() == null ? "" : ": " + ExerciseCommands.describe(t.thrown()))).collect(Collectors.joining("\n"))
                + (r.printed().isEmpty() ? "" : "\n  printed:\n    " + String.join("\n    ", r.printed().stream().limit(20).toList()));
    }
}
