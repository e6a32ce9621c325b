package dev.httpcourse.stage05;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Finds the next CR or LF eight bytes at a time (SWAR: SIMD within a register), the way Netty's
 * {@code SWARUtil} finds a byte: one unaligned {@code long} load, a few ALU operations, and the
 * index of the first match from the trailing zeros; the last few bytes one by one.
 *
 * <p>Why CR or LF and not just LF: the parser must refuse a bare CR and a bare LF (RFC 9112
 * section 2.2), so what it needs is the first line-ending byte of either kind, and to check that a
 * CR is followed by LF. One pass finds both.
 *
 * <p>Chosen by measurement against the Vector API ({@code jdk.incubator.vector}) and a plain byte
 * loop ({@code Bench04_LineScan}; chapter 5 gives the figures): SWAR was fastest on the short lines
 * the load profiles send, and needs no incubator module on every command line; vectors only won on
 * long browser lines.
 */
final class LineScanner {
    /** Little-endian, so that the first byte in memory is the lowest byte of the long on any platform. */
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static final long CR_EVERYWHERE = 0x0D0D0D0D0D0D0D0DL;
    private static final long LF_EVERYWHERE = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    private LineScanner() {
    }

    // tag::s05-swar-scan[]
    /** The offset of the first CR or LF in {@code [from, to)} of {@code segment}, or -1. */
    static long indexOfCrOrLf(MemorySegment segment, long from, long to) {
        long i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long word = segment.get(LONG_LE, i);
            long matches = crOrLfBytes(word);
            if (matches != 0) {
                // byte k of memory is bits 8k..8k+7 of the word: the lowest marked byte comes first
                return i + (Long.numberOfTrailingZeros(matches) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte b = segment.get(ValueLayout.JAVA_BYTE, i);
            if (b == '\r' || b == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * 0x80 in every byte of {@code x} that is zero, 0 in every other byte. Exact, with no false
     * positives: adding 0x7F to the low seven bits of a byte sets its high bit unless they were all
     * zero, and never carries into the next byte; OR-ing {@code x} back in clears bytes whose own high
     * bit was set. (The shorter {@code (x - 0x01..) & ~x & 0x80..} can mark a 0x01 byte after a zero.)
     */
    static long zeroBytes(long x) {
        long t = (x & LOW7) + LOW7;
        return ~(t | x | LOW7);
    }

    /**
     * {@code zeroBytes(word ^ CR…) | zeroBytes(word ^ LF…)}, with the two complements merged by De
     * Morgan ({@code ~a | ~b == ~(a & b)}): two operations fewer per word.
     */
    static long crOrLfBytes(long word) {
        long cr = word ^ CR_EVERYWHERE;
        long lf = word ^ LF_EVERYWHERE;
        return ~((((cr & LOW7) + LOW7) | cr) & (((lf & LOW7) + LOW7) | lf) | LOW7);
    }
    // end::s05-swar-scan[]
}
