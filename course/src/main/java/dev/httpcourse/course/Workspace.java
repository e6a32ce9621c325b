package dev.httpcourse.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The course checkout and the learner's {@code learn/} folder in it. {@code learn/stageNN} is a copy
 * of the stage's module with the marked code cut out ({@link #writeStarter}); {@code learn/pom.xml} is an
 * aggregator, apart from the course's own build, whose modules are {@code ../common},
 * {@code ../conformance} and the learner's stages, so that Maven builds them from this checkout's
 * sources without anything installed: {@code ./mvnw -f learn/pom.xml -pl stage01 -am package}.
 */
final class Workspace {
    static final String SRC = "src/main/java";
    static final String TEST = "src/test/java";

    private final Path root;

    Workspace(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path learn() {
        return root.resolve("learn");
    }

    Path learnerModule(StageSteps stage) {
        return learn().resolve("stage" + stage.stage());
    }

    Path referenceModule(StageSteps stage) {
        return root.resolve(stage.module());
    }

    /** The reference's main sources: the stage's own. */
    Path referenceSources(StageSteps stage) {
        return referenceModule(stage).resolve(SRC);
    }

    /**
     * Writes {@code target}: the stage's module with every marked region stubbed, its tests as they are,
     * its pom renamed. Returns the regions stubbed, by file.
     */
    List<String> writeStarter(StageSteps stage, Path target) {
        Path reference = referenceModule(stage);
        List<String> report = new ArrayList<>();
        for (Path rel : Sources.files(reference.resolve("src"))) {
            Path from = reference.resolve("src").resolve(rel);
            Path to = target.resolve("src").resolve(rel);
            if (rel.startsWith("main/java") && rel.toString().endsWith(".java")) {
                Markers.Parsed parsed = Markers.parse(Sources.lines(from));
                requireWellFormed(stage, from, parsed);
                List<Markers.Region> top = parsed.regions();
                List<String> lines = Markers.rewrite(parsed.lines(), top, 0, parsed.lines().size(), r -> true,
                        r -> Markers.stub(r, spec(stage, r, from)));
                Sources.write(to, Markers.fixImport(lines, parsed.lines().contains(Markers.IMPORT)));
                for (Markers.Region r : top) {
                    report.add(rel.getFileName() + ": step " + r.step() + " (" + r.name() + ")");
                }
            } else {
                copy(from, to);
            }
        }
        Sources.write(target.resolve("pom.xml"), learnerPom(stage, Sources.lines(reference.resolve("pom.xml"))));
        return report;
    }

    /** The spec of a marked region; a marker the list does not name is an error of the course, not the learner's. */
    static StageSteps.RegionSpec spec(StageSteps stage, Markers.Region r, Path file) {
        return stage.region(r.step(), r.name()).orElseThrow(() -> new CourseException(file + ": marker "
                + r.marker() + " is not in the steps of stage " + stage.stage() + " (course/steps/stage"
                + stage.stage() + ".json)"));
    }

    static void requireWellFormed(StageSteps stage, Path file, Markers.Parsed parsed) {
        if (!parsed.problems().isEmpty()) {
            Markers.Problem p = parsed.problems().getFirst();
            throw new CourseException(file + ":" + p.line() + ": " + p.message());
        }
    }

    /**
     * The stage's pom, made the learner's: another artifactId, so that it can never be mistaken for
     * the stage, and the parent found two folders up.
     */
    static List<String> learnerPom(StageSteps stage, List<String> pom) {
        List<String> out = new ArrayList<>();
        boolean inParent = false;
        boolean renamed = false;
        for (String line : pom) {
            String t = line.strip();
            if (t.equals("<parent>")) {
                inParent = true;
            } else if (t.equals("</parent>")) {
                inParent = false;
                out.add(line.replace("</parent>", "  <relativePath>../../pom.xml</relativePath>"));
                out.add(line);
                continue;
            } else if (!inParent && !renamed && t.equals("<artifactId>" + stage.module() + "</artifactId>")) {
                out.add(line.replace(stage.module(), "learn-" + stage.module()));
                renamed = true;
                continue;
            } else if (!inParent && t.startsWith("<name>") && renamed) {
                out.add(line.substring(0, line.indexOf("<name>")) + "<name>learn-" + stage.module()
                        + ": your stage " + stage.stage() + ", built with bin/course</name>");
                continue;
            }
            out.add(line);
        }
        if (!renamed) {
            throw new CourseException(stage.module() + "/pom.xml: no <artifactId>" + stage.module() + "</artifactId>");
        }
        return out;
    }

    /** {@code learn/pom.xml}: common, conformance, what the started stages build on, and the started stages. */
    void writeAggregator() {
        Set<String> modules = new TreeSet<>();
        List<String> learner = new ArrayList<>();
        for (StageSteps s : StageSteps.all(root)) {
            if (Files.isDirectory(learnerModule(s))) {
                learner.add("stage" + s.stage());
                s.buildsOn().forEach(m -> modules.add("../" + m));
            }
        }
        List<String> pom = new ArrayList<>(List.of(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<!-- Written by bin/course start; learn/ is yours and git ignores it. -->",
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"",
                "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
                "         xsi:schemaLocation=\"http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd\">",
                "  <modelVersion>4.0.0</modelVersion>",
                "  <parent>",
                "    <groupId>dev.httpcourse</groupId>",
                "    <artifactId>fast-java-http</artifactId>",
                "    <version>1.0-SNAPSHOT</version>",
                "    <relativePath>../pom.xml</relativePath>",
                "  </parent>",
                "  <artifactId>learn</artifactId>",
                "  <packaging>pom</packaging>",
                "  <name>learn: your own stages</name>",
                "  <!-- ./mvnw -f learn/pom.xml -pl stage01 -am package -DskipTests   builds learn/stage01/target/*.jar -->",
                "  <modules>",
                "    <module>../common</module>",
                "    <module>../conformance</module>"));
        modules.forEach(m -> pom.add("    <module>" + m + "</module>"));
        learner.forEach(m -> pom.add("    <module>" + m + "</module>"));
        pom.addAll(List.of("  </modules>", "</project>"));
        Sources.write(learn().resolve("pom.xml"), pom);
    }

    /** Moves {@code dir} aside, to {@code dir.before-<time>}, and returns where it went. */
    static Path moveAside(Path dir) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path aside = dir.resolveSibling(dir.getFileName() + ".before-" + stamp);
        try {
            Files.move(dir, aside);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return aside;
    }

    static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
