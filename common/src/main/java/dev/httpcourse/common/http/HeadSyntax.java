package dev.httpcourse.common.http;

// tag::head-syntax[]
/**
 * The syntax of the two kinds of line a request head is made of (RFC 9112 sections 3 and 5),
 * written once over a {@link ByteView} of one line without its CRLF. Every stage's parser finds its
 * lines in its own way (a blocking read, a buffer that may end mid-line, eight bytes at a time in
 * off-heap memory); what a line must look like is stated here, and what it means is
 * {@link HeadRules}'.
 *
 * <p>Each method returns an offset into the line and throws {@link HttpException} (400) when the line
 * breaks the grammar; none allocates.
 *
 * <pre>
 *   request-line = method SP request-target SP HTTP-version
 *                  0 ... methodEnd ... targetEnd ... length
 *   field-line   = field-name ":" OWS field-value OWS
 *                  0 ... nameEnd    valueStart ... valueEnd ... length
 * </pre>
 */
public final class HeadSyntax {
    private HeadSyntax() {
    }

    /** The space that ends the method, a token (single spaces, nothing else: RFC 9112 section 3). */
    public static int methodEnd(ByteView line) {
        int i = 0;
        while (i < line.length() && HttpChars.isToken(line.byteAt(i))) {
            i++;
        }
        if (i == 0 || i == line.length() || line.byteAt(i) != ' ') {
            throw new HttpException(Status.BAD_REQUEST, "malformed request line");
        }
        return i;
    }

    /** The space that ends the request target, which starts just after {@code methodEnd}. */
    public static int targetEnd(ByteView line, int methodEnd) {
        int start = methodEnd + 1;
        int i = start;
        while (i < line.length() && HttpChars.isTarget(line.byteAt(i))) {
            i++;
        }
        if (i == start || i == line.length() || line.byteAt(i) != ' ') {
            throw new HttpException(Status.BAD_REQUEST, "malformed request line");
        }
        return i;
    }

    /**
     * The colon that ends the field name, a token: no whitespace before the colon (section 5.1: a
     * smuggling vector) and none at the start of the line (obsolete line folding, section 5.2).
     */
    public static int nameEnd(ByteView line) {
        if (HttpChars.isWhitespace(line.byteAt(0))) {
            throw new HttpException(Status.BAD_REQUEST, "obsolete line folding");
        }
        int colon = 0;
        while (colon < line.length() && HttpChars.isToken(line.byteAt(colon))) {
            colon++;
        }
        if (colon == 0 || colon == line.length() || line.byteAt(colon) != ':') {
            throw new HttpException(Status.BAD_REQUEST, "malformed header field name");
        }
        return colon;
    }

    /** Where the value starts: after the colon and the optional whitespace that follows it. */
    public static int valueStart(ByteView line, int nameEnd) {
        int i = nameEnd + 1;
        while (i < line.length() && HttpChars.isWhitespace(line.byteAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Where the value ends, trailing whitespace left out; every byte of it checked (no controls, no
     * bare CR). Eight bytes at a time while they are plain text, the way {@link ByteView#longAt}
     * loads them; byte by byte from the first word that holds anything else (a tab, or an error).
     */
    public static int valueEnd(ByteView line, int valueStart) {
        int end = line.length();
        while (end > valueStart && HttpChars.isWhitespace(line.byteAt(end - 1))) {
            end--;
        }
        int i = valueStart;
        while (i + Long.BYTES <= end && plainText(line.longAt(i))) {
            i += Long.BYTES;
        }
        for (; i < end; i++) {
            if (!HttpChars.isFieldValue(line.byteAt(i))) {
                throw new HttpException(Status.BAD_REQUEST, "invalid character in header field value");
            }
        }
        return end;
    }

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * No byte of {@code word} is below 0x20 or is DEL (0x7F): none is a control character, so all
     * are field-value bytes (bytes from 0x80 are obs-text, allowed). The classic "has a byte less
     * than n" test: subtracting n from every byte borrows into the high bit exactly where a byte
     * was smaller, and {@code & ~word} drops the bytes whose high bit was already set.
     */
    static boolean plainText(long word) {
        long below20 = (word - 0x20 * ONES) & ~word & HIGHS;
        long del = word ^ (0x7F * ONES);
        long isDel = (del - ONES) & ~del & HIGHS;
        return (below20 | isDel) == 0;
    }
}
// end::head-syntax[]
