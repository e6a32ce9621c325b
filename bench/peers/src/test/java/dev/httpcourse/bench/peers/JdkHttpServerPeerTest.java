package dev.httpcourse.bench.peers;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;

class JdkHttpServerPeerTest extends PeerContractTest {
    @Override
    Server newServer(ServerConfig config) {
        return new JdkHttpServerPeer(config);
    }
}
