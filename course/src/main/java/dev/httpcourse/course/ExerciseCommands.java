package dev.httpcourse.course;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/course exercises} and {@code bin/course exercise ID}: the book's exercises, each checked
 * by its test or, for a measurement, with the command and the results to expect.
 * <pre>
 *   bin/course exercises               every exercise: id, title, difficulty, time, check or measurement
 *   bin/course exercise 3.1            runs its check on learn/stage03 (or, without one, on the checkout)
 *   bin/course exercise 3.1 --solve    applies the reference answer, course/exercises/3.1.patch, there
 *   bin/course exercise 3.1 --undo     takes it out again
 *   bin/course exercise 3.1 --answer   prints the reference answer
 * </pre>
 */
final class ExerciseCommands {
    private static final PrintStream OUT = Course.OUT;

    private ExerciseCommands() {
    }

    @Command(name = "exercises", description = "The book's exercises: id, title, difficulty, time, and how each is "
            + "checked (a test: bin/course exercise ID) or measured (the command, and the range to expect).")
    static final class Listing implements Callable<Integer> {
        @Option(names = "--chapter", paramLabel = "N", description = "Only chapter N's.")
        Integer chapter;

        @Override
        public Integer call() {
            var exercises = new Exercises(Course.root());
            int width = exercises.all().stream().mapToInt(e -> e.title().length()).max().orElse(30);
            OUT.printf("%-4s  %-" + width + "s  %-4s  %-7s  %s%n", "id", "title", "diff", "time", "check, or measurement");
            for (Exercises.Exercise e : exercises.all()) {
                if (chapter != null && e.chapter() != chapter) {
                    continue;
                }
                String how;
                var check = exercises.checkSource(e);
                if (check.isPresent()) {
                    how = "check   " + e.checkClassName() + " (stage " + check.get().stage().stage() + ")";
                } else if (e.isMeasurement()) {
                    how = "measure " + shorten(command(e.measure()), 72);
                } else {
                    how = "(neither: see the book)";
                }
                OUT.printf("%-4s  %-" + width + "s  %d/3   %3d min  %s%n", e.id(), e.title(), e.difficulty(), e.minutes(),
                        how);
            }
            OUT.println();
            OUT.println("bin/course exercise ID   shows one, and runs its check (on learn/stageNN if you have one, "
                    + "else on the checkout)");
            OUT.println("bin/course exercise ID --solve   applies its reference answer (course/exercises/ID.patch)");
            return 0;
        }
    }

    @Command(name = "exercise", description = "One exercise of the book: runs its check and says what is still "
            + "missing, or, for a measurement, gives the command and the results to expect. The check runs on "
            + "learn/stageNN when you have started that stage, else on the checkout's stage.")
    static final class One implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "The exercise, 3.1 for chapter 3's first.")
        String id;

        @Option(names = "--solve", description = "Apply the reference answer (course/exercises/ID.patch) to your copy.")
        boolean solve;

        @Option(names = "--undo", description = "Take the reference answer out of your copy again.")
        boolean undo;

        @Option(names = "--answer", description = "Print the reference answer, a patch, without applying it.")
        boolean answer;

        @Option(names = "--checkout", description = "The checkout's stage even when learn/stageNN exists: to check "
                + "it, or to --solve or --undo there.")
        boolean checkout;

        @Option(names = "--sources", paramLabel = "DIR", description = "Check the stage module in DIR instead.")
        Path sources;

        @Override
        public Integer call() {
            var exercises = new Exercises(Course.root());
            Exercises.Exercise e = exercises.get(id);
            var book = new Book(exercises.root());
            if (answer) {
                Path patch = exercises.patch(e).orElseThrow(() -> new CourseException("exercise " + e.id()
                        + " has no reference answer: it is a measurement, and its answer is the numbers"));
                Sources.lines(patch).forEach(OUT::println);
                return 0;
            }
            if (solve || undo) {
                return apply(exercises, e, undo);
            }
            header(exercises, e, book);
            var check = exercises.checkSource(e);
            if (check.isEmpty()) {
                return measurement(exercises, e, book);
            }
            Path module = module(exercises.root(), check.get().stage());
            Path work = workDir(exercises.root(), module, check.get().stage());
            OUT.println("Checking " + shown(exercises.root(), module) + " with " + e.checkClassName() + " ...");
            ExerciseCheck.Result r = new ExerciseCheck(exercises.root()).run(check.get(), module, work);
            return report(exercises, e, r);
        }

        private Path module(Path root, StageSteps stage) {
            if (sources != null) {
                return sources.toAbsolutePath().normalize();
            }
            Path learner = new Workspace(root).learnerModule(stage);
            return !checkout && Files.isDirectory(learner) ? learner : root.resolve(stage.module());
        }

        private int report(Exercises exercises, Exercises.Exercise e, ExerciseCheck.Result r) {
            if (!r.compiled()) {
                OUT.printf("It does not compile (%d error%s):%n", r.errors().size(), r.errors().size() == 1 ? "" : "s");
                r.errors().stream().limit(12).forEach(l -> OUT.println("  " + l.replace("\n", "\n  ")));
                OUT.println("\nThe check compiles against the stage's classes as the course has them: keep the names it "
                        + "uses (the errors above say which).");
                return 1;
            }
            OUT.printf("Compiled in %.1f s%n", r.compileMillis() / 1000.0);
            int width = r.tests().stream().mapToInt(t -> t.name().length()).max().orElse(20);
            for (ExerciseCheck.TestOutcome t : r.tests()) {
                String state = switch (t.status()) {
                    case SUCCESSFUL -> "passed ";
                    case FAILED -> "MISSING";
                    case ABORTED -> "skipped";
                };
                OUT.printf("  %s  %-" + width + "s  %5.1f s%n", state, t.name(), t.millis() / 1000.0);
                if (!t.passed() && t.thrown() != null) {
                    OUT.println("           " + describe(t.thrown()).replace("\n", "\n           "));
                }
            }
            if (!r.passed() && !r.printed().isEmpty()) {
                OUT.println("  the code under check printed:");
                r.printed().stream().limit(12).forEach(l -> OUT.println("    " + l));
            }
            OUT.println();
            if (r.tests().isEmpty()) {
                OUT.println("No test ran.");
                return 1;
            }
            if (r.passed()) {
                OUT.println("Exercise " + e.id() + " is done: every part of its check passes."
                        + (exercises.patch(e).isPresent() ? " Compare with the reference answer: bin/course exercise "
                        + e.id() + " --answer" : ""));
                return 0;
            }
            if (!r.failedATest()) {
                OUT.println("Not checked here: " + r.skipped() + " part(s) skipped (the reasons are above).");
                return 1;
            }
            long missing = r.tests().stream().filter(t -> t.status() == org.junit.platform.engine.TestExecutionResult.Status.FAILED).count();
            OUT.println("Not done yet: " + missing + " of " + r.tests().size() + " part(s) of the check fail (MISSING "
                    + "above, each with what it found).");
            OUT.println("The exercise and its hint: " + e.file() + ":" + e.line() + " (the hint is folded in the built book).");
            OUT.println("The reference answer: bin/course exercise " + e.id() + " --answer (to read) or --solve (to apply).");
            return 1;
        }

        private int measurement(Exercises exercises, Exercises.Exercise e, Book book) {
            if (!e.isMeasurement()) {
                OUT.println("This exercise has neither a check nor a measurement yet.");
                return 1;
            }
            OUT.println("A measurement: no test checks it; its answer is the numbers, to compare with these.");
            OUT.println();
            OUT.println("  " + exercises.plain(e.measure(), book).replace("\n", "\n  "));
            for (String l : e.expect()) {
                OUT.println("  " + exercises.plain(l, book));
            }
            OUT.println();
            OUT.println("Run load and measurements on a quiet machine, one at a time; the ranges come from the committed "
                    + "results in bench/results/ (two cores, Linux 6.18): compare ratios and shapes, not absolute rates.");
            exercises.patch(e).ifPresent(p -> OUT.println("The code change to measure: bin/course exercise " + e.id()
                    + " --solve applies " + exercises.root().relativize(p) + " (--undo takes it out)."));
            OUT.println("The exercise and its hint: " + e.file() + ":" + e.line());
            return 0;
        }

        private int apply(Exercises exercises, Exercises.Exercise e, boolean reverse) {
            Path root = exercises.root();
            Path file = exercises.patch(e).orElseThrow(() -> new CourseException("exercise " + e.id()
                    + " has no reference answer: it is a measurement, and its answer is the numbers"));
            Patch patch = Patch.read(file);
            var ws = new Workspace(root);
            // a check runs on learn/stageNN when there is one, so its answer goes there; a measurement's
            // change goes to the checkout, whose jars the bench builds and runs
            boolean checked = exercises.checkSource(e).isPresent();
            java.util.function.Function<String, Path> locate = path -> checked && !checkout ? locate(ws, path)
                    : root.resolve(path);
            Patch.Outcome forward = (reverse ? patch.reversed() : patch).apply(locate);
            if (!forward.applies()) {
                Patch.Outcome back = (reverse ? patch : patch.reversed()).apply(locate);
                if (back.applies()) {
                    OUT.println(reverse ? "The reference answer of " + e.id() + " is not in your copy: nothing to undo."
                            : "The reference answer of " + e.id() + " is already in your copy.");
                    return 0;
                }
                OUT.println("The reference answer (" + root.relativize(file) + ") does not fit your copy, so nothing "
                        + "was changed:");
                forward.problems().forEach(p -> OUT.println("  " + p));
                OUT.println("Read it with bin/course exercise " + e.id() + " --answer and make the same change by hand.");
                return 1;
            }
            List<String> changed = new ArrayList<>();
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            for (Path target : forward.contents().keySet()) {
                Path learn = root.resolve("learn");
                if (target.startsWith(learn) && Files.exists(target)) {
                    Path module = learn.resolve(learn.relativize(target).getName(0));
                    Workspace.copy(target, module.resolve(".course/backup").resolve(stamp + "-exercise-" + e.id())
                            .resolve(module.relativize(target)));
                }
                changed.add(root.relativize(target).toString());
            }
            forward.write();
            OUT.println((reverse ? "Took the reference answer of " : "Applied the reference answer of ") + e.id()
                    + " (" + root.relativize(file) + ")" + (reverse ? " out of:" : " to:"));
            changed.forEach(c -> OUT.println("  " + c));
            if (changed.stream().anyMatch(c -> !c.startsWith("learn"))) {
                OUT.println("These are the checkout's own files: git diff shows the change, and bin/course exercise "
                        + e.id() + (reverse ? " --solve puts it back." : " --undo takes it out."));
            } else {
                OUT.println("What was there before is kept under .course/backup/ in your stage's folder.");
            }
            if (!reverse && checked) {
                OUT.println("Check it: bin/course exercise " + e.id());
            } else if (!reverse) {
                OUT.println("Rebuild before you measure; bin/course exercise "
                        + e.id() + " shows the command.");
            }
            return 0;
        }

        private void header(Exercises exercises, Exercises.Exercise e, Book book) {
            OUT.printf("Exercise %s, %s (chapter %d; difficulty %d of 3; about %d min)%n%n", e.id(), e.title(),
                    e.chapter(), e.difficulty(), e.minutes());
            for (String l : e.text()) {
                if (!l.equals("+")) {
                    OUT.println("  " + exercises.plain(l, book));
                }
            }
            OUT.println();
        }
    }

    /**
     * Where a path of a patch is: in the learner's copy when it is a stage's file and that stage has been
     * started ({@code stage03-reuseport-workers/src/…} → {@code learn/stage03/src/…}), else in the checkout.
     */
    static Path locate(Workspace ws, String path) {
        for (StageSteps s : StageSteps.all(ws.root())) {
            if (path.startsWith(s.module() + "/")) {
                Path learner = ws.learnerModule(s);
                if (Files.isDirectory(learner)) {
                    return learner.resolve(path.substring(s.module().length() + 1));
                }
            }
        }
        return ws.root().resolve(path);
    }

    static Path workDir(Path root, Path module, StageSteps stage) {
        return module.startsWith(root.resolve(stage.module())) || !module.startsWith(root.resolve("learn"))
                ? root.resolve("course/target/exercise-check/stage" + stage.stage())
                : module.resolve("target/course-exercise");
    }

    private static String shown(Path root, Path module) {
        return module.startsWith(root) ? root.relativize(module).toString() : module.toString();
    }

    /** The command of a {@code *Measure:*} line: its first quoted command that runs a bench tool, or its first. */
    private static String command(String measure) {
        String s = measure.substring("*Measure:*".length()).strip();
        List<String> quoted = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([^`]+)`").matcher(s);
        while (m.find()) {
            quoted.add(m.group(1));
        }
        return quoted.stream().filter(q -> q.contains("bench/")).findFirst()
                .orElse(quoted.isEmpty() ? s : quoted.getFirst());
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** An assertion's message as it stands; anything else with its type and where it was thrown. */
    static String describe(Throwable t) {
        if (t instanceof AssertionError && t.getMessage() != null) {
            return t.getMessage();
        }
        var text = new StringBuilder(t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        for (StackTraceElement el : t.getStackTrace()) {
            if (el.getClassName().startsWith("dev.httpcourse")) {
                text.append("\n  at ").append(el);
                break;
            }
        }
        return text.toString();
    }
}
