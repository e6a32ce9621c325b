package dev.httpcourse.bench.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;

/** Skipped where epoll is not available (not Linux, or not x86-64: the only native jar fetched). */
class NettyEpollPeerTest extends PeerContractTest {
    @Override
    protected Server newServer(ServerConfig config) {
        assumeTrue(Transport.EPOLL.isAvailable(), () -> "epoll: " + Transport.EPOLL.unavailabilityReason());
        return new NettyPeer(config, Transport.EPOLL);
    }
}
