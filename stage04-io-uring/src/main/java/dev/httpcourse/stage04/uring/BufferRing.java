package dev.httpcourse.stage04.uring;

import static dev.httpcourse.stage04.uring.Abi.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * A provided buffer ring ({@code IORING_REGISTER_PBUF_RING}, 5.19): buffers we own, handed to the
 * kernel through a ring of {@code io_uring_buf} entries, so that a multishot recv picks one only
 * when data arrives instead of each connection holding a buffer while it is idle.
 *
 * <pre>
 *  ring memory (page-aligned, entries * 16 bytes)         buffers (entries * bufferSize bytes)
 *  +------------------+------------------+----            +-----------+-----------+----
 *  | addr len bid tail| addr len bid resv| ...            |  bid 0    |  bid 1    | ...
 *  +------------------+------------------+----            +-----------+-----------+----
 *                   ^ the u16 tail overlays bufs[0].resv (byte 14)
 * </pre>
 *
 * The kernel consumes entries from its own head; we add them at the tail. A buffer comes back to us
 * in a CQE ({@link Cqe#bufferId}); once its bytes are consumed we {@link #recycle} it and, once per
 * batch, {@link #publish} the new tail with a release store so the kernel sees the entries first.
 * Like its {@link Ring}, a buffer ring belongs to the thread that registers it.
 */
@SuppressWarnings("restricted") // native calls and raw addresses are this class's job; the JVM runs it with --enable-native-access
public final class BufferRing implements AutoCloseable {
    private static final VarHandle SHORT = JAVA_SHORT.varHandle().withInvokeExactBehavior();
    /** The kernel's limit on entries per buffer ring. */
    public static final int MAX_ENTRIES = 1 << 15;

    private final Ring ring;
    private final Arena arena;
    private final MemorySegment entries;
    private final MemorySegment buffers;
    private final int groupId;
    private final int mask;
    private final int bufferSize;
    /** Our tail: entries added but perhaps not yet published. */
    private short tail;
    private boolean closed;

    private BufferRing(Ring ring, Arena arena, MemorySegment entries, MemorySegment buffers, int groupId, int count,
                       int bufferSize) {
        this.ring = ring;
        this.arena = arena;
        this.entries = entries;
        this.buffers = buffers;
        this.groupId = groupId;
        this.mask = count - 1;
        this.bufferSize = bufferSize;
    }

    // tag::s04-buffer-ring-register[]
    /**
     * Maps the ring and the buffers, registers the ring as buffer group {@code groupId}, and provides
     * every buffer. {@code count} must be a power of two (the kernel indexes with {@code & mask}).
     */
    public static BufferRing register(Ring ring, int groupId, int count, int bufferSize) throws ErrnoException {
        if (Integer.bitCount(count) != 1 || count > MAX_ENTRIES) {
            throw new IllegalArgumentException("buffer count must be a power of two up to " + MAX_ENTRIES + ": " + count);
        }
        if (groupId < 0 || groupId > 0xFFFF || bufferSize <= 0) {
            throw new IllegalArgumentException("group id is a u16 and buffers are not empty");
        }
        Arena arena = Arena.ofConfined();
        try {
            MemorySegment callState = Syscalls.allocateCallState(arena);
            // anonymous mappings are page-aligned, as the kernel requires of the ring
            MemorySegment entries = mapAnonymous(arena, callState, BUF_SIZE * count);
            MemorySegment buffers = mapAnonymous(arena, callState, (long) bufferSize * count);
            MemorySegment reg = arena.allocate(BUF_REG_SIZE, 8);
            reg.set(JAVA_LONG, BR_RING_ADDR, entries.address());
            reg.set(JAVA_INT, BR_RING_ENTRIES, count);
            reg.set(JAVA_SHORT, BR_BGID, (short) groupId);
            Syscalls.ioUringRegister(callState, ring.fd(), REGISTER_PBUF_RING, reg, 1);
            BufferRing br = new BufferRing(ring, arena, entries, buffers, groupId, count, bufferSize);
            for (int bid = 0; bid < count; bid++) {
                br.recycle(bid);
            }
            br.publish();
            return br;
        } catch (ErrnoException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }
    // end::s04-buffer-ring-register[]

    private static MemorySegment mapAnonymous(Arena arena, MemorySegment callState, long length) throws ErrnoException {
        MemorySegment raw = Syscalls.mmap(callState, length, Syscalls.PROT_READ_WRITE,
                Syscalls.MAP_PRIVATE | Syscalls.MAP_ANONYMOUS | Syscalls.MAP_POPULATE, -1, 0);
        return raw.reinterpret(length, arena, region -> Syscalls.munmap(region, length));
    }

    // tag::s04-buffer-ring-recycle[]
    /**
     * Hands buffer {@code bid} back to the kernel, visible after the next {@link #publish()}. Writes
     * the entry at our tail: addr, len, bid, never the resv half-word of entry 0, which is the tail.
     */
    public void recycle(int bid) {
        long entry = (long) (tail & mask) * BUF_SIZE;
        entries.set(JAVA_LONG, entry + BUF_ADDR, buffers.address() + (long) bid * bufferSize);
        entries.set(JAVA_INT, entry + BUF_LEN, bufferSize);
        entries.set(JAVA_SHORT, entry + BUF_BID, (short) bid);
        tail++;
    }

    /** Publishes every recycled buffer at once: the release store orders the entries before the tail. */
    public void publish() {
        SHORT.setRelease(entries, BUF_RING_TAIL, tail);
    }
    // end::s04-buffer-ring-recycle[]

    public int groupId() {
        return groupId;
    }

    public int bufferSize() {
        return bufferSize;
    }

    /** All buffers, one after another: buffer {@code bid} starts at {@link #offset(int)}. */
    public MemorySegment buffers() {
        return buffers;
    }

    public long offset(int bid) {
        return (long) bid * bufferSize;
    }

    long ringAddress() {
        return entries.address();
    }

    /**
     * Unregisters the group and unmaps the ring and the buffers. Cancel the recvs that select from
     * this group first: a recv still armed would find its group gone.
     */
    @Override
    public void close() throws ErrnoException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!ring.isClosed()) { // a closed ring has released its buffer groups already
                MemorySegment reg = arena.allocate(BUF_REG_SIZE, 8);
                reg.set(JAVA_SHORT, BR_BGID, (short) groupId);
                Syscalls.ioUringRegister(Syscalls.allocateCallState(arena), ring.fd(), UNREGISTER_PBUF_RING, reg, 1);
            }
        } finally {
            arena.close();
        }
    }
}
