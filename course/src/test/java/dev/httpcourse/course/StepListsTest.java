package dev.httpcourse.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The steps lists, the markers in the stages' sources and the book agree, for every stage that has a
 * list ({@link StepsLint}): no server runs here.
 */
class StepListsTest {
    private static final Path ROOT = Path.of(System.getProperty("course.root", "..")).toAbsolutePath().normalize();

    @Test
    void everyStepsListAgreesWithItsMarkersTheSuiteAndTheBook() {
        var lint = new StepsLint(ROOT);
        List<String> problems = new ArrayList<>();
        for (StageSteps stage : StageSteps.all(ROOT)) {
            problems.addAll(lint.problems(stage));
        }
        assertEquals("", String.join("\n", problems));
    }

    @Test
    void markersPairAndNestOnlyInsideAnEarlierStep() {
        List<String> lines = List.of(
                "// tag::step-2-outer[]",
                "  // tag::step-1-inner[]",
                "  // end::step-1-inner[]",
                "// end::step-2-outer[]",
                "// tag::step-3-open[]",
                "// end::step-4-other[]",
                "// tag:step-5-typo[]");
        List<String> problems = Markers.parse(lines).problems().stream()
                .map(p -> p.line() + ": " + p.message().substring(0, p.message().indexOf(' '))).toList();
        assertEquals(List.of("2: step-1-inner", "6: end::step-4-other[]", "7: malformed", "5: tag::step-3-open[]"),
                problems);
    }

    @Test
    void aStubLeavesTheMarkersAndSolvingPutsTheCodeBack() {
        List<String> reference = List.of(
                "package p;",
                "",
                "import java.util.List;",
                "",
                "class A {",
                "    int f() {",
                "        // tag::step-1-body[]",
                "        int x = 1;",
                "        // tag::step-2-more[]",
                "        x++;",
                "        // end::step-2-more[]",
                "        return x;",
                "        // end::step-1-body[]",
                "    }",
                "}");
        Markers.Parsed parsed = Markers.parse(reference);
        var throwing = new StageSteps.RegionSpec("body", "A.java", "throw", null, null);
        var omitted = new StageSteps.RegionSpec("more", "A.java", "omit", null, null);
        List<String> starter = Markers.fixImport(Markers.rewrite(reference, parsed.regions(), 0, reference.size(),
                r -> true, r -> Markers.stub(r, r.step() == 1 ? throwing : omitted)), false);
        assertEquals(List.of(
                "package p;",
                "",
                "import dev.httpcourse.common.http.NotYetWritten;",
                "import java.util.List;",
                "",
                "class A {",
                "    int f() {",
                "        // tag::step-1-body[]",
                "        throw NotYetWritten.step(1, \"body\");",
                "        // end::step-1-body[]",
                "    }",
                "}"), starter);
        Markers.Parsed mine = Markers.parse(starter);
        Markers.Region body = parsed.regions().getFirst();
        List<String> stepOne = Markers.rewrite(reference, body.children(), body.open() + 1, body.close(), r -> true,
                r -> Markers.stub(r, omitted));
        List<String> solved = Markers.fixImport(Markers.rewrite(starter, mine.regions(), 0, starter.size(),
                r -> r.step() == 1, r -> stepOne), false);
        assertEquals("        // not yet written: step 2 (more)", solved.get(9));
        assertEquals(-1, solved.indexOf(Markers.IMPORT), "the import goes with the last stub that throws");
    }
}
