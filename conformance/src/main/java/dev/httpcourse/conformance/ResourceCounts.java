package dev.httpcourse.conformance;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.stream.Stream;

/**
 * Open file descriptors and live platform threads of this JVM, where the server under test runs.
 * Virtual-thread carriers and common-pool workers come and go with load, not with connections,
 * so they are not counted; a virtual thread that never ends shows up as the socket it holds open.
 *
 * @param fileDescriptors entries of {@code /proc/self/fd}
 * @param threads         names of the platform threads counted
 */
record ResourceCounts(long fileDescriptors, List<String> threads) {
    private static final Path FD_DIR = Path.of("/proc/self/fd");
    private static final Duration POLL = Duration.ofMillis(100);

    static boolean supported() {
        return Files.isDirectory(FD_DIR);
    }

    /** The descriptor limit of this process, or {@code Long.MAX_VALUE} where the JDK does not say. */
    static long maxFileDescriptors() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : Long.MAX_VALUE;
    }

    static ResourceCounts now() {
        try (Stream<Path> fds = Files.list(FD_DIR)) {
            long count = fds.count();
            List<String> names = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !t.isVirtual() && !(t instanceof ForkJoinWorkerThread))
                    .map(Thread::getName)
                    .sorted()
                    .toList();
            return new ResourceCounts(count, names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts once two samples a poll apart agree (or after two seconds), so work winding down is not counted. */
    static ResourceCounts settled() throws InterruptedException {
        ResourceCounts previous = now();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(POLL);
            ResourceCounts current = now();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    /**
     * Waits until the counts are back to {@code baseline} plus a little slack, or fails naming what is left.
     *
     * @param after what happened since the baseline, for the failure message
     */
    static void awaitBackTo(ResourceCounts baseline, int fdSlack, int threadSlack, Duration within, String after)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        ResourceCounts current = now();
        while (current.fileDescriptors() > baseline.fileDescriptors() + fdSlack
                || current.threads().size() > baseline.threads().size() + threadSlack) {
            if (System.nanoTime() > deadline) {
                var extra = new ArrayList<>(current.threads());
                baseline.threads().forEach(extra::remove);
                throw new AssertionError(after + ": " + current.fileDescriptors() + " file descriptors and "
                        + current.threads().size() + " platform threads are open after " + within.toSeconds()
                        + " s, against " + baseline.fileDescriptors() + " and " + baseline.threads().size()
                        + " before; threads not there before: " + extra);
            }
            Thread.sleep(POLL);
            current = now();
        }
    }
}
