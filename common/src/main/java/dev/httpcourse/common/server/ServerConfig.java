package dev.httpcourse.common.server;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.http.Limits;

/**
 * Everything a stage needs to start: where to listen, how many event loops (stages 3 to 5), the
 * limits, and the application to serve.
 */
public record ServerConfig(String host, int port, int workers, Limits limits, App app) {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
    }

    /** Loopback, an ephemeral port, default limits, the bundled data set: what tests start with. */
    public static ServerConfig ephemeral() {
        return new ServerConfig("127.0.0.1", 0, Runtime.getRuntime().availableProcessors(), Limits.defaults(),
                App.withBundledDataset());
    }

    public ServerConfig withLimits(Limits newLimits) {
        return new ServerConfig(host, port, workers, newLimits, app);
    }

    public ServerConfig withWorkers(int newWorkers) {
        return new ServerConfig(host, port, newWorkers, limits, app);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, workers, limits, app);
    }
}
