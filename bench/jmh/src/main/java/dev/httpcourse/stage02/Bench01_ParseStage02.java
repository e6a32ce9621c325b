package dev.httpcourse.stage02;

import dev.httpcourse.bench.jmh.ParserBenchmark;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/*
 * Benchmark 01, stage 02: stage 02's incremental parser over the same corpus as stage 01's
 * (Bench01_ParseStage01), so the two stand side by side in one table: ns/op and B/op per head.
 *
 * One operation copies a head into a buffer, the stand-in for the socket read into a pooled buffer,
 * and parses it whole with one parser, as the event loop does for a connection whose head arrives
 * in one read. The parser scans each line once for its CRLF, then checks the line in place with
 * absolute ByteBuffer.get(int) reads; Strings are made only for the parts a RequestHead holds.
 *
 * Compared with stage 01 it has no per-parser 16 KiB buffer to zero (the buffer is the pool's), and
 * GET, POST and HEAD come from constants. It still allocates a String per field name and value,
 * a Header each, and a list: the garbage that stage 05 learns to avoid.
 *
 *  - buffers=heap: the parser builds Strings straight from the backing array.
 *  - buffers=direct: each complete line is first copied to a heap buffer the thread reuses, one
 *    bulk copy per line, so B/op should match heap's; ns/op shows what the copy costs (chapter 2
 *    weighs it against the copy the JDK makes for every heap-buffer read and write).
 *
 * HOW TO RUN IT
 *
 *   bench/jmh/run.sh Bench01_                              (both stages' parsers, with -prof gc)
 *   bench/jmh/run.sh Bench01_ParseStage02 -p buffers=direct -p requests=browser-chrome-page
 *   java -jar bench/jmh/target/benchmarks.jar Bench01_ParseStage02 -prof gc   (after ./mvnw -pl bench/jmh -am package)
 *
 * or run main() from an IDE.
 */
public class Bench01_ParseStage02 extends ParserBenchmark {
    private static final Limits LIMITS = Limits.defaults();

    @Param({"heap", "direct"})
    public String buffers;

    private final RequestParser parser = new RequestParser(LIMITS);
    // A field initialiser: the superclass's @Setup parses the corpus to check it, possibly before ours.
    private ByteBuffer buffer = ByteBuffer.allocate(RequestParser.longestLine(LIMITS) * 2);

    @Setup
    public void chooseBuffer() {
        int size = RequestParser.longestLine(LIMITS) * 2;
        buffer = buffers.equals("direct") ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }

    @Override
    protected RequestHead parseHead(byte[] head) {
        buffer.clear();
        buffer.put(head).flip();
        return parser.parse(buffer);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include("\\." + Bench01_ParseStage02.class.getSimpleName() + "\\.")
                .addProfiler(GCProfiler.class)
                .build()).run();
    }
}
