package dev.httpcourse.stage04.uring;

/**
 * Offsets and constants of the kernel's io_uring ABI, from {@code include/uapi/linux/io_uring.h}.
 * Byte offsets are {@code long} so that {@code segment.set(JAVA_INT, base + OFF, v)} needs no widening;
 * all structures are little-endian with natural alignment on the two architectures we run on.
 */
final class Abi {
    private Abi() {
    }

    // struct io_uring_params (120 bytes); sq_off and cq_off are filled in by the kernel
    static final long PARAMS_SIZE = 120;
    static final long P_SQ_ENTRIES = 0, P_CQ_ENTRIES = 4, P_FLAGS = 8, P_FEATURES = 20, P_SQ_OFF = 40, P_CQ_OFF = 80;

    // struct io_sqring_offsets, relative to P_SQ_OFF
    static final long SQO_HEAD = 0, SQO_TAIL = 4, SQO_RING_MASK = 8, SQO_RING_ENTRIES = 12, SQO_FLAGS = 16,
            SQO_DROPPED = 20, SQO_ARRAY = 24;
    // struct io_cqring_offsets, relative to P_CQ_OFF
    static final long CQO_HEAD = 0, CQO_TAIL = 4, CQO_RING_MASK = 8, CQO_RING_ENTRIES = 12, CQO_OVERFLOW = 16,
            CQO_CQES = 20;

    // mmap offsets selecting which region of the ring fd to map
    static final long OFF_SQ_RING = 0L, OFF_CQ_RING = 0x8000000L, OFF_SQES = 0x10000000L;

    // struct io_uring_sqe (64 bytes)
    static final long SQE_SIZE = 64;
    static final long SQE_OPCODE = 0, SQE_FLAGS = 1, SQE_IOPRIO = 2, SQE_FD = 4, SQE_OFF = 8, SQE_ADDR = 16,
            SQE_LEN = 24, SQE_OP_FLAGS = 28, SQE_USER_DATA = 32, SQE_BUF_GROUP = 40, SQE_PERSONALITY = 42,
            SQE_FILE_INDEX = 44, SQE_ADDR3 = 48, SQE_PAD = 56;

    // struct io_uring_cqe (16 bytes, without CQE32)
    static final long CQE_SIZE = 16;
    static final long CQE_USER_DATA = 0, CQE_RES = 8, CQE_FLAGS = 12;

    // IORING_FEAT_*: what the kernel reports in params.features
    static final int FEAT_SINGLE_MMAP = 1 << 0, FEAT_NODROP = 1 << 1, FEAT_EXT_ARG = 1 << 8;

    // IORING_SQ_* flags the kernel sets in the SQ ring's flags word
    static final int SQ_NEED_WAKEUP = 1 << 0, SQ_CQ_OVERFLOW = 1 << 1, SQ_TASKRUN = 1 << 2;

    // IORING_ENTER_*
    static final int ENTER_GETEVENTS = 1, ENTER_EXT_ARG = 1 << 3;

    // opcodes (enum io_uring_op)
    static final byte OP_NOP = 0, OP_ACCEPT = 13, OP_ASYNC_CANCEL = 14, OP_CLOSE = 19, OP_SEND = 26, OP_RECV = 27,
            OP_SHUTDOWN = 34;
    static final int OP_LAST_NEEDED = OP_SHUTDOWN;

    // IOSQE_* (sqe.flags)
    static final byte IOSQE_BUFFER_SELECT = 1 << 5;
    // sqe.ioprio for ACCEPT and RECV/SEND
    static final short ACCEPT_MULTISHOT = 1 << 0, RECV_MULTISHOT = 1 << 1;
    // sqe.cancel_flags
    static final int ASYNC_CANCEL_ALL = 1 << 0, ASYNC_CANCEL_FD = 1 << 1;

    // io_uring_register opcodes
    static final int REGISTER_PROBE = 8, REGISTER_PBUF_RING = 22, UNREGISTER_PBUF_RING = 23;

    // struct io_uring_probe (16-byte header, then 8-byte io_uring_probe_op entries)
    static final long PROBE_HEADER = 16, PROBE_OP_SIZE = 8, PROBE_LAST_OP = 0, PROBE_OP_FLAGS = 2;
    static final int PROBE_OPS = 256, IO_URING_OP_SUPPORTED = 1;

    // struct io_uring_getevents_arg (24 bytes) and struct __kernel_timespec (16 bytes)
    static final long GETEVENTS_ARG_SIZE = 24, GEA_TS = 16, TIMESPEC_SIZE = 16;

    // struct io_uring_buf (16 bytes) in a provided buffer ring; the ring's u16 tail overlays bufs[0].resv
    static final long BUF_SIZE = 16, BUF_ADDR = 0, BUF_LEN = 8, BUF_BID = 12, BUF_RING_TAIL = 14;
    // struct io_uring_buf_reg (40 bytes)
    static final long BUF_REG_SIZE = 40, BR_RING_ADDR = 0, BR_RING_ENTRIES = 8, BR_BGID = 12;

    // socket flags (Linux, x86-64 and aarch64)
    static final int SOCK_CLOEXEC = 0x80000, MSG_NOSIGNAL = 0x4000;
}
