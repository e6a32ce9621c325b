package dev.httpcourse.stage05;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.app.Exchange;
import dev.httpcourse.common.app.Method;
import dev.httpcourse.common.app.Resource;
import dev.httpcourse.common.http.ChunkedDecoder;
import dev.httpcourse.common.http.HttpDate;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import dev.httpcourse.stage02.Closing;
import dev.httpcourse.stage02.Protocol;
import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

// tag::s05-protocol-doc[]
/**
 * HTTP/1.1 on one connection of stage 05, over bytes that stay where the kernel put them: the head
 * is parsed in place, routed by its bytes, and answered from a template written into the send
 * queue. The phases are stage 02's {@link Protocol}'s and the closing rules its {@link Closing};
 * what changed is the representation.
 *
 * <pre>
 *   head parsed in place ──► Router verdict
 *        │ GET/HEAD of /, /pipeline;  GET of /baseline11, /json/N;   POST of /baseline11, /upload
 *        ▼                                                                │ body read in place
 *   FAST: template + Date (+ digits, + JSON body), no object made ◄────────┘ (digits, a byte count)
 *        │ anything else: OPTIONS, 405, 501, 404, /echo, HEAD of a computed body, a GET with a body
 *        ▼
 *   RARE: the head copied out as Strings into a RequestHead, and common's App answers, as in stages 01-04
 * </pre>
 *
 * The rare path keeps every answer the conformance suite checks exactly as the other stages give
 * it, at the price of allocating on requests no benchmark sends; the fast path is what the load
 * profiles measure, and it allocates nothing.
 */
final class InPlaceProtocol implements Protocol {
    // end::s05-protocol-doc[]
    private static final System.Logger LOG = System.getLogger(InPlaceProtocol.class.getName());
    /** Room for any fixed template response (the largest, 400-odd bytes, is an OPTIONS answer). */
    private static final int SMALL_RESPONSE = 1024;

    /** Whose body is being read, and so what its end answers. */
    private enum Body { NONE, BASELINE_SUM, UPLOAD_COUNT, EXCHANGE }

    private final InPlaceAnswers answers;
    private final App app;
    private final SendQueue out;
    private final Closing closing;
    private final InPlaceRequestParser parser;
    private final ChunkedDecoder.BodySink bodySink = this::bodyPiece; // made once, not per chunk
    private final byte[] digitBytes = new byte[App.MAX_BASELINE_BODY_BYTES];
    private final MemorySegment digits = MemorySegment.ofArray(digitBytes); // for the rule's byte view
    private final SegmentBytes digitView = new SegmentBytes();
    private ChunkedDecoder chunked;
    private Body body = Body.NONE;
    private boolean chunkedBody;
    private long bodyRemaining;
    private long bodyBytes;
    private int digitCount;
    private long sum;
    private Exchange exchange;
    private RequestHead exchangeHead;
    private Version version;
    private boolean keepAlive;
    private boolean headStarted;
    /** Part of a head was offered and the parser waits for the rest, offered again from its first byte. */
    private boolean partialHead;
    private long headsComplete;
    /** The time of the turn being processed: the answers' Date comes from it, the clock is not read per answer. */
    private long now;

    InPlaceProtocol(InPlaceAnswers answers, SendQueue out) {
        this.answers = answers;
        this.app = answers.app;
        this.out = out;
        this.parser = new InPlaceRequestParser(answers.limits);
        this.closing = new Closing(answers.encoder, out);
    }

    @Override
    public Phase phase() {
        if (closing.decided()) {
            return Phase.CLOSING;
        }
        if (body != Body.NONE) {
            return Phase.BODY;
        }
        return headStarted ? Phase.HEAD : Phase.IDLE;
    }

    @Override
    public long headsComplete() {
        return headsComplete;
    }

    // tag::s05-protocol-process[]
    /**
     * Consumes requests from {@code segment[from, end)} and writes their responses, in order, until
     * the bytes run out, the connection must close, or the send queue is backed up.
     *
     * @param view     a ByteBuffer over the same memory, index for index, for the body's consumers
     * @param draining the server is stopping: every response from now on closes the connection
     * @param now      the time of the loop's turn ({@link System#nanoTime()}), for the Date of the answers
     * @return where the unconsumed bytes start: an unfinished head, which the caller keeps (it may
     *         move it) and offers again, from its first byte, with more bytes after it
     */
    long process(MemorySegment segment, ByteBuffer view, long from, long end, boolean draining, long now) {
        this.now = now;
        long at = from;
        try {
            while (!closing.decided() && !out.backedUp()) {
                if (body != Body.NONE) {
                    if (!bodyComplete()) {
                        at = readBody(view, at, end);
                        if (!bodyComplete()) {
                            return at;
                        }
                    }
                    endBody(draining);
                    continue;
                }
                if (!partialHead) {
                    long skipped = skipEmptyLines(segment, at, end);
                    headStarted |= skipped != at; // empty lines start a head: its header clock runs from them
                    at = skipped;
                }
                if (at == end) {
                    return at;
                }
                long headEnd = parser.parse(segment, at, end);
                if (headEnd == InPlaceRequestParser.INCOMPLETE) {
                    headStarted = true;
                    partialHead = true;
                    return at;
                }
                headStarted = false;
                partialHead = false;
                headsComplete++;
                begin(segment, at, draining);
                parser.reset();
                at = headEnd;
            }
            return at;
        } catch (HttpException e) {
            fail(e.status(), e.getMessage());
        } catch (ArithmeticException e) {
            fail(Status.BAD_REQUEST, "integer overflow");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "request failed", e); // a bug: say so, keep serving the others
            fail(Status.INTERNAL_SERVER_ERROR, "internal error");
        }
        return end; // after an error nothing that follows can be trusted: it is dropped with the connection
    }
    // end::s05-protocol-process[]

    /**
     * RFC 9112 section 2.2 lets empty lines come before a request line; the parser would skip them
     * too, but only as part of the head, which would then keep growing in a carry-over. Dropped here,
     * though they count as the start of a head, so a trickle of them meets the header timeout.
     */
    private static long skipEmptyLines(MemorySegment segment, long at, long end) {
        while (end - at >= 2 && segment.get(ValueLayout.JAVA_BYTE, at) == '\r'
                && segment.get(ValueLayout.JAVA_BYTE, at + 1) == '\n') {
            at += 2;
        }
        return at;
    }

    // tag::s05-protocol-begin[]
    private void begin(MemorySegment segment, long start, boolean draining) {
        version = parser.version();
        keepAlive = parser.keepAlive() && !draining;
        Resource.Verdict verdict = answers.router.route(parser, segment, start);
        Method method = answers.router.method();
        Resource resource = answers.router.resource();
        if (verdict != Resource.Verdict.ENDPOINT || !answeredInPlace(method, resource)) {
            beginRare(parser.materialise(segment, start), draining);
            return;
        }
        app.countRoutedElsewhere();
        try {
            switch (resource) {
                case ROOT -> fixed(answers.templates.hello(variant()), method != Method.HEAD);
                case PIPELINE -> fixed(answers.templates.pipelineOk(variant()), method != Method.HEAD);
                case JSON -> json(answers.router.jsonCount(parser, segment, start, answers.json.size()),
                        answers.router.queryInteger(parser, segment, start, "m", 1));
                case BASELINE -> {
                    long a = answers.router.requiredQueryInteger(parser, segment, start, "a");
                    long b = answers.router.requiredQueryInteger(parser, segment, start, "b");
                    if (method == Method.GET) {
                        text(Math.addExact(a, b));
                    } else {
                        sum = Math.addExact(a, b);
                        digitCount = 0;
                        beginBody(Body.BASELINE_SUM);
                    }
                }
                case UPLOAD -> {
                    bodyBytes = 0;
                    beginBody(Body.UPLOAD_COUNT);
                }
                default -> throw new IllegalStateException("not answered in place: " + resource);
            }
        } catch (HttpException e) {
            early(Response.error(e), false);
        } catch (ArithmeticException e) {
            early(Response.error(Status.BAD_REQUEST, "integer overflow"), false);
        }
    }

    /** The endpoints the load profiles hit, in the forms they hit them; the rest goes to the App. */
    private boolean answeredInPlace(Method method, Resource resource) {
        return switch (method) {
            case GET -> !parser.hasBody() && (resource == Resource.ROOT || resource == Resource.PIPELINE
                    || resource == Resource.BASELINE || resource == Resource.JSON);
            case HEAD -> !parser.hasBody() && (resource == Resource.ROOT || resource == Resource.PIPELINE);
            case POST -> resource == Resource.BASELINE || resource == Resource.UPLOAD;
            default -> false;
        };
    }
    // end::s05-protocol-begin[]

    /** An answer decided by the head alone; with a body announced and unread, the connection closes after it. */
    private void early(Response response, boolean headOnly) {
        if (parser.hasBody()) {
            keepAlive = false; // the unread body would leave the connection out of step
        }
        send(response, headOnly);
    }

    private void beginRare(RequestHead head, boolean draining) {
        Exchange opened = app.open(head);
        Response early = opened.earlyResponse();
        if (early != null) {
            early(early, head.isHead());
            return;
        }
        exchange = opened;
        exchangeHead = head;
        beginBody(Body.EXCHANGE);
    }

    private void beginBody(Body kind) {
        body = kind;
        chunkedBody = parser.chunked();
        bodyRemaining = parser.contentLength();
        if (chunkedBody) {
            if (chunked == null) {
                chunked = new ChunkedDecoder(answers.limits);
            }
            chunked.reset();
        }
        if (parser.expectContinue() && parser.hasBody()) {
            out.append(ResponseEncoder.CONTINUE); // RFC 9110 section 10.1.1: before reading the body
        }
    }

    private boolean bodyComplete() {
        return chunkedBody ? chunked.isDone() : bodyRemaining == 0;
    }

    /** Hands what {@code [at, end)} holds of the body to its consumer, through the view; returns where it stopped. */
    private long readBody(ByteBuffer view, long at, long end) {
        view.clear().position((int) at).limit((int) end);
        if (chunkedBody) {
            chunked.decode(view, bodySink);
            return view.position();
        }
        int n = (int) Math.min(bodyRemaining, end - at);
        view.limit((int) at + n);
        bodyPiece(view);
        bodyRemaining -= n;
        return at + n;
    }

    private void bodyPiece(ByteBuffer data) {
        int n = data.remaining();
        switch (body) {
            case UPLOAD_COUNT -> bodyBytes += n;
            case BASELINE_SUM -> {
                if (digitCount + n > App.MAX_BASELINE_BODY_BYTES) {
                    throw new HttpException(Status.BAD_REQUEST, "body is not a short integer");
                }
                data.get(data.position(), digitBytes, digitCount, n); // absolute: no position moved, no object made
                digitCount += n;
            }
            case EXCHANGE -> exchange.body(data);
            case NONE -> throw new IllegalStateException("no body is being read");
        }
        data.position(data.limit());
    }

    private void endBody(boolean draining) {
        Body ended = body;
        body = Body.NONE;
        keepAlive &= !draining;
        switch (ended) {
            case UPLOAD_COUNT -> text(bodyBytes);
            case BASELINE_SUM -> text(Math.addExact(sum, App.baselineBody(digitView.set(digits, 0, digitCount))));
            case EXCHANGE -> {
                Exchange done = exchange;
                exchange = null;
                keepAlive = exchangeHead.keepAlive() && !draining;
                send(done.end(), exchangeHead.isHead());
            }
            case NONE -> throw new IllegalStateException("no body was being read");
        }
    }

    // tag::s05-protocol-respond[]
    private int variant() {
        return ResponseTemplates.variant(version, keepAlive);
    }

    private void fixed(ResponseTemplate template, boolean withBody) {
        MemorySegment chunk = out.reserve(SMALL_RESPONSE);
        out.commit(template.writeFixed(chunk, out.end(), HttpDate.SYSTEM.fieldLine(now), withBody));
        closeUnlessKeptAlive();
    }

    private void text(long value) {
        ResponseTemplate template = answers.templates.text(variant());
        MemorySegment chunk = out.reserve(SMALL_RESPONSE);
        long bodyAt = template.writeHead(chunk, out.end(), HttpDate.SYSTEM.fieldLine(now), SegmentOut.decimalLength(value));
        out.commit(SegmentOut.decimal(chunk, bodyAt, value));
        closeUnlessKeptAlive();
    }

    /**
     * The body is written first, where the longest head would end, because its length (and so the
     * head's) is known only once it is written; a shorter head then means moving the body back by
     * the difference, which happens only for bodies shorter than the longest (a few hundred bytes).
     */
    private void json(int count, long multiplier) {
        ResponseTemplate template = answers.templates.json(variant());
        int longestBody = answers.json.maxBytes();
        MemorySegment chunk = out.reserve((int) template.headLength(longestBody) + longestBody);
        long start = out.end();
        long bodyAt = start + template.headLength(longestBody);
        long bodyEnd = answers.json.write(chunk, bodyAt, count, multiplier); // 400 on overflow: nothing committed
        long length = bodyEnd - bodyAt;
        long headLength = template.headLength(length);
        if (start + headLength != bodyAt) {
            MemorySegment.copy(chunk, bodyAt, chunk, start + headLength, length);
        }
        template.writeHead(chunk, start, HttpDate.SYSTEM.fieldLine(now), length);
        out.commit(start + headLength + length);
        closeUnlessKeptAlive();
    }
    // end::s05-protocol-respond[]

    /** A response made by {@code common}'s App (the rare path): encoded on the heap, copied into the queue. */
    private void send(Response response, boolean headOnly) {
        out.append(answers.encoder.head(response, version, keepAlive));
        if (!headOnly && response.body().length > 0) {
            out.append(response.body());
        }
        closeUnlessKeptAlive();
    }

    private void closeUnlessKeptAlive() {
        closing.afterResponse(keepAlive);
    }

    /** Answers with an error and closes ({@link Closing#fail}); the request in progress is dropped. */
    private void fail(Status status, String message) {
        body = Body.NONE;
        exchange = null;
        headStarted = false;
        partialHead = false;
        closing.fail(status, message);
    }

    @Override
    public Closing closing() {
        return closing;
    }

    /**
     * The client sent more ahead of its answers than a connection may hold: what was answered goes
     * out, then the connection closes (RFC 9112 section 9.3.2: a client that pipelines must be ready
     * to retry what was not answered). Nothing more is read.
     */
    void tooMuchAhead() {
        closing.stop();
    }
}
