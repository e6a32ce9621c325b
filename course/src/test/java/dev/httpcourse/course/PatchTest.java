package dev.httpcourse.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exercise's answer applies to a learner's copy that has moved or re-indented lines, whole or not at all. */
class PatchTest {
    private static final List<String> DIFF = List.of(
            "diff --git a/m/A.java b/m/A.java",
            "index 1111111..2222222 100644",
            "--- a/m/A.java",
            "+++ b/m/A.java",
            "@@ -2,3 +2,3 @@ class A {",
            "     int a() {",
            "-        return 1;",
            "+        return 2;",
            "     }",
            "diff --git a/m/B.java b/m/B.java",
            "new file mode 100644",
            "--- /dev/null",
            "+++ b/m/B.java",
            "@@ -0,0 +1,2 @@",
            "+class B {",
            "+}");
    private static final List<String> A = List.of("class A {", "    int a() {", "        return 1;", "    }", "}");

    @Test
    void appliesAtTheLineItNamesAndCreatesNewFiles(@TempDir Path dir) {
        Sources.write(dir.resolve("m/A.java"), A);
        Patch.Outcome o = Patch.parse(DIFF).apply(dir::resolve);
        assertTrue(o.applies(), o.problems().toString());
        o.write();
        assertEquals("        return 2;", Sources.lines(dir.resolve("m/A.java")).get(2));
        assertEquals(List.of("class B {", "}"), Sources.lines(dir.resolve("m/B.java")));
    }

    @Test
    void findsAHunkThatMovedAndOneReindented(@TempDir Path dir) {
        List<String> moved = new java.util.ArrayList<>(List.of("// a comment the learner added", "", "class A {",
                "  int a() {", "      return 1;", "  }", "}"));
        Sources.write(dir.resolve("m/A.java"), moved);
        Patch.Outcome o = Patch.parse(DIFF).apply(dir::resolve);
        assertTrue(o.applies(), o.problems().toString());
        o.write();
        assertEquals("        return 2;", Sources.lines(dir.resolve("m/A.java")).get(4));
    }

    @Test
    void changesNothingWhenOneHunkFindsNoPlace(@TempDir Path dir) {
        Sources.write(dir.resolve("m/A.java"), List.of("class A {", "    int a() {", "        return 3;", "    }", "}"));
        Patch.Outcome o = Patch.parse(DIFF).apply(dir::resolve);
        assertFalse(o.applies());
        assertTrue(o.problems().getFirst().contains("m/A.java: hunk 1 of 1"), o.problems().toString());
    }

    @Test
    void theReverseTakesTheAnswerOutAgain(@TempDir Path dir) {
        Sources.write(dir.resolve("m/A.java"), A);
        Patch patch = Patch.parse(DIFF);
        patch.apply(dir::resolve).write();
        assertFalse(patch.apply(dir::resolve).applies(), "applied twice: B.java exists and A returns 2");
        Patch.Outcome back = patch.reversed().apply(dir::resolve);
        assertTrue(back.applies(), back.problems().toString());
        back.write();
        assertEquals(A, Sources.lines(dir.resolve("m/A.java")));
        assertFalse(dir.resolve("m/B.java").toFile().exists());
    }
}
