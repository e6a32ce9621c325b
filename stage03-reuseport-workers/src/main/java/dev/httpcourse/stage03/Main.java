package dev.httpcourse.stage03;

import dev.httpcourse.common.server.Launcher;
import dev.httpcourse.common.server.ServerOptions;
import dev.httpcourse.common.server.WorkerOptions;
import dev.httpcourse.stage02.BufferPool;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar stage03-reuseport-workers/target/stage03-reuseport-workers.jar [--workers N] [--accept reuseport|handoff] [options]} */
@Command(name = "stage03-reuseport-workers", mixinStandardHelpOptions = true, sortOptions = false,
        version = "stage03-reuseport-workers 1.0",
        description = "Stage 03: N event loops, each accepting from its own SO_REUSEPORT socket, or fed by one acceptor.")
public final class Main implements Callable<Integer> {
    @Mixin
    WorkerOptions workers;

    @Option(names = "--accept", defaultValue = "reuseport", paramLabel = "reuseport|handoff",
            description = "How connections reach the workers (default: ${DEFAULT-VALUE}).")
    AcceptMode accept;

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        var server = new ReusePortWorkers(options.config(workers.workers()), accept, BufferPool.Kind.fromSystemProperty());
        if (server.acceptMode() != accept) {
            System.err.println("stage03-reuseport-workers: this platform has no SO_REUSEPORT; using one acceptor "
                    + "that hands connections to the workers");
        }
        return Launcher.serve("stage03-reuseport-workers", server);
    }

    public static void main(String[] args) {
        System.exit(Launcher.execute(new Main(), args));
    }
}
