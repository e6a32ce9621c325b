package dev.httpcourse.bench.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;

/**
 * Skipped where io_uring is not available (a container's seccomp filter, {@code kernel.io_uring_disabled},
 * an old kernel), unless {@code REQUIRE_IO_URING=1}, as for stages 04 and 05: then it fails.
 */
class NettyIoUringPeerTest extends PeerContractTest {
    @Override
    protected Server newServer(ServerConfig config) {
        if (!"1".equals(System.getenv("REQUIRE_IO_URING"))) {
            assumeTrue(Transport.IO_URING.isAvailable(), () -> "io_uring: " + Transport.IO_URING.unavailabilityReason());
        }
        return new NettyPeer(config, Transport.IO_URING);
    }
}
