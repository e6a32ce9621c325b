package dev.httpcourse.stage01;

import dev.httpcourse.common.server.Launcher;
import dev.httpcourse.common.server.ServerOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar stage01-blocking/target/stage01-blocking.jar [--threads platform|virtual] [options]} */
@Command(name = "stage01-blocking", mixinStandardHelpOptions = true, sortOptions = false, version = "stage01-blocking 1.0",
        description = "Stage 01: a blocking HTTP/1.1 server, one thread per connection.")
public final class Main implements Callable<Integer> {
    @Option(names = "--threads", defaultValue = "platform", paramLabel = "platform|virtual",
            description = "Threads that carry the connections (default: ${DEFAULT-VALUE}).")
    ThreadMode threads;

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        return Launcher.serve("stage01-blocking", new BlockingServer(options.config(1), threads));
    }

    public static void main(String[] args) {
        System.exit(Launcher.execute(new Main(), args));
    }
}
