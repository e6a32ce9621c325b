package dev.httpcourse.stage05;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentOutTest {
    @Test
    void writesDecimalsAsLongToStringDoes() {
        var random = new Random(11);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(32);
            long[] edges = {0, 1, -1, 9, 10, -9, -10, 99, 100, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
            for (int i = 0; i < edges.length + 5000; i++) {
                long v = i < edges.length ? edges[i] : random.nextLong() >> random.nextInt(64);
                long end = SegmentOut.decimal(out, 3, v);
                String written = new String(out.asSlice(3, end - 3).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII);
                assertEquals(Long.toString(v), written);
                assertEquals(written.length(), SegmentOut.decimalLength(v), written);
            }
        }
    }
}
