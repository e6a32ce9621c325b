package dev.httpcourse.common.http;

/** The two protocol versions a server here speaks (RFC 9112 section 2.3). */
public enum Version {
    HTTP_1_0("HTTP/1.0"),
    HTTP_1_1("HTTP/1.1");

    private final String text;

    Version(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /**
     * Maps a version token to a version: {@code HTTP/1.0} and {@code HTTP/1.1} are served,
     * any other well-formed {@code HTTP/d.d} is 505, anything else is 400.
     */
    public static Version of(CharSequence token) {
        return of(ByteView.of(token));
    }

    /** {@link #of(CharSequence)} over bytes: the one statement of the rule, for parsers that hold no Strings. */
    public static Version of(ByteView token) {
        if (token.length() == 8 && token.byteAt(0) == 'H' && token.byteAt(1) == 'T' && token.byteAt(2) == 'T'
                && token.byteAt(3) == 'P' && token.byteAt(4) == '/' && isDigit(token.byteAt(5))
                && token.byteAt(6) == '.' && isDigit(token.byteAt(7))) {
            if (token.byteAt(5) == '1' && token.byteAt(7) == '1') {
                return HTTP_1_1;
            }
            if (token.byteAt(5) == '1' && token.byteAt(7) == '0') {
                return HTTP_1_0;
            }
            throw new HttpException(Status.HTTP_VERSION_NOT_SUPPORTED, "unsupported version HTTP/"
                    + (char) token.byteAt(5) + "." + (char) token.byteAt(7));
        }
        throw new HttpException(Status.BAD_REQUEST, "malformed HTTP version");
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
