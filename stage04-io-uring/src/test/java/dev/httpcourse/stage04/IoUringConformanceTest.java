package dev.httpcourse.stage04;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.conformance.HeadParser;
import dev.httpcourse.conformance.HttpConformanceSuite;
import dev.httpcourse.stage02.RequestParser;
import dev.httpcourse.stage04.uring.RequiresIoUring;
import org.junit.jupiter.api.extension.ExtendWith;

// tag::s04-binding[]
/** The whole conformance suite against stage 04, two workers, two rings. */
@ExtendWith(RequiresIoUring.class)
class IoUringConformanceTest extends HttpConformanceSuite {
    @Override
    protected Server newServer(ServerConfig config) {
        return new IoUringServer(config.withWorkers(2));
    }

    @Override
    protected HeadParser headParser() {
        return RequestParser::parseHead;
    }
}
// end::s04-binding[]
