package dev.httpcourse.course;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/course}: build each stage yourself, step by step, checked by the conformance suite.
 * <pre>
 *   bin/course steps 01            the steps of stage 01, each with its chapter section
 *   bin/course start 01            writes learn/stage01: the stage with the lesson's code cut out
 *   bin/course check 01            runs the suite on learn/stage01, step by step
 *   bin/course check 01 --step 3   only steps 1 to 3
 *   bin/course solve 01 --step 3   fills in step 3 from the reference
 *   bin/course diff 01 02          what stage 02 adds over stage 01, file by file
 *   bin/course check --command 'python3 my_server.py --port {port}'   the same steps, any server
 *   bin/course exercises           the book's exercises; bin/course exercise 3.1 [--solve] checks one
 * </pre>
 */
@Command(name = "course", mixinStandardHelpOptions = true, version = "course 1.0",
        description = "Build each stage yourself, step by step, checked by the conformance suite.",
        subcommands = {Course.Steps.class, Course.Start.class, Course.Check.class, Course.Solve.class,
                Course.Diff.class, Course.Verify.class, ExerciseCommands.Listing.class, ExerciseCommands.One.class})
public final class Course implements Callable<Integer> {
    static final PrintStream OUT = System.out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        var cli = new CommandLine(new Course());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof CourseException) {
                line.getErr().println("course: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(OUT);
        return 2;
    }

    /** The checkout: bin/course says where it is; otherwise the nearest folder up that has course/steps. */
    static Path root() {
        String given = System.getProperty("course.root");
        if (given != null) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(StageSteps.DIRECTORY))) {
                return p;
            }
        }
        throw new CourseException("run it from the course's checkout (no course/steps found above "
                + Path.of("").toAbsolutePath() + ")");
    }

    static StageSteps marked(Workspace ws, String stage) {
        StageSteps steps = StageSteps.load(ws.root(), StageSteps.normalize(stage));
        if (!steps.marked()) {
            throw new CourseException("stage " + steps.stage() + " is not yet marked for building yourself: its steps "
                    + "are a draft (bin/course steps " + steps.stage() + " shows the plan). Stage 01 is ready: bin/course "
                    + "start 01");
        }
        return steps;
    }

    @Command(name = "steps", description = "The steps of a stage: what each asks, the code it is, the chapter "
            + "sections that explain it, the tests that check it.")
    static final class Steps implements Callable<Integer> {
        @Parameters(paramLabel = "NN", description = "The stage, 01 to 05.")
        String stage;

        @Option(names = "--adoc", description = "Print the steps as the book's AsciiDoc table instead.")
        boolean adoc;

        @Override
        public Integer call() {
            var ws = new Workspace(root());
            StageSteps s = StageSteps.load(ws.root(), StageSteps.normalize(stage));
            if (adoc) {
                StepsTable.adoc(s, new Book(ws.root())).forEach(OUT::println);
            } else {
                StepsTable.text(s, new Book(ws.root())).forEach(OUT::println);
            }
            return 0;
        }
    }

    @Command(name = "start", description = "Write learn/stageNN: the stage with the code of every step cut out, "
            + "its tests, and a pom that builds it from this checkout.")
    static final class Start implements Callable<Integer> {
        @Parameters(paramLabel = "NN", description = "The stage, 01 to 05.")
        String stage;

        @Option(names = "--force", description = "Start again: the current learn/stageNN is moved aside first.")
        boolean force;

        @Override
        public Integer call() {
            var ws = new Workspace(root());
            StageSteps s = marked(ws, stage);
            Path target = ws.learnerModule(s);
            if (Files.exists(target)) {
                if (!force) {
                    throw new CourseException(ws.root().relativize(target) + " exists and holds your work; to start "
                            + "again, bin/course start " + s.stage() + " --force (it is moved aside, not deleted)");
                }
                OUT.println("Moved your " + ws.root().relativize(target) + " to "
                        + ws.root().relativize(Workspace.moveAside(target)));
            }
            List<String> stubbed = ws.writeStarter(s, target);
            ws.writeAggregator();
            Map<Integer, Integer> perStep = new LinkedHashMap<>();
            for (StageSteps.Step step : s.steps()) {
                perStep.put(step.number(), 0);
            }
            stubbed.forEach(line -> perStep.merge(Integer.parseInt(line.replaceAll(".*: step (\\d+) .*", "$1")), 1,
                    Integer::sum));
            OUT.printf("Wrote %s: stage %s (%s) with its code cut out at %d places.%n", ws.root().relativize(target),
                    s.stage(), s.title(), stubbed.size());
            OUT.println("""
                    Each place is marked, in the files under src/main/java, by a pair of comment lines:
                        // tag::step-N-NAME[]
                        throw NotYetWritten.step(N, "NAME");      (or a comment, or a stand-in value)
                        // end::step-N-NAME[]
                    Write your code between the two; keep the marker lines (solve and diff use them). A request that
                    reaches a place not yet written is answered 500 "not yet written: step N (NAME)".""");
            OUT.printf("""

                    Next:
                      bin/course steps %1$s          what each step asks, and where the chapter explains it
                      bin/course check %1$s          runs the suite on your server, step by step
                      bin/course solve %1$s --step N fills in step N from the reference, to skip it or compare
                    Build a jar of your server: ./mvnw -q -f learn/pom.xml -pl stage%1$s -am package -DskipTests
                    %n""", s.stage());
            return 0;
        }
    }

    @Command(name = "check", description = "Run the suite on your server, step by step; stops at the first failing "
            + "step and shows its first failing case.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "NN", arity = "0..1", description = "The stage, 01 to 05 (with --command: whose "
                + "steps to run, 01 by default).")
        String stage;

        @Option(names = "--step", paramLabel = "N", description = "Check steps 1 to N only.")
        Integer upTo;

        @Option(names = "--command", paramLabel = "CMD", description = "Check a server started by this command "
                + "instead, any language: {port} becomes the port it must listen on, {limits} the course's limit "
                + "options.")
        String command;

        @Option(names = "--reference", description = "Check the stage's own code (the reference answer) instead of "
                + "learn/stageNN.")
        boolean reference;

        @Option(names = "--sources", paramLabel = "DIR", description = "Check the module in DIR (with src/main/java "
                + "and src/test/java) instead of learn/stageNN.")
        Path sources;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
                description = "Give up on a step after this long (default: ${DEFAULT-VALUE}).")
        long timeout;

        @Override
        public Integer call() {
            var ws = new Workspace(root());
            String nn = stage == null ? "01" : StageSteps.normalize(stage);
            StageSteps s = StageSteps.load(ws.root(), nn);
            int steps = upTo == null ? s.steps().size() : upTo;
            if (steps < 1 || steps > s.steps().size()) {
                throw new CourseException("stage " + s.stage() + " has steps 1 to " + s.steps().size());
            }
            var checker = new Checker(ws, s, OUT, Duration.ofSeconds(timeout));
            if (command != null) {
                return checker.checkCommand(command, steps);
            }
            if (stage == null) {
                throw new CourseException("which stage? bin/course check 01");
            }
            Path module;
            if (reference) {
                module = ws.referenceModule(s);
            } else if (sources != null) {
                module = sources.toAbsolutePath().normalize();
            } else {
                marked(ws, nn);
                module = ws.learnerModule(s);
                if (!Files.isDirectory(module)) {
                    throw new CourseException(ws.root().relativize(module) + " does not exist yet: bin/course start "
                            + s.stage());
                }
            }
            return checker.checkModule(module, steps);
        }
    }

    @Command(name = "solve", description = "Fill in a step of learn/stageNN from the reference, to skip it or to "
            + "compare; code you wrote there is kept in learn/stageNN/.course/backup first.")
    static final class Solve implements Callable<Integer> {
        @Parameters(paramLabel = "NN", description = "The stage, 01 to 05.")
        String stage;

        @CommandLine.ArgGroup(multiplicity = "1")
        Which which;

        static final class Which {
            @Option(names = "--step", paramLabel = "N", required = true, description = "The step to fill in.")
            Integer step;

            @Option(names = "--all", required = true, description = "Every step, in order: the stage itself.")
            boolean all;
        }

        @Override
        public Integer call() {
            var ws = new Workspace(root());
            StageSteps s = marked(ws, stage);
            Path module = ws.learnerModule(s);
            if (!Files.isDirectory(module)) {
                throw new CourseException(ws.root().relativize(module) + " does not exist yet: bin/course start "
                        + s.stage());
            }
            var solver = new Solver(ws, s, module);
            List<Integer> steps = which.all ? s.steps().stream().map(StageSteps.Step::number).toList()
                    : List.of(s.step(which.step).number());
            int missing = 0;
            for (int n : steps) {
                Solver.Outcome o = solver.solve(n);
                StageSteps.Step step = s.step(n);
                if (o.filled().isEmpty() && o.missing().isEmpty()) {
                    OUT.println("Step " + n + " (" + step.title() + "): " + (step.regions().isEmpty()
                            ? "nothing to fill in, " + (step.nothing() == null ? "the stage has no code of its own here"
                            : step.nothing()) : "already filled in, or written by you"));
                }
                if (!o.filled().isEmpty()) {
                    OUT.println("Step " + n + " (" + step.title() + "): filled in " + String.join(", ", o.filled()));
                }
                if (!o.backedUp().isEmpty()) {
                    OUT.println("  your code there (" + String.join(", ", o.backedUp()) + ") is kept in "
                            + ws.root().relativize(solver.backups()));
                }
                for (String m : o.missing()) {
                    OUT.println("  not filled in: " + m);
                    missing++;
                }
            }
            OUT.println("Check it: bin/course check " + s.stage() + (which.all ? "" : " --step " + which.step));
            return missing == 0 ? 0 : 1;
        }
    }

    @Command(name = "diff", description = "What stage MM adds over stage NN, file by file; with --mine, your "
            + "learn/stageNN against the stage's own code.")
    static final class Diff implements Callable<Integer> {
        @Parameters(paramLabel = "NN", index = "0", description = "The earlier stage (or, with --mine, your stage).")
        String older;

        @Parameters(paramLabel = "MM", index = "1", arity = "0..1", description = "The later stage.")
        String newer;

        @Option(names = "--mine", description = "Compare learn/stageNN with the reference.")
        boolean mine;

        @Option(names = "--stat", description = "Only the summary: each file and how many lines it adds and removes.")
        boolean stat;

        @Override
        public Integer call() {
            var ws = new Workspace(root());
            StageSteps a = StageSteps.load(ws.root(), StageSteps.normalize(older));
            var diff = new StageDiff(OUT, stat);
            if (mine) {
                Path learner = ws.learnerModule(a).resolve(Workspace.SRC).resolve(a.packagePath());
                if (!Files.isDirectory(learner)) {
                    throw new CourseException("no learn/stage" + a.stage() + " yet: bin/course start " + a.stage());
                }
                diff.diff(learner, ws.referenceSources(a).resolve(a.packagePath()), "your stage " + a.stage()
                        + " (lines -)", "the reference, " + a.module() + " (lines +),", ws.root(), false);
                return 0;
            }
            if (newer == null) {
                throw new CourseException("diff needs two stages (bin/course diff 01 02), or --mine");
            }
            StageSteps b = StageSteps.load(ws.root(), StageSteps.normalize(newer));
            diff.diff(ws.referenceSources(a).resolve(a.packagePath()), ws.referenceSources(b).resolve(b.packagePath()),
                    "stage " + a.stage() + " (" + a.module() + ")", "stage " + b.stage() + " (" + b.module() + ")",
                    ws.root(), b.buildsOnModules().contains(a.module()));
            return 0;
        }
    }

    @Command(name = "verify", description = "For the course's authors, when marking a stage: its steps list agrees "
            + "with its markers, the suite and the book; its starter compiles and fails at step 1; solving every step "
            + "gives the stage back byte for byte. With --each-step, also that each step passes once it and the "
            + "steps before are solved, and fails without its own code (a check per step: minutes).")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "NN", description = "The stage, 01 to 05.")
        String stage;

        @Option(names = "--each-step", description = "Also solve the steps one by one and check each.")
        boolean eachStep;

        @Override
        public Integer call() throws java.io.IOException {
            var ws = new Workspace(root());
            StageSteps s = StageSteps.load(ws.root(), StageSteps.normalize(stage));
            List<String> problems = new StepsLint(ws.root()).problems(s);
            problems.forEach(p -> OUT.println("problem: " + p));
            OUT.println("steps list, markers, suite categories, book: " + (problems.isEmpty() ? "agree"
                    : problems.size() + " problem(s)"));
            if (!s.marked()) {
                OUT.println("stage " + s.stage() + " is a draft: mark it and set status to marked for the rest.");
                return problems.isEmpty() ? 0 : 1;
            }
            Path scratch = Files.createTempDirectory("course-verify-");
            try {
                boolean ok = problems.isEmpty() && new Verification(ws, s, scratch, OUT).run(eachStep);
                OUT.println(ok ? "verified" : "NOT verified");
                return ok ? 0 : 1;
            } finally {
                Javac.clean(scratch);
            }
        }
    }
}
