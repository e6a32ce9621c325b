package dev.httpcourse.stage04;

import dev.httpcourse.common.server.Launcher;
import dev.httpcourse.common.server.ServerOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar stage04-io-uring/target/stage04-io-uring.jar [--workers N] [options]} */
@Command(name = "stage04-io-uring", mixinStandardHelpOptions = true, sortOptions = false,
        version = "stage04-io-uring 1.0",
        description = "Stage 04: an HTTP/1.1 server on io_uring, one ring and one SO_REUSEPORT listener per worker.")
public final class Main implements Callable<Integer> {
    @Option(names = "--workers", paramLabel = "N", description = "Event loops, each with its own ring (default: cores).")
    int workers = Runtime.getRuntime().availableProcessors();

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        return Launcher.serve("stage04-io-uring", new IoUringServer(options.config(workers)));
    }

    public static void main(String[] args) {
        System.exit(Launcher.execute(new Main(), args));
    }
}
