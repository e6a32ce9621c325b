package dev.httpcourse.stage04.uring;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The only native calls of the binding: the three io_uring system calls through libc's
 * {@code syscall(2)}, and libc's {@code mmap}, {@code munmap} and {@code close}. Everything else
 * (writing SQEs, reading CQEs, moving ring heads and tails) is plain memory access from Java.
 *
 * <p>Every handle is {@code static final} and called with {@code invokeExact}, so the JIT links it
 * once and inlines the call site; argument types match the descriptors exactly (no boxing, no
 * {@code asType} adaptation).
 *
 * <p>A failed call returns -1 and leaves its reason in {@code errno}, which the JVM may overwrite
 * before Java code could read it; {@code captureCallState("errno")} copies it, right after the call,
 * into a small segment the caller passes as first argument. Callers on the hot path pass one
 * allocated once by their loop thread in a confined arena; setup-time callers allocate one per call.
 */
@SuppressWarnings("restricted") // native calls and raw addresses are this class's job; the JVM runs it with --enable-native-access
final class Syscalls {
    static final Linker LINKER = Linker.nativeLinker();
    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    // Linux system call numbers: the same on x86-64 and aarch64 (io_uring came after the tables merged)
    static final long NR_IO_URING_SETUP = 425;
    static final long NR_IO_URING_ENTER = 426;
    static final long NR_IO_URING_REGISTER = 427;

    // tag::s04-syscall-downcall[]
    private static final MemorySegment SYSCALL = LINKER.defaultLookup().find("syscall").orElseThrow();

    /**
     * {@code long syscall(long number, ...)}: everything after the number is variadic, and the
     * Linker must be told ({@code firstVariadicArg(1)}), since a variadic call may pass arguments
     * differently from a fixed one. Variadic arguments must be of promoted C types: int, long and
     * pointers are; a {@code short} would not be.
     */
    private static final MethodHandle IO_URING_SETUP = LINKER.downcallHandle(SYSCALL,
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS),
            Linker.Option.firstVariadicArg(1), CAPTURE_ERRNO);

    /**
     * {@code io_uring_enter(fd, to_submit, min_complete, flags, arg, argsz)}. Never linked with
     * {@code Linker.Option.critical}: a critical call stays in the Java thread state, and a thread
     * blocked here waiting for completions would hold up every safepoint, hence every GC.
     */
    private static final MethodHandle IO_URING_ENTER = LINKER.downcallHandle(SYSCALL,
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG),
            Linker.Option.firstVariadicArg(1), CAPTURE_ERRNO);

    private static final MethodHandle IO_URING_REGISTER = LINKER.downcallHandle(SYSCALL,
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT),
            Linker.Option.firstVariadicArg(1), CAPTURE_ERRNO);
    // end::s04-syscall-downcall[]

    private static final MethodHandle MMAP = libc("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), true);
    private static final MethodHandle MUNMAP = libc("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), false);
    private static final MethodHandle CLOSE = libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), true);

    static final int PROT_READ_WRITE = 0x1 | 0x2;
    static final int MAP_SHARED = 0x01;
    static final int MAP_PRIVATE = 0x02;
    static final int MAP_ANONYMOUS = 0x20;
    static final int MAP_POPULATE = 0x8000;

    private Syscalls() {
    }

    static MethodHandle libc(String name, FunctionDescriptor descriptor, boolean captureErrno) {
        MemorySegment symbol = LINKER.defaultLookup().find(name).orElseThrow();
        return captureErrno ? LINKER.downcallHandle(symbol, descriptor, CAPTURE_ERRNO)
                : LINKER.downcallHandle(symbol, descriptor);
    }

    /** A segment to receive {@code errno}; allocate once per thread (or per setup-time call). */
    static MemorySegment allocateCallState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    /** {@code io_uring_setup(2)}: the new ring's file descriptor; fills {@code params} in. */
    static int ioUringSetup(MemorySegment callState, int entries, MemorySegment params) throws ErrnoException {
        long r;
        try {
            r = (long) IO_URING_SETUP.invokeExact(callState, NR_IO_URING_SETUP, entries, params);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r < 0) {
            throw new ErrnoException("io_uring_setup", errno(callState));
        }
        return (int) r;
    }

    /**
     * {@code io_uring_enter(2)}, on the hot path: returns the count of SQEs consumed, or
     * {@code -errno} (as the kernel reports it in a CQE), so that EINTR, EAGAIN, EBUSY and ETIME
     * cost no exception.
     */
    static int ioUringEnter(MemorySegment callState, int ringFd, int toSubmit, int minComplete, int flags,
                            MemorySegment arg, long argSize) {
        long r;
        try {
            r = (long) IO_URING_ENTER.invokeExact(callState, NR_IO_URING_ENTER, ringFd, toSubmit, minComplete, flags,
                    arg, argSize);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        return r < 0 ? -errno(callState) : (int) r;
    }

    /** {@code io_uring_register(2)}: the call's non-negative result. */
    static int ioUringRegister(MemorySegment callState, int ringFd, int opcode, MemorySegment arg, int nrArgs)
            throws ErrnoException {
        long r;
        try {
            r = (long) IO_URING_REGISTER.invokeExact(callState, NR_IO_URING_REGISTER, ringFd, opcode, arg, nrArgs);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r < 0) {
            throw new ErrnoException("io_uring_register", errno(callState));
        }
        return (int) r;
    }

    /** {@code mmap(2)}; the result is a zero-length segment at the mapping's address. */
    static MemorySegment mmap(MemorySegment callState, long length, int prot, int flags, int fd, long offset)
            throws ErrnoException {
        MemorySegment r;
        try {
            r = (MemorySegment) MMAP.invokeExact(callState, MemorySegment.NULL, length, prot, flags, fd, offset);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r.address() == -1L) { // MAP_FAILED
            throw new ErrnoException("mmap", errno(callState));
        }
        return r;
    }

    /** {@code munmap(2)}: can only fail for a bad address or length, a bug, hence no errno. */
    static void munmap(MemorySegment address, long length) {
        int r;
        try {
            r = (int) MUNMAP.invokeExact(address, length);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r != 0) {
            throw new IllegalStateException("munmap failed for " + length + " bytes at 0x" + Long.toHexString(address.address()));
        }
    }

    /** {@code close(2)}; EINTR is not retried, as on Linux the descriptor is released even then. */
    static void close(MemorySegment callState, int fd) throws ErrnoException {
        int r;
        try {
            r = (int) CLOSE.invokeExact(callState, fd);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r != 0 && errno(callState) != Errno.EINTR.number()) {
            throw new ErrnoException("close", errno(callState));
        }
    }

    /** {@link #close(MemorySegment, int)} for setup and teardown paths, with its own scratch memory. */
    static void close(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            close(allocateCallState(arena), fd);
        }
    }
}
