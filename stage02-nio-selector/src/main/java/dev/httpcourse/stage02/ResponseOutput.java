package dev.httpcourse.stage02;

/**
 * Where {@link Http1Protocol} puts response bytes: the I/O side owns it and decides when and how
 * they reach the socket (a selector's non-blocking write here, an io_uring send in stage 04).
 */
public interface ResponseOutput {

    /** Queues {@code bytes} after everything queued before. The array is not modified, and may be kept. */
    void append(byte[] bytes);

    /**
     * True while more is queued than the connection should hold: the protocol then stops taking
     * requests, so a client that does not read cannot make the server buffer without bound.
     */
    boolean backedUp();
}
