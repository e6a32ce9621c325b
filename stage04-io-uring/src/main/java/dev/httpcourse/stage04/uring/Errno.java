package dev.httpcourse.stage04.uring;

/**
 * The errno values this binding meets, by their Linux numbers (the same on x86-64 and aarch64, both
 * use {@code asm-generic/errno-base.h} and {@code errno.h}). A syscall reports one through the
 * captured {@code errno}; an io_uring operation reports one as a negative {@code cqe.res}.
 */
public enum Errno {
    EPERM(1, "operation not permitted"),
    ENOENT(2, "no such file or directory"),
    EINTR(4, "interrupted system call"),
    EIO(5, "input/output error"),
    EBADF(9, "bad file descriptor"),
    EAGAIN(11, "resource temporarily unavailable"),
    ENOMEM(12, "cannot allocate memory"),
    EACCES(13, "permission denied"),
    EFAULT(14, "bad address"),
    EBUSY(16, "device or resource busy"),
    EEXIST(17, "file exists"),
    EINVAL(22, "invalid argument"),
    ENFILE(23, "too many open files in system"),
    EMFILE(24, "too many open files"),
    EPIPE(32, "broken pipe"),
    ENOSYS(38, "function not implemented"),
    EBADR(53, "invalid request descriptor"),
    ETIME(62, "timer expired"),
    EOVERFLOW(75, "value too large for defined data type"),
    ENOTSOCK(88, "socket operation on non-socket"),
    EOPNOTSUPP(95, "operation not supported"),
    EADDRINUSE(98, "address already in use"),
    EADDRNOTAVAIL(99, "cannot assign requested address"),
    ECONNABORTED(103, "software caused connection abort"),
    ECONNRESET(104, "connection reset by peer"),
    ENOBUFS(105, "no buffer space available"),
    ENOTCONN(107, "transport endpoint is not connected"),
    ETIMEDOUT(110, "connection timed out"),
    ECONNREFUSED(111, "connection refused"),
    EALREADY(114, "operation already in progress"),
    ECANCELED(125, "operation canceled");

    private static final Errno[] BY_NUMBER = new Errno[128];

    static {
        for (Errno e : values()) {
            BY_NUMBER[e.number] = e;
        }
    }

    /** Numbers as constants, for {@code switch} over {@code -cqe.res} on the hot path without a lookup. */
    public static final int EINTR_NR = 4, EAGAIN_NR = 11, EBUSY_NR = 16, ETIME_NR = 62, ENOBUFS_NR = 105,
            ECANCELED_NR = 125, ECONNRESET_NR = 104, EPIPE_NR = 32, EBADF_NR = 9;

    private final int number;
    private final String description;

    Errno(int number, String description) {
        this.number = number;
        this.description = description;
    }

    public int number() {
        return number;
    }

    public String description() {
        return description;
    }

    /** The named errno, or {@code null} for a number this table does not know. */
    public static Errno of(int number) {
        return number > 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /** {@code "EBADF (bad file descriptor)"}, or {@code "errno 200"} for an unknown number. */
    public static String describe(int number) {
        Errno e = of(number);
        return e == null ? "errno " + number : e.name() + " (" + e.description + ")";
    }
}
