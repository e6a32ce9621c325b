package dev.httpcourse.bench.jmh;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.RequestRules;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.http.Version;
import java.nio.ByteBuffer;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/*
 * Benchmark 03: the cost of putting a response on the wire once the application has produced it:
 * ResponseEncoder.head(...) writes the status line and fields, then head and body are copied into
 * the connection's output buffer, as stage 01 does through its BufferedOutputStream.
 *
 * Two responses, both made by the App itself from a real request: `hello` (GET /, a 13-byte body)
 * and `json` (GET /json/25?m=4, a body of about 4 KiB, encoded once in @Setup: benchmark 02
 * measures the encoding). Each head is about 130 bytes. For hello the head is the work, and its
 * B/op is the price of building it in a fresh ByteArrayOutputStream, with a String and a byte[]
 * for the content type and the length, and a copy at the end. For json the body's copy joins it,
 * which allocates nothing. A head that outgrew the encoder's first array (192 bytes plus 32 per
 * extra field) would show here as a jump in B/op, since the array is then grown by copying. The
 * Date field costs almost nothing: HttpDate formats it once a second.
 *
 * HOW TO RUN IT
 *
 *   bench/jmh/run.sh Bench03_ResponseEncode                 (with -prof gc, as JSON)
 *   bench/jmh/run.sh Bench03_ResponseEncode -p response=json
 *   java -jar bench/jmh/target/benchmarks.jar Bench03_ -prof gc   (after ./mvnw -pl bench/jmh -am package)
 *
 * or run main() from an IDE.
 */
public class Bench03_ResponseEncode extends CourseBenchmark {

    @Param({"hello", "json"})
    public String response;

    private final ResponseEncoder encoder = new ResponseEncoder();
    /** Large enough for every response here; a server's output buffer, reused for each response. */
    private final ByteBuffer out = ByteBuffer.allocate(64 * 1024);
    private Response answer;

    @Setup
    public void makeResponse() {
        String target = switch (response) {
            case "hello" -> "/";
            case "json" -> "/json/25?m=4";
            default -> throw new IllegalArgumentException("response must be hello or json, not " + response);
        };
        RequestHead head = RequestRules.validate("GET", target, Version.HTTP_1_1,
                List.of(new Header("Host", "localhost")), Limits.defaults());
        answer = App.withBundledDataset().open(head).earlyResponse();
        if (answer == null || answer.status().isError()) {
            throw new IllegalStateException("the App did not answer " + target + " with a success: " + answer);
        }
    }

    /** Returns the bytes written so that nothing is optimised away; the buffer is what the socket would get. */
    @Benchmark
    public int encode() {
        out.clear();
        out.put(encoder.head(answer, Version.HTTP_1_1, true));
        out.put(answer.body());
        return out.position();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include("\\." + Bench03_ResponseEncode.class.getSimpleName() + "\\.")
                .addProfiler(GCProfiler.class)
                .build()).run();
    }
}
