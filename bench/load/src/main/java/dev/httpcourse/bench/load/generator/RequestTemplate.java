package dev.httpcourse.bench.load.generator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One request a connection sends again and again: the text of its head (and of a short body), an
 * optional filler body of {@code fillBytes} bytes (the upload profile's 10 MiB are not spelled out),
 * and how to recognise a correct answer.
 */
public record RequestTemplate(String name, String text, long fillBytes, BodyCheck check) {
    static final byte FILL = 'x';

    public RequestTemplate {
        if (!text.contains("\r\n\r\n")) {
            throw new IllegalArgumentException("template has no end of head: " + name);
        }
        if (fillBytes < 0 || text.length() + fillBytes > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("template body out of range: " + name);
        }
    }

    /** A GET of {@code target} with only a Host header. */
    public static RequestTemplate get(String name, String host, String target, BodyCheck check) {
        return new RequestTemplate(name, "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n", 0, check);
    }

    /** Bytes on the wire for one request. */
    public int length() {
        return text.length() + (int) fillBytes;
    }

    /**
     * The request repeated {@code copies} times in one direct buffer, read-only: a connection with
     * requests to pipeline writes a slice of it in one call, and a direct buffer spares the JDK its
     * copy into a temporary one on every write.
     */
    ByteBuffer repeated(int copies) {
        byte[] head = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.multiplyExact(length(), copies));
        byte[] fill = new byte[(int) Math.min(fillBytes, 64 * 1024)];
        java.util.Arrays.fill(fill, FILL);
        for (int i = 0; i < copies; i++) {
            buffer.put(head);
            for (long left = fillBytes; left > 0; left -= fill.length) {
                buffer.put(fill, 0, (int) Math.min(fill.length, left));
            }
        }
        return buffer.flip().asReadOnlyBuffer();
    }

    /**
     * The same request asking the server to close after answering: how {@code wrk}, which cannot
     * close a connection itself, emulates "reconnect every N requests".
     */
    public RequestTemplate withConnectionClose() {
        int end = text.indexOf("\r\n\r\n");
        return new RequestTemplate(name, text.substring(0, end) + "\r\nConnection: close" + text.substring(end),
                fillBytes, check);
    }
}
