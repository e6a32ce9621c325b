package dev.httpcourse.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code jcmd PID command...} against a server's JVM, with the jcmd of the JDK this tool runs on
 * (the one that started the server): what the side tools use to ask a running server about itself.
 */
final class Jcmd {
    private final Path jcmd;

    private Jcmd(Path jcmd) {
        this.jcmd = jcmd;
    }

    /** The jcmd beside {@code java} (a JDK's bin folder holds both). */
    static Jcmd besideJava(String java) {
        return new Jcmd(Path.of(java).resolveSibling("jcmd"));
    }

    /** Runs the command and returns what it printed, or fails with that output. */
    String run(long pid, String... command) throws IOException, InterruptedException {
        var args = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output.strip());
        }
        return output;
    }
}
