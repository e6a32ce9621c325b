package dev.httpcourse.common.http;

/**
 * The semantic rules of RFC 9112 for one request head, as steps a parser calls while it reads:
 * {@link #reset} with the version, {@link #onField} for every field line, then {@link #finish} with
 * the method and target, which throws the status every stage answers or leaves the head's meaning
 * in this object (framing, persistence, expectation, where the path and query are in the target).
 *
 * <p>This is where the rules live, once. {@link RequestRules#validate} feeds it Strings through
 * {@link ByteView#of(CharSequence)}; stage 05's parser feeds it windows over off-heap memory, so its
 * rules cannot drift from those of stages 01-04. A parser keeps one instance per connection: the
 * steps record plain fields and allocate nothing.
 *
 * <p>The steps only record; {@link #finish} decides, in one fixed order (method, target, Host,
 * framing, Expect), so that a head breaking two rules gets the same status whichever order its
 * fields came in, and the same as from a parser that checks everything at the end.
 */
public final class HeadRules {
    private static final long NOT_DIGITS = -1;
    private static final long UNREPRESENTABLE = -2;
    private static final long EMPTY = -3;

    private final long maxBodyBytes;

    private Version version;
    private int hosts;
    private boolean hostEmpty;
    private boolean hostInvalid;
    private int contentLengths;
    private long declaredLength;
    private boolean transferEncoding;
    private int chunkedCodings;
    private boolean lastCodingChunked;
    private boolean otherCoding;
    private boolean close;
    private boolean keepAliveOption;
    private boolean expectContinue;
    private boolean expectUnsupported;

    private int pathStart;
    private int pathEnd;
    private int queryStart;
    private boolean impliedRootPath;
    private boolean absoluteForm;

    public HeadRules(Limits limits) {
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    /** Starts a new head of this version. */
    public void reset(Version version) {
        this.version = version;
        hosts = 0;
        hostEmpty = false;
        hostInvalid = false;
        contentLengths = 0;
        declaredLength = 0;
        transferEncoding = false;
        chunkedCodings = 0;
        lastCodingChunked = false;
        otherCoding = false;
        close = false;
        keepAliveOption = false;
        expectContinue = false;
        expectUnsupported = false;
        pathStart = 0;
        pathEnd = 0;
        queryStart = -1;
        impliedRootPath = false;
        absoluteForm = false;
    }

    // tag::head-rules-on-field[]
    /** One field line; {@code value} without surrounding whitespace, read only during the call. */
    public void onField(FieldName name, ByteView value) {
        switch (name) {
            case HOST -> onHost(value);
            case CONTENT_LENGTH -> {
                contentLengths++;
                declaredLength = parseLength(value);
            }
            case TRANSFER_ENCODING -> onTransferEncoding(value);
            case CONNECTION -> onConnection(value);
            case EXPECT -> {
                // RFC 9110 section 10.1.1: 100-continue is the only expectation; an HTTP/1.0 server ignores Expect
                if (version == Version.HTTP_1_1) {
                    boolean continues = value.equalsIgnoreCase("100-continue");
                    expectContinue |= continues;
                    expectUnsupported |= !continues;
                }
            }
            case CONTENT_TYPE, OTHER -> {
            }
        }
    }
    // end::head-rules-on-field[]

    private void onHost(ByteView value) {
        hosts++;
        hostEmpty |= value.isEmpty();
        for (int i = 0; i < value.length(); i++) {
            byte c = value.byteAt(i);
            // one authority, no userinfo, no list (RFC 9112 section 3.2, RFC 9110 section 7.2)
            hostInvalid |= c == ' ' || c == '\t' || c == ',' || c == '/' || c == '@';
        }
    }

    /** Codings of every Transfer-Encoding line, as one list (RFC 9110 section 5.3); empty elements ignored. */
    private void onTransferEncoding(ByteView value) {
        transferEncoding = true;
        int from = 0;
        while (from <= value.length()) {
            int comma = value.indexOf(',', from);
            int end = comma < 0 ? value.length() : comma;
            int s = trimStart(value, from, end);
            int e = trimEnd(value, s, end);
            if (s < e) {
                lastCodingChunked = value.regionEqualsIgnoreCase(s, e, "chunked");
                chunkedCodings += lastCodingChunked ? 1 : 0;
                otherCoding |= !lastCodingChunked;
            }
            from = end + 1;
        }
    }

    private void onConnection(ByteView value) {
        int from = 0;
        while (from <= value.length()) {
            int comma = value.indexOf(',', from);
            int end = comma < 0 ? value.length() : comma;
            int s = trimStart(value, from, end);
            int e = trimEnd(value, s, end);
            close |= value.regionEqualsIgnoreCase(s, e, "close");
            keepAliveOption |= value.regionEqualsIgnoreCase(s, e, "keep-alive");
            from = end + 1;
        }
    }

    // tag::head-rules-finish[]
    /**
     * Decides the head: throws the status of the first rule broken, in the order method, target,
     * Host, framing, Expect; otherwise the getters describe the head.
     */
    public void finish(ByteView method, ByteView target) {
        if (method.isEmpty()) {
            throw new HttpException(Status.BAD_REQUEST, "empty method");
        }
        locatePath(method, target);
        checkHost();
        checkFraming();
        if (expectUnsupported) {
            throw new HttpException(Status.EXPECTATION_FAILED, "unsupported expectation");
        }
    }
    // end::head-rules-finish[]

    /**
     * RFC 9112 section 3.2: origin-form, absolute-form ({@code http} or {@code https}), {@code *} for
     * OPTIONS, authority-form for CONNECT (which the application answers 501); never a fragment.
     */
    private void locatePath(ByteView method, ByteView target) {
        int n = target.length();
        if (n == 0) {
            throw new HttpException(Status.BAD_REQUEST, "empty request target");
        }
        for (int i = 0; i < n; i++) {
            byte c = target.byteAt(i);
            if (!HttpChars.isTarget(c)) {
                throw new HttpException(Status.BAD_REQUEST, "invalid character in request target");
            }
            if (c == '#') {
                // a fragment is the client's business; it is never part of a request-target (RFC 9112 section 3.2)
                throw new HttpException(Status.BAD_REQUEST, "fragment (#) in request target");
            }
        }
        absoluteForm = startsWithIgnoreCase(target, "http://") || startsWithIgnoreCase(target, "https://");
        int start;
        if (target.byteAt(0) == '/') {
            start = 0;
        } else if (n == 1 && target.byteAt(0) == '*' && method.equalsAscii("OPTIONS")) {
            start = 0;
        } else {
            int schemeEnd = indexOfSchemeSeparator(target);
            if (schemeEnd > 0 && (target.regionEqualsIgnoreCase(0, schemeEnd, "http")
                    || target.regionEqualsIgnoreCase(0, schemeEnd, "https"))) {
                int authority = schemeEnd + 3;
                int slash = target.indexOf('/', authority);
                int question = target.indexOf('?', authority);
                int authorityEnd = slash < 0 ? question : (question < 0 ? slash : Math.min(slash, question));
                if (authorityEnd == authority || (authorityEnd < 0 && n == authority)) {
                    throw new HttpException(Status.BAD_REQUEST, "absolute-form target without authority");
                }
                start = authorityEnd < 0 ? n : authorityEnd;
                impliedRootPath = authorityEnd < 0 || target.byteAt(authorityEnd) == '?'; // the path is "/"
            } else if (method.equalsAscii("CONNECT")) {
                start = 0; // authority-form; this server implements no CONNECT, so the application answers 501
            } else {
                throw new HttpException(Status.BAD_REQUEST, "request target is not in origin-form or absolute-form");
            }
        }
        int q = target.indexOf('?', start);
        pathStart = start;
        pathEnd = q < 0 ? n : q;
        queryStart = q < 0 ? -1 : q + 1;
    }

    /**
     * RFC 9112 section 3.2: exactly one Host in HTTP/1.1, never more than one. An {@code http} URI
     * always has an authority, so an empty Host is invalid, except beside an absolute-form target,
     * whose own authority the server uses instead (section 3.2.2).
     */
    private void checkHost() {
        if (hostEmpty && !absoluteForm) {
            throw new HttpException(Status.BAD_REQUEST, "empty Host");
        }
        if (hostInvalid) {
            throw new HttpException(Status.BAD_REQUEST, "invalid Host");
        }
        if (hosts > 1) {
            throw new HttpException(Status.BAD_REQUEST, "more than one Host");
        }
        if (hosts == 0 && version == Version.HTTP_1_1) {
            throw new HttpException(Status.BAD_REQUEST, "missing Host");
        }
    }

    // tag::head-rules-framing[]
    /** RFC 9112 section 6: Transfer-Encoding, else Content-Length, else no body. */
    private void checkFraming() {
        if (contentLengths > 1) {
            throw new HttpException(Status.BAD_REQUEST, "more than one Content-Length");
        }
        if (transferEncoding) {
            if (contentLengths > 0) {
                throw new HttpException(Status.BAD_REQUEST, "both Content-Length and Transfer-Encoding");
            }
            if (version == Version.HTTP_1_0) {
                throw new HttpException(Status.BAD_REQUEST, "Transfer-Encoding in an HTTP/1.0 request");
            }
            // chunked must be the final coding and appear once; other codings are not implemented
            if (chunkedCodings == 0 && !otherCoding) {
                throw new HttpException(Status.BAD_REQUEST, "empty Transfer-Encoding");
            }
            if (chunkedCodings != 1 || !lastCodingChunked) {
                throw new HttpException(Status.BAD_REQUEST, "chunked is not the final transfer coding");
            }
            if (otherCoding) {
                throw new HttpException(Status.NOT_IMPLEMENTED, "only the chunked transfer coding is supported");
            }
        } else if (contentLengths == 1) {
            if (declaredLength == EMPTY) {
                throw new HttpException(Status.BAD_REQUEST, "empty Content-Length");
            }
            if (declaredLength == NOT_DIGITS) {
                throw new HttpException(Status.BAD_REQUEST, "Content-Length is not a decimal number");
            }
            if (declaredLength == UNREPRESENTABLE) {
                throw new HttpException(Status.BAD_REQUEST, "Content-Length is not a number this server can represent");
            }
            if (declaredLength > maxBodyBytes) {
                throw new HttpException(Status.CONTENT_TOO_LARGE, "body larger than " + maxBodyBytes + " bytes");
            }
        }
    }
    // end::head-rules-framing[]

    /**
     * {@code Content-Length = 1*DIGIT}: no sign, no list, no spaces. A value too big for a long is
     * not a length at all; a well-formed length over {@code --max-body} is the 413 of {@link #finish}.
     *
     * @return the length; -1 when the value is not digits, -2 when it passes a long, -3 when it is empty
     */
    // tag::parse-length[]
    static long parseLength(ByteView value) {
        if (value.isEmpty()) {
            return EMPTY;
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            int d = value.byteAt(i) - '0';
            if (d < 0 || d > 9) {
                return NOT_DIGITS;
            }
            if (length > (Long.MAX_VALUE - d) / 10) { // exact: the largest long is still a length
                return UNREPRESENTABLE;
            }
            length = length * 10 + d;
        }
        return length;
    }
    // end::parse-length[]

    /** The message of {@link #parseLength}'s refusal, for callers that want the exception itself. */
    static HttpException lengthRefusal(long parsed) {
        return new HttpException(Status.BAD_REQUEST, parsed == EMPTY ? "empty Content-Length"
                : parsed == NOT_DIGITS ? "Content-Length is not a decimal number"
                : "Content-Length is not a number this server can represent");
    }

    private static boolean startsWithIgnoreCase(ByteView v, String lowerCase) {
        return v.length() >= lowerCase.length() && v.regionEqualsIgnoreCase(0, lowerCase.length(), lowerCase);
    }

    private static int indexOfSchemeSeparator(ByteView v) {
        for (int i = 0; i + 2 < v.length(); i++) {
            if (v.byteAt(i) == ':' && v.byteAt(i + 1) == '/' && v.byteAt(i + 2) == '/') {
                return i;
            }
        }
        return -1;
    }

    private static int trimStart(ByteView v, int from, int to) {
        while (from < to && HttpChars.isWhitespace(v.byteAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimEnd(ByteView v, int from, int to) {
        while (to > from && HttpChars.isWhitespace(v.byteAt(to - 1))) {
            to--;
        }
        return to;
    }

    // --- the decided head ---

    public Version version() {
        return version;
    }

    /** Where the path starts in the target (after the authority in absolute-form). */
    public int pathStart() {
        return pathStart;
    }

    /** Where the path ends in the target: at {@code ?} or the end. */
    public int pathEnd() {
        return pathEnd;
    }

    /** True when the path is {@code /} although the target holds none ({@code http://host} or {@code http://host?q}). */
    public boolean impliedRootPath() {
        return impliedRootPath;
    }

    /** Where the query starts in the target (after {@code ?}), or -1 when there is none. */
    public int queryStart() {
        return queryStart;
    }

    public boolean absoluteForm() {
        return absoluteForm;
    }

    /** True when the body is chunked. */
    public boolean chunked() {
        return transferEncoding;
    }

    /** The declared body length; 0 when the body is chunked or absent. */
    public long contentLength() {
        return !transferEncoding && contentLengths == 1 ? declaredLength : 0;
    }

    /** RFC 9112 section 9.3: persistent by default in 1.1; in 1.0 only with {@code keep-alive}. */
    public boolean keepAlive() {
        return !close && (version == Version.HTTP_1_1 || keepAliveOption);
    }

    public boolean expectContinue() {
        return expectContinue;
    }

    /** The framing as the String-based parsers' {@link RequestHead} holds it (allocates for a length). */
    public BodyFraming framing() {
        if (chunked()) {
            return BodyFraming.CHUNKED;
        }
        long length = contentLength();
        return length == 0 ? BodyFraming.NONE : new BodyFraming.Length(length);
    }
}
