package dev.httpcourse.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * One connection as the suite's clients use it: a blocking socket with {@code TCP_NODELAY}, so each
 * write leaves at once as its own segment, and a read timeout, so a hung server fails the test. It
 * keeps a {@link Transcript} of what went over it, for the failure report of a case.
 */
final class Client implements AutoCloseable {
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    static final String HOST = "127.0.0.1";

    private final Socket socket;
    private final OutputStream out;
    private final ResponseReader reader;
    private final Transcript transcript = new Transcript();

    private Client(Socket socket, Duration readTimeout) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new ResponseReader(socket.getInputStream(), readTimeout.toMillis() + " ms", transcript);
    }

    static Client connect(int port) throws IOException {
        return connect(port, READ_TIMEOUT);
    }

    static Client connect(int port, Duration readTimeout) throws IOException {
        return connect(port, readTimeout, 0);
    }

    /**
     * @param receiveBuffer the socket's receive buffer in bytes, set before connecting (so the window
     *                      is small from the start), or 0 for the system's default
     */
    static Client connect(int port, Duration readTimeout, int receiveBuffer) throws IOException {
        var socket = new Socket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) readTimeout.toMillis());
            socket.connect(new InetSocketAddress(HOST, port), (int) READ_TIMEOUT.toMillis());
            return new Client(socket, readTimeout);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    void send(byte[] bytes) throws IOException {
        transcript.wrote(bytes, 0, bytes.length);
        out.write(bytes);
        out.flush();
    }

    void send(String text) throws IOException {
        send(Bytes.latin1(text));
    }

    /**
     * Sends, tolerating a server that has already answered and closed: the response that explains why
     * is still to be read.
     *
     * @return the failure, or null
     */
    IOException sendQuietly(byte[] bytes, int from, int length) {
        transcript.wrote(bytes, from, length);
        try {
            out.write(bytes, from, length);
            out.flush();
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    RawResponse read() throws IOException {
        return reader.read(false);
    }

    /** Reads the response to a HEAD request: fields only. */
    RawResponse readToHead() throws IOException {
        return reader.read(true);
    }

    RawResponse read(boolean toHead) throws IOException {
        return reader.read(toHead);
    }

    /** The next response, or null when the server closes the connection instead. */
    RawResponse readOrClose() throws IOException {
        return reader.readOrClose(false);
    }

    void assertServerCloses() throws IOException {
        reader.assertServerCloses();
    }

    /** The server closes with a FIN (EOF), not a reset, and sends nothing more first. */
    void assertServerClosesGracefully(String context) throws IOException {
        reader.assertServerClosesGracefully(context);
    }

    /** Closes with SO_LINGER 0: the kernel sends RST and drops whatever is unsent. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /**
     * After a failure: reads whatever else the server sends within a moment, so that the report shows
     * how the connection ended (a close, or nothing), not only the response that failed.
     */
    void settle() {
        if (transcript.ending() != null || socket.isClosed()) {
            return;
        }
        byte[] rest = new byte[4096];
        try {
            socket.setSoTimeout(300);
            var in = socket.getInputStream();
            for (long total = 0; total < Transcript.KEPT; ) {
                int n = in.read(rest);
                if (n < 0) {
                    transcript.ended("the server closed the connection");
                    return;
                }
                transcript.read(rest, 0, n);
                total += n;
            }
        } catch (java.net.SocketTimeoutException e) {
            transcript.ended("the connection was still open");
        } catch (IOException e) {
            transcript.ended("the server reset the connection");
        }
    }

    /** What went over this connection so far. */
    Transcript transcript() {
        return transcript;
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
