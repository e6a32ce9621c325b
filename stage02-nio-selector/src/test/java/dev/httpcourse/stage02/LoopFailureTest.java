package dev.httpcourse.stage02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.server.ServerFailure;
import dev.httpcourse.common.server.ConnectionLimit;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A loop that cannot go on closes its clients' connections and says why, rather than leave them hanging. */
@Timeout(30)
class LoopFailureTest {

    @Test
    void aLoopThatDiesClosesItsConnectionsAndReportsWhy() throws Exception {
        var failure = new ServerFailure();
        var reported = new CountDownLatch(1);
        failure.whenReported(why -> reported.countDown());
        EventLoop loop = new EventLoop("failing-loop", App.withBundledDataset(), Limits.defaults(), new ResponseEncoder(),
                new ConnectionLimit(10), BufferPool.Kind.HEAP, failure);
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            loop.listen(listener);
            loop.start();
            try (Socket first = new Socket(InetAddress.getLoopbackAddress(), listener.socket().getLocalPort())) {
                first.setSoTimeout(5000);
                first.getOutputStream().write("GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = first.getInputStream();
                assertTrue(new String(in.readNBytes(12), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
                loop.adopt(new Failing()); // an Error where no handler expects one
                assertTrue(reported.await(5, TimeUnit.SECONDS), "the dying loop reports why");
                assertTrue(failure.reason().contains("planted"), failure.reason());
                int next;
                do {
                    next = in.read();
                } while (next >= 0);
                assertEquals(-1, next, "the first client's connection ends");
            }
        } finally {
            loop.stop();
        }
    }

    /** A channel whose first use by the loop throws an {@code Error}. */
    private static final class Failing extends SocketChannel {
        Failing() {
            super(SelectorProvider.provider());
        }

        @Override
        protected void implConfigureBlocking(boolean block) {
            throw new OutOfMemoryError("planted in a hand-off");
        }

        @Override
        protected void implCloseSelectableChannel() {
        }

        @Override
        public SocketChannel bind(SocketAddress local) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> SocketChannel setOption(SocketOption<T> name, T value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T getOption(SocketOption<T> name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<SocketOption<?>> supportedOptions() {
            return Set.of();
        }

        @Override
        public SocketChannel shutdownInput() {
            return this;
        }

        @Override
        public SocketChannel shutdownOutput() {
            return this;
        }

        @Override
        public Socket socket() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public boolean isConnectionPending() {
            return false;
        }

        @Override
        public boolean connect(SocketAddress remote) {
            return true;
        }

        @Override
        public boolean finishConnect() {
            return true;
        }

        @Override
        public SocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return -1;
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            return -1;
        }

        @Override
        public int write(ByteBuffer src) {
            return 0;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            return 0;
        }

        @Override
        public SocketAddress getLocalAddress() {
            return null;
        }
    }
}
