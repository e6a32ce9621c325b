package dev.httpcourse.stage04.uring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What /proc says this process holds: io_uring descriptors and mappings, and whether an address is mapped. */
public final class ProcSelf {
    private ProcSelf() {
    }

    /** Descriptors that are io_uring instances (their link reads {@code anon_inode:[io_uring]}). */
    public static long ioUringFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().contains("io_uring");
                } catch (IOException e) {
                    return false; // closed while we listed, e.g. the directory stream's own fd
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mappings of an io_uring fd: rings and SQE arrays. */
    public static long ioUringMappings() {
        return maps().stream().filter(line -> line.contains("io_uring")).count();
    }

    /** Whether any mapping of this process covers {@code address}. */
    public static boolean isMapped(long address) {
        for (String line : maps()) {
            String range = line.substring(0, line.indexOf(' '));
            int dash = range.indexOf('-');
            long start = Long.parseUnsignedLong(range.substring(0, dash), 16);
            long end = Long.parseUnsignedLong(range.substring(dash + 1), 16);
            if (Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0) {
                return true;
            }
        }
        return false;
    }

    private static List<String> maps() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
