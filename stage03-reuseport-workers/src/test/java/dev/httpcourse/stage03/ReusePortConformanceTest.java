package dev.httpcourse.stage03;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.conformance.HeadParser;
import dev.httpcourse.conformance.HttpConformanceSuite;
import dev.httpcourse.stage02.RequestParser;

// tag::s03-binding[]
/** The whole conformance suite against stage 03: one worker per core, each with its own SO_REUSEPORT socket. */
class ReusePortConformanceTest extends HttpConformanceSuite {
    @Override
    protected Server newServer(ServerConfig config) {
        return new ReusePortWorkers(config, AcceptMode.REUSEPORT);
    }

    @Override
    protected HeadParser headParser() {
        return RequestParser::parseHead; // stage 02's: this stage parses nothing of its own
    }
}
// end::s03-binding[]
