package dev.httpcourse.common.server;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.app.Dataset;
import dev.httpcourse.common.app.DatasetException;
import dev.httpcourse.common.http.Limits;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every stage takes, as a picocli mixin; {@link #config(int)} turns them into a {@link ServerConfig}. */
public final class ServerOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--host", defaultValue = ServerConfig.DEFAULT_HOST, description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dataset", paramLabel = "PATH", description = "JSON items for /json/{count}, of the bundled data set's shape (default: the bundled one).")
    Path dataset;

    @Option(names = "--max-request-line", paramLabel = "BYTES", defaultValue = "" + Limits.DEFAULT_MAX_REQUEST_LINE_BYTES,
            description = "Longest request line; longer gets 414 (default: ${DEFAULT-VALUE}).")
    int maxRequestLine;

    @Option(names = "--max-header-bytes", paramLabel = "BYTES", defaultValue = "" + Limits.DEFAULT_MAX_HEADER_BYTES,
            description = "Largest header section; larger gets 431 (default: ${DEFAULT-VALUE}).")
    int maxHeaderBytes;

    @Option(names = "--max-headers", paramLabel = "COUNT", defaultValue = "" + Limits.DEFAULT_MAX_HEADER_COUNT,
            description = "Most header fields; more gets 431 (default: ${DEFAULT-VALUE}).")
    int maxHeaders;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "" + Limits.DEFAULT_MAX_BODY_BYTES,
            description = "Largest request body; larger gets 413 (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds a keep-alive connection may wait for its next request (default: ${DEFAULT-VALUE}).")
    double idleTimeoutSeconds;

    @Option(names = "--header-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds a client may take to send a request head; then 408 (default: ${DEFAULT-VALUE}).")
    double headerTimeoutSeconds;

    @Option(names = "--max-connections", paramLabel = "COUNT", defaultValue = "" + Limits.DEFAULT_MAX_CONNECTIONS,
            description = "Open connections kept at once; more get 503 (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "How much the server logs on standard error: error, warning, info, debug (each connection's "
                    + "life), trace (default: ${DEFAULT-VALUE}).")
    String logLevel;

    /**
     * Validates the options together and builds the configuration; a bad value is a usage error.
     * Sets the log level too ({@link Logs}), as the server about to start is what logs.
     */
    public ServerConfig config(int workers) {
        Logs.configure(logLevel());
        Limits limits;
        try {
            limits = new Limits(maxRequestLine, maxHeaderBytes, maxHeaders, maxBody, seconds(idleTimeoutSeconds),
                    seconds(headerTimeoutSeconds), maxConnections);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "limits out of range: each must be positive, request line and header bytes between 16 and "
                    + Limits.MAX_LINE_LIMIT_BYTES);
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, not " + port);
        }
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--workers must be at least 1, not " + workers);
        }
        Dataset data;
        try {
            data = dataset == null ? Dataset.bundled() : Dataset.load(dataset);
        } catch (DatasetException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return new ServerConfig(host, port, workers, limits, new App(data));
    }

    private System.Logger.Level logLevel() {
        return switch (logLevel.toLowerCase(java.util.Locale.ROOT)) {
            case "error" -> System.Logger.Level.ERROR;
            case "warning" -> System.Logger.Level.WARNING;
            case "info" -> System.Logger.Level.INFO;
            case "debug" -> System.Logger.Level.DEBUG;
            case "trace" -> System.Logger.Level.TRACE;
            default -> throw new ParameterException(spec.commandLine(),
                    "--log-level must be error, warning, info, debug or trace, not '" + logLevel + "'");
        };
    }

    private static Duration seconds(double value) {
        if (!(value > 0) || value > 86_400) {
            throw new IllegalArgumentException("timeout out of range");
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
