package dev.httpcourse.bench.peers;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;

class NettyNioPeerTest extends PeerContractTest {
    @Override
    protected Server newServer(ServerConfig config) {
        return new NettyPeer(config, Transport.NIO);
    }
}
