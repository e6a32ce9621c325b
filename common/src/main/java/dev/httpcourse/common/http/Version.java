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
        if (token.length() == 8 && token.charAt(0) == 'H' && token.charAt(1) == 'T' && token.charAt(2) == 'T'
                && token.charAt(3) == 'P' && token.charAt(4) == '/' && isDigit(token.charAt(5))
                && token.charAt(6) == '.' && isDigit(token.charAt(7))) {
            if (token.charAt(5) == '1' && token.charAt(7) == '1') {
                return HTTP_1_1;
            }
            if (token.charAt(5) == '1' && token.charAt(7) == '0') {
                return HTTP_1_0;
            }
            throw new HttpException(Status.HTTP_VERSION_NOT_SUPPORTED, "unsupported version " + token);
        }
        throw new HttpException(Status.BAD_REQUEST, "malformed HTTP version");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
