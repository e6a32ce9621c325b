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
import java.lang.System.Logger.Level;
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
public final class Http1Protocol implements Protocol {
    // end::s02-protocol-phases[]
    private static final System.Logger LOG = System.getLogger(Http1Protocol.class.getName());

    private final App app;
    private final Limits limits;
    private final ResponseEncoder encoder;
    private final ResponseOutput out;
    private final RequestParser parser;
    private final Closing closing;
    private final ChunkedDecoder.BodySink bodySink = this::body;
    private ChunkedDecoder chunked;
    private RequestHead head;
    private Exchange exchange;
    private long bodyRemaining;
    private long headsComplete;

    public Http1Protocol(App app, Limits limits, ResponseEncoder encoder, ResponseOutput out) {
        this.app = app;
        this.limits = limits;
        this.encoder = encoder;
        this.out = out;
        this.parser = new RequestParser(limits);
        this.closing = new Closing(encoder, out);
    }

    @Override
    public Phase phase() {
        if (closing.decided()) {
            return Phase.CLOSING;
        }
        if (exchange != null) {
            return Phase.BODY;
        }
        return parser.isStarted() ? Phase.HEAD : Phase.IDLE;
    }

    @Override
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
            // tag::step-1-process[]
            while (!closing.decided() && !out.backedUp()) {
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
            // end::step-1-process[]
        } catch (HttpException e) {
            fail(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "request failed", e); // a bug in the application: say so, keep serving others
            fail(Status.INTERNAL_SERVER_ERROR, "internal error");
        }
    }
    // end::s02-process[]

    // tag::s02-begin[]
    private void begin(RequestHead next, boolean draining) {
        // tag::step-1-begin[]
        Exchange opened = app.open(next);
        Response early = opened.earlyResponse();
        if (early != null) {
            if (next.framing().hasBody()) {
                // a body announced but not read leaves the connection out of step: answer, then close
                send(early, next, false);
                closing.stop();
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
        // tag::step-5-expect-continue[]
        if (next.expectContinue() && next.framing().hasBody()) {
            out.append(ResponseEncoder.CONTINUE); // RFC 9110 section 10.1.1: before reading the body
        }
        // end::step-5-expect-continue[]
        // end::step-1-begin[]
    }
    // end::s02-begin[]

    /** Passes what {@code in} holds of the body to the exchange; true once all of it has been. */
    private boolean readBody(ByteBuffer in) {
        // tag::step-1-read-body[]
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
        // end::step-1-read-body[]
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
        closing.afterResponse(keepAlive);
    }

    /** Answers with an error and closes ({@link Closing#fail}); the request in progress is dropped. */
    private void fail(Status status, String message) {
        head = null;
        exchange = null;
        closing.fail(status, message);
    }

    @Override
    public Closing closing() {
        return closing;
    }
}
