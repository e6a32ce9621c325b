package dev.httpcourse.stage02;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.conformance.HeadParser;
import dev.httpcourse.conformance.HttpConformanceSuite;

// tag::s02-binding[]
/** The whole conformance suite against stage 02, one event loop, heap buffers (the default). */
class SelectorConformanceTest extends HttpConformanceSuite {
    @Override
    protected Server newServer(ServerConfig config) {
        return new SelectorServer(config, BufferPool.Kind.HEAP);
    }

    @Override
    protected HeadParser headParser() {
        return RequestParser::parseHead;
    }
}
// end::s02-binding[]
