package dev.httpcourse.bench.peers;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.app.Exchange;
import dev.httpcourse.common.http.BodyFraming;
import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;

/**
 * Every request of a Vert.x server, on its event loop: the head to the course's {@link App}, then, if
 * the app wants the body, a handler per request that pushes each piece to the exchange as Vert.x
 * delivers it and answers at the end (no {@code request.body()}, which would hold a 20 MiB upload
 * whole). The same flow as the Netty peer's handler, in Vert.x's callbacks:
 *
 * <pre>
 *   request ──► app.open ── early response? ──yes──► end it (Vert.x drops the body that follows)
 *                              │ no
 *                              ▼
 *   [100 Continue] ──► handler(piece)* ──► exchange.body ──► endHandler ──► exchange.end() ──► end
 * </pre>
 */
final class VertxExchangeHandler implements Handler<HttpServerRequest> {
    private static final CharSequence SERVER = HttpHeaders.createOptimized("vertx");
    private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized(Response.TEXT_PLAIN);
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized(Response.APPLICATION_JSON);

    private final App app;
    private final long maxBodyBytes;

    VertxExchangeHandler(App app, long maxBodyBytes) {
        this.app = app;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpServerRequest request) {
        MultiMap headers = request.headers();
        boolean isHead = request.method() == HttpMethod.HEAD;
        BodyFraming framing = framing(headers);
        RequestHead head = RequestHeads.of(request.method().name(), request.uri(),
                request.version() == HttpVersion.HTTP_1_0 ? Version.HTTP_1_0 : Version.HTTP_1_1,
                headers.get(HttpHeaders.CONTENT_TYPE), framing, true, false);
        HttpServerResponse response = request.response();
        if (framing instanceof BodyFraming.Length(long declared) && declared > maxBodyBytes) {
            // the body would follow; closing is cheaper than reading it
            send(response, isHead, Response.error(Status.CONTENT_TOO_LARGE, "body larger than " + maxBodyBytes + " bytes"))
                    .onComplete(done -> request.connection().close());
            return;
        }
        Exchange exchange = app.open(head);
        Response early = exchange.earlyResponse();
        if (early != null) {
            send(response, isHead, early);
            return;
        }
        if (HttpHeaders.CONTINUE.toString().equalsIgnoreCase(headers.get(HttpHeaders.EXPECT))) {
            response.writeContinue(); // RFC 9110 section 10.1.1: the client waits for it before sending the body
        }
        var body = new Body(exchange, maxBodyBytes);
        request.handler(body);
        request.endHandler(ended -> send(response, isHead, body.end()));
    }

    /** Vert.x's codec has decoded the framing already; the app only looks at a declared length. */
    private static BodyFraming framing(MultiMap headers) {
        if (headers.contains(HttpHeaders.TRANSFER_ENCODING)) {
            return BodyFraming.CHUNKED;
        }
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return BodyFraming.NONE;
        }
        try {
            return new BodyFraming.Length(Long.parseLong(length.strip()));
        } catch (NumberFormatException e) {
            return BodyFraming.CHUNKED; // the codec refuses a bad length before a handler sees the request
        }
    }

    /** One request's body as it arrives, and the answer once it has all arrived (or was refused on the way). */
    private static final class Body implements Handler<Buffer> {
        private final Exchange exchange;
        private final long maxBodyBytes;
        private long bytes;
        private Response refused;

        Body(Exchange exchange, long maxBodyBytes) {
            this.exchange = exchange;
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public void handle(Buffer piece) {
            if (refused != null) {
                return; // the rest is read and dropped; the refusal goes out at the end
            }
            bytes += piece.length();
            try {
                if (bytes > maxBodyBytes) {
                    throw new HttpException(Status.CONTENT_TOO_LARGE, "body larger than " + maxBodyBytes + " bytes");
                }
                // the Netty buffer under Vert.x's, without a copy (Buffer.getBytes() would copy each piece)
                for (ByteBuffer data : ((BufferInternal) piece).getByteBuf().nioBuffers()) {
                    exchange.body(data);
                }
            } catch (HttpException e) {
                refused = Response.error(e);
            }
        }

        Response end() {
            if (refused != null) {
                return refused;
            }
            try {
                return exchange.end();
            } catch (HttpException e) {
                return Response.error(e);
            }
        }
    }

    private static io.vertx.core.Future<Void> send(HttpServerResponse http, boolean isHead, Response response) {
        http.setStatusCode(response.status().code());
        MultiMap headers = http.headers();
        headers.add(HttpHeaders.CONTENT_TYPE, switch (response.contentType()) {
            case Response.TEXT_PLAIN -> TEXT_PLAIN;
            case Response.APPLICATION_JSON -> APPLICATION_JSON;
            default -> response.contentType();
        });
        headers.add(HttpHeaders.DATE, DateValue.now());
        headers.add(HttpHeaders.SERVER, SERVER);
        for (Header extra : response.headers()) {
            headers.add(extra.name(), extra.value());
        }
        byte[] body = response.body();
        if (isHead) {
            // Vert.x writes no length for HEAD; RFC 9110 section 9.3.2 lets it match the GET's
            headers.add(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
            return http.end();
        }
        return http.end(Buffer.buffer(body));
    }
}
