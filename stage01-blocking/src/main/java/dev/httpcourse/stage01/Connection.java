package dev.httpcourse.stage01;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.app.Exchange;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import java.lang.System.Logger.Level;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

// tag::s01-connection-states[]
/**
 * One client connection, served start to finish by one thread: read a request, answer it, repeat
 * while the connection is persistent.
 *
 * <pre>
 *            first byte                   head + body read
 *   IDLE ─────────────────► READING ──────────────────────► WRITING
 *    ▲  │ idle timeout,       │ malformed, header timeout    │
 *    │  │ EOF, or draining    ▼                              │ keep-alive and
 *    │  └───────────────► CLOSED ◄── error response sent     │ not draining
 *    └───────────────────────────────────────────────────────┘
 * </pre>
 *
 * Only IDLE connections may be closed by a graceful stop; the server asks through {@link #closeIfIdle()}.
 */
final class Connection implements Runnable {
    // end::s01-connection-states[]
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    private enum State { IDLE, BUSY, CLOSED }

    /** After an error, how long and how much of the client's unread input we swallow before closing. */
    private static final int LINGER_MILLIS = 500;
    private static final int LINGER_BYTES = 1 << 20;

    private final Socket socket;
    private final BlockingServer server;
    private final App app;
    private final Limits limits;
    private final ResponseEncoder encoder;
    private State state = State.IDLE;
    private volatile TimedOutputStream output;

    Connection(Socket socket, BlockingServer server, App app, Limits limits, ResponseEncoder encoder) {
        this.socket = socket;
        this.server = server;
        this.app = app;
        this.limits = limits;
        this.encoder = encoder;
    }

    @Override
    public void run() {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "{0}: opened, on {1}", socket.getRemoteSocketAddress(), Thread.currentThread());
        }
        try {
            doRun();
        } catch (IOException | RuntimeException e) {
            // a reset, a timeout while idle or a bug: either way this connection is over, the server is not
            if (!(e instanceof IOException)) {
                LOG.log(Level.ERROR, "connection failed", e);
            }
        } finally {
            closeQuietly();
            server.closed(this);
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "{0}: closed", socket.getRemoteSocketAddress());
            }
        }
    }

    // tag::s01-connection-loop[]
    private void doRun() throws IOException {
        // tag::step-1-connection-loop[]
        output = new TimedOutputStream(socket.getOutputStream());
        // Responses wait in this buffer while pipelined requests are parsed; the input flushes it
        // before any read that may block. A batch of pipelined requests thus costs one write.
        var out = new BufferedOutputStream(output, 16 * 1024);
        var input = new DeadlineInputStream(socket, out);
        var parser = new RequestParser(input, limits);
        try {
            boolean keepAlive = true;
            while (keepAlive) {
                input.expireIn(limits.idleTimeout().toMillis());
                if (!parser.awaitRequest() || !becomeBusy()) {
                    return; // the peer closed, or the server is draining
                }
                input.expireIn(limits.headerTimeout().toMillis());
                RequestHead head;
                try {
                    head = parser.readHead();
                } catch (HttpException e) {
                    sendErrorAndClose(out, e.status(), e.getMessage());
                    return;
                } catch (SocketTimeoutException e) {
                    sendErrorAndClose(out, Status.REQUEST_TIMEOUT, "request head not received in time");
                    return;
                }
                keepAlive = serve(head, parser, input, out);
                if (keepAlive && !parser.hasBufferedInput()) {
                    // IDLE means "may be closed by a stop": only once every answer has left the buffer
                    out.flush();
                    keepAlive = becomeIdle();
                } // else a pipelined request is already here: stay BUSY and answer it, even while draining
            }
        } finally {
            out.flush(); // whatever ended the loop, the answers already given go out before the close
        }
        // end::step-1-connection-loop[]
    }
    // end::s01-connection-loop[]

    // tag::s01-serve[]
    /** Answers one request whose head has been read; returns whether the connection stays open. */
    private boolean serve(RequestHead head, RequestParser parser, DeadlineInputStream input, OutputStream out)
            throws IOException {
        // tag::step-1-serve[]
        Exchange exchange = app.open(head);
        Response early = exchange.earlyResponse();
        if (early != null) {
            if (head.framing().hasBody()) {
                // a body announced but not read leaves the connection out of step: answer, then close
                write(out, early, head, false);
                out.flush();
                lingerAndClose();
                return false;
            }
            boolean keepAlive = head.keepAlive() && !server.isDraining();
            write(out, early, head, keepAlive);
            return keepAlive;
        }
        Response response;
        try {
            // tag::step-5-expect-continue[]
            if (head.expectContinue() && head.framing().hasBody()) {
                out.write(ResponseEncoder.CONTINUE);
                out.flush();
            }
            // end::step-5-expect-continue[]
            input.eachReadWithin(limits.idleTimeout().toMillis());
            parser.readBody(head, exchange);
            response = exchange.end();
        } catch (HttpException e) {
            sendErrorAndClose(out, e.status(), e.getMessage());
            return false;
        } catch (SocketTimeoutException e) {
            sendErrorAndClose(out, Status.REQUEST_TIMEOUT, "request body not received in time");
            return false;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "request failed", e); // a bug in the application: say so, keep serving others
            sendErrorAndClose(out, Status.INTERNAL_SERVER_ERROR, "internal error");
            return false;
        }
        boolean keepAlive = head.keepAlive() && !server.isDraining();
        write(out, response, head, keepAlive);
        return keepAlive;
        // end::step-1-serve[]
    }
    // end::s01-serve[]

    private void write(OutputStream out, Response response, RequestHead head, boolean keepAlive) throws IOException {
        out.write(encoder.head(response, head.version(), keepAlive));
        if (!head.isHead()) {
            out.write(response.body());
        }
    }

    // tag::s01-error-close[]
    private void sendErrorAndClose(OutputStream out, Status status, String message) throws IOException {
        Response error = Response.error(status, message);
        out.write(encoder.head(error, Version.HTTP_1_1, false));
        out.write(error.body());
        out.flush();
        lingerAndClose();
    }

    /**
     * Closes gently: shut down our side, then swallow what the client is still sending for a
     * moment, so that closing with unread input does not reset the connection and destroy the
     * response before the client has read it.
     */
    private void lingerAndClose() throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout(LINGER_MILLIS);
        long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
        byte[] sink = new byte[8192];
        int swallowed = 0;
        var in = socket.getInputStream();
        try {
            int n;
            while (swallowed < LINGER_BYTES && System.nanoTime() < deadline && (n = in.read(sink)) >= 0) {
                swallowed += n;
            }
        } catch (IOException ignored) {
            // the client reset or went quiet: either way we are done
        }
    }
    // end::s01-error-close[]

    private synchronized boolean becomeBusy() {
        if (state == State.BUSY) {
            return true; // the next pipelined request, read with the last one
        }
        // tag::step-8-draining[]
        if (state != State.IDLE || server.isDraining()) {
            return false;
        }
        // end::step-8-draining[]
        state = State.BUSY;
        return true;
    }

    private synchronized boolean becomeIdle() {
        // tag::step-8-draining[]
        if (state != State.BUSY || server.isDraining()) {
            return false;
        }
        // end::step-8-draining[]
        state = State.IDLE;
        return true;
    }

    /** Called by the server's watchdog: closes the connection if a write has been blocked too long. */
    void closeIfWriteBlocked(long timeoutNanos, long now) {
        TimedOutputStream o = output;
        if (o != null && o.blockedLongerThan(timeoutNanos, now)) {
            closeQuietly(); // the blocked write fails with a SocketException and the thread ends
        }
    }

    /** Called by a stopping server: closes the connection if it is between requests. */
    synchronized void closeIfIdle() {
        if (state == State.IDLE) {
            closeQuietly();
        }
    }

    synchronized void closeQuietly() {
        state = State.CLOSED;
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing useful to do; the descriptor is released either way
        }
    }
}
