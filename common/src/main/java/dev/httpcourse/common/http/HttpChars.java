package dev.httpcourse.common.http;

/**
 * Character classes of RFC 9110 section 5.6 and RFC 9112, as lookup tables: every parser in the
 * course asks these questions byte by byte, so the answer is one array load.
 */
public final class HttpChars {
    private static final boolean[] TOKEN = new boolean[256];
    private static final boolean[] FIELD_VALUE = new boolean[256];
    private static final boolean[] TARGET = new boolean[256];

    static {
        // tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
        for (int c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            TOKEN[c] = true;
            TOKEN[c + 32] = true;
        }
        // field-vchar = VCHAR / obs-text, plus SP and HTAB inside a value; no CTL, no bare CR or LF, no NUL
        for (int c = 0x21; c <= 0x7E; c++) {
            FIELD_VALUE[c] = true;
            TARGET[c] = true;
        }
        for (int c = 0x80; c <= 0xFF; c++) {
            FIELD_VALUE[c] = true;
        }
        FIELD_VALUE[' '] = true;
        FIELD_VALUE['\t'] = true;
    }

    private HttpChars() {
    }

    public static boolean isToken(int b) {
        return TOKEN[b & 0xFF];
    }

    /** Allowed inside a field value (including inner SP and HTAB). */
    public static boolean isFieldValue(int b) {
        return FIELD_VALUE[b & 0xFF];
    }

    /** Allowed in a request target: visible ASCII, so no spaces, controls or raw non-ASCII. */
    public static boolean isTarget(int b) {
        return TARGET[b & 0xFF];
    }

    public static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t';
    }

    /** The value of a hex digit, or -1. */
    public static int hexValue(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
