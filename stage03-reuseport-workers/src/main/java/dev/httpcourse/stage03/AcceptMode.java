package dev.httpcourse.stage03;

// tag::s03-accept-mode[]
/** How new connections reach the workers' event loops. */
public enum AcceptMode {
    /**
     * Each worker has a listening socket of its own, all bound to one port with {@code SO_REUSEPORT};
     * the kernel picks a socket for each new connection by a hash of its addresses and ports.
     */
    REUSEPORT,
    /** One acceptor thread takes every connection from one listening socket and hands them out in turn. */
    HANDOFF
}
// end::s03-accept-mode[]
