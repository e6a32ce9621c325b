package dev.httpcourse.stage05;

import dev.httpcourse.bench.jmh.CourseBenchmark;
import dev.httpcourse.bench.jmh.JsonBenchmark;
import dev.httpcourse.common.app.Dataset;
import dev.httpcourse.common.app.JsonEndpoint;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/*
 * Benchmark 02, stage 05: stage 05's writer, which formats the body of GET /json/{count}?m=M straight
 * into an off-heap send buffer, against the same counts and multiplier as Bench02_JsonJackson
 * (Jackson's streaming generator into a byte[]). Same bytes, checked in @Setup here and for every
 * count in JsonWriterTest.
 *
 * The difference in B/op is the point: Jackson's generator, buffers and result array per request
 * against nothing. The difference in ns/op is what a generator's generality costs on a body this
 * simple.
 *
 * HOW TO RUN IT
 *
 *   bench/jmh/run.sh Bench02_                      (Jackson and the writer side by side, with -prof gc)
 *   bench/jmh/run.sh Bench02_JsonWriter -p count=50
 *
 * or run main() from an IDE.
 */
public class Bench02_JsonWriter extends CourseBenchmark {
    @Param({"1", "10", "50"})
    public int count;

    private final JsonWriter writer = new JsonWriter(Dataset.bundled());
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment sendBuffer = arena.allocate(writer.maxBytes());

    @Setup
    public void checkOutput() {
        byte[] expected = new JsonEndpoint(Dataset.bundled()).encode(count, JsonBenchmark.MULTIPLIER);
        long end = writer.write(sendBuffer, 0, count, JsonBenchmark.MULTIPLIER);
        if (!Arrays.equals(expected, sendBuffer.asSlice(0, end).toArray(ValueLayout.JAVA_BYTE))) {
            throw new IllegalStateException("the JSON writer's body differs from Jackson's");
        }
    }

    @Benchmark
    public long write() {
        return writer.write(sendBuffer, 0, count, JsonBenchmark.MULTIPLIER);
    }

    @TearDown
    public void free() {
        arena.close();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include("\\." + Bench02_JsonWriter.class.getSimpleName() + "\\.")
                .addProfiler(GCProfiler.class)
                .build()).run();
    }
}
