package dev.httpcourse.stage04.uring;

/** The flags a completion carries ({@code IORING_CQE_F_*}) and how to read them. */
public final class Cqe {
    /** {@code res} is a read into a provided buffer, whose id is {@link #bufferId(int)}. */
    public static final int F_BUFFER = 1;
    /** A multishot operation posted this CQE and stays armed; without it, the operation has ended. */
    public static final int F_MORE = 1 << 1;
    /** After a recv: the socket had more data when the CQE was posted. */
    public static final int F_SOCK_NONEMPTY = 1 << 2;
    private static final int BUFFER_SHIFT = 16;

    private Cqe() {
    }

    public static boolean hasMore(int flags) {
        return (flags & F_MORE) != 0;
    }

    public static boolean hasBuffer(int flags) {
        return (flags & F_BUFFER) != 0;
    }

    /** The provided buffer's id, valid when {@link #hasBuffer(int)}. */
    public static int bufferId(int flags) {
        return flags >>> BUFFER_SHIFT;
    }
}
