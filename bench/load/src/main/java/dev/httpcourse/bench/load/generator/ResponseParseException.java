package dev.httpcourse.bench.load.generator;

import java.io.IOException;

/** The server sent bytes that are not an HTTP/1.1 response the generator can frame; the connection is dropped. */
final class ResponseParseException extends IOException {
    private static final long serialVersionUID = 1L;

    ResponseParseException(String message) {
        super(message);
    }
}
