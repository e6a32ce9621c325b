package dev.httpcourse.stage05;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.conformance.HeadParser;
import dev.httpcourse.conformance.HttpConformanceSuite;
import dev.httpcourse.stage04.uring.RequiresIoUring;
import org.junit.jupiter.api.extension.ExtendWith;

// tag::s05-binding[]
/** The whole conformance suite against stage 05: two workers, each ring with its buffer ring. */
@ExtendWith(RequiresIoUring.class)
class ZeroCopyConformanceTest extends HttpConformanceSuite {
    @Override
    protected Server newServer(ServerConfig config) {
        return ZeroCopyService.server(config.withWorkers(2));
    }

    @Override
    protected HeadParser headParser() {
        return new OffHeapHeadParser();
    }
}
// end::s05-binding[]
