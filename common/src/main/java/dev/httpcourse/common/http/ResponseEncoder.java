package dev.httpcourse.common.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the head of a response: status line, {@code Server}, {@code Date}, {@code Content-Type},
 * {@code Content-Length}, the application's fields, and {@code Connection} where it says something
 * the client would not assume (RFC 9112 section 9.3).
 */
public final class ResponseEncoder {
    public static final String SERVER_NAME = "fast-java-http";

    private static final byte[] SERVER = ("Server: " + SERVER_NAME + "\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_TYPE = "Content-Type: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};

    /** The interim response that lets a client waiting on {@code Expect: 100-continue} send its body. */
    public static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpDate date;

    public ResponseEncoder(HttpDate date) {
        this.date = date;
    }

    public ResponseEncoder() {
        this(HttpDate.SYSTEM);
    }

    // tag::encode-head[]
    /**
     * The head for {@code response}. {@code Content-Length} is the body's even when the body is not sent
     * (a response to HEAD, RFC 9110 section 9.3.2).
     *
     * @param version   the request's version: an HTTP/1.0 client must be told a connection stays open
     * @param keepAlive whether the server keeps the connection after this response
     */
    public byte[] head(Response response, Version version, boolean keepAlive) {
        var out = new ByteArrayOutputStream(192 + response.headers().size() * 32);
        out.writeBytes(response.status().statusLine());
        out.writeBytes(SERVER);
        out.writeBytes(date.fieldLine());
        if (response.contentType() != null) {
            out.writeBytes(CONTENT_TYPE);
            out.writeBytes(ascii(response.contentType()));
            out.writeBytes(CRLF);
        }
        out.writeBytes(CONTENT_LENGTH);
        out.writeBytes(ascii(Integer.toString(response.body().length)));
        out.writeBytes(CRLF);
        for (Header h : response.headers()) {
            out.writeBytes(ascii(h.name() + ": " + h.value()));
            out.writeBytes(CRLF);
        }
        if (!keepAlive) {
            out.writeBytes(CONNECTION_CLOSE);
        } else if (version == Version.HTTP_1_0) {
            out.writeBytes(CONNECTION_KEEP_ALIVE);
        }
        out.writeBytes(CRLF);
        return out.toByteArray();
    }
    // end::encode-head[]

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
