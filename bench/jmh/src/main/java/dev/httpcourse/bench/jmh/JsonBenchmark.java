package dev.httpcourse.bench.jmh;

import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What every JSON encoder's benchmark shares: the counts, the multiplier, the settings and the one
 * benchmark method {@link #encode()}. An encoder's benchmark is a subclass that says how it writes
 * the body of {@code GET /json/{count}?m=M} (see {@link Bench02_JsonJackson}).
 * Stage 05's writer ({@link dev.httpcourse.stage05.Bench02_JsonWriter}) takes the same counts and
 * {@link #MULTIPLIER} but is not a subclass: it writes into an off-heap send buffer, and returning a
 * byte[] would add the very copy and allocation it exists to avoid.
 */
public abstract class JsonBenchmark extends CourseBenchmark {
    /** The multiplier {@code m}; it changes the totals, not the amount of work. */
    public static final long MULTIPLIER = 4;

    /** Items in the body: 1, 10 and 50 (the whole bundled data set) span HttpArena's json profile. */
    @Param({"1", "10", "50"})
    public int count;

    @Setup
    public void checkOutput() {
        // an encoder that wrote the wrong body would be measured doing the wrong work
        String body = new String(encode(count, MULTIPLIER), StandardCharsets.UTF_8);
        if (!body.startsWith("{\"items\":[") || !body.endsWith("],\"count\":" + count + "}")) {
            throw new IllegalStateException(getClass().getSimpleName() + " wrote an unexpected body: " + body);
        }
    }

    @Benchmark
    public byte[] encode() {
        return encode(count, MULTIPLIER);
    }

    /** The complete body for the first {@code count} items, as the endpoint sends it. */
    protected abstract byte[] encode(int count, long multiplier);
}
