package dev.httpcourse.stage04.uring;

import java.io.IOException;

/**
 * A system call failed: it returned -1 and set {@code errno}. Carries the number so that a caller
 * can tell "io_uring is blocked" ({@link Errno#EPERM}) from "this kernel lacks it" ({@link Errno#ENOSYS}).
 */
public final class ErrnoException extends IOException {
    private final int errno;
    private final String call;

    public ErrnoException(String call, int errno) {
        super(call + ": " + Errno.describe(errno));
        this.call = call;
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** The named errno, or {@code null} when the table does not know the number. */
    public Errno name() {
        return Errno.of(errno);
    }

    /** The call that failed, e.g. {@code "io_uring_setup"}. */
    public String call() {
        return call;
    }

    public boolean is(Errno e) {
        return errno == e.number();
    }
}
