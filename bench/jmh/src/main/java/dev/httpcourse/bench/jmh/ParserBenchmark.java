package dev.httpcourse.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What every stage's parser benchmark shares, so that the stages are measured the same way: the
 * corpus, the settings, and the one benchmark method {@link #parse()}. A stage's benchmark is a
 * subclass in the stage's package that says how its parser reads one head (see
 * {@link dev.httpcourse.stage01.Bench01_ParseStage01}); JMH generates the inherited
 * {@code @Benchmark} for each subclass, as in JMH's sample 24 (inheritance).
 *
 * <p>One operation parses one request head. The benchmark cycles through the selected requests
 * rather than parsing one request over and over: a parser that met only one input would have its
 * branches predicted perfectly, which a server never enjoys.
 */
public abstract class ParserBenchmark extends CourseBenchmark {

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
