package dev.httpcourse.stage05;

import dev.httpcourse.bench.jmh.CourseBenchmark;
import dev.httpcourse.bench.jmh.RequestCorpus;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/*
 * Benchmark 04, stage 05's line ends: three ways to find every CR or LF of a request head in
 * off-heap memory, the choice LineScanner's comment reports.
 *
 *  - bytes: one byte at a time, the obvious loop, called per line as the others are.
 *  - swar:  LineScanner, eight bytes per long load (SIMD within a register).
 *  - vector: the Vector API (jdk.incubator.vector), SPECIES_PREFERRED lanes per load (32 with AVX2, 64 with AVX-512),
 *           a compare to a mask and the mask's first set lane; the tail byte by byte.
 *
 * One operation scans every head of the selected corpus group once, line end after line end, as the
 * parser does. Most lines are short (20 to 50 bytes; a browser's User-Agent, Accept and Cookie lines
 * reach 80 to 145), so each search stops early.
 *
 * HOW TO RUN IT
 *
 *   bench/jmh/run.sh Bench04_LineScan
 *   bench/jmh/run.sh Bench04_LineScan -p requests=browser
 *
 * No main() here: this class needs --add-modules jdk.incubator.vector to load, which its fork is
 * given (@Fork below) and an IDE's JVM is not.
 */
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
    "--add-modules", "jdk.incubator.vector"})
public class Bench04_LineScan extends CourseBenchmark {
    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;

    @Param({RequestCorpus.ARENA, RequestCorpus.BROWSER})
    public String requests;

    private final Arena arena = Arena.ofConfined();
    private MemorySegment heads;
    private long[] ends;

    @Setup
    public void copyCorpus() {
        List<RequestCorpus.Request> selected = RequestCorpus.select(requests);
        heads = arena.allocate(selected.stream().mapToLong(r -> r.head().length).sum());
        ends = new long[selected.size()];
        long at = 0;
        for (int i = 0; i < ends.length; i++) {
            byte[] head = selected.get(i).head();
            MemorySegment.copy(head, 0, heads, ValueLayout.JAVA_BYTE, at, head.length);
            at += head.length;
            ends[i] = at;
        }
        if (swar() != bytes() || vector() != bytes()) {
            throw new IllegalStateException("the scanners disagree");
        }
    }

    @Benchmark
    public int swar() {
        int found = 0;
        long from = 0;
        for (long end : ends) {
            for (long p = LineScanner.indexOfCrOrLf(heads, from, end); p >= 0; p = LineScanner.indexOfCrOrLf(heads, p + 1, end)) {
                found++;
            }
            from = end;
        }
        return found;
    }

    @Benchmark
    public int vector() {
        int found = 0;
        long from = 0;
        for (long end : ends) {
            for (long p = vectorIndexOfCrOrLf(heads, from, end); p >= 0; p = vectorIndexOfCrOrLf(heads, p + 1, end)) {
                found++;
            }
            from = end;
        }
        return found;
    }

    @Benchmark
    public int bytes() {
        int found = 0;
        long from = 0;
        for (long end : ends) {
            for (long p = byteIndexOfCrOrLf(heads, from, end); p >= 0; p = byteIndexOfCrOrLf(heads, p + 1, end)) {
                found++;
            }
            from = end;
        }
        return found;
    }

    static long byteIndexOfCrOrLf(MemorySegment segment, long from, long to) {
        for (long i = from; i < to; i++) {
            byte b = segment.get(ValueLayout.JAVA_BYTE, i);
            if (b == '\r' || b == '\n') {
                return i;
            }
        }
        return -1;
    }

    static long vectorIndexOfCrOrLf(MemorySegment segment, long from, long to) {
        long i = from;
        for (; i <= to - SPECIES.length(); i += SPECIES.length()) {
            ByteVector v = ByteVector.fromMemorySegment(SPECIES, segment, i, ByteOrder.LITTLE_ENDIAN);
            VectorMask<Byte> m = v.compare(VectorOperators.EQ, (byte) '\r').or(v.compare(VectorOperators.EQ, (byte) '\n'));
            if (m.anyTrue()) {
                return i + m.firstTrue();
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

    @TearDown
    public void free() {
        arena.close();
    }
}
