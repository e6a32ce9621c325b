package dev.httpcourse.bench.load.generator;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Frames HTTP/1.1 responses as they arrive, whatever the reads cut them into: fed a buffer, it
 * consumes bytes up to the end of one response and says whether it got there. Only what framing
 * needs is read from the head (RFC 9112 section 6.3): the status code, Content-Length,
 * Transfer-Encoding, and Connection: close. The body is skipped, or kept (up to 64 KiB) when the
 * caller asked to check it.
 *
 * <pre>
 *  STATUS_LINE ──► HEADER ─┬─ 1xx ───────────────────────────────────────► STATUS_LINE
 *                  (loop)  ├─ Content-Length ──► FIXED_BODY ──────────────────┐
 *                          ├─ chunked ──► CHUNK_SIZE ─► CHUNK_DATA ─► CHUNK_END │
 *                          │                ▲  │ size 0                  │     │
 *                          │                │  └──► TRAILER (loop) ──────┼─────┤
 *                          │                └────────────────────────────┘     ▼
 *                          └─ 204, 304, Content-Length: 0 ─────────────────► DONE
 * </pre>
 *
 * After {@link #parse} returns true the caller reads {@link #status()} and the rest, then calls
 * {@link #reset} before feeding the next response. Allocates nothing per response unless asked to
 * keep the body.
 *
 * <p>The conformance suite reads responses with a reader of its own ({@code ResponseReader} in
 * conformance), on purpose: that one is strict (CRLF only, token field names, a FIN told from a
 * reset), keeps every field and the raw head to name in a failure, and blocks on a socket with a
 * timeout; its checks and kept fields would cost this parser on every line, for a shared part (the
 * framing by Content-Length or chunks) of some forty lines.
 */
final class ResponseParser {
    static final int MAX_LINE = 8 * 1024;
    static final int MAX_KEPT_BODY = 64 * 1024;
    private static final long MAX_CHUNK = 1L << 40;

    private enum State { STATUS_LINE, HEADER, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, DONE }

    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");

    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private State state = State.STATUS_LINE;
    private int status;
    private long contentLength = -1;
    private boolean chunked;
    private boolean close;
    private long remaining;
    private long bodyLength;
    private boolean keepBody;
    private byte[] body;
    private int keptLength;

    /** Gets ready for the next response; {@code keep} asks to keep its body for {@link #body()}. */
    void reset(boolean keep) {
        state = State.STATUS_LINE;
        lineLength = 0;
        status = 0;
        contentLength = -1;
        chunked = false;
        close = false;
        remaining = 0;
        bodyLength = 0;
        keepBody = keep;
        keptLength = 0;
    }

    /**
     * Consumes bytes of {@code in} up to the end of the current response.
     *
     * @return true when a whole response has been read; {@code in} is then positioned just after it
     */
    boolean parse(ByteBuffer in) throws ResponseParseException {
        if (state == State.DONE) {
            throw new IllegalStateException("reset() before parsing the next response");
        }
        while (in.hasRemaining()) {
            if (state == State.FIXED_BODY || state == State.CHUNK_DATA) {
                int n = (int) Math.min(remaining, in.remaining());
                consumeBody(in, n);
                remaining -= n;
                if (remaining == 0) {
                    if (state == State.FIXED_BODY) {
                        state = State.DONE;
                        return true;
                    }
                    state = State.CHUNK_END;
                }
            } else if (readLine(in) && onLine()) {
                state = State.DONE;
                return true;
            }
        }
        return false;
    }

    int status() {
        return status;
    }

    /** The response said {@code Connection: close}: the server will close after it. */
    boolean closeRequested() {
        return close;
    }

    /** Body bytes (decoded from chunks) of the response just read. */
    long bodyLength() {
        return bodyLength;
    }

    /** The kept body, valid up to {@link #keptLength()}, or an empty array when not kept. */
    byte[] body() {
        return body == null ? new byte[0] : body;
    }

    int keptLength() {
        return keptLength;
    }

    /** The body was kept whole (asked to, and no longer than the limit). */
    boolean bodyKept() {
        return keepBody && bodyLength <= MAX_KEPT_BODY;
    }

    private void consumeBody(ByteBuffer in, int n) {
        bodyLength += n;
        if (keepBody && keptLength < MAX_KEPT_BODY) {
            int keep = Math.min(n, MAX_KEPT_BODY - keptLength);
            if (body == null || body.length < keptLength + keep) {
                body = Arrays.copyOf(body == null ? new byte[0] : body, Math.min(MAX_KEPT_BODY,
                        Math.max(keptLength + keep, 2 * keptLength + 256)));
            }
            in.get(body, keptLength, keep);
            keptLength += keep;
            n -= keep;
        }
        in.position(in.position() + n);
    }

    /** Appends bytes up to and including LF to {@link #line}; true when the line is complete (CR LF stripped). */
    private boolean readLine(ByteBuffer in) throws ResponseParseException {
        int start = in.position();
        int limit = in.limit();
        for (int i = start; i < limit; i++) {
            if (in.get(i) == '\n') {
                append(in, start, i - start);
                in.position(i + 1);
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return true;
            }
        }
        append(in, start, limit - start);
        in.position(limit);
        return false;
    }

    private void append(ByteBuffer in, int from, int n) throws ResponseParseException {
        if (lineLength + n > MAX_LINE) {
            throw new ResponseParseException("response line or header longer than " + MAX_LINE + " bytes");
        }
        in.get(from, line, lineLength, n);
        lineLength += n;
    }

    /** Handles the line just read; true when it ends the response. */
    private boolean onLine() throws ResponseParseException {
        int length = lineLength;
        lineLength = 0;
        switch (state) {
            case STATUS_LINE -> {
                parseStatusLine(length);
                state = State.HEADER;
                return false;
            }
            case HEADER -> {
                return length == 0 ? endOfHead() : header(length);
            }
            case CHUNK_SIZE -> {
                long size = chunkSize(length);
                if (size == 0) {
                    state = State.TRAILER;
                } else {
                    remaining = size;
                    state = State.CHUNK_DATA;
                }
                return false;
            }
            case CHUNK_END -> {
                if (length != 0) {
                    throw new ResponseParseException("chunk data longer than its size");
                }
                state = State.CHUNK_SIZE;
                return false;
            }
            case TRAILER -> {
                return length == 0;
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    // "HTTP/1.1 200 OK": the version, a space, three digits, then a space or the end.
    private void parseStatusLine(int length) throws ResponseParseException {
        if (length < 12 || !startsWith(line, "HTTP/1.") || line[8] != ' ' || (length > 12 && line[12] != ' ')
                || !digit(line[9]) || !digit(line[10]) || !digit(line[11])) {
            throw new ResponseParseException("bad status line: " + text(0, Math.min(length, 80)));
        }
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    }

    private boolean endOfHead() throws ResponseParseException {
        if (status >= 100 && status < 200) {
            // An interim response (100 Continue): the final one follows (RFC 9110 section 15.2).
            reset(keepBody);
            return false;
        }
        if (status == 204 || status == 304) {
            return true;
        }
        if (chunked) {
            state = State.CHUNK_SIZE;
            return false;
        }
        if (contentLength < 0) {
            // Read-until-close framing: legal, but no server under test should use it on a keep-alive connection.
            throw new ResponseParseException("response " + status + " has neither Content-Length nor chunked framing");
        }
        if (contentLength == 0) {
            return true;
        }
        remaining = contentLength;
        state = State.FIXED_BODY;
        return false;
    }

    private boolean header(int length) throws ResponseParseException {
        int colon = 0;
        while (colon < length && line[colon] != ':') {
            colon++;
        }
        if (colon == 0 || colon == length) {
            throw new ResponseParseException("bad header line: " + text(0, Math.min(length, 80)));
        }
        int from = colon + 1;
        int to = length;
        while (from < to && (line[from] == ' ' || line[from] == '\t')) {
            from++;
        }
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
            to--;
        }
        if (nameIs(CONTENT_LENGTH, colon)) {
            long value = decimal(from, to);
            if (contentLength >= 0 && contentLength != value) {
                throw new ResponseParseException("two different Content-Length values");
            }
            contentLength = value;
        } else if (nameIs(TRANSFER_ENCODING, colon)) {
            String codings = text(from, to);
            String last = codings.substring(codings.lastIndexOf(',') + 1).strip();
            chunked = last.equalsIgnoreCase("chunked");
        } else if (nameIs(CONNECTION, colon)) {
            for (String option : text(from, to).split(",")) {
                close |= option.strip().equalsIgnoreCase("close");
            }
        }
        return false;
    }

    private long decimal(int from, int to) throws ResponseParseException {
        if (from == to || to - from > 18) {
            throw new ResponseParseException("bad Content-Length: " + text(from, to));
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (!digit(line[i])) {
                throw new ResponseParseException("bad Content-Length: " + text(from, to));
            }
            value = value * 10 + (line[i] - '0');
        }
        return value;
    }

    private long chunkSize(int length) throws ResponseParseException {
        long size = 0;
        int i = 0;
        for (; i < length; i++) {
            int v = Character.digit(line[i], 16);
            if (v < 0) {
                break;
            }
            size = size * 16 + v;
            if (size > MAX_CHUNK) {
                throw new ResponseParseException("chunk size too large");
            }
        }
        // Extensions after ';' are allowed and ignored (RFC 9112 section 7.1.1).
        if (i == 0 || (i < length && line[i] != ';' && line[i] != ' ' && line[i] != '\t')) {
            throw new ResponseParseException("bad chunk size line: " + text(0, Math.min(length, 80)));
        }
        return size;
    }

    private boolean nameIs(byte[] lowerName, int nameLength) {
        if (nameLength != lowerName.length) {
            return false;
        }
        for (int i = 0; i < nameLength; i++) {
            int c = line[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private String text(int from, int to) {
        return new String(line, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
