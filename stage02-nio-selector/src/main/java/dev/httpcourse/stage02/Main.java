package dev.httpcourse.stage02;

import dev.httpcourse.common.server.Launcher;
import dev.httpcourse.common.server.ServerOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar stage02-nio-selector/target/stage02-nio-selector.jar [--buffers direct|heap] [options]} */
@Command(name = "stage02-nio-selector", mixinStandardHelpOptions = true, sortOptions = false,
        version = "stage02-nio-selector 1.0",
        description = "Stage 02: a non-blocking HTTP/1.1 server, one thread and one selector for every connection.")
public final class Main implements Callable<Integer> {
    @Option(names = "--buffers", paramLabel = "direct|heap",
            description = "Where I/O buffers live (default: heap, or -Dhttpcourse.buffers).")
    BufferPool.Kind buffers;

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        BufferPool.Kind kind;
        try {
            kind = buffers != null ? buffers : BufferPool.Kind.fromSystemProperty();
        } catch (IllegalArgumentException e) {
            System.err.println("stage02-nio-selector: " + e.getMessage());
            return Launcher.EXIT_USAGE;
        }
        return Launcher.serve("stage02-nio-selector", new SelectorServer(options.config(1), kind));
    }

    public static void main(String[] args) {
        System.exit(Launcher.execute(new Main(), args));
    }
}
