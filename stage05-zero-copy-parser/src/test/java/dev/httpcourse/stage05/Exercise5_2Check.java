package dev.httpcourse.stage05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Exercise 5.2, "The short zero-byte test": {@code LineScanner.crOrLfBytes} in the short form,
 * {@code (x - 0x0101…) & ~x & 0x8080…} for each pattern. The short form can mark a byte after a true
 * match (the borrow of a zero byte turns a following 0x01 into a mark), never before one, so the
 * lowest mark, which the scan uses, stays right, and a function that took the highest mark would
 * not. {@code bin/course exercise 5.2} runs it; it fails on the course's code, which has the exact
 * form, and its name keeps it out of {@code ./mvnw verify}.
 */
class Exercise5_2Check {
    /** Byte 0 is CR; byte 1 is 0x0C, CR with its lowest bit flipped: after the XOR, a zero and a 0x01. */
    private static final long CR_THEN_LOOKALIKE = 0x0C0DL;

    @Test
    void crOrLfBytesIsTheShortFormThatMarksALookalikeAfterACr() {
        long marks = LineScanner.crOrLfBytes(CR_THEN_LOOKALIKE);
        assertEquals(0x80L, marks & 0xFFL, "byte 0 is a CR and must be marked");
        assertNotEquals(0L, marks & 0x8000L, String.format("crOrLfBytes(0x0C0D) = 0x%X marks only the CR: it is "
                + "still the exact form. Replace it by the short form, (x - 0x0101…) & ~x & 0x8080… on x = word ^ CR… "
                + "and on x = word ^ LF…; that form marks the 0x0C after the CR too", marks));
    }

    @Test
    void theLowestMarkIsStillTheFirstCrOrLf() {
        var random = new Random(52);
        byte[] alphabet = {'a', ' ', 0x0C, 0x0B, 0x09, 0x0E, (byte) 0x8D, (byte) 0x8A, (byte) 0xFF, 0, 1, '\r', '\n'};
        for (int trial = 0; trial < 100_000; trial++) {
            long word = 0;
            int first = 8;
            for (int k = 0; k < 8; k++) {
                byte b = alphabet[random.nextInt(random.nextInt(3) == 0 ? alphabet.length : alphabet.length - 2)];
                word |= (b & 0xFFL) << (8 * k);
                if (first == 8 && (b == '\r' || b == '\n')) {
                    first = k;
                }
            }
            long marks = LineScanner.crOrLfBytes(word);
            int lowest = marks == 0 ? 8 : Long.numberOfTrailingZeros(marks) >>> 3;
            assertEquals(first, lowest, String.format("word 0x%016X: the lowest mark must be the first CR or LF", word));
        }
    }

    @Test
    void theHighestMarkIsNotTheLastCrOrLf() {
        long marks = LineScanner.crOrLfBytes(CR_THEN_LOOKALIKE);
        int highest = (63 - Long.numberOfLeadingZeros(marks)) >>> 3;
        assertEquals(1, highest, "with the short form, a scan for the last CR or LF would take the 0x0C at byte 1 "
                + "for one; here the highest mark is byte " + highest);
    }
}
