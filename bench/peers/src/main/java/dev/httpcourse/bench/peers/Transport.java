package dev.httpcourse.bench.peers;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.util.Arrays;
import java.util.List;

/** The event-loop back ends Netty 4.2 offers on Linux (and Vert.x on top of it), each an I/O handler factory and a server channel. */
public enum Transport {
    EPOLL("epoll"),
    IO_URING("io_uring"),
    NIO("nio");

    private final String cliName;

    Transport(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line and in reports: {@code epoll}, {@code io_uring}, {@code nio}. */
    public String cliName() {
        return cliName;
    }

    IoHandlerFactory ioHandlerFactory() {
        return switch (this) {
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    Class<? extends ServerChannel> serverChannel() {
        return switch (this) {
            case EPOLL -> EpollServerSocketChannel.class;
            case IO_URING -> IoUringServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    /** The same back end as Vert.x names it (Vert.x runs on Netty's transports). */
    io.vertx.core.transport.Transport vertxTransport() {
        return switch (this) {
            case EPOLL -> io.vertx.core.transport.Transport.EPOLL;
            case IO_URING -> io.vertx.core.transport.Transport.IO_URING;
            case NIO -> io.vertx.core.transport.Transport.NIO;
        };
    }

    /** Whether the native library loaded and the kernel allows the transport here. */
    public boolean isAvailable() {
        return switch (this) {
            case EPOLL -> Epoll.isAvailable();
            case IO_URING -> IoUring.isAvailable();
            case NIO -> true;
        };
    }

    /** Why the transport is not available (a seccomp filter, {@code kernel.io_uring_disabled}, not Linux), or null. */
    public String unavailabilityReason() {
        Throwable cause = switch (this) {
            case EPOLL -> Epoll.unavailabilityCause();
            case IO_URING -> IoUring.unavailabilityCause();
            case NIO -> null;
        };
        if (cause == null) {
            return null;
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** Names accepted by {@code --transport}. */
    static List<String> cliNames() {
        return Arrays.stream(values()).map(Transport::cliName).toList();
    }

    /** For picocli's {@code ${COMPLETION-CANDIDATES}} in the help. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return cliNames().iterator();
        }
    }
}
