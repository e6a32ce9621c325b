package dev.httpcourse.stage04;

import dev.httpcourse.stage04.uring.ErrnoException;

// tag::s04-ring-service[]
/**
 * What a server runs on each of its loops: the connections it makes for accepted sockets, and what
 * those connections share, made on the loop's thread once its ring is open (the ring's single
 * issuer) and freed when the loop ends. One per loop, touched by that loop's thread alone.
 */
public interface RingService {
    /** On the loop's thread, once the ring is open: pools of buffers, for example. */
    void open(RingLoop loop) throws ErrnoException;

    /** A connection for an accepted socket; the loop then starts it, or has it refuse when over the limit. */
    RingConnection connect(RingLoop loop, int slot, int generation, int fd, boolean counted);

    /** After the last connection; {@code settled}: no operation can still touch the service's memory. */
    void close(boolean settled);
}
// end::s04-ring-service[]
