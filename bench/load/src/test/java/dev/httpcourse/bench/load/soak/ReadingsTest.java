package dev.httpcourse.bench.load.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What jcmd (JDK 25) and /proc print, as they printed it for a stage's JVM. */
class ReadingsTest {
    private static final long K = 1024;

    @Test
    void readsRssAndThreadsFromProcStatus() {
        String status = """
                Name:\tjava
                VmHWM:\t  131072 kB
                VmRSS:\t   98620 kB
                Threads:\t22
                """;
        assertEquals(98_620 * K, Readings.statusField(status, "VmRSS"));
        assertEquals(22, Readings.statusField(status, "Threads"));
        assertEquals(-1, Readings.statusField(status, "VmSwap"));
    }

    @Test
    void readsThisProcessesOwnStatus() throws Exception {
        Path self = Path.of("/proc/self/status");
        assumeTrue(Files.isReadable(self), "no /proc here");
        String status = Files.readString(self);
        assertTrue(Readings.statusField(status, "VmRSS") > 1024 * K);
        assertTrue(Readings.statusField(status, "Threads") >= 1);
    }

    @Test
    void readsTheHeapOfG1() {
        String g1 = """
                27256:
                garbage-first heap   total reserved 6172672K, committed 28672K, used 4669K [0x0000000687400000, 0x0000000800000000)
                 region size 4096K, 1 young (4096K), 0 survivors (0K)
                 Metaspace       used 9151K, committed 9408K, reserved 1114112K
                """;
        assertEquals(4669 * K, Readings.heapUsedBytes(g1));
    }

    @Test
    void addsTheGenerationsOfSerialAndParallel() {
        String serial = """
                27641:
                DefNew     total 116224K, used 12K [0x0000000687400000, 0x000000068f210000, 0x0000000704d50000)
                 eden space 103360K,   0% used [0x0000000687400000, 0x0000000687400000, 0x000000068d8f0000)
                 from space 12864K,   0% used [0x000000068d8f0000, 0x000000068d8f0000, 0x000000068e580000)
                Tenured    total 258048K, used 3442K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
                 the  space 258048K,   1% used [0x0000000704d50000, 0x00000007050aca68, 0x0000000714950000)
                """;
        assertEquals((12 + 3442) * K, Readings.heapUsedBytes(serial));
        String parallel = """
                27786:
                PSYoungGen      total 113152K, used 0K [0x0000000782700000, 0x000000078a500000, 0x0000000800000000)
                 eden space 97280K, 0% used [0x0000000782700000,0x0000000782700000,0x0000000788600000)
                ParOldGen       total 258048K, used 3420K [0x0000000687400000, 0x0000000697000000, 0x0000000782700000)
                 object space 258048K, 1% used [0x0000000687400000,0x0000000687757108,0x0000000697000000)
                """;
        assertEquals(3420 * K, Readings.heapUsedBytes(parallel));
    }

    @Test
    void readsTheHeapOfZgcAndShenandoah() {
        String z = """
                27951:
                ZHeap            used 6M, capacity 378M, max capacity 6028M
                 Cache           372M (2)
                """;
        assertEquals(6 * K * K, Readings.heapUsedBytes(z));
        String shenandoah = """
                28311:
                Shenandoah Heap
                 6028M max, 6028M soft max, 8192K committed, 4096K used
                 3014 x 2048 K regions
                """;
        assertEquals(4096 * K, Readings.heapUsedBytes(shenandoah));
    }

    @Test
    void anAnswerWithoutAHeapIsMinusOne() {
        assertEquals(-1, Readings.heapUsedBytes("12345:\nCommand executed successfully\n"));
    }

    @Test
    void readsNativeMemoryTracking() {
        String summary = """
                27256:

                Native Memory Tracking:

                (Omitting categories weighting less than 1KB)

                Total: reserved=7748891KB, committed=118619KB
                       malloc: 22951KB #47973, peak=33209KB #47000
                       mmap:   reserved=7725940KB, committed=95668KB

                -                 Java Heap (reserved=6172672KB, committed=28672KB)
                                            (mmap: reserved=6172672KB, committed=28672KB, peak=393216KB)

                -                     Class (reserved=1048935KB, committed=1767KB)
                                            (classes #3233)

                -                     Other (reserved=8234KB, committed=8234KB)
                                            (malloc=8234KB tag=Other #280) (at peak)

                -                    Symbol (reserved=2529KB, committed=2529KB)
                """;
        NativeMemory n = Readings.nativeMemory(summary);
        assertEquals(118_619 * K, n.committed());
        assertEquals(28_672 * K, n.heapCommitted());
        assertEquals(8_234 * K, n.other());
        assertEquals((118_619 - 28_672) * K, n.outsideHeap());
    }

    @Test
    void addsNioToOtherWhereTheJdkHasIt() {
        String summary = """
                Total: reserved=1000KB, committed=900KB
                -                 Java Heap (reserved=500KB, committed=400KB)
                -                     Other (reserved=10KB, committed=10KB)
                -                       NIO (reserved=20KB, committed=20KB)
                """;
        assertEquals(30 * K, Readings.nativeMemory(summary).other());
    }

    @Test
    void nativeMemoryIsNullWhenTrackingIsOff() {
        assertNull(Readings.nativeMemory("27256:\nNative memory tracking is not enabled\n"));
    }
}
