package dev.httpcourse.stage04.uring;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;

/**
 * Sockets as raw descriptors, through libc: io_uring operates on file descriptors, and the JDK's
 * channels do not expose theirs. A listener needs {@code SO_REUSEPORT} so that each worker's ring
 * can have its own (stage 03's topology); the JDK's option for it exists, but not the fd.
 *
 * <p>These calls happen at set-up, once per listener, so each uses a short-lived confined arena for
 * its scratch memory (errno, sockaddr, option values).
 */
public final class Sockets {
    // Linux values, the same on x86-64 and aarch64
    static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOL_SOCKET = 1, SO_REUSEADDR = 2, SO_REUSEPORT = 15;
    static final int IPPROTO_TCP = 6, TCP_NODELAY = 1;
    static final int SHUT_WR = 1;
    private static final long SOCKADDR_IN_SIZE = 16, SOCKADDR_IN6_SIZE = 28, SOCKADDR_STORAGE_SIZE = 128;

    private static final MethodHandle SOCKET = Syscalls.libc("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), true);
    private static final MethodHandle SOCKETPAIR = Syscalls.libc("socketpair",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), true);
    private static final MethodHandle SETSOCKOPT = Syscalls.libc("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true);
    private static final MethodHandle BIND = Syscalls.libc("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true);
    private static final MethodHandle LISTEN = Syscalls.libc("listen",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);
    private static final MethodHandle GETSOCKNAME = Syscalls.libc("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), true);

    private Sockets() {
    }

    // tag::s04-listener[]
    /**
     * A TCP listener on {@code address}, as a raw descriptor: {@code socket}, {@code SO_REUSEADDR},
     * optionally {@code SO_REUSEPORT} (every worker binds the same port, and the kernel spreads
     * incoming connections across their queues), {@code TCP_NODELAY}, {@code bind}, {@code listen}.
     * Linux copies {@code TCP_NODELAY} from a listener to the sockets it accepts, so answers go out
     * at once, without Nagle's wait for an ACK, at the cost of one system call per listener rather
     * than one per connection.
     */
    public static int listen(InetSocketAddress address, int backlog, boolean reusePort) throws ErrnoException {
        InetAddress ip = address.getAddress();
        int family = ip instanceof Inet6Address ? AF_INET6 : AF_INET;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = Syscalls.allocateCallState(arena);
            int fd = check(cs, "socket", (int) SOCKET.invokeExact(cs, family, SOCK_STREAM | Abi.SOCK_CLOEXEC, 0));
            try {
                setInt(arena, cs, fd, SOL_SOCKET, SO_REUSEADDR, 1);
                if (reusePort) {
                    setInt(arena, cs, fd, SOL_SOCKET, SO_REUSEPORT, 1);
                }
                setInt(arena, cs, fd, IPPROTO_TCP, TCP_NODELAY, 1);
                MemorySegment sockaddr = sockaddr(arena, ip, address.getPort());
                check(cs, "bind " + address, (int) BIND.invokeExact(cs, fd, sockaddr, (int) sockaddr.byteSize()));
                check(cs, "listen", (int) LISTEN.invokeExact(cs, fd, backlog));
                return fd;
            } catch (ErrnoException | RuntimeException e) {
                Syscalls.close(fd);
                throw e;
            }
        } catch (ErrnoException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
    // end::s04-listener[]

    /** The port a socket is bound to (after binding port 0, the one the kernel chose). */
    public static int localPort(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = Syscalls.allocateCallState(arena);
            MemorySegment sockaddr = arena.allocate(SOCKADDR_STORAGE_SIZE, 8);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, (int) SOCKADDR_STORAGE_SIZE);
            check(cs, "getsockname", (int) GETSOCKNAME.invokeExact(cs, fd, sockaddr, length));
            // sin_port and sin6_port are both at byte 2, in network order
            return Short.toUnsignedInt(sockaddr.get(JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2));
        } catch (ErrnoException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** A connected pair of Unix stream sockets: two descriptors to test sends and receives with. */
    public static int[] socketPair() throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = Syscalls.allocateCallState(arena);
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            check(cs, "socketpair", (int) SOCKETPAIR.invokeExact(cs, AF_UNIX, SOCK_STREAM | Abi.SOCK_CLOEXEC, 0, fds));
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (ErrnoException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Closes a descriptor with a direct {@code close(2)} (not through a ring). */
    public static void close(int fd) throws ErrnoException {
        Syscalls.close(fd);
    }

    private static void setInt(Arena arena, MemorySegment cs, int fd, int level, int option, int value) throws Throwable {
        MemorySegment v = arena.allocate(JAVA_INT);
        v.set(JAVA_INT, 0, value);
        check(cs, "setsockopt " + option, (int) SETSOCKOPT.invokeExact(cs, fd, level, option, v, 4));
    }

    /** {@code struct sockaddr_in} or {@code sockaddr_in6}: family in host order, port and address in network order. */
    private static MemorySegment sockaddr(Arena arena, InetAddress ip, int port) {
        byte[] raw = ip.getAddress();
        boolean v4 = ip instanceof Inet4Address;
        MemorySegment s = arena.allocate(v4 ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE, 4);
        s.set(JAVA_SHORT_UNALIGNED, 0, (short) (v4 ? AF_INET : AF_INET6));
        s.set(JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) port);
        long addressOffset = v4 ? 4 : 8; // sin_addr; sin6_addr after sin6_flowinfo
        MemorySegment.copy(raw, 0, s, JAVA_BYTE, addressOffset, raw.length);
        return s;
    }

    private static int check(MemorySegment callState, String call, int result) throws ErrnoException {
        if (result < 0) {
            throw new ErrnoException(call, Syscalls.errno(callState));
        }
        return result;
    }
}
