package dev.httpcourse.stage02;

import dev.httpcourse.common.http.BufferWindow;
import dev.httpcourse.common.http.ByteView;
import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.HeadSyntax;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.RequestRules;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

// tag::s02-parser-states[]
/**
 * Parses request heads from whatever bytes have arrived, in any split, and resumes where it stopped:
 * stage 02 cannot block for the rest of a line as stage 01 did, so the parser must be able to stop
 * in the middle of one. Its rules, limits and statuses are stage 01's (RFC 9112 sections 2-5, then
 * {@link RequestRules}).
 *
 * <pre>
 *        empty line: skipped (RFC 9112 section 2.2)
 *           ┌────┐
 *           ▼    │      request line                 empty line
 *   ──► REQUEST_LINE ──────────────────► FIELD_LINE ─────────────► RequestRules.validate: return the head
 *           ▲                             ▲    │                              │
 *           │                             └────┘ field line                   │
 *           └─────────────────────────────────────────────────────────────────┘
 *   In either state, input that runs out mid-line: return null; the next call resumes there.
 * </pre>
 *
 * Each state consumes whole lines. Within a line the parser scans byte by byte for its CRLF and
 * remembers how far it got ({@link #scanned}), so bytes that arrive one at a time are each looked at
 * once, never rescanned. When the input runs out mid-line, {@link #parse} returns null and leaves the
 * buffer's position at the start of that line: the caller keeps those bytes (it may move them, for
 * example by {@link ByteBuffer#compact()}) and calls again once more have been appended.
 *
 * <p>The parser reads the buffer only through absolute {@code get(int)}, so heap, direct and
 * {@code MemorySegment}-backed buffers all work: stage 04 feeds it views of off-heap ring memory. A
 * complete line of an off-heap buffer is copied once to the heap before it is checked and cut into
 * Strings, which need a {@code byte[]} anyway.
 * It holds no buffer of its own, so an idle connection's parser costs a few dozen bytes.
 */
public final class RequestParser {
    enum State { REQUEST_LINE, FIELD_LINE }
    // end::s02-parser-states[]

    private static final String GET = "GET";
    private static final String POST = "POST";
    private static final String HEAD = "HEAD";
    /** Where lines of direct buffers are copied to be checked and cut into Strings; see {@link #onHeap}. */
    private static final ThreadLocal<ByteBuffer> LINE_COPY = ThreadLocal.withInitial(() -> ByteBuffer.allocate(1024));

    private final Limits limits;
    /** The line being checked, as {@link HeadSyntax} reads it: re-aimed per line, never a new object. */
    private final BufferWindow window = new BufferWindow();
    private State state = State.REQUEST_LINE;
    /** Bytes of the current line, from the buffer's position, already scanned without finding its end. */
    private int scanned;
    private boolean started;
    private String method;
    private String target;
    private Version version;
    private List<Header> headers;
    private int headerBytes;

    public RequestParser(Limits limits) {
        this.limits = limits;
    }

    /** The largest line this parser may have to keep, CRLF included: a buffer must hold at least this much. */
    public static int longestLine(Limits limits) {
        return Math.max(limits.maxRequestLineBytes(), limits.maxHeaderBytes()) + 2;
    }

    /** Parses one head from the start of {@code input}; null if it ends first. For tests and benchmarks. */
    public static RequestHead parseHead(byte[] input, Limits limits) {
        return new RequestParser(limits).parse(ByteBuffer.wrap(input));
    }

    /** Whether part of a request head has been seen: the header timeout runs from then. */
    public boolean isStarted() {
        return started;
    }

    // tag::s02-parse[]
    /**
     * Consumes lines of a request head from {@code in}, position to limit.
     *
     * @return the head once complete, with the position just after it (at the body or the next
     *         request); null when the input ran out first, with the position at the unfinished line
     * @throws HttpException when the head breaks a rule; its status says which. The parser is then
     *         spent: the connection answers with the error and closes.
     */
    public RequestHead parse(ByteBuffer in) {
        // tag::step-1-parse[]
        if (in.hasRemaining()) {
            started = true;
        }
        while (true) {
            boolean requestLine = state == State.REQUEST_LINE;
            int max = requestLine ? limits.maxRequestLineBytes() : limits.maxHeaderBytes() - headerBytes;
            int cr = findLineEnd(in, max, requestLine ? Status.URI_TOO_LONG : Status.REQUEST_HEADER_FIELDS_TOO_LARGE);
            if (cr < 0) {
                return null;
            }
            int start = in.position();
            in.position(cr + 2);
            scanned = 0;
            if (cr == start) {
                if (!requestLine) {
                    return complete();
                }
                // tag::step-2-empty-line[]
                continue; // an empty line before the request line is skipped
                // end::step-2-empty-line[]
            }
            ByteBuffer line = onHeap(in, start, cr);
            int from = line == in ? start : 0;
            if (requestLine) {
                requestLine(line, from, from + cr - start);
                headers = new ArrayList<>(8);
                state = State.FIELD_LINE;
            } else {
                fieldLine(line, from, from + cr - start);
            }
        }
        // end::step-1-parse[]
    }
    // end::s02-parse[]

    private RequestHead complete() {
        RequestHead head = RequestRules.validate(method, target, version, headers, limits);
        state = State.REQUEST_LINE;
        started = false;
        headers = null;
        headerBytes = 0;
        method = null;
        target = null;
        return head;
    }

    // tag::s02-find-line-end[]
    /**
     * Scans on from where the last call stopped for the LF that ends the line at the position.
     * Returns the index of its CR, or -1 when the input runs out first. CR is allowed only right
     * before LF and LF only right after CR (RFC 9112 section 2.2: a bare CR is an error, and
     * accepting a bare LF is how two parsers come to disagree).
     */
    private int findLineEnd(ByteBuffer in, int max, Status tooLong) {
        // tag::step-1-find-line-end[]
        int pos = in.position();
        int limit = in.limit();
        int i = pos + scanned;
        for (; i < limit; i++) {
            byte b = in.get(i);
            if (b == '\n') {
                // tag::step-3-line-endings[]
                if (i == pos || in.get(i - 1) != '\r') {
                    throw new HttpException(Status.BAD_REQUEST, "line not ended by CRLF");
                }
                // end::step-3-line-endings[]
                if (i - 1 - pos > max) {
                    // tag::step-5-line-limit[]
                    throw tooLong(in, i - 1, tooLong);
                    // end::step-5-line-limit[]
                }
                return i - 1;
            }
            // tag::step-3-line-endings[]
            if (i > pos && in.get(i - 1) == '\r') {
                throw new HttpException(Status.BAD_REQUEST, "bare CR");
            }
            // end::step-3-line-endings[]
        }
        scanned = i - pos;
        if (scanned > max + 1) {
            // tag::step-5-line-limit[]
            throw tooLong(in, i, tooLong);
            // end::step-5-line-limit[]
        }
        return -1;
        // end::step-1-find-line-end[]
    }
    // end::s02-find-line-end[]

    /** A line over its limit: for the request line, {@code RequestRules} tells a long target (414) from the rest. */
    private HttpException tooLong(ByteBuffer in, int end, Status status) {
        if (status == Status.URI_TOO_LONG) {
            return RequestRules.overlongRequestLine(in.duplicate().limit(end), limits.maxRequestLineBytes());
        }
        return new HttpException(status, status.reason());
    }

    /** {@code method SP request-target SP HTTP-version}: the grammar is common's {@link HeadSyntax}. */
    private void requestLine(ByteBuffer in, int start, int end) {
        ByteView line = window.set(in, start, end - start);
        int methodEnd = HeadSyntax.methodEnd(line);
        int targetEnd = HeadSyntax.targetEnd(line, methodEnd);
        method = method(in, start, start + methodEnd);
        target = string(in, start + methodEnd + 1, start + targetEnd);
        version = Version.of(string(in, start + targetEnd + 1, end));
    }

    /** The three methods of nearly every request come from constants rather than a new String each. */
    private static String method(ByteBuffer in, int start, int end) {
        int length = end - start;
        byte first = in.get(start);
        if (length == 3 && first == 'G' && in.get(start + 1) == 'E' && in.get(start + 2) == 'T') {
            return GET;
        }
        if (length == 4 && in.get(start + 2) == 'S' && first == 'P' && in.get(start + 1) == 'O' && in.get(start + 3) == 'T') {
            return POST;
        }
        if (length == 4 && in.get(start + 2) == 'A' && first == 'H' && in.get(start + 1) == 'E' && in.get(start + 3) == 'D') {
            return HEAD;
        }
        return string(in, start, end);
    }

    /** A field line, counted against the header limits, then checked by {@link HeadSyntax} and cut into Strings. */
    private void fieldLine(ByteBuffer in, int start, int end) {
        // tag::step-5-header-limits[]
        headerBytes += end - start + 2;
        if (headerBytes > limits.maxHeaderBytes()) {
            throw new HttpException(Status.REQUEST_HEADER_FIELDS_TOO_LARGE, "header section too large");
        }
        if (headers.size() == limits.maxHeaderCount()) {
            throw new HttpException(Status.REQUEST_HEADER_FIELDS_TOO_LARGE, "too many header fields");
        }
        // end::step-5-header-limits[]
        ByteView line = window.set(in, start, end - start);
        int nameEnd = HeadSyntax.nameEnd(line);
        int valueStart = HeadSyntax.valueStart(line, nameEnd);
        int valueEnd = HeadSyntax.valueEnd(line, valueStart);
        headers.add(new Header(string(in, start, start + nameEnd), string(in, start + valueStart, start + valueEnd)));
    }

    /**
     * The line {@code [start, end)} where Strings can be made from it without another copy: the
     * buffer itself when it is backed by an array, else the line copied once into a heap buffer of
     * the thread's (an event loop's thread parses one line at a time), at index 0.
     */
    private static ByteBuffer onHeap(ByteBuffer in, int start, int end) {
        if (in.hasArray()) {
            return in;
        }
        ByteBuffer copy = LINE_COPY.get();
        if (copy.capacity() < end - start) {
            copy = ByteBuffer.allocate(Math.max(end - start, 2 * copy.capacity()));
            LINE_COPY.set(copy);
        }
        copy.put(0, in, start, end - start);
        return copy;
    }

    /** Latin-1, so every byte maps to one char: the checks above already limit what may appear. */
    private static String string(ByteBuffer in, int from, int to) {
        if (in.hasArray()) {
            return new String(in.array(), in.arrayOffset() + from, to - from, StandardCharsets.ISO_8859_1);
        }
        byte[] bytes = new byte[to - from]; // not reached from parse(), which hands over heap lines only
        in.get(from, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
