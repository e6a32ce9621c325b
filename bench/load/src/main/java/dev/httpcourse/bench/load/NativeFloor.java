package dev.httpcourse.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The native floor, {@code bench/native-floor/floor.c}: a C server on io_uring through liburing,
 * built here with the system's C compiler rather than by Maven, so that a machine without one (or
 * without liburing's headers) still runs the rest of the comparison. It is compiled into
 * {@code bench/native-floor/target/floor} when that is missing or older than the source.
 */
final class NativeFloor {
    static final String SOURCE = "bench/native-floor/floor.c";
    static final String BINARY = "bench/native-floor/target/floor";
    static final String NAME = "native-floor";

    /** The binary, or why there is none (one line). */
    record Build(Path binary, String missing) {
        boolean ok() {
            return binary != null;
        }
    }

    private NativeFloor() {
    }

    /**
     * The command that builds {@code out} from {@code source}: what the README tells a reader to type.
     * Frame pointers cost about nothing and let {@code perf} unwind its stacks (bench/profile.sh).
     */
    static List<String> compileCommand(Path cc, Path source, Path out) {
        return List.of(cc.toString(), "-O2", "-fno-omit-frame-pointer", "-Wall", "-o", out.toString(), source.toString(),
                "-luring", "-lpthread");
    }

    static Build build(Path root) {
        Path source = root.resolve(SOURCE);
        Path binary = root.resolve(BINARY);
        if (!Files.isRegularFile(source)) {
            return new Build(null, "no " + SOURCE);
        }
        var cc = Discovery.onPath("cc");
        if (cc.isEmpty()) {
            return new Build(null, "no C compiler (cc) on the PATH");
        }
        try {
            if (Files.isExecutable(binary)
                    && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) >= 0) {
                return new Build(binary, null);
            }
            Files.createDirectories(binary.getParent());
            // Into a temporary file first: two runs building at once never start a half-written binary.
            Path tmp = Files.createTempFile(binary.getParent(), "floor-", ".tmp");
            var command = new ArrayList<>(compileCommand(cc.get(), source, tmp));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                Files.deleteIfExists(tmp);
                return new Build(null, failure(output));
            }
            Files.move(tmp, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Build(binary, null);
        } catch (IOException e) {
            return new Build(null, "could not build it: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Build(null, "interrupted while building it");
        }
    }

    /** The compiler's complaint in one line; a missing liburing.h says what to install. */
    static String failure(String output) {
        if (output.contains("liburing.h")) {
            return "liburing's headers are missing (Debian, Ubuntu: apt-get install liburing-dev)";
        }
        if (output.contains("-luring")) {
            return "liburing is missing (Debian, Ubuntu: apt-get install liburing-dev)";
        }
        String line = output.lines().filter(l -> l.contains("error")).findFirst()
                .orElse(output.lines().findFirst().orElse("no output"));
        return "cc failed: " + line.strip();
    }
}
