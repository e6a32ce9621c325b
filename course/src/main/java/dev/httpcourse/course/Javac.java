package dev.httpcourse.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a module's sources in this JVM with the JDK's compiler: a check needs its classes in a
 * few seconds, without a Maven start. The class path is this tool's own (common, the suite, JUnit),
 * plus the compiled modules a stage builds on.
 */
final class Javac {
    private Javac() {
    }

    /** The errors, each "file:line: message" with the line of source below it; empty when it compiled. */
    static List<String> compile(Path sourceRoot, Path out, List<Path> classpath, Path shownFrom) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new CourseException("this Java has no compiler: run bin/course with a JDK 25, not a JRE");
        }
        clean(out);
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (sources.isEmpty()) {
            return List.of();
        }
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            Files.createDirectories(out);
            String cp = String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList());
            List<String> options = List.of("-d", out.toString(), "-cp", cp, "--release", "25", "-proc:none",
                    "-encoding", "UTF-8", "-nowarn", "-Xlint:none", "-implicit:none");
            boolean ok = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                String where = d.getSource() == null ? "" : shownFrom.relativize(Path.of(d.getSource().toUri()))
                        + ":" + d.getLineNumber() + ": ";
                String line = "";
                if (d.getSource() != null && d.getLineNumber() > 0) {
                    List<String> text = Sources.lines(Path.of(d.getSource().toUri()));
                    if (d.getLineNumber() <= text.size()) {
                        line = "\n    " + text.get((int) d.getLineNumber() - 1).strip();
                    }
                }
                errors.add(where + d.getMessage(Locale.ROOT) + line);
            }
            if (!ok && errors.isEmpty()) {
                errors.add("the compiler failed without saying why");
            }
            copyResources(sourceRoot.resolveSibling("resources"), out);
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyResources(Path resources, Path out) {
        for (Path rel : Sources.files(resources)) {
            Workspace.copy(resources.resolve(rel), out.resolve(rel));
        }
    }

    static void clean(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
