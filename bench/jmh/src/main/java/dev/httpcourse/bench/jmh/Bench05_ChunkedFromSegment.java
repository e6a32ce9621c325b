package dev.httpcourse.bench.jmh;

import dev.httpcourse.common.http.ChunkedDecoder;
import dev.httpcourse.common.http.Limits;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/*
 * Benchmark 05, stage 05's chunked bodies: common's ChunkedDecoder, which reads a
 * ByteBuffer, fed from a MemorySegment without a segment-based copy of its state machine.
 *
 * MemorySegment.asByteBuffer() makes a new buffer object on every call; what makes this free is to
 * make the view once per receive buffer (the ring's buffers never move) and only set its position
 * and limit per call. The decoder narrows the limit of the buffer it is given for its sink, and
 * allocates nothing itself. Look at B/op: 0.
 *
 * HOW TO RUN IT
 *
 *   bench/jmh/run.sh Bench05_ChunkedFromSegment
 *
 * or run main() from an IDE.
 */
public class Bench05_ChunkedFromSegment extends CourseBenchmark {
    private static final byte[] BODY = "2\r\n20\r\n5;ext=1\r\nhello\r\n0\r\nTrailer: x\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment receiveBuffer = arena.allocate(4096);
    /** Made once, as a server makes one per ring buffer. */
    private final ByteBuffer view = receiveBuffer.asByteBuffer();
    private final ChunkedDecoder decoder = new ChunkedDecoder(Limits.defaults());
    private long bodyBytes;
    private final ChunkedDecoder.BodySink sink = data -> {
        bodyBytes += data.remaining();
        data.position(data.limit());
    };

    @Benchmark
    public long decode() {
        MemorySegment.copy(BODY, 0, receiveBuffer, ValueLayout.JAVA_BYTE, 0, BODY.length);
        decoder.reset();
        view.limit(BODY.length).position(0);
        if (!decoder.decode(view, sink)) {
            throw new IllegalStateException("the body did not end");
        }
        return bodyBytes;
    }

    @TearDown
    public void free() {
        arena.close();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include("\\." + Bench05_ChunkedFromSegment.class.getSimpleName() + "\\.")
                .addProfiler(GCProfiler.class)
                .build()).run();
    }
}
