package dev.httpcourse.stage01;

import dev.httpcourse.common.app.Exchange;
import dev.httpcourse.common.http.BodyFraming;
import dev.httpcourse.common.http.BufferWindow;
import dev.httpcourse.common.http.ByteView;
import dev.httpcourse.common.http.ChunkedDecoder;
import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.HeadSyntax;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.RequestRules;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads requests from a blocking {@link InputStream}: line by line for the head, then the body as
 * its framing says. It keeps its own buffer so that bytes of a pipelined next request, read along
 * with this one, stay for the next call.
 *
 * <p>Blocking makes the parser simple: when a line is incomplete it just reads more. The price is
 * paid elsewhere: the thread waiting here can do nothing else (chapter 1), and a parser that cannot
 * stop mid-line is why stage 02 needs a new one.
 */
final class RequestParser {
    private final InputStream in;
    private final Limits limits;
    private final byte[] buf;
    private final ByteBuffer view;
    /** A second view of {@link #buf}, never moved: body reads set {@link #view}'s limit, and lines are read past it. */
    private final ByteBuffer lines;
    private final BufferWindow window = new BufferWindow();
    private final ChunkedDecoder chunked;
    private int pos;
    private int limit;

    RequestParser(InputStream in, Limits limits) {
        this.in = in;
        this.limits = limits;
        // a whole line must fit: the longest request line or header line, plus CRLF
        this.buf = new byte[Math.max(8192, Math.max(limits.maxRequestLineBytes(), limits.maxHeaderBytes()) + 2)];
        this.view = ByteBuffer.wrap(buf);
        this.lines = ByteBuffer.wrap(buf);
        this.chunked = new ChunkedDecoder(limits);
    }

    /** Parses one head from the start of {@code input}; null if it ends first. For tests and benchmarks. */
    static RequestHead parseHead(byte[] input, Limits limits) {
        try {
            return new RequestParser(new ByteArrayInputStream(input), limits).readHead();
        } catch (EOFException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // tag::s01-buffered[]
    /** Blocks until the next request's first byte is here; false if the peer closed instead. */
    boolean awaitRequest() throws IOException {
        return pos < limit || fill() > 0;
    }

    /** True when bytes of a further (pipelined) request are already buffered. */
    boolean hasBufferedInput() {
        return pos < limit;
    }
    // end::s01-buffered[]

    // tag::s01-read-head[]
    /**
     * Reads a request line and header section (RFC 9112 sections 2-5).
     *
     * @throws EOFException  when the peer closes before the head is complete
     * @throws HttpException when the head breaks a rule; its status says which
     */
    RequestHead readHead() throws IOException {
        // tag::step-1-read-head[]
        int lineEnd;
        do { // RFC 9112 section 2.2: ignore empty lines before the request line
            lineEnd = readLine(limits.maxRequestLineBytes(), Status.URI_TOO_LONG);
        } while (lineEnd == pos && skipLine(lineEnd));
        RequestLine line = parseRequestLine(pos, lineEnd);
        skipLine(lineEnd);

        List<Header> headers = new ArrayList<>();
        int headerBytes = 0;
        while (true) {
            int room = limits.maxHeaderBytes() - headerBytes;
            lineEnd = readLine(room, Status.REQUEST_HEADER_FIELDS_TOO_LARGE);
            if (lineEnd == pos) {
                skipLine(lineEnd);
                break;
            }
            headerBytes += lineEnd - pos + 2;
            // tag::step-5-header-limits[]
            if (headerBytes > limits.maxHeaderBytes()) {
                throw new HttpException(Status.REQUEST_HEADER_FIELDS_TOO_LARGE, "header section too large");
            }
            if (headers.size() == limits.maxHeaderCount()) {
                throw new HttpException(Status.REQUEST_HEADER_FIELDS_TOO_LARGE, "too many header fields");
            }
            // end::step-5-header-limits[]
            headers.add(parseField(pos, lineEnd));
            skipLine(lineEnd);
        }
        return RequestRules.validate(line.method, line.target, line.version, headers, limits);
        // end::step-1-read-head[]
    }
    // end::s01-read-head[]

    private record RequestLine(String method, String target, Version version) {
    }

    /** {@code method SP request-target SP HTTP-version}: the grammar is common's {@link HeadSyntax}. */
    private RequestLine parseRequestLine(int start, int end) {
        ByteView line = line(start, end);
        int methodEnd = HeadSyntax.methodEnd(line);
        int targetEnd = HeadSyntax.targetEnd(line, methodEnd);
        return new RequestLine(ascii(start, start + methodEnd), ascii(start + methodEnd + 1, start + targetEnd),
                Version.of(ascii(start + targetEnd + 1, end)));
    }

    // tag::s01-parse-field[]
    /** {@code field-name ":" OWS field-value OWS}, checked by {@link HeadSyntax}, then cut into two Strings. */
    private Header parseField(int start, int end) {
        ByteView line = line(start, end);
        int nameEnd = HeadSyntax.nameEnd(line);
        int valueStart = HeadSyntax.valueStart(line, nameEnd);
        int valueEnd = HeadSyntax.valueEnd(line, valueStart);
        return new Header(ascii(start, start + nameEnd),
                new String(buf, start + valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1));
    }
    // end::s01-parse-field[]

    /** The line {@code buf[start, end)} as the grammar reads it: a window, not a copy. */
    private ByteView line(int start, int end) {
        return window.set(lines, start, end - start);
    }

    // tag::s01-read-line[]
    /**
     * Finds the end of the line starting at {@code pos}, reading more as needed; returns the index of
     * its CR. A line longer than {@code max} is refused with {@code tooLong}; CR is only allowed
     * right before LF, and LF only right after CR.
     */
    private int readLine(int max, Status tooLong) throws IOException {
        // tag::step-1-read-line[]
        int scanned = pos;
        while (true) {
            for (; scanned < limit; scanned++) {
                byte b = buf[scanned];
                if (b == '\n') {
                    // tag::step-3-line-endings[]
                    if (scanned == pos || buf[scanned - 1] != '\r') {
                        throw new HttpException(Status.BAD_REQUEST, "line not ended by CRLF");
                    }
                    // end::step-3-line-endings[]
                    if (scanned - 1 - pos > max) {
                        // tag::step-5-line-limit[]
                        throw tooLong(tooLong, scanned - 1);
                        // end::step-5-line-limit[]
                    }
                    return scanned - 1;
                }
                // tag::step-3-line-endings[]
                if (scanned > pos && buf[scanned - 1] == '\r') {
                    throw new HttpException(Status.BAD_REQUEST, "bare CR");
                }
                // end::step-3-line-endings[]
            }
            if (scanned - pos > max + 1) {
                // tag::step-5-line-limit[]
                throw tooLong(tooLong, scanned);
                // end::step-5-line-limit[]
            }
            int before = pos;
            if (fill() < 0) {
                throw new EOFException("peer closed in the middle of a request head");
            }
            scanned -= before - pos; // fill() may have moved the unread bytes to the front
        }
        // end::step-1-read-line[]
    }
    // end::s01-read-line[]

    /** A line over its limit: for the request line, {@code RequestRules} tells a long target (414) from the rest. */
    private HttpException tooLong(Status status, int end) {
        if (status == Status.URI_TOO_LONG) {
            return RequestRules.overlongRequestLine(ByteBuffer.wrap(buf, pos, end - pos), limits.maxRequestLineBytes());
        }
        return new HttpException(status, status.reason());
    }

    /** Moves past the CRLF of a line that ends at {@code crIndex}; always true. */
    private boolean skipLine(int crIndex) {
        pos = crIndex + 2;
        return true;
    }

    // tag::s01-read-body[]
    /** Passes the body to {@code exchange} in pieces as they arrive; returns when it has all been read. */
    void readBody(RequestHead head, Exchange exchange) throws IOException {
        // tag::step-1-read-body[]
        switch (head.framing()) {
            case BodyFraming.None none -> {
            }
            case BodyFraming.Length(long bytes) -> {
                long remaining = bytes;
                while (remaining > 0) {
                    if (pos == limit && fill() < 0) {
                        throw new EOFException("peer closed in the middle of a body");
                    }
                    int n = (int) Math.min(remaining, limit - pos);
                    exchange.body(view.limit(pos + n).position(pos));
                    pos += n;
                    remaining -= n;
                }
            }
            case BodyFraming.Chunked chunkedBody -> {
                chunked.reset();
                while (true) {
                    boolean done = chunked.decode(view.limit(limit).position(pos), exchange::body);
                    pos = view.position();
                    if (done) {
                        break;
                    }
                    if (fill() < 0) {
                        throw new EOFException("peer closed in the middle of a chunked body");
                    }
                }
            }
        }
        // end::step-1-read-body[]
    }
    // end::s01-read-body[]

    /**
     * Reads more bytes after those buffered, first moving unread bytes to the front if the buffer's
     * tail is full. Returns the count read, or -1 at end of stream.
     */
    private int fill() throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        } else if (limit == buf.length) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    private String ascii(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.US_ASCII);
    }
}
