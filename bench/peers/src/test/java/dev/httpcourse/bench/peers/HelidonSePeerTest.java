package dev.httpcourse.bench.peers;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import java.util.Map;

class HelidonSePeerTest extends PeerContractTest {
    @Override
    protected Server newServer(ServerConfig config) {
        return new HelidonSePeer(config);
    }

    @Override
    Map<String, String> productDifferences() {
        return Map.of(
                "treatsLowercaseGetAsAnUnknownMethod", "Helidon upper-cases method names (Method.create), so get is"
                        + " GET; RFC 9110 section 9.1 makes methods case-sensitive",
                "answersOptionsAsteriskInHttp10", "Helidon 4 serves HTTP/1.1 only: it answers an HTTP/1.0 request"
                        + " with 505 itself, before the application sees it");
    }
}
