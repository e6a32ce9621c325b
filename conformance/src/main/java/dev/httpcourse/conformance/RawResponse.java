package dev.httpcourse.conformance;

import dev.httpcourse.common.http.Header;
import java.util.List;

/**
 * A response as read off the wire by {@link ResponseReader}.
 *
 * @param status  the status code
 * @param headers the fields in the order received
 * @param body    the body, empty for a response to HEAD and for 1xx
 * @param head    the status line and header section exactly as received
 */
record RawResponse(int status, List<Header> headers, byte[] body, byte[] head) {

    /** The value of the only field with this name, or null; a repeated field fails the test. */
    String header(String name) {
        String value = null;
        for (Header h : headers) {
            if (h.is(name)) {
                if (value != null) {
                    throw new AssertionError("field " + name + " appears more than once in " + this);
                }
                value = h.value();
            }
        }
        return value;
    }

    /** Whether a {@code Connection} field lists {@code close} (RFC 9112 section 9.6). */
    boolean saysClose() {
        for (Header h : headers) {
            if (h.is("Connection")) {
                for (String option : h.value().split(",")) {
                    if (option.strip().equalsIgnoreCase("close")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    String bodyText() {
        return Bytes.latin1(body);
    }

    @Override
    public String toString() {
        return Bytes.printable(head) + Bytes.printable(body);
    }
}
