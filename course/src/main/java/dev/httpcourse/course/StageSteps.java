package dev.httpcourse.course;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The steps of one stage, as {@code course/steps/stageNN.json} lists them: what each asks, the chapter
 * sections that explain it, the suite's tests that check it, and the marked regions of the stage's own
 * sources that hold its reference answer.
 *
 * @param stage    two digits, {@code 01}
 * @param module   the stage's Maven module, {@code stage01-blocking}
 * @param title    the stage's technique in a few words
 * @param chapter  the chapter's file under {@code docs/src/docs/asciidoc}
 * @param status   {@code marked} when its sources carry the markers; {@code draft} when the list is a
 *                 plan whose markers are still to be added (start and check then say so)
 * @param binding  the stage's binding of the conformance suite, which the learner's copy keeps
 * @param buildsOn modules whose compiled classes the stage uses as a library (stage 03 uses stage 02's)
 * @param steps    in build order; each check runs the earlier steps too
 * @param note     for a draft: what is still to do
 */
record StageSteps(String stage, String module, String title, String chapter, String status, String binding,
                  List<String> buildsOn, List<Step> steps, String note) {

    static final Path DIRECTORY = Path.of("course", "steps");
    private static final ObjectMapper JSON = new ObjectMapper();

    StageSteps {
        buildsOn = buildsOn == null ? List.of() : List.copyOf(buildsOn);
        steps = steps == null ? List.of() : List.copyOf(steps);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).number() != i + 1) {
                throw new IllegalArgumentException("stage " + stage + ": step " + (i + 1) + " is numbered "
                        + steps.get(i).number());
            }
        }
    }

    /**
     * One step.
     *
     * @param number  from 1, in build order
     * @param name    a short slug for listings: {@code keep-alive-and-pipelining}
     * @param title   what the step builds, as a heading
     * @param asks    what the learner writes, in two or three sentences
     * @param read    anchors of the book's sections that explain it ({@code s01-read-head}, {@code framing})
     * @param checks  the suite's tests that hold it: a category ({@code Endpoints}), {@code fuzz} for the
     *                parser's jqwik properties, or {@code stage:ClassName} for one of the stage's own tests
     * @param assumes what of this course's server the checks take for granted beyond HTTP/1.1 itself,
     *                said when a foreign server is checked with {@code --command}
     * @param regions the marked regions that hold the step's reference code
     * @param nothing why the stage has no code of its own for this step, when it has none
     */
    record Step(int number, String name, String title, String asks, List<String> read, List<String> checks,
                String assumes, List<RegionSpec> regions, String nothing) {
        Step {
            read = read == null ? List.of() : List.copyOf(read);
            checks = checks == null ? List.of() : List.copyOf(checks);
            regions = regions == null ? List.of() : List.copyOf(regions);
        }

        String label() {
            return "step " + number + " (" + title + ")";
        }
    }

    /**
     * A region of a step: the code between {@code // tag::step-N-NAME[]} and {@code // end::step-N-NAME[]}
     * in {@code file}, which a starter replaces by a stub.
     *
     * @param name        the marker's name
     * @param file        the source file's name, for listings and the checks of the list
     * @param stub        {@code throw} (the default): the code throws {@code NotYetWritten}, which the stage
     *                    answers with a 500 naming the step; {@code omit}: the code is left out (for a check
     *                    the stage works without, a limit or a timeout); {@code replace}: {@code replacement}
     *                    stands in (for a value the code after it needs)
     * @param replacement the stand-in's Java, lines separated by newlines, for {@code replace}
     * @param read        the anchor of the book section that explains this region, if not the step's first
     */
    record RegionSpec(String name, String file, String stub, String replacement, String read) {
        RegionSpec {
            stub = stub == null ? "throw" : stub;
            if (!List.of("throw", "omit", "replace").contains(stub)) {
                throw new IllegalArgumentException("region " + name + ": stub must be throw, omit or replace");
            }
            if (stub.equals("replace") != (replacement != null)) {
                throw new IllegalArgumentException("region " + name + ": a replacement goes with stub replace");
            }
        }
    }

    boolean marked() {
        return "marked".equals(status);
    }

    /**
     * The folders of compiled classes the stage builds on, in {@code buildsOn}'s order: a module's
     * {@code target/classes}, or for {@code module:tests} its {@code target/test-classes}.
     */
    List<Path> buildsOnClasses(Path root) {
        return buildsOn.stream().map(m -> m.endsWith(":tests")
                ? root.resolve(m.substring(0, m.length() - ":tests".length())).resolve("target/test-classes")
                : root.resolve(m).resolve("target/classes")).toList();
    }

    /** The modules the stage builds on, each once ({@code module:tests} is its module). */
    List<String> buildsOnModules() {
        return buildsOn.stream().map(m -> m.replace(":tests", "")).distinct().toList();
    }

    Step step(int number) {
        if (number < 1 || number > steps.size()) {
            throw new IllegalArgumentException("stage " + stage + " has steps 1 to " + steps.size() + ", not " + number);
        }
        return steps.get(number - 1);
    }

    /** The step and region spec of a marker, if the list names it. */
    Optional<RegionSpec> region(int step, String name) {
        if (step < 1 || step > steps.size()) {
            return Optional.empty();
        }
        return steps.get(step - 1).regions().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The binding's package as a path: {@code dev/httpcourse/stage01}. */
    String packagePath() {
        return binding.substring(0, binding.lastIndexOf('.')).replace('.', '/');
    }

    String packageName() {
        return binding.substring(0, binding.lastIndexOf('.'));
    }

    static StageSteps load(Path root, String stage) {
        Path file = root.resolve(DIRECTORY).resolve("stage" + stage + ".json");
        if (!Files.exists(file)) {
            throw new CourseException("no stage " + stage + ": " + root.relativize(file) + " does not exist");
        }
        try {
            return JSON.readValue(file.toFile(), StageSteps.class);
        } catch (IOException e) {
            throw new CourseException(root.relativize(file) + " does not read: " + e.getMessage());
        }
    }

    /** Every stage that has a list, in order. */
    static List<StageSteps> all(Path root) {
        try (Stream<Path> files = Files.list(root.resolve(DIRECTORY))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("stage\\d\\d\\.json"))
                    .sorted()
                    .map(n -> load(root, n.substring(5, 7)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 1} or {@code 01} to {@code 01}. */
    static String normalize(String stage) {
        if (!stage.matches("\\d{1,2}")) {
            throw new CourseException("a stage is a number, 01 to 05, not '" + stage + "'");
        }
        return stage.length() == 1 ? "0" + stage : stage;
    }
}
