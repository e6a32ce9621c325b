package dev.httpcourse.bench.peers;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import java.util.Map;

class JdkHttpServerPeerTest extends PeerContractTest {
    /**
     * The JDK server picks a handler by the target's path before any handler runs: {@code *} is no
     * path under {@code /}, so it answers 404 itself (without a Date); {@code t:443} has no path at all,
     * and it closes the connection without an answer.
     */
    private static final String NO_PATH = "the JDK server finds a handler by the target's path, and this target has"
            + " none: it answers or closes before the application sees the request";

    @Override
    protected Server newServer(ServerConfig config) {
        return new JdkHttpServerPeer(config);
    }

    @Override
    Map<String, String> productDifferences() {
        return Map.of(
                "answersOptionsAsteriskWithEveryMethodImplemented", NO_PATH,
                "answersOptionsAsteriskInHttp10", NO_PATH,
                "answers501ForConnectAsNoProxy", NO_PATH);
    }
}
