package dev.httpcourse.common.app;

import dev.httpcourse.common.http.ByteView;

/**
 * The methods this server implements somewhere (RFC 9110 section 9.1); any other is 501 whatever
 * the target. Recognised from bytes, so that a parser without Strings routes by the same table.
 */
public enum Method {
    GET, HEAD, POST, OPTIONS;

    /** The implemented method {@code token} is (case-sensitive, RFC 9110 section 9.1), or null. */
    public static Method of(ByteView token) {
        for (Method m : VALUES) {
            if (token.equalsAscii(m.name())) {
                return m;
            }
        }
        return null;
    }

    private static final Method[] VALUES = values();
}
