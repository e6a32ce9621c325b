package dev.httpcourse.bench.load.generator;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection: it keeps one request template until it reconnects, keeps up to
 * {@code pipeline} requests in flight (refilling as responses arrive, as gcannon does), and after
 * {@code reconnectEvery} responses closes with a reset and reconnects with the next template.
 *
 * <p>Requests go out from the template's repeated buffer: {@code unwritten} bytes starting at
 * {@code writeOffset}, so k pipelined requests are one write, and a partial write of a 10 MiB upload
 * resumes where it stopped. Send times sit in a ring of {@code pipeline} slots; responses come back in
 * order (RFC 9112 section 9.3.2), so the oldest slot is always the one answered.
 */
final class Connection {
    private final Worker worker;
    private final long[] sentAt;
    private final ResponseParser parser = new ResponseParser();
    private int template;
    private SocketChannel channel;
    private SelectionKey key;
    private boolean connecting;
    private ByteBuffer out;
    private int requestLength;
    private long unwritten;
    private int writeOffset;
    private int sent;
    private int received;
    private boolean checked;
    long retryAt;

    Connection(Worker worker, int template) {
        this.worker = worker;
        this.template = template;
        this.sentAt = new long[worker.pipeline];
    }

    /** Opens a new connection with the current template; a failure counts and schedules a retry. */
    void open() {
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            out = worker.buffers[template].duplicate();
            requestLength = worker.templates.get(template).length();
            unwritten = 0;
            writeOffset = 0;
            sent = 0;
            received = 0;
            // The first response on a connection's first template is always checked; later ones by sample.
            parser.reset(!checked || worker.sampleNext());
            checked = true;
            connecting = true;
            connecting = !channel.connect(worker.address);
            key = channel.register(worker.selector, connecting ? SelectionKey.OP_CONNECT : SelectionKey.OP_READ, this);
            if (!connecting) {
                fill(System.nanoTime());
            }
        } catch (IOException e) {
            fail(System.nanoTime(), e);
        }
    }

    void onReady(SelectionKey ready) {
        long now = System.nanoTime();
        try {
            if (ready.isConnectable()) {
                channel.finishConnect();
                connecting = false;
                key.interestOps(SelectionKey.OP_READ);
                fill(now);
                return;
            }
            if (ready.isWritable()) {
                flush();
            }
            if (ready.isReadable()) {
                read(now);
            }
        } catch (ResponseParseException e) {
            worker.note("unparsable response: " + e.getMessage());
            Tally t = worker.tally(now);
            if (t != null) {
                t.parse++;
            }
            close(true);
            next();
            worker.retryLater(this, now);
        } catch (IOException e) {
            fail(now, e);
        }
    }

    /** No request waiting for an answer or to be written. */
    boolean idle() {
        return channel == null || (!connecting && sent == received && unwritten == 0);
    }

    /** Requests sent (or queued to be sent) and not answered yet. */
    int unanswered() {
        return channel == null ? 0 : sent - received;
    }

    void close(boolean reset) {
        if (channel == null) {
            return;
        }
        try {
            if (reset) {
                // SO_LINGER 0: close sends RST, as gcannon's -r does; no FIN handshake, no TIME_WAIT.
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        channel = null;
        key = null;
    }

    private void read(long now) throws IOException {
        ByteBuffer in = worker.readBuffer;
        while (true) {
            in.clear();
            int n = channel.read(in);
            if (n < 0) {
                closedByServer(now);
                return;
            }
            if (n == 0) {
                break;
            }
            in.flip();
            while (in.hasRemaining()) {
                if (parser.parse(in) && !responded(now)) {
                    return;
                }
            }
            if (in.limit() < in.capacity()) {
                break;
            }
        }
        if (worker.reconnectEvery > 0 && received == worker.reconnectEvery) {
            close(true);
            next();
            reopen();
        } else {
            fill(now);
        }
    }

    /** Accounts one response; false when the connection was closed because the server asked to. */
    private boolean responded(long now) {
        if (received == sent) {
            worker.note("response to no request (status " + parser.status() + ")");
        }
        long latency = now - sentAt[received % sentAt.length];
        received++;
        Tally t = worker.tally(now);
        int status = parser.status();
        boolean ok = status >= 200 && status < 300;
        boolean bodyOk = !parser.bodyKept()
                || worker.templates.get(template).check().matches(parser.body(), parser.keptLength());
        if (!ok) {
            worker.note("status " + status + " for " + worker.templates.get(template).name());
        } else if (!bodyOk) {
            worker.note("wrong body for " + worker.templates.get(template).name() + ": expected "
                    + worker.templates.get(template).check() + ", got '" + preview() + "'");
        }
        if (t != null) {
            if (!ok) {
                t.non2xx++;
            } else if (!bodyOk) {
                t.badBody++;
            } else {
                t.completed(latency);
            }
        }
        boolean close = parser.closeRequested();
        parser.reset(worker.sampleNext());
        if (close) {
            lost(now, sent - received);
            close(false);
            next();
            reopen();
            return false;
        }
        return true;
    }

    private void closedByServer(long now) {
        // A close with nothing outstanding is an idle timeout, not an error.
        if (sent != received || unwritten > 0) {
            worker.note("server closed a connection with " + (sent - received) + " requests in flight");
            lost(now, sent - received);
        }
        close(false);
        next();
        reopen();
    }

    private void fail(long now, IOException e) {
        Tally t = worker.tally(now);
        if (connecting || channel == null) {
            worker.note("connect failed: " + e);
            if (t != null) {
                t.connect++;
            }
        } else {
            worker.note("connection failed with " + (sent - received) + " requests in flight: " + e);
            lost(now, Math.max(1, sent - received));
        }
        close(true);
        connecting = false;
        next();
        worker.retryLater(this, now);
    }

    private void lost(long now, int requests) {
        Tally t = worker.tally(now);
        if (t != null && requests > 0) {
            t.io += requests;
        }
    }

    private void next() {
        template = (template + 1) % worker.templates.size();
    }

    private void reopen() {
        if (worker.mayOpen()) {
            open();
        }
    }

    /** Sends as many requests as the pipeline depth, the reconnect limit and the budget allow. */
    private void fill(long now) throws IOException {
        int want = sentAt.length - (sent - received);
        if (worker.reconnectEvery > 0) {
            want = Math.min(want, worker.reconnectEvery - sent);
        }
        want = worker.take(want);
        for (int i = 0; i < want; i++) {
            sentAt[sent % sentAt.length] = now;
            sent++;
        }
        unwritten += (long) want * requestLength;
        flush();
    }

    private void flush() throws IOException {
        while (unwritten > 0) {
            int position = writeOffset;
            out.limit((int) Math.min(out.capacity(), position + unwritten)).position(position);
            int n = channel.write(out);
            if (n == 0) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            unwritten -= n;
            writeOffset = (position + n) % requestLength;
        }
        if ((key.interestOps() & SelectionKey.OP_WRITE) != 0) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    private String preview() {
        int n = Math.min(parser.keptLength(), 60);
        return new String(parser.body(), 0, n, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\r", "\\r")
                .replace("\n", "\\n");
    }
}
