package dev.httpcourse.stage02;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.app.Exchange;
import dev.httpcourse.common.http.BodyFraming;
import dev.httpcourse.common.http.ChunkedDecoder;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import java.nio.ByteBuffer;

// tag::s02-protocol-phases[]
/**
 * HTTP/1.1 on one connection, without any I/O: bytes in, response bytes and decisions out. It parses
 * heads, routes them through the {@link App}, streams bodies into the {@link Exchange}, answers
 * {@code 100-continue}, early responses and errors, and says whether the connection stays open.
 * The selector loop of this stage drives it, and so can any other source of bytes (stage 04 feeds it
 * from io_uring).
 *
 * <pre>
 *            first byte                  head complete, body announced
 *   IDLE ──────────────────► HEAD ─────────────────────────────────► BODY
 *    ▲                        │  head complete, no body               │ body complete
 *    │   response queued,     ▼                                       ▼
 *    └──── keep-alive ────── respond ◄────────────────────────────────┘
 *                             │ Connection: close, draining, malformed input, early
 *                             ▼ response with a body unread, timeout, end of input
 *                          CLOSING (the I/O side writes what is queued, then closes)
 * </pre>
 *
 * Not thread-safe: one connection, one thread at a time.
 */
public final class Http1Protocol {
    // end::s02-protocol-phases[]

    public enum Phase { IDLE, HEAD, BODY, CLOSING }

    /** How the I/O side should end a connection in {@link Phase#CLOSING}. */
    public enum Close {
        /** Close once the queued bytes are written: no answer of its own was owed (end of input, idle). */
        SILENT,
        /**
         * After the queued bytes, shut down output, then discard input for a moment before closing: a
         * close with unread input makes the kernel send a reset, which can destroy the response
         * before the client has read it (RFC 9112 section 9.6).
         */
        LINGER
    }

    private final App app;
    private final Limits limits;
    private final ResponseEncoder encoder;
    private final ResponseOutput out;
    private final RequestParser parser;
    private final ChunkedDecoder.BodySink bodySink = this::body;
    private ChunkedDecoder chunked;
    private RequestHead head;
    private Exchange exchange;
    private long bodyRemaining;
    private long headsComplete;
    private Close close;

    public Http1Protocol(App app, Limits limits, ResponseEncoder encoder, ResponseOutput out) {
        this.app = app;
        this.limits = limits;
        this.encoder = encoder;
        this.out = out;
        this.parser = new RequestParser(limits);
    }

    public Phase phase() {
        if (close != null) {
            return Phase.CLOSING;
        }
        if (exchange != null) {
            return Phase.BODY;
        }
        return parser.isStarted() ? Phase.HEAD : Phase.IDLE;
    }

    /** How to close, once {@link #phase()} is CLOSING; null before. */
    public Close close() {
        return close;
    }

    /** Request heads completed on this connection: a new head's header clock starts when this moves on. */
    public long headsComplete() {
        return headsComplete;
    }

    // tag::s02-process[]
    /**
     * Consumes requests from {@code in} (position to limit) and queues their responses, in order,
     * until the input runs out, the connection must close, or the output is backed up. Bytes of an
     * unfinished head stay in {@code in} from its position on, for the next call.
     *
     * @param draining the server is stopping: every response from now on closes the connection
     */
    public void process(ByteBuffer in, boolean draining) {
        try {
            while (close == null && !out.backedUp()) {
                if (exchange == null) {
                    if (!in.hasRemaining()) {
                        return;
                    }
                    RequestHead next = parser.parse(in);
                    if (next == null) {
                        return;
                    }
                    headsComplete++;
                    begin(next, draining);
                } else if (readBody(in)) {
                    respond(exchange.end(), draining);
                } else {
                    return;
                }
            }
        } catch (HttpException e) {
            fail(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            System.err.println("request failed: " + e); // a bug in the application: say so, keep serving others
            fail(Status.INTERNAL_SERVER_ERROR, "internal error");
        }
    }
    // end::s02-process[]

    // tag::s02-begin[]
    private void begin(RequestHead next, boolean draining) {
        Exchange opened = app.open(next);
        Response early = opened.earlyResponse();
        if (early != null) {
            if (next.framing().hasBody()) {
                // a body announced but not read leaves the connection out of step: answer, then close
                send(early, next, false);
                close = Close.LINGER;
            } else {
                send(early, next, next.keepAlive() && !draining);
            }
            return;
        }
        head = next;
        exchange = opened;
        switch (next.framing()) {
            case BodyFraming.None none -> bodyRemaining = 0;
            case BodyFraming.Length(long bytes) -> bodyRemaining = bytes;
            case BodyFraming.Chunked chunkedBody -> {
                if (chunked == null) {
                    chunked = new ChunkedDecoder(limits);
                }
                chunked.reset();
            }
        }
        if (next.expectContinue() && next.framing().hasBody()) {
            out.append(ResponseEncoder.CONTINUE); // RFC 9110 section 10.1.1: before reading the body
        }
    }
    // end::s02-begin[]

    /** Passes what {@code in} holds of the body to the exchange; true once all of it has been. */
    private boolean readBody(ByteBuffer in) {
        if (head.framing() instanceof BodyFraming.Chunked) {
            return chunked.decode(in, bodySink);
        }
        int n = (int) Math.min(bodyRemaining, in.remaining());
        if (n > 0) {
            int start = in.position();
            int limit = in.limit();
            in.limit(start + n);
            exchange.body(in);
            in.limit(limit).position(start + n);
            bodyRemaining -= n;
        }
        return bodyRemaining == 0;
    }

    private void body(ByteBuffer data) {
        exchange.body(data);
    }

    private void respond(Response response, boolean draining) {
        RequestHead answered = head;
        head = null;
        exchange = null;
        send(response, answered, answered.keepAlive() && !draining);
    }

    private void send(Response response, RequestHead request, boolean keepAlive) {
        out.append(encoder.head(response, request.version(), keepAlive));
        if (!request.isHead() && response.body().length > 0) {
            out.append(response.body());
        }
        if (!keepAlive && close == null) {
            close = Close.LINGER;
        }
    }

    /** Answers with an error and closes: after a malformed request nothing that follows can be trusted. */
    private void fail(Status status, String message) {
        head = null;
        exchange = null;
        Response error = Response.error(status, message);
        out.append(encoder.head(error, Version.HTTP_1_1, false));
        out.append(error.body());
        close = Close.LINGER;
    }

    /** The head or body did not arrive in time: 408, then close. An idle connection just closes. */
    public void timedOut() {
        if (close == null) {
            if (phase() == Phase.IDLE) {
                close = Close.SILENT;
            } else {
                fail(Status.REQUEST_TIMEOUT, "request not received in time");
            }
        }
    }

    /** The client shut down its output: no further request can arrive, and an unfinished one never will. */
    public void endOfInput() {
        if (close == null) {
            close = Close.SILENT;
        }
    }

    /** Over the connection limit: a 503 the client can understand beats a silent reset. */
    public void refuse() {
        fail(Status.SERVICE_UNAVAILABLE, "too many connections");
    }
}
