package dev.httpcourse.stage03;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.conformance.HeadParser;
import dev.httpcourse.conformance.HttpConformanceSuite;
import dev.httpcourse.stage02.RequestParser;

/** The whole conformance suite against stage 03 with one acceptor handing connections to the workers. */
class HandOffConformanceTest extends HttpConformanceSuite {
    @Override
    protected Server newServer(ServerConfig config) {
        return new ReusePortWorkers(config, AcceptMode.HANDOFF);
    }

    @Override
    protected HeadParser headParser() {
        return RequestParser::parseHead;
    }
}
