package dev.httpcourse.stage01;

import java.io.FilterInputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input with a deadline: before each read it sets {@code SO_TIMEOUT} to the time left,
 * so a slowloris client sending one byte a second cannot stretch a 10 s header timeout forever, as
 * it could with a plain per-read timeout.
 *
 * <p>Before each read it also flushes the connection's pending responses: a read may block, and a
 * server must never wait for a client while holding answers that client may be waiting for.
 */
final class DeadlineInputStream extends FilterInputStream {
    private final Socket socket;
    private final Flushable pendingOutput;
    private long deadlineNanos = Long.MAX_VALUE;
    private long perReadMillis;

    DeadlineInputStream(Socket socket, Flushable pendingOutput) throws IOException {
        super(socket.getInputStream());
        this.socket = socket;
        this.pendingOutput = pendingOutput;
    }

    // tag::s01-deadline[]
    /** Every read from now on must complete before {@code millis} from now, all reads together. */
    void expireIn(long millis) {
        deadlineNanos = System.nanoTime() + millis * 1_000_000;
        perReadMillis = 0;
    }

    /** From now on each read on its own may wait {@code millis}. */
    void eachReadWithin(long millis) {
        deadlineNanos = Long.MAX_VALUE;
        perReadMillis = millis;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long millis = perReadMillis;
        // tag::step-6-deadline[]
        if (deadlineNanos != Long.MAX_VALUE) {
            millis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (millis <= 0) {
                throw new SocketTimeoutException("deadline passed");
            }
        }
        // end::step-6-deadline[]
        // tag::step-2-flush-before-read[]
        pendingOutput.flush();
        // end::step-2-flush-before-read[]
        socket.setSoTimeout((int) Math.min(millis, Integer.MAX_VALUE));
        return super.read(b, off, len);
    }
    // end::s01-deadline[]

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }
}
