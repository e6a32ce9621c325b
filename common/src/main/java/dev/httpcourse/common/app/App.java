package dev.httpcourse.common.app;

import dev.httpcourse.common.http.ByteView;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.Status;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * The endpoints every stage serves, written once: the stages differ in how bytes reach this class,
 * never in what it answers. See the endpoint table in the README.
 */
public final class App {
    private static final Response HELLO = Response.text("Hello, World!");
    private static final Response PIPELINE_OK = Response.text("ok");

    private final Dataset dataset;
    private final JsonEndpoint json;
    private final LongAdder requests = new LongAdder();

    public App(Dataset dataset) {
        this.dataset = dataset;
        this.json = new JsonEndpoint(dataset);
    }

    /** The items {@code /json/{count}} serves (stage 05 writes them with a serialiser of its own). */
    public Dataset dataset() {
        return dataset;
    }

    /** Requests routed so far: benchmarks check their client's count against it. */
    public long requestsServed() {
        return requests.sum();
    }

    /**
     * Counts a request that a server answered without {@link #open} (stage 05 routes the endpoints
     * the benchmarks hit by their bytes, and writes their answers itself), so the count stays whole.
     */
    public void countRoutedElsewhere() {
        requests.increment();
    }

    /** An application over the bundled data set. */
    public static App withBundledDataset() {
        return new App(Dataset.bundled());
    }

    // tag::app-route[]
    /** Routes a parsed head to the exchange that answers it. Never throws for any valid head. */
    public Exchange open(RequestHead head) {
        requests.increment();
        try {
            Resource resource = Resource.at(head.path());
            Response decided = Resource.decide(head.method(), head.path(), resource);
            if (decided != null) {
                return Exchange.respond(decided);
            }
            return switch (resource) {
                case ROOT -> Exchange.respond(HELLO);
                case PIPELINE -> Exchange.respond(PIPELINE_OK);
                case BASELINE -> head.method().equals("POST")
                        ? new BaselinePost(param(head, "a"), param(head, "b"))
                        : Exchange.respond(Response.text(Long.toString(Math.addExact(param(head, "a"), param(head, "b")))));
                case JSON -> json.open(head);
                case UPLOAD -> new Upload();
                case ECHO -> Echo.open(head);
                // RequestRules lets * through only with OPTIONS, which decide() answered; a peer's head might not
                case SERVER -> Exchange.respond(Response.error(Status.BAD_REQUEST, "* is a target for OPTIONS only"));
            };
        } catch (HttpException e) {
            return Exchange.respond(Response.error(e));
        } catch (ArithmeticException e) {
            return Exchange.respond(Response.error(Status.BAD_REQUEST, "integer overflow"));
        }
    }
    // end::app-route[]

    static long param(RequestHead head, String name) {
        String value = head.queryParam(name);
        if (value == null) {
            throw new HttpException(Status.BAD_REQUEST, "missing query parameter " + name);
        }
        return parseInteger(value, "query parameter " + name);
    }

    /** A decimal integer with an optional minus sign; anything else is the client's mistake (400). */
    static long parseInteger(String text, String what) {
        return parseInteger(ByteView.of(text), what);
    }

    /**
     * {@link #parseInteger(String, String)} over bytes, for stage 05: {@code -?DIGIT+} that fits in a
     * long, as {@link Long#parseLong} without its leading {@code +}; anything else is 400.
     */
    public static long parseInteger(ByteView text, String what) {
        return parseInteger(text, 0, text.length(), what);
    }

    /** {@link #parseInteger(ByteView, String)} over {@code text}'s bytes {@code [from, to)}. */
    private static long parseInteger(ByteView text, int from, int to, String what) {
        boolean negative = from < to && text.byteAt(from) == '-';
        int i = negative ? from + 1 : from;
        if (i == to) {
            throw new HttpException(Status.BAD_REQUEST, what + " is not an integer");
        }
        long value = 0; // accumulated negatively, since Long.MIN_VALUE has no positive counterpart
        for (; i < to; i++) {
            int d = text.byteAt(i) - '0';
            if (d < 0 || d > 9 || value < (Long.MIN_VALUE + d) / 10) {
                throw new HttpException(Status.BAD_REQUEST, what + " is not an integer");
            }
            value = value * 10 - d;
        }
        if (!negative && value == Long.MIN_VALUE) {
            throw new HttpException(Status.BAD_REQUEST, what + " is not an integer");
        }
        return negative ? value : -value;
    }

    /** The most bytes a baseline POST's body may have: a long's digits and sign, and a little whitespace. */
    public static final int MAX_BASELINE_BODY_BYTES = 20;

    /**
     * The integer C of a baseline POST's body: {@code -?DIGIT+} with whitespace around it allowed (as
     * {@link String#strip()} allows it), anything else 400. Over bytes, so stage 05 shares the rule.
     */
    public static long baselineBody(ByteView body) {
        int from = 0;
        int to = body.length();
        while (from < to && Character.isWhitespace(body.byteAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(body.byteAt(to - 1))) {
            to--;
        }
        return parseInteger(body, from, to, "body");
    }

    /** {@code POST /baseline11?a=A&b=B} with body C answers A+B+C; the body is a short integer. */
    private static final class BaselinePost implements Exchange {
        private static final int MAX_DIGITS = MAX_BASELINE_BODY_BYTES;
        private final long sum;
        private final byte[] digits = new byte[MAX_DIGITS];
        private int length;

        BaselinePost(long a, long b) {
            this.sum = Math.addExact(a, b);
        }

        @Override
        public void body(ByteBuffer data) {
            int n = data.remaining();
            if (length + n > MAX_DIGITS) {
                throw new HttpException(Status.BAD_REQUEST, "body is not a short integer");
            }
            data.get(digits, length, n);
            length += n;
        }

        @Override
        public Response end() {
            try {
                long c = baselineBody(ByteView.of(ByteBuffer.wrap(digits, 0, length)));
                return Response.text(Long.toString(Math.addExact(sum, c)));
            } catch (ArithmeticException e) {
                throw new HttpException(Status.BAD_REQUEST, "integer overflow");
            }
        }
    }

    /** {@code POST /upload}: counts the body as it streams past; nothing is kept. */
    private static final class Upload implements Exchange {
        private long bytes;

        @Override
        public void body(ByteBuffer data) {
            bytes += data.remaining();
            data.position(data.limit());
        }

        @Override
        public Response end() {
            return Response.text(Long.toString(bytes));
        }
    }
}
