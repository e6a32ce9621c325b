package dev.httpcourse.bench.load;

import dev.httpcourse.common.server.Server;
import java.io.IOException;
import java.time.Duration;

/**
 * A stage running inside the driver's JVM (tests where no jar is built). It shares the driver's CPU,
 * heap and GC, so those figures are left out of its runs.
 */
final class InProcessServer implements RunningServer {
    private final Server server;
    private volatile boolean stopped;

    private InProcessServer(Server server) {
        this.server = server;
    }

    static InProcessServer start(ServerSpec.Launch.InProcess launch, int port, String probePath)
            throws IOException, StartFailure {
        Server server = launch.factory().apply(port);
        server.start();
        String answer = ServerProcess.probe(server.port(), probePath);
        if (!answer.startsWith("HTTP/1.1 200")) {
            server.stop(Duration.ofSeconds(1));
            throw new StartFailure("GET " + probePath + " answered " + answer, false);
        }
        return new InProcessServer(server);
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public boolean alive() {
        return !stopped;
    }

    @Override
    public String exitDescription() {
        return stopped ? "stopped" : "running";
    }

    @Override
    public Double cpuSeconds() {
        return null;
    }

    @Override
    public GcLog.Pauses gcPauses() {
        return null;
    }

    @Override
    public Long peakRssBytes() {
        return null;
    }

    @Override
    public Integer threads() {
        return null;
    }

    @Override
    public String stop() {
        stopped = true;
        server.stop(Duration.ofSeconds(5));
        return null;
    }
}
