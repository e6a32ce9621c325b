package dev.httpcourse.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every stage's parser benchmark shares, so that the stages are measured the same way: the
 * corpus, the settings, and the one benchmark method {@link #parse()}. A stage's benchmark is a
 * subclass in the stage's package that says how its parser reads one head (see
 * {@code dev.httpcourse.stage01.Bench01_ParseStage01}); JMH generates the inherited
 * {@code @Benchmark} for each subclass, as in JMH's sample 24 (inheritance).
 *
 * <p>One operation parses one request head. The benchmark cycles through the selected requests
 * rather than parsing one request over and over: a parser that met only one input would have its
 * branches predicted perfectly, which a server never enjoys.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
// FFM stages need native access; JMH 1.37 itself still calls sun.misc.Unsafe, which JDK 24+ warns about
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public abstract class ParserBenchmark {

    /** A group of {@link RequestCorpus} or one request's name: {@code -p requests=browser-chrome-page}. */
    @Param({RequestCorpus.ARENA, RequestCorpus.BROWSER})
    public String requests;

    private byte[][] heads;
    private int next;

    @Setup
    public void selectRequests() {
        heads = RequestCorpus.select(requests).stream().map(RequestCorpus.Request::head).toArray(byte[][]::new);
        // a corpus the parser refuses would measure the error path: fail before measuring anything
        for (byte[] head : heads) {
            if (parseHead(head) == null) {
                throw new IllegalStateException(getClass().getSimpleName() + " cannot parse the corpus");
            }
        }
    }

    @Benchmark
    public Object parse() {
        return parseHead(nextHead());
    }

    /** The next request head of the selection, round-robin. */
    protected final byte[] nextHead() {
        byte[] head = heads[next];
        next = next + 1 == heads.length ? 0 : next + 1;
        return head;
    }

    /**
     * Parses {@code head}, one complete request head, as the stage's server does per request, and
     * returns the result (JMH consumes it, so the work cannot be optimised away).
     */
    protected abstract Object parseHead(byte[] head);
}
