package dev.httpcourse.conformance;

import dev.httpcourse.common.http.Limits;
import java.time.Duration;

/**
 * The limits the suite starts servers with. Small sizes keep the oversized cases short, and so cheap
 * to split at every byte; timeouts are short only where a test waits for them.
 */
final class SuiteLimits {
    /** For the request cases: every size limit reachable within a few kilobytes. */
    static final Limits CASES = Limits.defaults()
            .withMaxRequestLineBytes(512)
            .withMaxHeaderBytes(2048)
            .withMaxHeaderCount(32)
            .withMaxBodyBytes(1024)
            .withIdleTimeout(Duration.ofSeconds(10))
            .withHeaderTimeout(Duration.ofSeconds(10))
            .withMaxConnections(1000);

    /** For big bodies and many connections: the defaults (64 MiB bodies, 10,000 connections). */
    static final Limits LARGE = Limits.defaults();

    /** Slowloris: the head must arrive within a second. */
    static final Limits SLOW_HEAD = CASES.withHeaderTimeout(Duration.ofSeconds(1))
            .withIdleTimeout(Duration.ofSeconds(30));

    /** Idle keep-alive connections are closed after two seconds. */
    static final Limits SHORT_IDLE = CASES.withIdleTimeout(Duration.ofSeconds(2))
            .withHeaderTimeout(Duration.ofSeconds(30));

    /** A fifth connection is one too many. */
    static final Limits FOUR_CONNECTIONS = CASES.withMaxConnections(4);

    private SuiteLimits() {
    }
}
