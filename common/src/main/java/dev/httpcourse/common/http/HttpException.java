package dev.httpcourse.common.http;

/**
 * A request the server refuses, carrying the status it maps to. Every parser and the
 * application throw it; the connection answers with {@link #status()} and closes.
 *
 * <p>It records no stack trace: it is a protocol outcome, thrown for hostile input at
 * line rate, not a bug to debug.
 */
public final class HttpException extends RuntimeException {
    private final Status status;

    public HttpException(Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
