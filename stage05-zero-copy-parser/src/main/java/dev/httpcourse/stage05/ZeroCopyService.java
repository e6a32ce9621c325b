package dev.httpcourse.stage05;

import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.stage04.IoUringServer;
import dev.httpcourse.stage04.RingConnection;
import dev.httpcourse.stage04.RingLoop;
import dev.httpcourse.stage04.RingService;
import dev.httpcourse.stage04.uring.BufferRing;
import dev.httpcourse.stage04.uring.ErrnoException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

// tag::s05-service[]
/**
 * What stage 05's connections on one loop share: the provided buffer ring the kernel receives
 * into, the carry-overs and send chunks, and what answers in place ({@link InPlaceAnswers}). It is
 * stage 04's {@link RingService} seam with other connections on it; all of it belongs to the loop's
 * thread, so none of it needs a lock.
 *
 * <p>A buffer is published back to the kernel as soon as its bytes are consumed: a release store
 * of the ring's tail, an ordinary store on x86.
 */
final class ZeroCopyService implements RingService {
    // end::s05-service[]
    private static final System.Logger LOG = System.getLogger(ZeroCopyService.class.getName());
    /** Buffers in the ring: every connection of a loop receiving at once still finds one. */
    static final int RING_BUFFERS = 1024;
    /** Bytes per ring buffer: a pipelined burst of 16 requests fits in one, and uploads arrive in few CQEs. */
    static final int RING_BUFFER_SIZE = 8 * 1024;
    /** What the carry-overs of one loop may hold at once: slow clients cannot take more memory than this. */
    static final long CARRY_BUDGET = 64L << 20;
    private static final int GROUP = 0;

    private final ServerConfig config;
    private final ResponseEncoder encoder;
    private Arena arena;
    private BufferRing ring;
    private MemorySegment buffers;
    private ByteBuffer buffersView;
    private InPlaceAnswers answers;
    private SendQueue.Pool sendPool;
    private CarryOver.Pool carryPool;

    ZeroCopyService(ServerConfig config, ResponseEncoder encoder) {
        this.config = config;
        this.encoder = encoder;
    }

    /** Stage 04's loops with stage 05's connections on them. */
    static IoUringServer server(ServerConfig config) {
        ResponseEncoder encoder = new ResponseEncoder();
        return new IoUringServer(config, () -> new ZeroCopyService(config, encoder));
    }

    // tag::s05-service-open[]
    @Override
    public void open(RingLoop loop) throws ErrnoException {
        arena = Arena.ofConfined();
        ring = BufferRing.register(loop.ring(), GROUP, RING_BUFFERS, RING_BUFFER_SIZE);
        buffers = ring.buffers();
        buffersView = buffers.asByteBuffer(); // one view for all buffers, made once
        answers = new InPlaceAnswers(config.app(), config.limits(), encoder, arena);
        sendPool = new SendQueue.Pool(arena, answers.sendChunkSize());
        carryPool = new CarryOver.Pool(CARRY_BUDGET);
    }
    // end::s05-service-open[]

    @Override
    public RingConnection connect(RingLoop loop, int slot, int generation, int fd, boolean counted) {
        return new ZeroCopyConnection(loop, this, slot, generation, fd, counted);
    }

    // tag::s05-recycle[]
    /**
     * Buffer {@code id}'s bytes are consumed: the kernel may fill it again. Each buffer comes back in
     * the turn its completion arrived, so a RECV that found the ring empty can be re-armed at once: the
     * buffers it lacked are back before the turn submits it.
     */
    void recycle(int id) {
        // tag::step-3-recycle[]
        ring.recycle(id);
        ring.publish();
        // end::step-3-recycle[]
    }
    // end::s05-recycle[]

    @Override
    public void close(boolean settled) {
        if (!settled) {
            return; // a RECV may still write into a ring buffer: leaving the memory mapped is the safe leak
        }
        try {
            ring.close();
        } catch (ErrnoException e) {
            LOG.log(Level.WARNING, "buffer ring: {0}", e.getMessage());
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

    InPlaceAnswers answers() {
        return answers;
    }

    SendQueue.Pool sendPool() {
        return sendPool;
    }

    CarryOver.Pool carryPool() {
        return carryPool;
    }
}
