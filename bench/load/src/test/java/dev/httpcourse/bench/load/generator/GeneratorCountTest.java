package dev.httpcourse.bench.load.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.stage01.BlockingServer;
import dev.httpcourse.stage01.ThreadMode;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built-in generator's count of completed requests must equal the server's own count of
 * requests routed: no request lost, none counted twice, none sent beyond the budget, whether
 * pipelined, reconnecting with resets, or streaming large bodies.
 */
class GeneratorCountTest {

    @ParameterizedTest(name = "{0} with {1} threads, {2} requests")
    @CsvSource({
        "PIPELINED, VIRTUAL, 5000",
        "LIMITED_CONN, VIRTUAL, 3001",
        "BASELINE, PLATFORM, 3000",
        "JSON, PLATFORM, 1000",
        "UPLOAD, VIRTUAL, 40",
    })
    void countsExactlyWhatTheServerServed(Profile profile, ThreadMode mode, long requests) throws Exception {
        ServerConfig config = ServerConfig.ephemeral();
        try (var server = new BlockingServer(config, mode)) {
            server.start();
            var spec = LoadSpec.counted(new InetSocketAddress("127.0.0.1", server.port()), profile, 24, 2, requests);

            LoadResult result = new NioLoadGenerator().run(spec, LoadGenerator.WindowListener.NONE);

            LoadResult.Window w = result.windows().getFirst();
            assertEquals(Errors.NONE, w.errors(), () -> "first problem: " + result.problem());
            assertEquals(requests, w.requests());
            assertEquals(requests, config.app().requestsServed());
            assertTrue(w.latency().p50() > 0 && w.latency().p50() <= w.latency().p99());
        }
    }

    @Test
    void countsOnlyTheMeasuredWindowsOfATimedRun() throws Exception {
        ServerConfig config = ServerConfig.ephemeral();
        try (var server = new BlockingServer(config, ThreadMode.VIRTUAL)) {
            server.start();
            var spec = LoadSpec.timed(new InetSocketAddress("127.0.0.1", server.port()), Profile.LIMITED_CONN, 16, 2,
                    Duration.ofMillis(300), Duration.ofMillis(700), 2);
            var events = new StringBuilder();
            LoadResult result = new NioLoadGenerator().run(spec, new LoadGenerator.WindowListener() {
                @Override
                public void windowStarted(int index) {
                    events.append("start").append(index).append(' ');
                }

                @Override
                public void windowEnded(int index) {
                    events.append("end").append(index).append(' ');
                }
            });

            assertEquals("start0 end0 start1 end1 ", events.toString());
            assertEquals(2, result.windows().size());
            long measured = 0;
            for (LoadResult.Window w : result.windows()) {
                assertEquals(0.7, w.seconds(), 1e-9);
                assertTrue(w.requests() > 0, "no requests in a window");
                assertEquals(0, w.errors().total(), () -> "first problem: " + result.problem());
                measured += w.requests();
            }
            // The warm-up's requests, and those in flight at the end, were served but not measured.
            assertTrue(config.app().requestsServed() > measured);
        }
    }
}
