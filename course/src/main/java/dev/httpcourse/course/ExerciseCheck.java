package dev.httpcourse.course;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs one exercise's check against a module's sources, in this JVM, in seconds: the module's main
 * sources compiled with the JDK's compiler ({@link Javac}), the check compiled from the checkout's
 * test tree (the course's own copy of it, whatever the learner's copy holds, with the test classes it
 * uses found on the source path), both loaded on a class loader of their own above this tool's, and
 * the check's class run through the JUnit Platform Launcher. No Maven start, no jar.
 */
final class ExerciseCheck {
    /** One test of the check. */
    record TestOutcome(String name, TestExecutionResult.Status status, Throwable thrown, long millis) {
        boolean passed() {
            return status == TestExecutionResult.Status.SUCCESSFUL;
        }
    }

    /**
     * What a check came to.
     *
     * @param errors  compile errors, of the module or of the check against it; empty when it compiled
     * @param tests   each test, in the order they finished
     * @param printed what the code under check printed while it ran
     */
    record Result(List<String> errors, List<TestOutcome> tests, List<String> printed, long compileMillis) {
        boolean compiled() {
            return errors.isEmpty();
        }

        boolean passed() {
            return compiled() && !tests.isEmpty() && tests.stream().allMatch(TestOutcome::passed);
        }

        /** Compiled, ran, and at least one test failed: what "not done yet" must look like. */
        boolean failedATest() {
            return compiled() && tests.stream().anyMatch(t -> t.status() == TestExecutionResult.Status.FAILED);
        }

        long skipped() {
            return tests.stream().filter(t -> t.status() == TestExecutionResult.Status.ABORTED).count();
        }
    }

    private final Path root;

    ExerciseCheck(Path root) {
        this.root = root;
    }

    /**
     * Compiles {@code module}'s main sources into {@code work}, then the check against them, and runs it.
     *
     * @param module a stage's module directory: the checkout's, a learner's copy, or a scratch copy
     */
    Result run(Exercises.CheckSource check, Path module, Path work) {
        long start = System.nanoTime();
        List<Path> dependencies = dependencies(check.stage());
        List<Path> classpath = new ArrayList<>(Checker.toolClasspath());
        classpath.addAll(dependencies);
        Path classes = work.resolve("classes");
        Path testClasses = work.resolve("test-classes");
        List<String> errors = Javac.compile(module.resolve(Workspace.SRC), classes, classpath, root);
        if (errors.isEmpty()) {
            List<Path> testPath = new ArrayList<>(classpath);
            testPath.addFirst(classes);
            Path testTree = root.resolve(check.stage().module()).resolve(Workspace.TEST);
            errors = compileCheck(check.file(), testTree, testClasses, testPath);
        }
        long compileMillis = (System.nanoTime() - start) / 1_000_000;
        if (!errors.isEmpty()) {
            return new Result(errors, List.of(), List.of(), compileMillis);
        }
        List<URL> urls = new ArrayList<>(List.of(url(classes), url(testClasses)));
        for (Path dependency : dependencies) {
            urls.add(url(dependency));
        }
        List<TestOutcome> tests = new ArrayList<>();
        List<String> printed;
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        var launcher = LauncherFactory.create(); // before the switch: the engines and listeners are this tool's
        try (var loader = new URLClassLoader("exercise-under-check", urls.toArray(URL[]::new),
                ExerciseCheck.class.getClassLoader()); var capture = new Capture()) {
            current.setContextClassLoader(loader);
            var request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(loader, check.className()))
                    .filters(EngineFilter.includeEngines("junit-jupiter"))
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .build();
            launcher.execute(request, new TestExecutionListener() {
                private final java.util.Map<String, Long> started = new java.util.HashMap<>();

                @Override
                public void executionStarted(TestIdentifier id) {
                    started.put(id.getUniqueId(), System.nanoTime());
                }

                @Override
                public void executionSkipped(TestIdentifier id, String reason) {
                    if (id.isTest()) {
                        tests.add(new TestOutcome(name(id), TestExecutionResult.Status.ABORTED,
                                new AssertionError(reason), 0));
                    }
                }

                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    long millis = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime()))
                            / 1_000_000;
                    // a test, or a container that failed on its own (a @BeforeAll, a class that does not load)
                    if (id.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        tests.add(new TestOutcome(name(id), result.getStatus(),
                                result.getThrowable().orElse(null), millis));
                    }
                }
            });
            printed = capture.lines();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            current.setContextClassLoader(before);
        }
        return new Result(List.of(), List.copyOf(tests), printed, compileMillis);
    }

    /** The classes of every module the stage builds on, in the order its steps list names them. */
    List<Path> dependencies(StageSteps stage) {
        List<Path> found = new ArrayList<>();
        for (String dependency : stage.buildsOn()) {
            found.add(dependencyClasses(dependency, found));
        }
        return found;
    }

    /** A test's name on one line: {@code ()} dropped, a parameter's CR and LF written out, at most 100 characters. */
    private static String name(TestIdentifier id) {
        String n = id.getDisplayName().replaceAll("\\(\\)$", "").replace("\r", "\\r").replace("\n", "\\n");
        return n.length() > 100 ? n.substring(0, 99) + "…" : n;
    }

    /**
     * A module the stage builds on, {@code stage02-nio-selector} (its classes) or
     * {@code stage04-io-uring:tests} (its test classes): the build's output when it is there and
     * newer than the sources, else compiled here once into {@code course/target/exercise-check/},
     * against {@code earlier}, the modules listed before it.
     */
    private Path dependencyClasses(String dependency, List<Path> earlier) {
        boolean tests = dependency.endsWith(":tests");
        String module = tests ? dependency.substring(0, dependency.indexOf(':')) : dependency;
        Path sources = root.resolve(module).resolve(tests ? Workspace.TEST : Workspace.SRC);
        Path built = root.resolve(module).resolve(tests ? "target/test-classes" : "target/classes");
        FileTime newestSource = newest(sources);
        if (Files.isDirectory(built) && newest(built).compareTo(newestSource) >= 0) {
            return built;
        }
        Path cached = root.resolve("course/target/exercise-check/modules").resolve(module + (tests ? "-tests" : ""));
        if (Files.isDirectory(cached) && newest(cached).compareTo(newestSource) >= 0) {
            return cached;
        }
        List<Path> classpath = new ArrayList<>(Checker.toolClasspath());
        classpath.addAll(earlier);
        if (tests && earlier.stream().noneMatch(p -> p.startsWith(root.resolve(module))
                || p.endsWith(Path.of("modules", module)))) {
            classpath.add(dependencyClasses(module, earlier));
        }
        List<String> errors = Javac.compile(sources, cached, classpath, root);
        if (!errors.isEmpty()) {
            throw new CourseException(module + " does not compile, so nothing built on it can be checked:\n  "
                    + String.join("\n  ", errors.stream().limit(5).toList()));
        }
        return cached;
    }

    private static FileTime newest(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> {
                try {
                    return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).max(FileTime::compareTo).orElse(FileTime.fromMillis(0));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Compiles the check's one file; the test classes it uses (a suite binding, a helper) come from the
     * test tree, through the source path, and are compiled with it.
     */
    private List<String> compileCheck(Path file, Path testTree, Path out, List<Path> classpath) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new CourseException("this Java has no compiler: run bin/course with a JDK 25, not a JRE");
        }
        Javac.clean(out);
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            Files.createDirectories(out);
            String cp = String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList());
            List<String> options = List.of("-d", out.toString(), "-cp", cp, "-sourcepath", testTree.toString(),
                    "--release", "25", "-proc:none", "-encoding", "UTF-8", "-nowarn", "-Xlint:none", "-implicit:class");
            boolean ok = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(List.of(file))).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    String where = d.getSource() == null ? "" : root.relativize(Path.of(d.getSource().toUri()))
                            + ":" + d.getLineNumber() + ": ";
                    errors.add(where + d.getMessage(Locale.ROOT));
                }
            }
            if (!ok && errors.isEmpty()) {
                errors.add("the compiler failed without saying why");
            }
            Path resources = testTree.resolveSibling("resources");
            for (Path rel : Sources.files(resources)) {
                // not the test tree's services (a stage's own test listeners): their classes are not compiled here
                if (!rel.startsWith(Path.of("META-INF", "services"))) {
                    Workspace.copy(resources.resolve(rel), out.resolve(rel));
                }
            }
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
