package dev.httpcourse.common.server;

import picocli.CommandLine.Option;

/** {@code --workers}, the option of the stages that run several event loops (03 to 05), as a picocli mixin. */
public final class WorkerOptions {
    @Option(names = "--workers", paramLabel = "N",
            description = "Event loops, each on a thread of its own (default: the available processors, here ${DEFAULT-VALUE}).")
    int workers = Runtime.getRuntime().availableProcessors();

    public int workers() {
        return workers;
    }
}
