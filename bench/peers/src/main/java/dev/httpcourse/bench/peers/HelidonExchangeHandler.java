package dev.httpcourse.bench.peers;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.app.Exchange;
import dev.httpcourse.common.http.BodyFraming;
import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.HttpDate;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.Version;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpPrologue;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One request on Helidon, the way the JDK peer handles one: the head to the course's {@link App},
 * the body read from Helidon's entity stream in pieces and pushed to it (a 20 MiB upload is counted,
 * never held), the response sent whole with its length. Blocking reads are the idiom here: the
 * handler runs on the connection's virtual thread.
 */
final class HelidonExchangeHandler implements Handler {
    /** Largest piece of body read at once; small declared bodies get a buffer their own size. */
    private static final int MAX_READ = 16 * 1024;
    /** Helidon writes no {@code Server}; the stages and the other peers send one. */
    private static final io.helidon.http.Header SERVER = HeaderValues.createCached(HeaderNames.SERVER, "helidon");
    private static final io.helidon.http.Header TEXT_PLAIN =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, Response.TEXT_PLAIN);
    private static final io.helidon.http.Header APPLICATION_JSON =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, Response.APPLICATION_JSON);

    private final App app;

    HelidonExchangeHandler(App app) {
        this.app = app;
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) throws IOException {
        HttpPrologue prologue = request.prologue();
        ServerRequestHeaders headers = request.headers();
        BodyFraming framing = headers.contains(HeaderValues.TRANSFER_ENCODING_CHUNKED) ? BodyFraming.CHUNKED
                : headers.contentLength().isPresent() ? new BodyFraming.Length(headers.contentLength().getAsLong())
                : BodyFraming.NONE;
        String target = prologue.hasQuery() ? prologue.uriPath().rawPath() + "?" + prologue.query().rawValue()
                : prologue.uriPath().rawPath();
        RequestHead head = RequestHeads.of(prologue.method().text(), target,
                "1.0".equals(prologue.protocolVersion()) ? Version.HTTP_1_0 : Version.HTTP_1_1,
                headers.first(HeaderNames.CONTENT_TYPE).orElse(null), framing, true, false);
        Exchange exchange = app.open(head);
        Response answer = exchange.earlyResponse();
        if (answer == null) {
            // Helidon sends 100 Continue, if asked for, when the stream is first read
            answer = readBody(request.content().inputStream(), framing, exchange);
        }
        send(response, head.isHead(), answer);
    }

    private static Response readBody(InputStream body, BodyFraming framing, Exchange exchange) throws IOException {
        int size = framing instanceof BodyFraming.Length(long bytes) ? Math.clamp(bytes, 1, MAX_READ) : MAX_READ;
        byte[] buffer = new byte[size];
        try (body) {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                exchange.body(ByteBuffer.wrap(buffer, 0, n));
            }
            return exchange.end();
        } catch (HttpException e) {
            return Response.error(e); // Helidon drains or drops the rest of the entity after the response
        }
    }

    private static void send(ServerResponse http, boolean isHead, Response response) {
        http.status(Status.create(response.status().code()));
        http.header(switch (response.contentType()) {
            case Response.TEXT_PLAIN -> TEXT_PLAIN;
            case Response.APPLICATION_JSON -> APPLICATION_JSON;
            default -> HeaderValues.create(HeaderNames.CONTENT_TYPE, response.contentType());
        });
        http.header(SERVER);
        http.header(DateField.now());
        for (Header extra : response.headers()) {
            http.header(extra.name(), extra.value());
        }
        byte[] body = response.body();
        if (isHead) {
            // the length a GET would have had (RFC 9110 section 9.3.2); Helidon writes a set length as it is
            http.header(HeaderValues.create(HeaderNames.CONTENT_LENGTH, body.length));
            http.send();
        } else {
            http.send(body);
        }
    }

    /**
     * The {@code Date} field, from the course's cache: Helidon 4.5 writes its own only when the response
     * has none, and formats it with {@code RFC_1123_DATE_TIME}, which leaves out the zero of a one-digit
     * day ({@code Sun, 6 Dec 2026}) that RFC 9110's IMF-fixdate (section 5.6.7) requires. Set here, it is
     * well formed and as long as every other server's. Built at most once a second.
     */
    private static final class DateField {
        private record Cached(byte[] fieldLine, io.helidon.http.Header header) {
        }

        private static volatile Cached cached = new Cached(new byte[0], null);

        static io.helidon.http.Header now() {
            byte[] line = HttpDate.SYSTEM.fieldLine(); // "Date: …\r\n", the same array all second
            Cached c = cached;
            if (c.fieldLine != line) {
                String value = new String(line, "Date: ".length(), line.length - "Date: ".length() - 2,
                        StandardCharsets.US_ASCII);
                c = new Cached(line, HeaderValues.createCached(HeaderNames.DATE, value));
                cached = c;
            }
            return c.header;
        }
    }
}
