package dev.httpcourse.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/**
 * The small parsers the driver leans on: durations, CPU lists, /proc, GC logs, the nginx template,
 * the native floor's build errors.
 */
class HelpersTest {

    @Test
    void readsDurationsInTheUsualUnits() {
        var c = new DurationConverter();
        assertEquals(Duration.ofSeconds(5), c.convert("5s"));
        assertEquals(Duration.ofSeconds(5), c.convert("5"));
        assertEquals(Duration.ofMillis(500), c.convert("500ms"));
        assertEquals(Duration.ofMillis(1500), c.convert("1.5s"));
        assertEquals(Duration.ofMinutes(2), c.convert("2m"));
        assertEquals(Duration.ofSeconds(3), c.convert("PT3S"));
        assertThrows(TypeConversionException.class, () -> c.convert("soon"));
    }

    @Test
    void checksAndCountsCpuLists() {
        assertTrue(CpuList.valid("0"));
        assertTrue(CpuList.valid("0-3,8,10-11"));
        assertFalse(CpuList.valid("3-1"));
        assertFalse(CpuList.valid("0,"));
        assertFalse(CpuList.valid("all"));
        assertEquals(7, CpuList.count("0-3,8,10-11"));
    }

    @Test
    void pinSplitsWholeCoresServersFirst() {
        assertEquals(List.of(0, 1, 2, 3, 8, 10, 11), CpuList.expand("0-3,8,10-11"));
        // Two cores, no hyper-threads (this course's machine): one CPU each.
        assertEquals(new CpuList.Split("0", "1"), CpuList.split(List.of(0, 1), c -> "0:" + c).orElseThrow());
        // Four cores with their hyper-threads numbered cpu and cpu + 4: siblings stay on one side.
        assertEquals(new CpuList.Split("0,4,1,5", "2,6,3,7"),
                CpuList.split(List.of(0, 1, 2, 3, 4, 5, 6, 7), c -> "0:" + c % 4).orElseThrow());
        // Three cores: the servers get the odd one.
        assertEquals(new CpuList.Split("0,1", "2"), CpuList.split(List.of(0, 1, 2), c -> "0:" + c).orElseThrow());
        // One core with two hyper-threads: split anyway, it is the only split there is.
        assertEquals(new CpuList.Split("0", "1"), CpuList.split(List.of(0, 1), c -> "0:0").orElseThrow());
        assertTrue(CpuList.split(List.of(0), c -> "0:0").isEmpty());
    }

    @Test
    void readsCpuTimesAfterACommandWithSpacesAndParentheses() {
        // Fields 14-17 (utime, stime, cutime, cstime) are 1200, 340, 5, 6.
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1200 340 5 6 20 0 30 0 100 "
                + "1000000 5000 18446744073709551615";
        assertArrayEquals(new long[] {1200, 340, 5, 6}, Proc.parseStat(stat));
    }

    @Test
    void readsThisProcessFromProc() {
        if (!System.getProperty("os.name").startsWith("Linux")) {
            return;
        }
        long pid = ProcessHandle.current().pid();
        assertTrue(Proc.cpuSeconds(pid) > 0);
        assertTrue(Proc.peakRssBytes(pid) > 1 << 20);
        assertTrue(Proc.threads(pid) > 1);
        // Read the tree first: read second, it could gain a tick the earlier self reading missed.
        double tree = Proc.cpuSeconds(pid);
        assertTrue(Proc.selfCpuSeconds() >= tree);
    }

    @Test
    void sumsGcPausesFromTheUnifiedLog() {
        String log = """
                [0.012s][info][gc] Using G1
                [1.234s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms
                [2.000s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 30M->5M(256M) 1.500ms
                [2.010s][info][gc] GC(2) Concurrent Mark Cycle
                [2.020s][info][gc] GC(2) Pause Remark 6M->6M(256M) 0.655ms
                [2.030s][info][gc] GC(2) Pause Cleanup 6M->6M(256M) 0.100ms
                [2.040s][info][gc] GC(2) Concurrent Mark Cycle 30.000ms
                """;
        GcLog.Pauses p = GcLog.parse(log);
        assertEquals(4, p.count());
        assertEquals(4.6, p.millis(), 1e-9);
        GcLog.Pauses later = new GcLog.Pauses(4, 4.6).minus(new GcLog.Pauses(1, 2.345));
        assertEquals(3, later.count());
        assertEquals(2.255, later.millis(), 1e-9);
    }

    @Test
    void fillsTheNginxTemplate() {
        String template = "worker_processes auto;\npid @PID@;\nlisten @PORT@ reuseport;\nroot @PREFIX@/x;\n";
        String filled = NginxConfig.fill(template, Path.of("/tmp/n"), 8123, "0-1");
        assertEquals("worker_processes 2;\npid /tmp/n/nginx.pid;\nlisten 8123 reuseport;\nroot /tmp/n/x;\n", filled);
        assertTrue(NginxConfig.fill(template, Path.of("/tmp/n"), 1, null).startsWith("worker_processes auto;"));
        assertThrows(IllegalArgumentException.class, () -> NginxConfig.fill("@NOPE@", Path.of("/x"), 1, null));
    }

    @Test
    void formatsClockTimes() {
        assertEquals("0:05", Progress.clock(5));
        assertEquals("11:40", Progress.clock(700));
    }

    @Test
    void saysInOneLineWhyTheNativeFloorCannotBeBuilt() {
        assertEquals("liburing's headers are missing (Debian, Ubuntu: apt-get install liburing-dev)", NativeFloor.failure(
                "floor.c:12:10: fatal error: liburing.h: No such file or directory\ncompilation terminated.\n"));
        assertEquals("cc failed: floor.c:3:1: error: expected ';'",
                NativeFloor.failure("floor.c: In function 'main':\nfloor.c:3:1: error: expected ';'\n"));
    }
}
