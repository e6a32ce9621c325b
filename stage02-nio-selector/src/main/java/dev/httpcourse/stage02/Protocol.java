package dev.httpcourse.stage02;

// tag::s02-protocol-interface[]
/**
 * What the I/O side of a connection needs of its HTTP protocol: where the connection is, how it
 * ends, and the three events only the I/O side sees. {@link Connection} here, and the ring
 * connections of stages 04 and 05, read and drive a protocol through these alone; how it gets
 * its bytes and where it writes its answers is each protocol's own business.
 */
public interface Protocol {
    /** Where a connection is: see {@link Http1Protocol}'s diagram. */
    enum Phase { IDLE, HEAD, BODY, CLOSING }

    /** How the I/O side should end a connection in {@link Phase#CLOSING}. */
    enum Close {
        /** Close once the queued bytes are written: no answer of its own was owed (end of input, idle). */
        SILENT,
        /**
         * After the queued bytes, shut down output, then discard input for a moment before closing: a
         * close with unread input makes the kernel send a reset, which can destroy the response
         * before the client has read it (RFC 9112 section 9.6).
         */
        LINGER
    }

    Phase phase();

    /** Request heads completed on this connection: a new head's header clock starts when this moves on. */
    long headsComplete();

    /** When and how this connection ends: the same rules for every protocol. */
    Closing closing();

    /** How to close, once {@link #phase()} is CLOSING; null before. */
    default Close close() {
        return closing().how();
    }

    /** The head or body did not arrive in time: 408, then close. An idle connection just closes. */
    default void timedOut() {
        closing().timedOut(phase() == Phase.IDLE);
    }

    /** The client shut down its output: no further request can arrive, and an unfinished one never will. */
    default void endOfInput() {
        closing().endOfInput();
    }

    /** Over the connection limit: a 503 the client can understand beats a silent reset. */
    default void refuse() {
        closing().refuse();
    }
}
// end::s02-protocol-interface[]
