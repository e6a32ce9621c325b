package dev.httpcourse.bench.jmh;

import dev.httpcourse.common.app.Dataset;
import dev.httpcourse.common.app.JsonEndpoint;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/*
 * Benchmark 02, Jackson: the cost of writing the json endpoint's body with Jackson's streaming
 * generator, JsonEndpoint.encode(count, m), for 1, 10 and 50 items.
 *
 * Every stage up to 04 answers /json/{count} with this code, so the figure is the same for all of
 * them: a floor under the json load profile. Time and bytes grow with the items (the body is about
 * 175 bytes an item). Jackson reuses its internal buffers between calls on a thread, so besides a
 * fixed part of well under a kilobyte (the generator and its context), a call allocates its output
 * twice: the ByteArrayOutputStream's array, sized up front for the count, and the copy toByteArray
 * makes of it. Stage 05 writes the same body by hand, and Bench02_JsonWriter measures it beside this.
 *
 * HOW TO RUN IT
 *
 *   bench/jmh/run.sh Bench02_                      (every JSON encoder, with -prof gc, as JSON)
 *   bench/jmh/run.sh Bench02_JsonJackson -p count=50
 *   java -jar bench/jmh/target/benchmarks.jar Bench02_ -prof gc   (after ./mvnw -pl bench/jmh -am package)
 *
 * or run main() from an IDE.
 */
public class Bench02_JsonJackson extends JsonBenchmark {
    // A field initialiser, not @Setup: it must be ready when the superclass's @Setup checks the output.
    private final JsonEndpoint endpoint = new JsonEndpoint(Dataset.bundled());

    @Override
    protected byte[] encode(int count, long multiplier) {
        return endpoint.encode(count, multiplier);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include("\\." + Bench02_JsonJackson.class.getSimpleName() + "\\.")
                .addProfiler(GCProfiler.class)
                .build()).run();
    }
}
