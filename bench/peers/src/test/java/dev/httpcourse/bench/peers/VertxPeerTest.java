package dev.httpcourse.bench.peers;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import java.util.Map;

/** Vert.x's own choice of transport, as the bench runs it: epoll on Linux, else NIO. */
class VertxPeerTest extends PeerContractTest {
    @Override
    protected Server newServer(ServerConfig config) {
        return new VertxPeer(config, null);
    }

    @Override
    Map<String, String> productDifferences() {
        return Map.of("answersOptionsAsteriskInHttp10", "Vert.x answers an HTTP/1.0 request with an HTTP/1.0"
                + " status line, where RFC 9110 section 2.5 says a server should send its own version (HTTP/1.1),"
                + " which the suite's reader requires");
    }
}
