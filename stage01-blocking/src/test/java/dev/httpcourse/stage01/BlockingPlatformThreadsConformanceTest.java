package dev.httpcourse.stage01;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.conformance.HeadParser;
import dev.httpcourse.conformance.HttpConformanceSuite;

// tag::s01-binding[]
/** The whole conformance suite against stage 01 with a platform thread per connection. */
class BlockingPlatformThreadsConformanceTest extends HttpConformanceSuite {
    @Override
    protected Server newServer(ServerConfig config) {
        return new BlockingServer(config, ThreadMode.PLATFORM);
    }

    @Override
    protected HeadParser headParser() {
        return RequestParser::parseHead;
    }
}
// end::s01-binding[]
