package dev.httpcourse.stage05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.app.Dataset;
import dev.httpcourse.common.app.Item;
import dev.httpcourse.common.app.JsonEndpoint;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.Status;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private static final long[] MULTIPLIERS = {1, 0, -1, 2, 4, 7, -3, 1_000_003, -987_654_321,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE / 1000, Long.MIN_VALUE / 999, 3_000_000_000_000L};

    @Test
    void writesJacksonsBytesForEveryCountAndMultiplier() {
        Dataset dataset = Dataset.bundled();
        assertEquals(50, dataset.items().size());
        assertSameAsJackson(dataset, 50);
    }

    @Test
    void escapesStringsAsJacksonDoes() {
        List<String> awkward = List.of("say \"hi\"", "back\\slash", "tab\there", "nl\nand\rcr", "\b\f",
                "\u0000\u0001\u001f\u007f", "caf\u00e9 \u00ff", "snow\u2603man", "emoji \ud83d\ude00", "/slash/", "");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < awkward.size(); i++) {
            String s = awkward.get(i);
            items.add(new Item(i + 1, s, awkward.get((i + 3) % awkward.size()), 10 + i, 3, i % 2 == 0,
                    List.of(s, "plain", awkward.get((i + 5) % awkward.size())), new Item.Rating(i, 100 - i)));
        }
        assertSameAsJackson(new Dataset(items), items.size());
    }

    @Test
    void refusesAnOverflowingTotalWith400AsTheAppDoes() {
        JsonWriter writer = new JsonWriter(Dataset.bundled());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(writer.maxBytes());
            var e = assertThrows(HttpException.class, () -> writer.write(out, 0, 1, Long.MAX_VALUE));
            assertEquals(Status.BAD_REQUEST, e.status());
        }
    }

    @Test
    void writesAtAnyOffsetAndNoFurther() {
        JsonWriter writer = new JsonWriter(Dataset.bundled());
        byte[] expected = new JsonEndpoint(Dataset.bundled()).encode(3, 5);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(expected.length + 20);
            out.fill((byte) '#');
            long end = writer.write(out, 7, 3, 5);
            assertEquals(7 + expected.length, end);
            assertEquals('#', out.get(ValueLayout.JAVA_BYTE, 6));
            assertEquals('#', out.get(ValueLayout.JAVA_BYTE, end));
            assertArrayEquals(expected, out.asSlice(7, expected.length).toArray(ValueLayout.JAVA_BYTE));
            // a buffer one byte short is refused by the segment's bounds, never overrun
            MemorySegment tooSmall = arena.allocate(expected.length - 1);
            assertThrows(IndexOutOfBoundsException.class, () -> writer.write(tooSmall, 0, 3, 5));
        }
    }

    private static void assertSameAsJackson(Dataset dataset, int maxCount) {
        JsonEndpoint jackson = new JsonEndpoint(dataset);
        JsonWriter writer = new JsonWriter(dataset);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(writer.maxBytes());
            for (int count = 0; count <= maxCount; count++) {
                for (long m : MULTIPLIERS) {
                    byte[] expected;
                    try {
                        expected = jackson.encode(count, m);
                    } catch (ArithmeticException overflow) {
                        int c = count;
                        var e = assertThrows(HttpException.class, () -> writer.write(out, 0, c, m), count + " x " + m);
                        assertEquals(Status.BAD_REQUEST, e.status());
                        continue;
                    }
                    int c = count;
                    long end = writer.write(out, 0, count, m);
                    assertTrue(end <= writer.maxBytes());
                    byte[] actual = out.asSlice(0, end).toArray(ValueLayout.JAVA_BYTE);
                    assertArrayEquals(expected, actual, () -> "count " + c + " m " + m + ":\n"
                            + new String(expected, StandardCharsets.UTF_8) + "\n"
                            + new String(actual, StandardCharsets.UTF_8));
                }
            }
        }
    }
}
