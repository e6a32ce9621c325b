package dev.httpcourse.stage01;

import dev.httpcourse.bench.jmh.ParserBenchmark;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/*
 * Benchmark 01, stage 01: how long stage 01's parser takes to turn a request head into a
 * RequestHead, and how many bytes it allocates doing so.
 *
 * The corpus, the settings and the `parse` benchmark come from ParserBenchmark, shared by every
 * stage's parser: stages 02 and 05 add one class like this one (Bench01_ParseStage02,
 * Bench01_ParseStage05).
 *
 * Two ways to use the parser, two benchmarks:
 *
 *  - parse: one parser per connection, as the server runs it. Each request costs a copy into the
 *    parser's buffer (the stand-in for the socket read), a scan line by line, a String per method,
 *    target, field name and value, a Header per field, a list, and RequestRules' checks. Look at
 *    B/op: under a kilobyte for an arena head, two to three for a browser head, nearly all of it
 *    Strings and their wrappers, which a later stage learns to avoid.
 *
 *  - parseWithNewParser: RequestParser.parseHead, which builds a parser per call, as for the first
 *    request of a new connection. Its excess over `parse` is the per-connection price: a buffer as
 *    large as the biggest allowed head (16 KiB, which the JVM must zero) and a chunked decoder; the
 *    limited-conn profile pays it every ten requests.
 *
 * HOW TO RUN IT
 *
 *   bench/jmh/run.sh Bench01_ParseStage01                 (all of it, with -prof gc, as JSON)
 *   bench/jmh/run.sh Bench01_ParseStage01.parse -p requests=browser-chrome-page
 *   java -jar bench/jmh/target/benchmarks.jar Bench01_ParseStage01 -prof gc   (after ./mvnw -pl bench/jmh -am package)
 *
 * or run main() from an IDE.
 */
public class Bench01_ParseStage01 extends ParserBenchmark {
    private static final Limits LIMITS = Limits.defaults();

    // Field initialisers, not @Setup: they must be ready when the superclass's @Setup checks the corpus.
    private final HeadInput input = new HeadInput();
    private final RequestParser parser = new RequestParser(input, LIMITS);

    @Override
    protected RequestHead parseHead(byte[] head) {
        input.reset(head);
        try {
            return parser.readHead();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public RequestHead parseWithNewParser() {
        return RequestParser.parseHead(nextHead(), LIMITS);
    }

    /**
     * A stream that holds one head at a time. The parser asks it for bytes only when its buffer is
     * empty, and it is empty after every head, because the corpus gives heads without their bodies.
     */
    private static final class HeadInput extends InputStream {
        private byte[] data = new byte[0];
        private int pos;

        void reset(byte[] head) {
            data = head;
            pos = 0;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(len, data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include("\\." + Bench01_ParseStage01.class.getSimpleName() + "\\.")
                .addProfiler(GCProfiler.class)
                .build()).run();
    }
}
