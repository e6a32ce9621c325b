package dev.httpcourse.stage05;

import dev.httpcourse.common.http.BodyFraming;
import dev.httpcourse.common.http.ByteView;
import dev.httpcourse.common.http.FieldName;
import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.HeadRules;
import dev.httpcourse.common.http.HeadSyntax;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.RequestRules;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

// tag::s05-parser-states[]
/**
 * Parses a request head where it lies, in a {@link MemorySegment} (off-heap: the kernel's receive
 * buffer), and keeps only offsets: no String, byte[], boxed value or object per request. One
 * instance per connection; {@link #reset} between requests.
 *
 * <pre>
 *                 CRLF (empty line: skipped)
 *                ┌───┐
 *                ▼   │       request line                   field line
 *   ──► REQUEST_LINE ──────────────────────────► FIELDS ◄────────────┐
 *                                                  │ └───────────────┘
 *                                                  │ empty line: HeadRules.finish
 *                                                  ▼
 *                                                DONE  (parse returns the offset after the head)
 * </pre>
 *
 * Incremental: {@link #parse} may be called with the same head start and a growing end as bytes
 * arrive; it resumes where it stopped scanning and returns {@link #INCOMPLETE} until the empty line.
 * Every offset it keeps is relative to the head's start, so a server may move the unconsumed head
 * (into a per-connection carry-over segment, when a request spans two receive buffers) and call
 * again with the new segment and start.
 *
 * <p>Syntax is common's {@link HeadSyntax}, as in every stage; what the head means is
 * decided by {@code common}'s {@link HeadRules}, fed views of the bytes ({@link SegmentBytes}), so
 * this parser answers every request with the same status as every other stage.
 */
public final class InPlaceRequestParser {
    // end::s05-parser-states[]
    /** What {@link #parse} returns until the head is complete. */
    public static final long INCOMPLETE = -1;

    private static final int REQUEST_LINE = 0;
    private static final int FIELDS = 1;
    private static final int DONE = 2;

    private final Limits limits;
    private final HeadRules rules;
    private final SegmentBytes lineBytes = new SegmentBytes();
    private final SegmentBytes first = new SegmentBytes();
    private final SegmentBytes second = new SegmentBytes();

    // field lines, as offsets from the head's start; sized once by the header-count limit
    private final int[] nameStart;
    private final int[] nameEnd;
    private final int[] valueStart;
    private final int[] valueEnd;
    private final FieldName[] names;
    private int fields;

    private int phase;
    private int lineStart;
    private int scanFrom;
    private int headerBytes;
    private int requestLineStart;
    private int methodEnd;
    private int targetStart;
    private int targetEnd;
    private int headLength;

    public InPlaceRequestParser(Limits limits) {
        this.limits = limits;
        this.rules = new HeadRules(limits);
        int n = limits.maxHeaderCount();
        this.nameStart = new int[n];
        this.nameEnd = new int[n];
        this.valueStart = new int[n];
        this.valueEnd = new int[n];
        this.names = new FieldName[n];
    }

    /** Makes the parser ready for the next request. */
    public void reset() {
        phase = REQUEST_LINE;
        lineStart = 0;
        scanFrom = 0;
        headerBytes = 0;
        fields = 0;
        headLength = 0;
    }

    // tag::s05-parser-parse[]
    /**
     * Parses the head that starts at {@code start} from the bytes up to {@code end}.
     *
     * @return the offset just past the head's empty line (where the body or the next request starts),
     *         or {@link #INCOMPLETE} when more bytes are needed
     * @throws HttpException when the head breaks a rule; its status is the answer
     */
    public long parse(MemorySegment segment, long start, long end) {
        // tag::step-1-parse[]
        if (phase == DONE) {
            return start + headLength;
        }
        int available = Math.toIntExact(end - start);
        while (true) {
            int max = phase == REQUEST_LINE ? limits.maxRequestLineBytes() : limits.maxHeaderBytes() - headerBytes;
            long found = LineScanner.indexOfCrOrLf(segment, start + scanFrom, end);
            // RFC 9112 section 2.2: a line ends in CRLF; a bare LF or a bare CR is malformed
            if (found >= 0 && segment.get(ValueLayout.JAVA_BYTE, found) == '\n') {
                throw new HttpException(Status.BAD_REQUEST, "line not ended by CRLF");
            }
            if (found < 0 || found + 1 == end) { // no line end yet, or a CR whose LF has not arrived
                scanFrom = found < 0 ? available : (int) (found - start);
                if (available - lineStart > max + 1) {
                    throw tooLong(segment, start, available);
                }
                return INCOMPLETE;
            }
            if (segment.get(ValueLayout.JAVA_BYTE, found + 1) != '\n') {
                throw new HttpException(Status.BAD_REQUEST, "bare CR");
            }
            int lineEnd = (int) (found - start);
            if (lineEnd - lineStart > max) {
                throw tooLong(segment, start, lineEnd);
            }
            onLine(segment, start, lineEnd);
            lineStart = lineEnd + 2;
            scanFrom = lineStart;
            if (phase == DONE) {
                headLength = lineStart;
                return start + headLength;
            }
        }
        // end::step-1-parse[]
    }
    // end::s05-parser-parse[]

    private void onLine(MemorySegment segment, long start, int lineEnd) {
        // tag::step-1-on-line[]
        if (phase == REQUEST_LINE) {
            if (lineEnd > lineStart) { // RFC 9112 section 2.2: empty lines before the request line are ignored
                requestLine(segment, start, lineEnd);
                phase = FIELDS;
            }
        } else if (lineEnd == lineStart) {
            rules.finish(first.set(segment, start + requestLineStart, methodEnd - requestLineStart),
                    second.set(segment, start + targetStart, targetEnd - targetStart));
            phase = DONE;
        } else {
            headerBytes += lineEnd - lineStart + 2;
            if (headerBytes > limits.maxHeaderBytes()) {
                throw new HttpException(Status.REQUEST_HEADER_FIELDS_TOO_LARGE, "header section too large");
            }
            if (fields == limits.maxHeaderCount()) {
                throw new HttpException(Status.REQUEST_HEADER_FIELDS_TOO_LARGE, "too many header fields");
            }
            field(segment, start, lineEnd);
        }
        // end::step-1-on-line[]
    }

    /** {@code method SP request-target SP HTTP-version}, checked by {@link HeadSyntax}, kept as offsets. */
    private void requestLine(MemorySegment segment, long start, int end) {
        ByteView line = lineBytes.set(segment, start + lineStart, end - lineStart);
        int methodStop = HeadSyntax.methodEnd(line);
        int targetStop = HeadSyntax.targetEnd(line, methodStop);
        Version version = Version.of(first.set(segment, start + lineStart + targetStop + 1, line.length() - targetStop - 1));
        requestLineStart = lineStart;
        methodEnd = lineStart + methodStop;
        targetStart = methodEnd + 1;
        targetEnd = lineStart + targetStop;
        rules.reset(version);
    }

    // tag::s05-parser-field[]
    /** {@code field-name ":" OWS field-value OWS}, checked by {@link HeadSyntax}, recorded as offsets. */
    private void field(MemorySegment segment, long start, int end) {
        // tag::step-1-field[]
        ByteView line = lineBytes.set(segment, start + lineStart, end - lineStart);
        int colon = HeadSyntax.nameEnd(line);
        int from = HeadSyntax.valueStart(line, colon);
        int to = HeadSyntax.valueEnd(line, from);
        FieldName name = FieldName.of(first.set(segment, start + lineStart, colon));
        rules.onField(name, second.set(segment, start + lineStart + from, to - from));
        nameStart[fields] = lineStart;
        nameEnd[fields] = lineStart + colon;
        valueStart[fields] = lineStart + from;
        valueEnd[fields] = lineStart + to;
        names[fields] = name;
        fields++;
        // end::step-1-field[]
    }
    // end::s05-parser-field[]

    /** A line over its limit: for the request line, {@code RequestRules} tells a long target (414) from the rest. */
    private HttpException tooLong(MemorySegment segment, long start, int end) {
        if (phase == REQUEST_LINE) {
            return RequestRules.overlongRequestLine(first.set(segment, start + lineStart, end - lineStart),
                    limits.maxRequestLineBytes());
        }
        return new HttpException(Status.REQUEST_HEADER_FIELDS_TOO_LARGE, Status.REQUEST_HEADER_FIELDS_TOO_LARGE.reason());
    }

    // --- the parsed head: offsets from the head's start, valid after parse returned an offset ---

    /** Bytes of the head, leading empty lines and the final empty line included. */
    public int headLength() {
        return headLength;
    }

    public int methodStart() {
        return requestLineStart;
    }

    public int methodEnd() {
        return methodEnd;
    }

    public int targetStart() {
        return targetStart;
    }

    public int targetEnd() {
        return targetEnd;
    }

    /** Where the path starts (in absolute-form, after the authority). */
    public int pathStart() {
        return targetStart + rules.pathStart();
    }

    public int pathEnd() {
        return targetStart + rules.pathEnd();
    }

    /** True when the path is {@code /} though the target holds none ({@code http://host?q}). */
    public boolean impliedRootPath() {
        return rules.impliedRootPath();
    }

    /** Where the query starts (after {@code ?}), or -1; it ends at {@link #targetEnd}. */
    public int queryStart() {
        return rules.queryStart() < 0 ? -1 : targetStart + rules.queryStart();
    }

    public Version version() {
        return rules.version();
    }

    public int fieldCount() {
        return fields;
    }

    public FieldName fieldName(int i) {
        return names[i];
    }

    public int fieldNameEnd(int i) {
        return nameEnd[i];
    }

    public int fieldValueStart(int i) {
        return valueStart[i];
    }

    public int fieldValueEnd(int i) {
        return valueEnd[i];
    }

    /** The index of the first field with this name, or -1 ({@code OTHER} is not a name to look up). */
    public int indexOf(FieldName name) {
        for (int i = 0; i < fields; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        return -1;
    }

    public boolean chunked() {
        return rules.chunked();
    }

    /** The declared body length; 0 when chunked or absent. */
    public long contentLength() {
        return rules.contentLength();
    }

    public boolean keepAlive() {
        return rules.keepAlive();
    }

    public boolean expectContinue() {
        return rules.expectContinue();
    }

    /** True when the head announced a body (a Content-Length above 0, or chunked). */
    public boolean hasBody() {
        return chunked() || contentLength() > 0;
    }

    /**
     * The head as stages 01-04 hand it to the application, its text copied out into Strings: for the
     * requests the server leaves to {@code common}'s {@code App} (OPTIONS, 405, 501, echo, HEAD of a
     * computed body, any GET with a body), never for the endpoints the benchmarks hit.
     */
    public RequestHead materialise(MemorySegment segment, long start) {
        String method = text(segment, start, methodStart(), methodEnd());
        String target = text(segment, start, targetStart(), targetEnd());
        String path = impliedRootPath() ? "/" : text(segment, start, pathStart(), pathEnd());
        String query = queryStart() < 0 ? "" : text(segment, start, queryStart(), targetEnd());
        List<Header> headers = new ArrayList<>(fields);
        for (int i = 0; i < fields; i++) {
            headers.add(new Header(text(segment, start, nameStart[i], nameEnd[i]),
                    text(segment, start, valueStart[i], valueEnd[i])));
        }
        BodyFraming framing = chunked() ? BodyFraming.CHUNKED
                : contentLength() > 0 ? new BodyFraming.Length(contentLength()) : BodyFraming.NONE;
        return new RequestHead(method, target, path, query, version(), List.copyOf(headers), framing,
                keepAlive(), expectContinue());
    }

    private static String text(MemorySegment segment, long start, int from, int to) {
        byte[] bytes = new byte[to - from];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, start + from, bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
