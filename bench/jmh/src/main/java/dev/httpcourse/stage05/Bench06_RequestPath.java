package dev.httpcourse.stage05;

import dev.httpcourse.bench.jmh.CourseBenchmark;
import dev.httpcourse.bench.jmh.RequestCorpus;
import dev.httpcourse.common.app.Dataset;
import dev.httpcourse.common.http.HttpDate;
import dev.httpcourse.common.http.Limits;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/*
 * Benchmark 06, stage 05's request path without the ring: one GET of the arena corpus (baseline, pipeline,
 * json) from the bytes in a receive buffer to the response's bytes in a send buffer, as stage 05's
 * server will do per request: parse in place, route by bytes, read the query in place, write the
 * response from a template (and the JSON body straight into the send buffer, the head put in front
 * of it). The POST requests of the corpus need a body and the server's body path, which comes with
 * the ring.
 *
 * What to look for: B/op 0. This is the allocation the load test's "below one byte per request"
 * target leaves to the server's loop and the kernel interface.
 *
 * HOW TO RUN IT
 *
 *   bench/jmh/run.sh Bench06_RequestPath
 */
public class Bench06_RequestPath extends CourseBenchmark {
    @Param({"baseline-get", "pipeline", "json"})
    public String request;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment receiveBuffer = arena.allocate(16 * 1024);
    private final MemorySegment sendBuffer = arena.allocate(64 * 1024);
    private final InPlaceRequestParser parser = new InPlaceRequestParser(Limits.defaults());
    private final Router router = new Router();
    private final ResponseTemplates templates = new ResponseTemplates(arena);
    private final JsonWriter json = new JsonWriter(Dataset.bundled());
    private final HttpDate date = HttpDate.SYSTEM;
    private byte[] head;

    @Setup
    public void select() {
        head = RequestCorpus.select(request).getFirst().head();
        if (respond() <= 0) {
            throw new IllegalStateException("no response for " + request);
        }
    }

    @Benchmark
    public long respond() {
        MemorySegment.copy(head, 0, receiveBuffer, ValueLayout.JAVA_BYTE, 0, head.length);
        parser.reset();
        parser.parse(receiveBuffer, 0, head.length);
        router.route(parser, receiveBuffer, 0);
        int variant = ResponseTemplates.variant(parser.version(), parser.keepAlive());
        byte[] dateLine = date.fieldLine();
        return switch (router.resource()) {
            case ROOT -> templates.hello(variant).writeFixed(sendBuffer, 0, dateLine, true);
            case PIPELINE -> templates.pipelineOk(variant).writeFixed(sendBuffer, 0, dateLine, true);
            case BASELINE -> {
                long sum = Math.addExact(router.requiredQueryInteger(parser, receiveBuffer, 0, "a"),
                        router.requiredQueryInteger(parser, receiveBuffer, 0, "b"));
                ResponseTemplate t = templates.text(variant);
                long bodyAt = t.writeHead(sendBuffer, 0, dateLine, SegmentOut.decimalLength(sum));
                yield SegmentOut.decimal(sendBuffer, bodyAt, sum);
            }
            case JSON -> {
                int count = router.jsonCount(parser, receiveBuffer, 0, json.size());
                long m = router.queryInteger(parser, receiveBuffer, 0, "m", 1);
                long reserve = 512; // room for the longest head in front of the body
                long end = json.write(sendBuffer, reserve, count, m);
                ResponseTemplate t = templates.json(variant);
                long start = reserve - t.headLength(end - reserve);
                t.writeHead(sendBuffer, start, dateLine, end - reserve);
                yield end - start;
            }
            default -> throw new IllegalStateException("not a GET of the arena corpus: " + request);
        };
    }

    @TearDown
    public void free() {
        arena.close();
    }
}
