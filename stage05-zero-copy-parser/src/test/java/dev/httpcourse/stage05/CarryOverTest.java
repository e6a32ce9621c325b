package dev.httpcourse.stage05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The carry-over without a ring: what it keeps, how it grows and shrinks, and what it refuses. */
class CarryOverTest {
    private final CarryOver.Pool pool = new CarryOver.Pool(8L << 20);
    private final CarryOver carry = new CarryOver(pool);

    @Test
    void keepsTheUnconsumedTailAtItsStart() {
        assertTrue(carry.append(segment("GET / HTTP/1.1\r\nHo"), 0, 18));
        carry.consumeTo(4); // an overlapping move
        assertEquals(14, carry.length());
        assertArrayEquals(bytes("/ HTTP/1.1\r\nHo"), held());
        assertEquals(0, carry.view().get(0) - '/', "the view shows the same bytes, index for index");
    }

    @Test
    void aFewBytesCostTheSmallestBlockNotTheLongestHead() {
        carry.append(segment("G"), 0, 1);
        assertEquals(CarryOver.SMALLEST, pool.lentBytes());
    }

    @Test
    void growsByDoublingKeepingWhatItHolds() {
        MemorySegment kilobyte = segment("x".repeat(1000));
        for (int i = 0; i < 10; i++) {
            assertTrue(carry.append(kilobyte, 0, 1000));
        }
        assertEquals(10_000, carry.length());
        assertEquals(16 * 1024, pool.lentBytes(), "10,000 bytes in the 16 KiB block");
        assertEquals(1, pool.lent(), "the smaller blocks went back on the way");
    }

    @Test
    void shrinksOnceMostlyConsumed() {
        MemorySegment big = MemorySegment.ofArray(new byte[64 * 1024]);
        carry.append(big, 0, 64 * 1024);
        carry.consumeTo(64 * 1024 - 100);
        assertEquals(100, carry.length());
        assertEquals(CarryOver.SMALLEST, pool.lentBytes());
    }

    @Test
    void refusesMoreThanAConnectionMayHold() {
        MemorySegment big = MemorySegment.ofArray(new byte[CarryOver.LIMIT]);
        assertTrue(carry.append(big, 0, CarryOver.LIMIT));
        assertFalse(carry.append(big, 0, 1));
        assertEquals(CarryOver.LIMIT, carry.length(), "a refused append changes nothing");
    }

    @Test
    void refusesMoreThanTheLoopsBudget() {
        var tight = new CarryOver.Pool(4 * 1024);
        var first = new CarryOver(tight);
        var second = new CarryOver(tight);
        MemorySegment bytes = MemorySegment.ofArray(new byte[3 * 1024]);
        assertTrue(first.append(bytes, 0, 3 * 1024));
        assertFalse(second.append(bytes, 0, 1), "4 KiB of a 4 KiB budget are out");
        first.release();
        assertTrue(second.append(bytes, 0, 1));
    }

    @Test
    void givesEverythingBackAndKeepsOnlyABoundedNumberOfFreeBlocks() {
        var carries = new CarryOver[1000];
        for (int i = 0; i < carries.length; i++) {
            carries[i] = new CarryOver(pool);
            carries[i].append(segment("G"), 0, 1);
        }
        for (CarryOver c : carries) {
            c.release();
        }
        assertEquals(0, pool.lent());
        assertEquals(0, pool.lentBytes());
        // taking them all again allocates the ones the pool let go (it keeps 512 KiB of 1 KiB blocks)
        assertEquals(CarryOver.Pool.KEPT_PER_SIZE / CarryOver.SMALLEST, pool.free(0));
    }

    private byte[] held() {
        byte[] out = new byte[carry.length()];
        MemorySegment.copy(carry.memory(), ValueLayout.JAVA_BYTE, 0, out, 0, out.length);
        return out;
    }

    private static MemorySegment segment(String text) {
        return MemorySegment.ofArray(bytes(text));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
