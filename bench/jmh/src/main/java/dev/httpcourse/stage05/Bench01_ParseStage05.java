package dev.httpcourse.stage05;

import dev.httpcourse.bench.jmh.ParserBenchmark;
import dev.httpcourse.common.http.Limits;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/*
 * Benchmark 01, stage 05: the in-place parser over off-heap memory, on the corpus every stage's
 * parser is measured on (ParserBenchmark), to set beside Bench01_ParseStage01 and Bench01_ParseStage02.
 *
 * Each operation copies the head into an off-heap segment, the stand-in for the kernel writing it
 * into a provided ring buffer, as stage 01's benchmark copies into its parser's buffer; then the
 * parser finds the line ends eight bytes at a time, checks every byte's class, records offsets and
 * hands views of the values to common's HeadRules. What to look for: gc.alloc.rate.norm, B/op,
 * which must be 0 (within JMH's rounding) for every request of the corpus, against kilobytes for
 * the String-based parsers.
 *
 * The benchmark returns the parser itself, so that JMH consumes its state without a boxed result.
 *
 * HOW TO RUN IT
 *
 *   bench/jmh/run.sh 'Bench01_.*\.parse$'             (stages 01, 02 and 05 side by side, with -prof gc)
 *   bench/jmh/run.sh Bench01_ParseStage05 -p requests=browser-chrome-page
 *   java -jar bench/jmh/target/benchmarks.jar Bench01_ParseStage05 -prof gc   (after ./mvnw -pl bench/jmh -am package)
 *
 * or run main() from an IDE.
 */
public class Bench01_ParseStage05 extends ParserBenchmark {
    private static final Limits LIMITS = Limits.defaults();

    // Field initialisers, not @Setup: they must be ready when the superclass's @Setup checks the corpus.
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment receiveBuffer = arena.allocate(64 * 1024);
    private final InPlaceRequestParser parser = new InPlaceRequestParser(LIMITS);

    @Override
    protected Object parseHead(byte[] head) {
        MemorySegment.copy(head, 0, receiveBuffer, ValueLayout.JAVA_BYTE, 0, head.length);
        parser.reset();
        return parser.parse(receiveBuffer, 0, head.length) == InPlaceRequestParser.INCOMPLETE ? null : parser;
    }

    @TearDown
    public void free() {
        arena.close();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include("\\." + Bench01_ParseStage05.class.getSimpleName() + "\\.")
                .addProfiler(GCProfiler.class)
                .build()).run();
    }
}
