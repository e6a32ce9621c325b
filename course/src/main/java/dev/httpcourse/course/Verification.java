package dev.httpcourse.course;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stage's markers must give a learner, tried in a scratch folder: the starter compiles and
 * fails at step 1; solving every step gives back the stage's sources byte for byte; and, step by
 * step, with steps 1 to k solved, steps 1 to k pass and step k+1 fails (unless it has no code of its
 * own in this stage), which is what makes each step a step.
 */
final class Verification {
    private final Workspace workspace;
    private final StageSteps stage;
    private final Path scratch;
    private final PrintStream out;

    Verification(Workspace workspace, StageSteps stage, Path scratch, PrintStream out) {
        this.workspace = workspace;
        this.stage = stage;
        this.scratch = scratch;
        this.out = out;
    }

    boolean run(boolean eachStep) {
        boolean ok = true;
        Path module = fresh("all");
        var report = new ByteArrayOutputStream();
        Checker untouched = checker(report);
        untouched.checkModule(module, 1);
        List<Checker.StepResult> r = untouched.results();
        if (r.size() == 1 && !r.getFirst().passed()) {
            out.println("starter: compiles, and its check fails at step 1");
        } else {
            out.println("starter: its check should fail at step 1, and does not:\n" + report.toString(StandardCharsets.UTF_8));
            ok = false;
        }
        var solver = new Solver(workspace, stage, module);
        for (StageSteps.Step step : stage.steps()) {
            Solver.Outcome o = solver.solve(step.number());
            if (!o.missing().isEmpty()) {
                out.println("solve step " + step.number() + ": " + o.missing());
                ok = false;
            }
        }
        List<String> different = new ArrayList<>();
        Path reference = workspace.referenceSources(stage);
        for (Path rel : Sources.files(reference)) {
            if (!Sources.read(reference.resolve(rel)).equals(Sources.read(module.resolve(Workspace.SRC).resolve(rel)))) {
                different.add(rel.toString());
            }
        }
        out.println(different.isEmpty() ? "every step solved: the stage's own sources, byte for byte"
                : "every step solved, yet these differ from the stage's: " + different);
        ok &= different.isEmpty();
        if (!eachStep) {
            return ok;
        }
        int n = stage.steps().size();
        for (int k = 0; k < n; k++) {
            Path copy = fresh("solved-" + k);
            var s = new Solver(workspace, stage, copy);
            for (int i = 1; i <= k; i++) {
                s.solve(i);
            }
            var text = new ByteArrayOutputStream();
            Checker c = checker(text);
            long start = System.nanoTime();
            c.checkModule(copy, k + 1);
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            List<Checker.StepResult> results = c.results();
            boolean earlierPass = results.size() == k + 1 && results.subList(0, k).stream().allMatch(Checker.StepResult::passed);
            StageSteps.Step next = stage.step(k + 1);
            boolean nextFails = !results.isEmpty() && !results.getLast().passed();
            boolean expectedFail = !next.regions().isEmpty();
            String line = "steps 1-" + k + " solved: " + (k == 0 ? "" : earlierPass ? "they pass; " : "THEY DO NOT ALL PASS; ")
                    + "step " + (k + 1) + (nextFails ? " fails" : " passes")
                    + (nextFails == expectedFail ? "" : expectedFail ? ", but should fail without its code"
                    : ", but it has no code of its own and should pass") + " (" + seconds + " s)";
            out.println(line);
            if (!earlierPass && k > 0 || nextFails != expectedFail) {
                ok = false;
                out.println(text.toString(StandardCharsets.UTF_8));
            }
        }
        return ok;
    }

    private Path fresh(String name) {
        Path module = scratch.resolve(name);
        workspace.writeStarter(stage, module);
        return module;
    }

    private Checker checker(ByteArrayOutputStream report) {
        return new Checker(workspace, stage, new PrintStream(report, true, StandardCharsets.UTF_8), Duration.ofSeconds(300));
    }
}
