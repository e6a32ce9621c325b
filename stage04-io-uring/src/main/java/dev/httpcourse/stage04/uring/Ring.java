package dev.httpcourse.stage04.uring;

import static dev.httpcourse.stage04.uring.Abi.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.Objects;

/**
 * One io_uring instance: its file descriptor, its two rings and its SQE array, mapped into this
 * process, and the few native calls that drive them.
 *
 * <p><b>One thread.</b> A ring belongs to the thread that opens it, for its whole life: that thread
 * is the ring's single issuer ({@link SetupFlag#SINGLE_ISSUER}), the only one that may enter it
 * ({@link SetupFlag#DEFER_TASKRUN} runs completion work only there), and the owner of the confined
 * arena that holds the ring's mappings and scratch memory. We create the ring on its loop thread
 * rather than creating it disabled ({@code R_DISABLED}) elsewhere and enabling it from the loop, as
 * Netty does: one rule (the loop thread opens, uses and closes its ring) covers the kernel's issuer
 * check and the arena's owner check at once. A call from another thread fails with
 * {@link WrongThreadException} from the arena before it could reach the kernel.
 *
 * <p><b>Life cycle.</b> Claim SQEs with the {@code prep*} methods, then {@link #submitAndWait} once
 * per loop turn (one {@code io_uring_enter} submits the batch and waits), then {@link #drain} the
 * completions. {@link #close()} unmaps everything and closes the ring's descriptor.
 */
@SuppressWarnings("restricted") // native calls and raw addresses are this class's job; the JVM runs it with --enable-native-access
public final class Ring implements AutoCloseable {
    /** What {@link #open(int, int)} asks for first; {@link #withoutNewest} drops the newest on EINVAL. */
    static final int PREFERRED_FLAGS = SetupFlag.CLAMP.bit() | SetupFlag.CQSIZE.bit() | SetupFlag.SUBMIT_ALL.bit()
            | SetupFlag.SINGLE_ISSUER.bit() | SetupFlag.DEFER_TASKRUN.bit() | SetupFlag.NO_SQARRAY.bit();
    /** Flags we never drop: CLAMP and CQSIZE are older than any kernel with the operations we need. */
    static final int MINIMUM_FLAGS = SetupFlag.CLAMP.bit() | SetupFlag.CQSIZE.bit();

    private final Arena arena;
    private final int fd;
    private final int setupFlags;
    private final int features;
    private final SubmissionQueue sq;
    private final CompletionQueue cq;
    private final MemorySegment sqes;
    /** Scratch memory, allocated once: the captured errno and the wait-with-timeout argument. */
    private final MemorySegment callState;
    private final MemorySegment eventsArg;
    private final MemorySegment timeout;
    private long overflowFlushes;
    private boolean closed;

    private Ring(Arena arena, int fd, int setupFlags, int features, SubmissionQueue sq, CompletionQueue cq,
                 MemorySegment callState) {
        this.arena = arena;
        this.fd = fd;
        this.setupFlags = setupFlags;
        this.features = features;
        this.sq = sq;
        this.cq = cq;
        this.sqes = sq.sqes();
        this.callState = callState;
        this.eventsArg = arena.allocate(GETEVENTS_ARG_SIZE, 8);
        this.timeout = arena.allocate(TIMESPEC_SIZE, 8);
        eventsArg.set(JAVA_LONG, GEA_TS, timeout.address());
    }

    /**
     * Opens a ring of at least {@code sqEntries} SQEs (clamped to the kernel's maximum) and
     * {@code cqEntries} CQEs, with the best setup flags this kernel accepts; the calling thread
     * becomes its owner and single issuer.
     */
    public static Ring open(int sqEntries, int cqEntries) throws ErrnoException {
        return open(sqEntries, cqEntries, PREFERRED_FLAGS);
    }

    // tag::s04-setup-fallback[]
    /**
     * Tries {@code flags}, then the same without its newest flag, and so on down to
     * {@link #MINIMUM_FLAGS}, for as long as the kernel answers EINVAL (a flag it does not know, or a
     * combination it refuses). Any other errno is final: EPERM and ENOSYS do not depend on flags.
     */
    static Ring open(int sqEntries, int cqEntries, int flags) throws ErrnoException {
        int attempt = flags;
        while (true) {
            try {
                return setUp(sqEntries, cqEntries, attempt);
            } catch (ErrnoException e) {
                int fewer = withoutNewest(attempt);
                if (!e.is(Errno.EINVAL) || fewer == attempt) {
                    throw e; // not a flag problem, or no flag left to drop
                }
                attempt = fewer;
            }
        }
    }

    /** Drops the newest flag of {@code mask}; DEFER_TASKRUN goes with SINGLE_ISSUER, which it needs. */
    static int withoutNewest(int mask) {
        SetupFlag[] all = SetupFlag.values();
        for (int i = all.length - 1; i >= 0; i--) {
            if (all[i].in(mask) && !all[i].in(MINIMUM_FLAGS)) {
                int rest = mask & ~all[i].bit();
                return SetupFlag.SINGLE_ISSUER.in(rest) ? rest : rest & ~SetupFlag.DEFER_TASKRUN.bit();
            }
        }
        return mask;
    }
    // end::s04-setup-fallback[]

    private static Ring setUp(int sqEntries, int cqEntries, int flags) throws ErrnoException {
        Arena arena = Arena.ofConfined();
        int fd = -1;
        try {
            MemorySegment callState = Syscalls.allocateCallState(arena);
            // tag::s04-setup[]
            // allocate() zeroes: every field we do not set (sq_thread_*, wq_fd, resv) must be 0
            MemorySegment params = arena.allocate(PARAMS_SIZE, 8);
            params.set(JAVA_INT, P_FLAGS, flags);
            params.set(JAVA_INT, P_CQ_ENTRIES, cqEntries);
            fd = Syscalls.ioUringSetup(callState, sqEntries, params);
            // end::s04-setup[]
            int features = params.get(JAVA_INT, P_FEATURES);
            Ring ring = map(arena, callState, fd, flags, features, params);
            return ring;
        } catch (ErrnoException | RuntimeException e) {
            arena.close(); // unmaps whatever was mapped
            if (fd >= 0) {
                Syscalls.close(fd);
            }
            throw e;
        }
    }

    // tag::s04-mmap-rings[]
    /**
     * Maps the SQ ring, the CQ ring and the SQE array. Since 5.4 ({@code FEAT_SINGLE_MMAP}) both rings
     * live in one region, mapped once at the SQ ring's offset with the larger of the two sizes.
     * {@code reinterpret(length, arena, cleanup)} turns each raw address into a bounded segment that
     * the ring's arena unmaps when it closes: any access after {@link #close()} throws instead of
     * touching unmapped memory.
     */
    private static Ring map(Arena arena, MemorySegment callState, int fd, int flags, int features,
                            MemorySegment params) throws ErrnoException {
        int sqEntries = params.get(JAVA_INT, P_SQ_ENTRIES);
        int cqEntries = params.get(JAVA_INT, P_CQ_ENTRIES);
        long sqArray = params.get(JAVA_INT, P_SQ_OFF + SQO_ARRAY);
        long sqRingSize = sqArray + 4L * sqEntries; // with NO_SQARRAY sq_off.array is 0: no array to map
        long cqRingSize = params.get(JAVA_INT, P_CQ_OFF + CQO_CQES) + CQE_SIZE * cqEntries;
        MemorySegment sqRing;
        MemorySegment cqRing;
        if ((features & FEAT_SINGLE_MMAP) != 0) {
            sqRing = mapRegion(arena, callState, fd, Math.max(sqRingSize, cqRingSize), OFF_SQ_RING);
            cqRing = sqRing;
        } else {
            sqRing = mapRegion(arena, callState, fd, sqRingSize, OFF_SQ_RING);
            cqRing = mapRegion(arena, callState, fd, cqRingSize, OFF_CQ_RING);
        }
        MemorySegment sqes = mapRegion(arena, callState, fd, SQE_SIZE * sqEntries, OFF_SQES);
        SubmissionQueue sq = new SubmissionQueue(sqRing, sqes, params, P_SQ_OFF);
        if (!SetupFlag.NO_SQARRAY.in(flags)) {
            sq.fillIndexArray(sqArray);
        }
        CompletionQueue cq = new CompletionQueue(cqRing, params, P_CQ_OFF);
        return new Ring(arena, fd, flags, features, sq, cq, callState);
    }

    private static MemorySegment mapRegion(Arena arena, MemorySegment callState, int fd, long length, long offset)
            throws ErrnoException {
        MemorySegment raw = Syscalls.mmap(callState, length, Syscalls.PROT_READ_WRITE,
                Syscalls.MAP_SHARED | Syscalls.MAP_POPULATE, fd, offset);
        return raw.reinterpret(length, arena, region -> Syscalls.munmap(region, length));
    }
    // end::s04-mmap-rings[]

    // ---- submission ------------------------------------------------------------------------------

    // tag::s04-sqe-write[]
    /**
     * Claims an SQE and writes the fields every operation has; the {@code prep*} methods add the rest.
     * All 64 bytes are written, the unused ones as zeros, as the kernel reads fields that an older
     * SQE left in the same slot. No slice, no object: stores at fixed offsets into the SQE array.
     */
    private long sqe(byte opcode, int fd, long addr, int len, long userData) {
        long base = claim();
        MemorySegment s = sqes;
        for (long word = 0; word < SQE_SIZE; word += 8) {
            s.set(JAVA_LONG, base + word, 0L);
        }
        s.set(JAVA_BYTE, base + SQE_OPCODE, opcode);
        s.set(JAVA_INT, base + SQE_FD, fd);
        s.set(JAVA_LONG, base + SQE_ADDR, addr);
        s.set(JAVA_INT, base + SQE_LEN, len);
        s.set(JAVA_LONG, base + SQE_USER_DATA, userData);
        return base;
    }

    /** {@code RECV} into {@code buffer[offset, offset + length)}: one CQE, {@code res} = bytes, 0 at end of stream. */
    public void prepRecv(int socket, MemorySegment buffer, long offset, int length, long userData) {
        sqe(OP_RECV, socket, address(buffer, offset, length), length, userData);
    }
    // end::s04-sqe-write[]

    /**
     * Multishot {@code RECV} with buffer selection (6.0): armed once, it posts a CQE per arrival, each
     * into a buffer the kernel takes from {@code group}'s provided buffer ring ({@link Cqe#bufferId}),
     * until an error, end of stream, or the ring running dry ({@code -ENOBUFS}) ends it (no F_MORE).
     */
    public void prepRecvMultishot(int socket, int group, long userData) {
        long base = sqe(OP_RECV, socket, 0L, 0, userData);
        sqes.set(JAVA_SHORT, base + SQE_IOPRIO, RECV_MULTISHOT);
        sqes.set(JAVA_BYTE, base + SQE_FLAGS, IOSQE_BUFFER_SELECT);
        sqes.set(JAVA_SHORT, base + SQE_BUF_GROUP, (short) group);
    }

    /**
     * {@code SEND} of {@code buffer[offset, offset + length)}; {@code res} may be short: send the rest.
     * MSG_NOSIGNAL: a peer that has gone gives {@code -EPIPE}, not a SIGPIPE.
     */
    public void prepSend(int socket, MemorySegment buffer, long offset, int length, long userData) {
        long base = sqe(OP_SEND, socket, address(buffer, offset, length), length, userData);
        sqes.set(JAVA_INT, base + SQE_OP_FLAGS, MSG_NOSIGNAL);
    }

    /**
     * Multishot {@code ACCEPT} (5.19): one CQE per connection, {@code res} = the new socket (opened
     * with SOCK_CLOEXEC), F_MORE while it stays armed.
     */
    public void prepAcceptMultishot(int listener, long userData) {
        long base = sqe(OP_ACCEPT, listener, 0L, 0, userData);
        sqes.set(JAVA_SHORT, base + SQE_IOPRIO, ACCEPT_MULTISHOT);
        sqes.set(JAVA_INT, base + SQE_OP_FLAGS, SOCK_CLOEXEC);
    }

    /** {@code CLOSE} of a descriptor, done by the kernel after whatever was submitted before it. */
    public void prepClose(int fd, long userData) {
        sqe(OP_CLOSE, fd, 0L, 0, userData);
    }

    /** {@code SHUTDOWN}, e.g. {@code how} = 1 (SHUT_WR) to send FIN after the last response. */
    public void prepShutdown(int socket, int how, long userData) {
        sqe(OP_SHUTDOWN, socket, 0L, how, userData);
    }

    /**
     * {@code ASYNC_CANCEL} of the operation submitted with {@code targetUserData}: it completes with
     * {@code -ECANCELED} (unless it completed first), and this request with 0, or {@code -ENOENT}
     * when nothing matched, or {@code -EALREADY} when it was already running.
     */
    public void prepCancel(long targetUserData, long userData) {
        sqe(OP_ASYNC_CANCEL, -1, targetUserData, 0, userData);
    }

    /** {@code ASYNC_CANCEL} of every operation on {@code fd} (5.19): {@code res} = how many were cancelled. */
    public void prepCancelAll(int fd, long userData) {
        long base = sqe(OP_ASYNC_CANCEL, fd, 0L, 0, userData);
        sqes.set(JAVA_INT, base + SQE_OP_FLAGS, ASYNC_CANCEL_FD | ASYNC_CANCEL_ALL);
    }

    /** {@code NOP}: completes with {@code res} 0; the smallest round trip through the rings. */
    public void prepNop(long userData) {
        sqe(OP_NOP, -1, 0L, 0, userData);
    }

    /** The native address of a slice, bounds-checked against the segment: the kernel cannot check it. */
    private static long address(MemorySegment buffer, long offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.byteSize());
        return buffer.address() + offset;
    }

    /** A free SQE; when the SQ is full, submits what is queued (without waiting) to make room. */
    private long claim() {
        long base = sq.next();
        if (base < 0) {
            enter(0, 0L);
            base = sq.next();
            if (base < 0) {
                throw new IllegalStateException("SQ full: the kernel took none of " + sq.entries() + " SQEs");
            }
        }
        return base;
    }

    // tag::s04-submit[]
    /**
     * Publishes every prepared SQE and, in the same {@code io_uring_enter}, waits until at least
     * {@code minComplete} completions are ready: one system call per loop turn. GETEVENTS is always
     * passed, as with DEFER_TASKRUN it is what runs the completion work at all.
     *
     * @return how many SQEs the kernel consumed
     */
    public int submitAndWait(int minComplete) {
        return enter(minComplete, 0L);
    }

    /** As {@link #submitAndWait(int)}, but gives up waiting after {@code timeoutNanos} (ETIME is not an error). */
    public int submitAndWait(int minComplete, long timeoutNanos) {
        return enter(minComplete, timeoutNanos);
    }

    private int enter(int minComplete, long timeoutNanos) {
        int flags = ENTER_GETEVENTS;
        MemorySegment arg = MemorySegment.NULL;
        long argSize = 0;
        if (timeoutNanos > 0 && minComplete > 0) {
            // EXT_ARG (5.11): arg points to io_uring_getevents_arg, whose ts points to our timespec
            timeout.set(JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
            timeout.set(JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
            flags |= ENTER_EXT_ARG;
            arg = eventsArg;
            argSize = GETEVENTS_ARG_SIZE;
        }
        while (true) {
            int toSubmit = sq.publish();
            int r = Syscalls.ioUringEnter(callState, fd, toSubmit, minComplete, flags, arg, argSize);
            if (r >= 0) {
                sq.publish(); // refresh the cached head: the kernel consumed r SQEs
                return r;
            }
            switch (-r) {
                case Errno.EINTR_NR -> { } // a signal interrupted the wait before anything was submitted: again
                case Errno.ETIME_NR -> {
                    return 0; // the wait timed out: a normal outcome for a loop that checks timers
                }
                case Errno.EAGAIN_NR, Errno.EBUSY_NR -> {
                    return 0; // no memory for requests now, or CQ overflow to reap first: drain, then retry
                }
                default -> throw new IllegalStateException(new ErrnoException("io_uring_enter", -r));
            }
        }
    }
    // end::s04-submit[]

    // ---- completion ------------------------------------------------------------------------------

    // tag::s04-overflow[]
    /**
     * Hands every ready completion to {@code handler}. When the CQ was full, the kernel (5.5+,
     * FEAT_NODROP) kept further CQEs on an internal overflow list and set IORING_SQ_CQ_OVERFLOW: an
     * {@code io_uring_enter} with GETEVENTS moves them into the now-free CQ, and we drain again.
     *
     * @return how many completions were handled
     */
    public int drain(CompletionHandler handler) {
        int handled = cq.drain(handler);
        while ((sq.kernelFlags() & SQ_CQ_OVERFLOW) != 0) {
            overflowFlushes++;
            Syscalls.ioUringEnter(callState, fd, 0, 0, ENTER_GETEVENTS, MemorySegment.NULL, 0L);
            int more = cq.drain(handler);
            if (more == 0) {
                break; // nothing moved: the flag is stale or the kernel flushes later; next turn retries
            }
            handled += more;
        }
        return handled;
    }
    // end::s04-overflow[]

    /** How many times {@link #drain} found the CQ overflowed and flushed the kernel's overflow list. */
    public long overflowFlushes() {
        return overflowFlushes;
    }

    /** CQEs the kernel had to drop outright (its overflow counter); non-zero means lost completions. */
    public int droppedCompletions() {
        return cq.dropped();
    }

    /** SQEs prepared but not yet consumed by the kernel. */
    public int pendingSubmissions() {
        return sq.pending();
    }

    // ---- what the kernel gave us -----------------------------------------------------------------

    /** The setup flags the kernel accepted (a {@link SetupFlag} mask). */
    public int setupFlags() {
        return setupFlags;
    }

    public int sqEntries() {
        return sq.entries();
    }

    public int cqEntries() {
        return cq.entries();
    }

    boolean hasFeature(int feature) {
        return (features & feature) != 0;
    }

    /** {@code "sq=256 cq=4096 flags=CLAMP|CQSIZE|..."}: for a server's ready line. */
    public String describe() {
        return "sq=" + sqEntries() + " cq=" + cqEntries() + " flags=" + SetupFlag.describe(setupFlags);
    }

    int fd() {
        return fd;
    }

    boolean isClosed() {
        return closed;
    }

    /** The opcodes this kernel supports, from IORING_REGISTER_PROBE (5.6). */
    BitSet supportedOpcodes() throws ErrnoException {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment probe = scratch.allocate(PROBE_HEADER + PROBE_OP_SIZE * PROBE_OPS, 8);
            Syscalls.ioUringRegister(callState, fd, REGISTER_PROBE, probe, PROBE_OPS);
            int lastOp = Byte.toUnsignedInt(probe.get(JAVA_BYTE, PROBE_LAST_OP));
            BitSet supported = new BitSet();
            for (int op = 0; op <= lastOp; op++) {
                short flags = probe.get(JAVA_SHORT, PROBE_HEADER + PROBE_OP_SIZE * op + PROBE_OP_FLAGS);
                if ((flags & IO_URING_OP_SUPPORTED) != 0) {
                    supported.set(op);
                }
            }
            return supported;
        }
    }

    /**
     * Unmaps the rings and the SQE array and closes the ring's descriptor; the kernel then cancels
     * whatever is still in flight. Close a {@link BufferRing} registered here first.
     */
    @Override
    public void close() throws ErrnoException {
        if (closed) {
            return;
        }
        closed = true;
        arena.close(); // runs the munmap cleanups registered by mapRegion
        Syscalls.close(fd);
    }
}
