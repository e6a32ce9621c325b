package dev.httpcourse.stage05;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.stage04.IoUringServer;
import dev.httpcourse.stage04.RingLoop;
import dev.httpcourse.stage04.uring.BufferRing;
import dev.httpcourse.stage04.uring.ErrnoException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

// tag::s05-service[]
/**
 * What stage 05's connections on one loop share: the provided buffer ring the kernel receives
 * into, the carry-overs and send chunks, and the tools that answer in place (templates, the JSON
 * writer, a router). All of it belongs to the loop's thread, so none of it needs a lock.
 *
 * <p>Recycled buffers are published to the kernel once per loop turn, just before the submit: one
 * release store for however many requests the turn answered.
 */
final class ZeroCopyService implements RingLoop.Service {
    // end::s05-service[]
    /** Buffers in the ring: every connection of a loop receiving at once still finds one. */
    static final int RING_BUFFERS = 1024;
    /** Bytes per ring buffer: a pipelined burst of 16 requests fits in one, and uploads arrive in few CQEs. */
    static final int RING_BUFFER_SIZE = 8 * 1024;
    private static final int GROUP = 0;
    /** What the carry-overs of one loop may hold at once: slow clients cannot take more memory than this. */
    static final long CARRY_BUDGET = 64L << 20;

    private final App app;
    private final Limits limits;
    private final ResponseEncoder encoder = new ResponseEncoder();
    private final Router router = new Router();
    private final JsonWriter json;
    private Arena arena;
    private BufferRing ring;
    private MemorySegment buffers;
    private ByteBuffer buffersView;
    private ResponseTemplates templates;
    private SendQueue.Pool sendPool;
    private CarryOver.Pool carryPool;
    private final ArrayDeque<ZeroCopyConnection> waitingForBuffers = new ArrayDeque<>();
    private boolean recycled;

    ZeroCopyService(ServerConfig config) {
        this.app = config.app();
        this.limits = config.limits();
        this.json = new JsonWriter(app.dataset());
    }

    /** Stage 04's loops with stage 05's connections on them. */
    static IoUringServer server(ServerConfig config) {
        return new IoUringServer(config, () -> new ZeroCopyService(config));
    }

    // tag::s05-service-open[]
    @Override
    public void open(RingLoop loop) throws ErrnoException {
        arena = Arena.ofConfined();
        ring = BufferRing.register(loop.ring(), GROUP, RING_BUFFERS, RING_BUFFER_SIZE);
        buffers = ring.buffers();
        buffersView = buffers.asByteBuffer(); // one view for all buffers, made once
        templates = new ResponseTemplates(arena);
        int longestResponse = (int) templates.json(0).headLength(json.maxBytes()) + json.maxBytes() + 1024;
        sendPool = new SendQueue.Pool(arena, roundUp(Math.max(16 * 1024, longestResponse), 4096));
        carryPool = new CarryOver.Pool(CARRY_BUDGET);
    }
    // end::s05-service-open[]

    private static int roundUp(int n, int to) {
        return (n + to - 1) / to * to;
    }

    @Override
    public RingLoop.Connection connect(RingLoop loop, int slot, int generation, int fd, boolean counted) {
        return new ZeroCopyConnection(loop, this, slot, generation, fd, counted);
    }

    /** Buffer {@code id}'s bytes are consumed: the kernel may fill it again (after the next publish). */
    void recycle(int id) {
        ring.recycle(id);
        recycled = true;
    }

    /** {@code c}'s RECV found no ring buffer: it is re-armed once a turn has given some back, not at once. */
    void awaitBuffers(ZeroCopyConnection c) {
        waitingForBuffers.addLast(c);
    }

    @Override
    public void beforeSubmit() {
        if (recycled) {
            recycled = false;
            ring.publish();
            // re-armed only now, after buffers came back: at once, every RECV would fail again, and the loop would spin
            for (int n = waitingForBuffers.size(); n > 0; n--) {
                waitingForBuffers.pollFirst().buffersReturned();
            }
        }
    }

    @Override
    public void close(boolean settled) {
        if (!settled) {
            return; // a RECV may still write into a ring buffer: leaving the memory mapped is the safe leak
        }
        try {
            ring.close();
        } catch (ErrnoException e) {
            System.err.println("buffer ring: " + e.getMessage());
        }
        arena.close();
    }

    int bufferGroup() {
        return GROUP;
    }

    MemorySegment buffers() {
        return buffers;
    }

    ByteBuffer buffersView() {
        return buffersView;
    }

    long offset(int id) {
        return ring.offset(id);
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

    Router router() {
        return router;
    }

    JsonWriter json() {
        return json;
    }

    ResponseTemplates templates() {
        return templates;
    }

    SendQueue.Pool sendPool() {
        return sendPool;
    }

    CarryOver.Pool carryPool() {
        return carryPool;
    }
}
