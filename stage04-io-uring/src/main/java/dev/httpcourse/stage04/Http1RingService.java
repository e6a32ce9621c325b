package dev.httpcourse.stage04;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.stage02.RequestParser;
import java.lang.foreign.Arena;

/**
 * Stage 04's connections on a loop: each with a receive buffer of its own and stage 02's
 * {@code Http1Protocol}; what they share per loop is two pools of off-heap buffers.
 */
final class Http1RingService implements RingService {
    static final int SEND_BUFFER_SIZE = 16 * 1024;

    private final App app;
    private final Limits limits;
    private final ResponseEncoder encoder;
    private Arena arena;
    private SegmentPool recvPool;
    private SegmentPool sendPool;

    Http1RingService(App app, Limits limits, ResponseEncoder encoder) {
        this.app = app;
        this.limits = limits;
        this.encoder = encoder;
    }

    @Override
    public void open(RingLoop loop) {
        arena = Arena.ofConfined();
        // the parser leaves at most one unfinished line in the buffer: it must hold the longest allowed
        recvPool = new SegmentPool(arena, Math.max(16 * 1024, RequestParser.longestLine(limits)));
        sendPool = new SegmentPool(arena, SEND_BUFFER_SIZE);
    }

    @Override
    public RingConnection connect(RingLoop loop, int slot, int generation, int fd, boolean counted) {
        return new Http1RingConnection(loop, this, slot, generation, fd, counted);
    }

    @Override
    public void close(boolean settled) {
        if (settled) {
            arena.close();
        } // else: an operation may still write into a buffer; leaving the arena is the safe leak
    }

    App app() {
        return app;
    }

    Limits limits() {
        return limits;
    }

    ResponseEncoder encoder() {
        return encoder;
    }

    SegmentPool recvPool() {
        return recvPool;
    }

    SegmentPool sendPool() {
        return sendPool;
    }
}
