package dev.httpcourse.stage02;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

// tag::s02-output-queue[]
/**
 * A connection's responses on their way out. Responses are copied into one pooled buffer, so that a
 * batch of pipelined answers leaves in one {@code write}; what does not fit waits as references to
 * the response's arrays (no copy) and moves into the buffer as the socket takes bytes.
 *
 * <p>{@link #backedUp()} once more than {@link #BOUND} bytes wait: the connection then stops taking
 * requests and stops reading, which is how a client that never reads is kept from growing the heap.
 */
final class OutputQueue implements ResponseOutput {
    /** Queued bytes beyond which a connection takes no more requests until the client reads. */
    static final int BOUND = 64 * 1024;

    private final BufferPool pool;
    private final ArrayDeque<ByteBuffer> overflow = new ArrayDeque<>(0);
    private ByteBuffer buffer; // being filled: position is the end of the queued bytes
    private long queued;
    // end::s02-output-queue[]

    OutputQueue(BufferPool pool) {
        this.pool = pool;
    }

    @Override
    public void append(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        if (buffer == null) {
            buffer = pool.take();
        }
        queued += bytes.length;
        if (overflow.isEmpty()) {
            int n = Math.min(bytes.length, buffer.remaining());
            buffer.put(bytes, 0, n);
            if (n < bytes.length) {
                overflow.addLast(ByteBuffer.wrap(bytes, n, bytes.length - n));
            }
        } else {
            overflow.addLast(ByteBuffer.wrap(bytes));
        }
    }

    @Override
    public boolean backedUp() {
        return queued > BOUND;
    }

    boolean isEmpty() {
        return queued == 0;
    }

    // tag::s02-flush[]
    /**
     * Writes as much as the socket takes without blocking.
     *
     * @return the bytes written; {@link #isEmpty()} tells whether everything went
     */
    long writeTo(SocketChannel channel) throws IOException {
        // tag::step-1-write[]
        long written = 0;
        while (buffer != null) {
            buffer.flip();
            int n = channel.write(buffer);
            buffer.compact();
            written += n;
            queued -= n;
            if (buffer.position() > 0) {
                return written; // the socket's send buffer is full: the rest waits for OP_WRITE
            }
            if (overflow.isEmpty()) {
                pool.give(buffer); // nothing partial left: the buffer goes back to the pool
                buffer = null;
            } else {
                refill();
            }
        }
        return written;
        // end::step-1-write[]
    }
    // end::s02-flush[]

    private void refill() {
        while (buffer.hasRemaining() && !overflow.isEmpty()) {
            ByteBuffer next = overflow.peekFirst();
            int n = Math.min(next.remaining(), buffer.remaining());
            buffer.put(buffer.position(), next, next.position(), n);
            buffer.position(buffer.position() + n);
            next.position(next.position() + n);
            if (!next.hasRemaining()) {
                overflow.pollFirst();
            }
        }
    }

    /** Drops whatever is queued, returning the buffer: the connection is closing. */
    void discard() {
        if (buffer != null) {
            pool.give(buffer);
            buffer = null;
        }
        overflow.clear();
        queued = 0;
    }
}
