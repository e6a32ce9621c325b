package dev.httpcourse.stage01;

import java.util.concurrent.ThreadFactory;

/** Which threads carry the connections: the same blocking code runs on either. */
public enum ThreadMode {
    /** One operating-system thread per connection: simple, and about 1 MiB of reserved stack each. */
    PLATFORM,
    /** One virtual thread per connection: a blocking read parks the virtual thread, not a carrier. */
    VIRTUAL;

    // tag::s01-thread-mode[]
    ThreadFactory connectionThreads() {
        return switch (this) {
            case PLATFORM -> Thread.ofPlatform().name("connection-", 0).factory();
            case VIRTUAL -> Thread.ofVirtual().name("connection-", 0).factory();
        };
    }
    // end::s01-thread-mode[]
}
