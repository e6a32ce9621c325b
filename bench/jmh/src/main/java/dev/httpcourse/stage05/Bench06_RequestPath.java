package dev.httpcourse.stage05;

import dev.httpcourse.bench.jmh.CourseBenchmark;
import dev.httpcourse.bench.jmh.RequestCorpus;
import dev.httpcourse.common.app.App;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.ResponseEncoder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/*
 * Benchmark 06, stage 05's request path without the ring: one GET of the arena corpus (baseline, pipeline,
 * json) from the bytes in a receive buffer to the response's bytes in the send queue, through the
 * server's own InPlaceProtocol, as a stage 05 connection calls it for a buffer the kernel filled:
 * parse in place, route by bytes, read the query in place, write the response from a template (and
 * the JSON body straight into the send chunk); then the send queue is emptied as a SEND that took
 * everything would empty it. Nothing here is a copy of the server's code.
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
    private final ByteBuffer receiveView = receiveBuffer.asByteBuffer();
    private final InPlaceAnswers answers = new InPlaceAnswers(App.withBundledDataset(), Limits.defaults(),
            new ResponseEncoder(), arena);
    private final SendQueue out = new SendQueue(new SendQueue.Pool(arena, answers.sendChunkSize()));
    private final InPlaceProtocol protocol = new InPlaceProtocol(answers, out);
    private int length;

    @Setup
    public void select() {
        byte[] head = RequestCorpus.select(request).getFirst().head();
        MemorySegment.copy(head, 0, receiveBuffer, ValueLayout.JAVA_BYTE, 0, head.length); // where the kernel puts it
        length = head.length;
        if (respond() <= 0) {
            throw new IllegalStateException("no response for " + request);
        }
    }

    @Benchmark
    public long respond() {
        long consumed = protocol.process(receiveBuffer, receiveView, 0, length, false, System.nanoTime());
        if (consumed != length) {
            throw new IllegalStateException("the head was not consumed whole: " + consumed + " of " + length);
        }
        long sent = 0;
        while (!out.isEmpty()) {
            int n = out.sendLength();
            sent += n;
            out.sent(n);
        }
        return sent;
    }

    @TearDown
    public void free() {
        arena.close();
    }
}
