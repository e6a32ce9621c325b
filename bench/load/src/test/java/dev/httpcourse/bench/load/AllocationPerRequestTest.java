package dev.httpcourse.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allocation figure is JFR's own count: a thread that allocates 16 MiB during a recording shows at least that. */
class AllocationPerRequestTest {
    private static volatile byte[] sink;

    @Test
    void countsWhatALiveThreadAllocatedDuringTheRecording(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("alloc.jfr");
        var go = new CountDownLatch(1);
        var allocated = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        // it exists before the recording and lives past its end, as a server's threads do
        Thread t = Thread.ofPlatform().name("allocating").start(() -> {
            try {
                go.await();
                for (int i = 0; i < 16; i++) {
                    sink = new byte[1024 * 1024];
                }
                allocated.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (var recording = new Recording()) {
            recording.enable("jdk.ThreadAllocationStatistics").withPeriod(Duration.ofMillis(100));
            recording.start();
            Thread.sleep(300); // a first event, before the thread allocates
            go.countDown();
            allocated.await();
            Thread.sleep(300); // and one after
            recording.stop();
            recording.dump(file);
        } finally {
            release.countDown();
            t.join();
        }
        Map<Long, AllocationPerRequest.ThreadBytes> grown = AllocationPerRequest.allocationTotals(file);
        long mib16 = 16L * 1024 * 1024;
        var mine = grown.get(t.threadId());
        assertEquals("allocating", mine.name());
        assertFalse(mine.isInstrument());
        assertTrue(mine.bytes() >= mib16, "the allocating thread: " + mine);
        assertTrue(mine.bytes() < 2 * mib16, "only what it allocated during the recording: " + mine);
    }

    @Test
    void jfrAndJcmdThreadsAreTheInstrumentNotTheServer() {
        assertTrue(new AllocationPerRequest.ThreadBytes("JFR Periodic Tasks", 1).isInstrument());
        assertTrue(new AllocationPerRequest.ThreadBytes("Attach Listener", 1).isInstrument());
        assertFalse(new AllocationPerRequest.ThreadBytes("ring-loop-0", 1).isInstrument());
    }

    @Test
    void tablesGiveBytesPerRequest() {
        var rows = List.of(
                new AllocationPerRequest.Row("stage02-nio-selector", "baseline", 200_000, 130_000_000, 129_000_000, 20),
                new AllocationPerRequest.Row("stage05-zero-copy-parser", "baseline", 200_000, 3_000_000, 100_000, 16));
        List<String> md = AllocationPerRequest.table(rows, true).lines().toList();
        assertEquals("| stage02-nio-selector | baseline | 200,000 | 650 | 645 | 20 |", md.get(2));
        assertEquals("| stage05-zero-copy-parser | baseline | 200,000 | 15 | 0.50 | 16 |", md.get(3));
        String adoc = AllocationPerRequest.table(rows, false);
        assertTrue(adoc.contains("| stage02-nio-selector | baseline | 200,000 | 650 | 645 | 20\n"), adoc);
        assertTrue(adoc.endsWith("|===\n"), adoc);
    }
}
