package dev.httpcourse.stage01;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.conformance.HeadParser;
import dev.httpcourse.conformance.HttpConformanceSuite;

/** The whole conformance suite against stage 01 with a virtual thread per connection. */
class BlockingVirtualThreadsConformanceTest extends HttpConformanceSuite {
    @Override
    protected Server newServer(ServerConfig config) {
        return new BlockingServer(config, ThreadMode.VIRTUAL);
    }

    @Override
    protected HeadParser headParser() {
        return RequestParser::parseHead;
    }
}
