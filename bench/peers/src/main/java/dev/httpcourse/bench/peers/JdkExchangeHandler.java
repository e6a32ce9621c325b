package dev.httpcourse.bench.peers;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.httpcourse.common.app.App;
import dev.httpcourse.common.app.Exchange;
import dev.httpcourse.common.http.BodyFraming;
import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * One request on the JDK server: the head to the course's {@link App}, the body read from the
 * exchange's stream in pieces and pushed to it (so a 20 MiB upload is never whole in memory), the
 * response written with an exact length.
 *
 * <p>Runs on a virtual thread per request, so blocking reads are the idiomatic way here.
 */
final class JdkExchangeHandler implements HttpHandler {
    /** Largest piece of body read at once; small declared bodies get a buffer their own size. */
    private static final int MAX_READ = 16 * 1024;
    private static final String SERVER = "jdk-httpserver";

    private final App app;

    JdkExchangeHandler(App app) {
        this.app = app;
    }

    @Override
    public void handle(HttpExchange http) throws IOException {
        try (http) {
            Headers request = http.getRequestHeaders();
            BodyFraming framing = framing(request);
            RequestHead head = RequestHeads.of(http.getRequestMethod(), http.getRequestURI().toString(),
                    http.getProtocol().equals("HTTP/1.0") ? Version.HTTP_1_0 : Version.HTTP_1_1,
                    request.getFirst("Content-Type"), framing, true, false);
            Exchange exchange = app.open(head);
            Response response = exchange.earlyResponse();
            if (response == null) {
                response = readBody(http.getRequestBody(), framing, exchange);
            }
            send(http, head.isHead(), response);
        }
    }

    /**
     * The server has already decoded the framing (its stream ends where the body ends); the app
     * only looks at the declared length, to refuse an over-long echo before reading it.
     */
    private static BodyFraming framing(Headers request) {
        String te = request.getFirst("Transfer-Encoding");
        if (te != null) {
            return BodyFraming.CHUNKED;
        }
        String length = request.getFirst("Content-Length");
        if (length == null) {
            return BodyFraming.NONE;
        }
        try {
            return new BodyFraming.Length(Long.parseLong(length.strip()));
        } catch (NumberFormatException e) {
            return BodyFraming.CHUNKED; // the server refuses a bad length before calling a handler
        }
    }

    private static Response readBody(InputStream body, BodyFraming framing, Exchange exchange) throws IOException {
        int size = framing instanceof BodyFraming.Length(long bytes) ? Math.clamp(bytes, 1, MAX_READ) : MAX_READ;
        byte[] buffer = new byte[size];
        try {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                exchange.body(ByteBuffer.wrap(buffer, 0, n));
            }
            return exchange.end();
        } catch (HttpException e) {
            return Response.error(e); // closing the exchange drains or drops the rest of the body
        }
    }

    private static void send(HttpExchange http, boolean isHead, Response response) throws IOException {
        Headers headers = http.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("Server", SERVER); // the JDK server writes Date but no Server; the stages and the other peers send one
        for (Header extra : response.headers()) {
            headers.add(extra.name(), extra.value());
        }
        byte[] body = response.body();
        int status = response.status().code();
        if (isHead) {
            // the server writes no length for HEAD; RFC 9110 section 9.3.2 lets it match the GET's
            headers.set("Content-Length", Integer.toString(body.length));
            http.sendResponseHeaders(status, -1);
        } else if (body.length == 0) {
            http.sendResponseHeaders(status, -1); // -1 is "no body"; 0 would mean chunked
        } else {
            http.sendResponseHeaders(status, body.length);
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
