package dev.httpcourse.stage01;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A socket's output that remembers since when its current write has been blocked. A blocking
 * socket write has no timeout in Java ({@code SO_TIMEOUT} covers reads only), so without this a
 * client that stops reading would hold its connection's thread for ever; the server's watchdog asks
 * {@link #blockedLongerThan} and closes such connections.
 *
 * <p>Writes go down in pieces of at most {@link #PIECE} bytes, so that a large body sent to a slow
 * but live reader counts as progress, piece by piece, rather than as one long stall.
 */
final class TimedOutputStream extends FilterOutputStream {
    static final int PIECE = 64 * 1024;

    /** System.nanoTime() when the write in progress began, or 0 when none is. */
    private volatile long writingSince;

    TimedOutputStream(OutputStream socketOutput) {
        super(socketOutput);
    }

    // tag::s01-timed-write[]
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int done = 0; done < len; ) {
            int n = Math.min(PIECE, len - done);
            writingSince = System.nanoTime() | 1; // never 0, which means "not writing"
            try {
                out.write(b, off + done, n);
            } finally {
                writingSince = 0;
            }
            done += n;
        }
    }
    // end::s01-timed-write[]

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    boolean blockedLongerThan(long nanos, long now) {
        long since = writingSince;
        return since != 0 && now - since > nanos;
    }
}
