package dev.httpcourse.course;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.httpcourse.conformance.CaseFailure;
import dev.httpcourse.conformance.ConnectionEvidence;
import dev.httpcourse.conformance.HeadParserConformance;
import dev.httpcourse.conformance.HttpConformanceSuite;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a stage's steps in order against a server, each step's tests selected from the suite (and the
 * stage's own tests) by the steps list, and stops at the first step that fails: one line per step,
 * then the first failing case with the bytes sent, the answer expected, the answer received, what the
 * server printed, and the chapter section to read.
 *
 * <p>The server is the learner's copy (or a reference module) compiled here and loaded on a class
 * loader of its own above this tool's, so that the suite, common and JUnit are shared and the stage's
 * classes are only ever the ones under check; or, with {@code --command}, any program started as a
 * process.
 */
final class Checker {
    /** Categories a process cannot be held to, and why. */
    private static final Map<String, String> IN_JVM_ONLY = Map.of(
            "HeadParsing", "calls the server's parser directly, in this JVM",
            "Resources", "counts the descriptors and threads of a server running in this JVM",
            "GracefulShutdown", "watches the request count of a server running in this JVM");
    private static final Pattern NOT_YET = Pattern.compile("not yet written: step (\\d+) \\(([a-z0-9-]+)\\)");
    /**
     * How stages 04 and 05 skip a test on a machine without io_uring (their {@code RequiresIoUring}); a
     * step whose tests skip so is not checkable here, which is neither passed nor failed.
     */
    static final String UNAVAILABLE = "io_uring unavailable: ";
    private static final String JUPITER = "junit-jupiter";

    private final Workspace workspace;
    private final StageSteps stage;
    private final PrintStream out;
    private final Duration stepTimeout;
    private final Book book;
    private List<StepResult> results = List.of();

    Checker(Workspace workspace, StageSteps stage, PrintStream out, Duration stepTimeout) {
        this.workspace = workspace;
        this.stage = stage;
        this.out = out;
        this.stepTimeout = stepTimeout;
        this.book = new Book(workspace.root());
    }

    /** What a step came to. */
    record StepResult(StageSteps.Step step, boolean passed, long millis, StepListener listener, List<String> printed,
                      List<String> notApplicable) {
        /** Every test of the step needs the server in this JVM, and it runs as a process. */
        boolean unchecked() {
            return !notApplicable.isEmpty() && listener.passed + listener.failed == 0 && listener.first == null;
        }

        /**
         * Why the step cannot be checked on this machine ({@code io_uring unavailable: …}), when nothing
         * failed and some of its tests were skipped for that reason; null otherwise.
         */
        String notCheckableHere() {
            if (!listener.ok() || notYetWritten() != null) {
                return null;
            }
            return listener.skipReasons.stream().filter(s -> s.startsWith(UNAVAILABLE)).findFirst().orElse(null);
        }

        /** A skip whose reason is code not yet written (an io_uring probe that reached a stub): a failure. */
        String notYetWritten() {
            return listener.skipReasons.stream().filter(s -> NOT_YET.matcher(s).find()).findFirst().orElse(null);
        }
    }

    /**
     * Stage 03 builds on stage 02's reference, stage 05 on stage 04's: on a fresh clone those are not
     * compiled yet, so build them once, as bin/course builds the tool itself, rather than send the
     * learner away with a command to type.
     */
    private void buildWhatItBuildsOn(Path root) {
        boolean missing = stage.buildsOnClasses(root).stream().anyMatch(built -> !built.toFile().isDirectory());
        if (!missing) {
            return;
        }
        String modules = String.join(",", stage.buildsOnModules());
        List<String> command = List.of(root.resolve("mvnw").toString(), "-q", "-B", "package", "-DskipTests",
                "-pl", modules, "-am");
        out.printf("Stage %s builds on %s: building it once (%s)...%n", stage.stage(),
                String.join(", ", stage.buildsOn()), String.join(" ", command.subList(1, command.size())));
        int exit;
        try {
            exit = new ProcessBuilder(command).directory(root.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start().waitFor();
        } catch (IOException e) {
            exit = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        Path still = stage.buildsOnClasses(root).stream().filter(built -> !built.toFile().isDirectory())
                .findFirst().orElse(null);
        if (exit != 0 || still != null) {
            throw new CourseException("stage " + stage.stage() + " builds on " + String.join(", ", stage.buildsOn())
                    + ", which did not build" + (still == null ? "" : " (no " + root.relativize(still) + ")")
                    + ": ./mvnw -B package -DskipTests -pl " + modules + " -am says why");
        }
    }

    /** Checks the module at {@code moduleDir} (its src/main/java and src/test/java) up to step {@code upTo}. */
    int checkModule(Path moduleDir, int upTo) {
        Path root = workspace.root();
        Path work = moduleDir.startsWith(root.resolve(stage.module()))
                ? root.resolve("course/target/check/stage" + stage.stage()) : moduleDir.resolve("target/course");
        out.printf("Checking %s (stage %s, %s)%n", moduleDir.startsWith(root) ? root.relativize(moduleDir) : moduleDir,
                stage.stage(), stage.title());
        long start = System.nanoTime();
        List<Path> classpath = new ArrayList<>(toolClasspath());
        buildWhatItBuildsOn(root);
        classpath.addAll(stage.buildsOnClasses(root));
        Path classes = work.resolve("classes");
        Path testClasses = work.resolve("test-classes");
        List<String> errors = Javac.compile(moduleDir.resolve(Workspace.SRC), classes, classpath, root);
        if (errors.isEmpty()) {
            List<Path> testPath = new ArrayList<>(classpath);
            testPath.addFirst(classes);
            errors = Javac.compile(moduleDir.resolve(Workspace.TEST), testClasses, testPath, root);
        }
        if (!errors.isEmpty()) {
            out.printf("It does not compile (%d error%s):%n", errors.size(), errors.size() == 1 ? "" : "s");
            errors.stream().limit(12).forEach(e -> out.println("  " + e));
            if (errors.size() > 12) {
                out.println("  … and " + (errors.size() - 12) + " more");
            }
            printSteps(List.of(), upTo, "not reached: it does not compile");
            return 1;
        }
        out.printf("Compiled in %.1f s%n", (System.nanoTime() - start) / 1e9);
        List<URL> urls = new ArrayList<>();
        for (Path p : List.of(classes, testClasses)) {
            urls.add(url(p));
        }
        for (Path built : stage.buildsOnClasses(root)) {
            urls.add(url(built));
        }
        Path database = work.resolve("jqwik-database");
        try (var loader = new URLClassLoader("stage-under-check", urls.toArray(URL[]::new),
                Checker.class.getClassLoader())) {
            return run(stage.binding(), loader, false, upTo, database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks a server started by {@code command} ({@code {port}} and {@code {limits}} filled in) up to {@code upTo}. */
    int checkCommand(String command, int upTo) {
        if (!command.contains("{port}")) {
            throw new CourseException("the command must say where the server listens: put {port} in it, as in "
                    + "--command 'python3 my_server.py --port {port}'");
        }
        CommandServerConformance.command = command;
        out.println("Checking the server started by: " + command);
        out.println("""
                What it assumes: the suite holds a server to this course's HTTP/1.1 rules (DESIGN.md) and sends its
                requests to this course's endpoints (DESIGN.md, "The application"). Every connection is checked with
                GET /pipeline, answered 200 "ok", and step 1 checks every endpoint; every response must carry Date,
                Server, Content-Length and Content-Type.""");
        if (!command.contains("{limits}")) {
            out.println("""
                    The steps that assume the course's limits (marked below) need them passed to the server: put \
                    {limits}
                    in the command, and it becomes this course's options (--max-body 1024 --header-timeout 1 …).""");
        }
        out.println();
        return run(CommandServerConformance.class.getName(), Checker.class.getClassLoader(), true, upTo, null);
    }

    private int run(String binding, ClassLoader loader, boolean process, int upTo, Path database) {
        Launcher launcher = LauncherFactory.create();
        List<StepResult> results = new ArrayList<>();
        StepResult failed = null;
        for (StageSteps.Step step : stage.steps()) {
            if (step.number() > upTo) {
                break;
            }
            out.printf("  %d/%d  %-" + width() + "s ", step.number(), stage.steps().size(), step.title());
            out.flush();
            StepResult r = runStep(launcher, step, binding, loader, process, database);
            results.add(r);
            if (r.unchecked()) {
                out.println("not checked against a process");
                r.notApplicable().forEach(s -> out.println("          " + s));
                continue;
            }
            if (r.notCheckableHere() != null) {
                out.printf("not checkable here: %s  (%d test%s passed, %d skipped)%n", r.notCheckableHere(),
                        r.listener().passed, r.listener().passed == 1 ? "" : "s", r.listener().skipped.size());
                continue; // a later step may not need io_uring: go on
            }
            String extra = r.listener().skipped.isEmpty() ? "" : ", " + r.listener().skipped.size() + " skipped";
            int ran = r.listener().passed + r.listener().failed;
            out.printf("%s  %5.1f s  (%d test%s%s)%s%n", r.passed() ? "passed" : "FAILED", r.millis() / 1000.0,
                    ran, ran == 1 ? "" : "s", extra,
                    process && step.assumes() != null ? "  assumes " + step.assumes() : "");
            for (String s : r.listener().skipped) {
                out.println("          skipped: " + s);
            }
            for (String s : r.notApplicable()) {
                out.println("          not checked against a process: " + s);
            }
            if (!r.passed()) {
                failed = r;
                break;
            }
        }
        this.results = List.copyOf(results);
        printSteps(results, upTo, "not yet reached");
        long passed = results.stream().filter(r -> r.passed() && !r.unchecked()).count();
        long unchecked = results.stream().filter(StepResult::unchecked).count();
        List<String> notHere = results.stream().map(StepResult::notCheckableHere).filter(s -> s != null).toList();
        out.printf("%nProgress: %d of %d steps pass%s%s%s.%n", passed, stage.steps().size(),
                unchecked == 0 ? "" : ", " + unchecked + " not checked against a process",
                notHere.isEmpty() ? "" : ", " + notHere.size() + " not checkable here",
                upTo < stage.steps().size() && failed == null ? " (checked up to step " + upTo + ")" : "");
        if (failed != null) {
            printFailure(failed, process);
            return 1;
        }
        if (!notHere.isEmpty()) {
            out.println("Nothing failed, but " + notHere.size() + " step" + (notHere.size() == 1 ? "" : "s")
                    + " could not be checked on this machine (" + notHere.getFirst() + "). Stages 04 and 05 need "
                    + "Linux with io_uring; bin/doctor says what this machine lacks, and the book's troubleshooting "
                    + "chapter how to get it. Following along works without io_uring up to stage 03.");
            return 4;
        }
        if (upTo >= stage.steps().size() && !process) {
            out.println("Every step passes. Compare your code with the stage's: bin/course diff --mine " + stage.stage());
        }
        return 0;
    }

    private int width() {
        return stage.steps().stream().mapToInt(s -> s.title().length()).max().orElse(20);
    }

    /** The steps the last check ran, in order, the failed one last. */
    List<StepResult> results() {
        return results;
    }

    /** The lines of the steps not run: after a failure, or beyond {@code --step}. */
    private void printSteps(List<StepResult> done, int upTo, String why) {
        for (StageSteps.Step step : stage.steps()) {
            if (step.number() <= done.size()) {
                continue;
            }
            String state = step.number() > upTo ? "not checked (--step " + upTo + ")" : why;
            out.printf("  %d/%d  %-" + width() + "s %s%n", step.number(), stage.steps().size(), step.title(), state);
        }
    }

    private StepResult runStep(Launcher launcher, StageSteps.Step step, String binding, ClassLoader loader,
                               boolean process, Path database) {
        List<DiscoverySelector> jupiter = new ArrayList<>();
        boolean fuzz = false;
        List<String> notApplicable = new ArrayList<>();
        for (String check : step.checks()) {
            if (check.equals("fuzz")) {
                if (process) {
                    notApplicable.add("the parser's fuzz properties (they call the server's parser in this JVM)");
                } else {
                    fuzz = true;
                }
            } else if (check.startsWith("stage:")) {
                String test = check.substring("stage:".length());
                if (process) {
                    notApplicable.add(test + " (a test of stage " + stage.stage() + "'s own classes)");
                } else if (test.contains("#")) {
                    jupiter.add(selectMethod(stage.packageName() + "." + test.substring(0, test.indexOf('#')),
                            test.substring(test.indexOf('#') + 1)));
                } else {
                    jupiter.add(selectClass(stage.packageName() + "." + test));
                }
            } else {
                String category = check.contains("#") ? check.substring(0, check.indexOf('#')) : check;
                requireCategory(category);
                if (process && IN_JVM_ONLY.containsKey(category)) {
                    notApplicable.add(category + " (it " + IN_JVM_ONLY.get(category) + ")");
                    continue;
                }
                String id = "[engine:" + JUPITER + "]/[class:" + binding + "]/[nested-class:" + category + "]"
                        + (check.contains("#") ? "/[method:" + check.substring(check.indexOf('#') + 1) + "()]" : "");
                jupiter.add(selectUniqueId(id));
            }
        }
        var listener = new StepListener(binding.substring(binding.lastIndexOf('.') + 1));
        FailFast.reset();
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        long start = System.nanoTime();
        Thread watchdog = Thread.ofPlatform().daemon().name("step-timeout").start(() -> {
            try {
                Thread.sleep(stepTimeout);
                out.printf("%n%nStep %d has run for %d s, longer than a step should (--timeout): stopping. Something "
                        + "in the server hangs: a thread dump (jcmd or Ctrl+\\ in another run) shows where.%n",
                        step.number(), stepTimeout.toSeconds());
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException stopped) {
                // the step ended in time
            }
        });
        List<String> printed;
        try (var capture = new Capture()) {
            current.setContextClassLoader(loader);
            if (!jupiter.isEmpty()) {
                launcher.execute(request(jupiter, JUPITER, database), listener);
            }
            if (fuzz && listener.first == null) {
                launcher.execute(request(List.of(selectClass(binding)), "jqwik", database), listener);
            }
            printed = capture.lines();
        } finally {
            current.setContextClassLoader(before);
            watchdog.interrupt();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean skippedAsUnwritten = listener.skipReasons.stream().anyMatch(s -> NOT_YET.matcher(s).find());
        boolean skippedAsUnavailable = listener.skipReasons.stream().anyMatch(s -> s.startsWith(UNAVAILABLE));
        return new StepResult(step, listener.ok() && listener.passed > 0 && !skippedAsUnwritten && !skippedAsUnavailable,
                millis, listener, printed, notApplicable);
    }

    private static LauncherDiscoveryRequest request(List<DiscoverySelector> selectors, String engine, Path database) {
        var builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(EngineFilter.includeEngines(engine))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter("junit.jupiter.testmethod.order.default", CaseModesFirst.class.getName())
                .configurationParameter("jqwik.reporting.onlyfailures", "true")
                .configurationParameter("jqwik.failures.after.default", "SAMPLE_FIRST");
        if (database != null) {
            builder.configurationParameter("jqwik.database", database.toString());
        }
        return builder.build();
    }

    /** A category the steps name must be one of the suite's {@code @Nested} classes. */
    static void requireCategory(String category) {
        for (Class<?> suite : List.of(HttpConformanceSuite.class, HeadParserConformance.class)) {
            for (Class<?> nested : suite.getDeclaredClasses()) {
                if (nested.getSimpleName().equals(category) && nested.isAnnotationPresent(Nested.class)) {
                    return;
                }
            }
        }
        throw new CourseException("the steps name '" + category + "', which is not a category of the suite");
    }

    /** Every {@code @Nested} category of the suite, by name. */
    static Set<String> categories() {
        Set<String> all = new java.util.TreeSet<>();
        for (Class<?> suite : List.of(HttpConformanceSuite.class, HeadParserConformance.class)) {
            for (Class<?> nested : suite.getDeclaredClasses()) {
                if (nested.isAnnotationPresent(Nested.class)) {
                    all.add(nested.getSimpleName());
                }
            }
        }
        return all;
    }

    private void printFailure(StepResult r, boolean process) {
        StepListener.Failure f = r.listener().first;
        out.printf("%nStep %d, %s, fails%s:%n", r.step().number(), r.step().title(),
                f == null ? "" : " first at");
        String evidence = "";
        if (f == null && r.notYetWritten() != null) {
            // a probe (io_uring's) reached code not yet written, and its tests were skipped for it
            out.println("  its tests were skipped, as " + r.notYetWritten());
            evidence = r.notYetWritten();
        } else if (f == null) {
            out.println("  no test ran: " + (r.listener().skipped.isEmpty() ? "the step selects none"
                    : "every one was skipped"));
        } else {
            out.println("  " + f.path());
            CaseFailure c = caseFailure(f.thrown());
            if (c != null) {
                out.println("  " + indent(c.headline()));
                out.println("\n  sent:\n    " + indent(firstLines(c.sent())));
                out.println("  expected:\n    " + indent(c.expected()));
                out.println("  received:\n    " + indent(firstLines(c.received())));
                evidence = c.headline() + c.received();
            } else {
                String message = describe(f.thrown());
                out.println("  " + indent(message));
                evidence = message;
                ConnectionEvidence wire = connectionEvidence(f.thrown());
                if (wire != null) {
                    out.println("\n  on that connection, sent:\n    " + indent(firstLines(wire.sent())));
                    out.println("  received:\n    " + indent(firstLines(wire.received())));
                    evidence += wire.received();
                }
                String test = testSource(f);
                if (test != null) {
                    out.println("  what the test does: " + test);
                }
            }
        }
        if (!r.printed().isEmpty()) {
            out.println("  " + (process ? "the server printed" : "your server printed") + ":");
            r.printed().stream().limit(12).forEach(l -> out.println("    " + l));
            if (r.printed().size() > 12) {
                out.println("    … (" + (r.printed().size() - 12) + " more lines)");
            }
            evidence += String.join("\n", r.printed());
        }
        out.println();
        out.println(hint(r.step(), evidence));
    }

    /** Names the region the server reached unwritten, if it did, and the sections to read. */
    private String hint(StageSteps.Step failing, String evidence) {
        Matcher m = NOT_YET.matcher(evidence);
        var hint = new StringBuilder();
        if (m.find()) {
            int step = Integer.parseInt(m.group(1));
            String name = m.group(2);
            var spec = stage.region(step, name);
            String file = spec.map(StageSteps.RegionSpec::file).orElse("your code");
            StageSteps.Step of = stage.step(Math.min(Math.max(step, 1), stage.steps().size()));
            hint.append("Hint: the server reached code not yet written, step ").append(step).append(" (").append(name)
                    .append(") in ").append(file).append(": write it between its markers,\n      or fill it in from ")
                    .append("the reference with: bin/course solve ").append(stage.stage()).append(" --step ").append(step)
                    .append("\n");
            String anchor = spec.map(StageSteps.RegionSpec::read).orElse(null);
            if (anchor == null && !of.read().isEmpty()) {
                anchor = of.read().getFirst();
            }
            if (anchor != null) {
                hint.append("  Read ").append(book.cite(anchor)).append("\n");
            }
            hint.append("  Step ").append(of.number()).append(" asks: ").append(wrap(of.asks()));
        } else {
            hint.append("Hint: step ").append(failing.number()).append(" asks: ").append(wrap(failing.asks()));
            for (String anchor : failing.read()) {
                hint.append("\n  Read ").append(book.cite(anchor));
            }
        }
        return hint.toString();
    }

    /** Where the failing test is written, {@code conformance/src/main/java/…/HttpConformanceSuite.java:312}. */
    private String testSource(StepListener.Failure f) {
        if (f.testClass() == null) {
            return null;
        }
        String top = f.testClass().contains("$") ? f.testClass().substring(0, f.testClass().indexOf('$')) : f.testClass();
        String rel = top.replace('.', '/') + ".java";
        List<Path> candidates = new ArrayList<>(List.of(workspace.root().resolve("conformance/src/main/java").resolve(rel)));
        candidates.add(workspace.learnerModule(stage).resolve(Workspace.TEST).resolve(rel));
        candidates.add(workspace.referenceModule(stage).resolve(Workspace.TEST).resolve(rel));
        for (Path file : candidates) {
            if (!file.toFile().isFile()) {
                continue;
            }
            List<String> lines = Sources.lines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(" " + f.testMethod() + "(")) {
                    return workspace.root().relativize(file) + ":" + (i + 1);
                }
            }
        }
        return null;
    }

    private static ConnectionEvidence connectionEvidence(Throwable t) {
        for (Throwable at = t; at != null; at = at.getCause()) {
            if (at instanceof ConnectionEvidence c) {
                return c;
            }
        }
        return null;
    }

    private static CaseFailure caseFailure(Throwable t) {
        for (Throwable at = t; at != null; at = at.getCause()) {
            if (at instanceof CaseFailure c) {
                return c;
            }
            for (Throwable s : at.getSuppressed()) {
                if (s instanceof CaseFailure c) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The message of a failure that is not a request case, with its causes: an AssertionError says it all. */
    private static String describe(Throwable t) {
        var text = new StringBuilder();
        for (Throwable at = t; at != null && !(at instanceof ConnectionEvidence); at = at.getCause()) {
            String message = at.getMessage() == null ? "" : at.getMessage();
            if (!text.isEmpty()) {
                text.append("\ncaused by ");
            }
            text.append(at instanceof AssertionError && at == t ? message : at.getClass().getName()
                    + (message.isEmpty() ? "" : ": " + message));
            if (!(at instanceof AssertionError) && at.getCause() == null) {
                Arrays.stream(at.getStackTrace()).limit(4).forEach(e -> text.append("\n  at ").append(e));
            }
        }
        return text.toString();
    }

    /** At most 30 lines, and the last one, which says how the connection ended. */
    private static String firstLines(String text) {
        List<String> lines = text.lines().toList();
        if (lines.size() <= 32) {
            return text;
        }
        return String.join("\n", lines.subList(0, 30)) + "\n… (" + (lines.size() - 31) + " more lines)\n"
                + lines.getLast();
    }

    private static String indent(String text) {
        return text.replace("\n", "\n    ");
    }

    private static String wrap(String text) {
        var out = new StringBuilder();
        int col = 0;
        for (String word : text.split(" ")) {
            if (col + word.length() > 96 && col > 0) {
                out.append("\n    ");
                col = 0;
            } else if (col > 0) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
        }
        return out.toString();
    }

    /** This tool's class path, which the learner's code compiles against. */
    static List<Path> toolClasspath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> paths = new ArrayList<>();
        for (String p : cp.split(java.io.File.pathSeparator)) {
            if (!p.isBlank()) {
                paths.add(Path.of(p));
            }
        }
        return paths;
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
