package dev.httpcourse.stage05;

import dev.httpcourse.common.server.Launcher;
import dev.httpcourse.common.server.ServerOptions;
import dev.httpcourse.common.server.WorkerOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code java -jar stage05-zero-copy-parser/target/stage05-zero-copy-parser.jar [--workers N] [options]} */
@Command(name = "stage05-zero-copy-parser", mixinStandardHelpOptions = true, sortOptions = false,
        version = "stage05-zero-copy-parser 1.0",
        description = "Stage 05: stage 04's rings, with requests parsed where the kernel put them and answers written from templates.")
public final class Main implements Callable<Integer> {
    @Mixin
    WorkerOptions workers;

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        return Launcher.serve("stage05-zero-copy-parser", ZeroCopyService.server(options.config(workers.workers())));
    }

    public static void main(String[] args) {
        System.exit(Launcher.execute(new Main(), args));
    }
}
