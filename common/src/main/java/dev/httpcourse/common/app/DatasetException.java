package dev.httpcourse.common.app;

/** A data set file that cannot be used; the message is one line meant for the person who passed it. */
public final class DatasetException extends RuntimeException {
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatasetException(String message) {
        super(message);
    }
}
