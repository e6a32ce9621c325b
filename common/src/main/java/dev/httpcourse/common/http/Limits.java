package dev.httpcourse.common.http;

import java.time.Duration;

/**
 * Every bound a server puts on a client, each exposed as an option with the default here.
 * Without them a client could make a server hold unbounded memory or a connection forever.
 *
 * @param maxRequestLineBytes longest request line, CRLF excluded; beyond it 414
 * @param maxHeaderBytes      largest header section (all field lines, or all trailer lines); beyond it 431
 * @param maxHeaderCount      most field lines in a request; beyond it 431
 * @param maxBodyBytes        largest request body, declared or chunked; beyond it 413
 * @param idleTimeout         how long a keep-alive connection may wait for its next request
 * @param headerTimeout       how long a client may take to send a whole request head; then 408 and close
 * @param maxConnections      open connections a server keeps; one more is refused with 503 and closed
 */
public record Limits(
        int maxRequestLineBytes,
        int maxHeaderBytes,
        int maxHeaderCount,
        long maxBodyBytes,
        Duration idleTimeout,
        Duration headerTimeout,
        int maxConnections) {

    // tag::limits-defaults[]
    public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_HEADER_COUNT = 100;
    /** Large enough for HttpArena's 20 MiB upload profile. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    // end::limits-defaults[]

    /** A chunk-size line (size and extensions) longer than this is refused; extensions are skipped anyway. */
    public static final int MAX_CHUNK_LINE_BYTES = 4 * 1024;

    /**
     * Upper bound of the request-line and header-section limits: a parser may buffer that much per
     * connection, so a careless option must not make every connection allocate gigabytes.
     */
    public static final int MAX_LINE_LIMIT_BYTES = 1024 * 1024;

    public Limits {
        if (maxRequestLineBytes < 16 || maxHeaderBytes < 16 || maxRequestLineBytes > MAX_LINE_LIMIT_BYTES
                || maxHeaderBytes > MAX_LINE_LIMIT_BYTES || maxHeaderCount < 1 || maxBodyBytes < 0
                || maxConnections < 1 || idleTimeout.isNegative() || idleTimeout.isZero()
                || headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new IllegalArgumentException("limits out of range: " + this);
        }
    }

    public static Limits defaults() {
        return new Limits(DEFAULT_MAX_REQUEST_LINE_BYTES, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_HEADER_COUNT,
                DEFAULT_MAX_BODY_BYTES, DEFAULT_IDLE_TIMEOUT, DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    public Limits withMaxRequestLineBytes(int value) {
        return new Limits(value, maxHeaderBytes, maxHeaderCount, maxBodyBytes, idleTimeout, headerTimeout, maxConnections);
    }

    public Limits withMaxHeaderBytes(int value) {
        return new Limits(maxRequestLineBytes, value, maxHeaderCount, maxBodyBytes, idleTimeout, headerTimeout, maxConnections);
    }

    public Limits withMaxHeaderCount(int value) {
        return new Limits(maxRequestLineBytes, maxHeaderBytes, value, maxBodyBytes, idleTimeout, headerTimeout, maxConnections);
    }

    public Limits withMaxBodyBytes(long value) {
        return new Limits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, value, idleTimeout, headerTimeout, maxConnections);
    }

    public Limits withIdleTimeout(Duration value) {
        return new Limits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, value, headerTimeout, maxConnections);
    }

    public Limits withHeaderTimeout(Duration value) {
        return new Limits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, idleTimeout, value, maxConnections);
    }

    public Limits withMaxConnections(int value) {
        return new Limits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, idleTimeout, headerTimeout, value);
    }
}
