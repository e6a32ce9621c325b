package dev.httpcourse.conformance;

import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;

/**
 * A stage's request-head parser, reduced to one pure call so that the fuzz properties of
 * {@link HttpConformanceSuite} can drive it without a socket.
 */
@FunctionalInterface
public interface HeadParser {

    /**
     * Parses one request head (request line and header section) from the start of {@code input}.
     *
     * @return the head, or null when {@code input} ends before the head is complete
     * @throws HttpException for input the parser refuses; its status is what the server would answer
     */
    RequestHead parse(byte[] input, Limits limits);
}
