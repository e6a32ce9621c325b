package dev.httpcourse.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the servers are found and how they are started: the options the comparison
 * ({@code bench/run.sh}) and the soak ({@code bench/soak.sh}) share, as a picocli mixin.
 */
final class LaunchOptions {
    @Option(names = "--server-jvm-args", paramLabel = "ARGS",
            description = "Extra JVM options for Java servers, space-separated, e.g. \"-Xmx1g -XX:+UseParallelGC\" "
                    + "(default: none).")
    String serverJvmArgs;

    @Option(names = "--ready-timeout", defaultValue = "20s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "How long a server may take to say it is ready (default: ${DEFAULT-VALUE}).")
    Duration readyTimeout;

    @Option(names = "--project-root", defaultValue = ".", paramLabel = "DIR",
            description = "The project's root, where stages and peers are found (default: the current folder).")
    Path root;

    List<String> jvmArgs() {
        return serverJvmArgs == null || serverJvmArgs.isBlank() ? List.of() : List.of(serverJvmArgs.strip().split("\\s+"));
    }

    Path root() {
        return root.toAbsolutePath().normalize();
    }
}
