package dev.httpcourse.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Figures about a process tree from Linux's /proc (proc(5)): CPU time, peak RSS, threads. A
 * process's own stat line already sums all its threads; its child processes (nginx's workers) are
 * added by walking the tree. Elsewhere than Linux every figure is absent.
 */
final class Proc {
    /** USER_HZ, almost always 100; asked of getconf once. */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    private Proc() {
    }

    /** User plus system CPU seconds of {@code pid} and its live descendants, or -1 if unreadable. */
    static double cpuSeconds(long pid) {
        long ticks = 0;
        boolean any = false;
        for (long p : tree(pid)) {
            long[] t = stat(p);
            if (t != null) {
                ticks += t[0] + t[1];
                any = true;
            }
        }
        return any ? ticks / (double) TICKS_PER_SECOND : -1;
    }

    /**
     * This JVM's CPU seconds, plus those of children it has waited for (cutime, cstime): so a wrk
     * process counts once it has exited, and servers, still running, do not.
     */
    static double selfCpuSeconds() {
        long[] t = stat(ProcessHandle.current().pid());
        return t == null ? -1 : (t[0] + t[1] + t[2] + t[3]) / (double) TICKS_PER_SECOND;
    }

    /**
     * CPU seconds the whole machine has been busy (all CPUs: user, nice, system, irq, softirq,
     * steal; first line of /proc/stat), or -1.
     */
    static double machineBusySeconds() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            String cpu = lines.filter(l -> l.startsWith("cpu ")).findFirst().orElseThrow();
            String[] f = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy / (double) TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Peak resident set (VmHWM) summed over the tree, in bytes, or -1. */
    static long peakRssBytes(long pid) {
        long kb = 0;
        boolean any = false;
        for (long p : tree(pid)) {
            long v = statusField(p, "VmHWM:");
            if (v >= 0) {
                kb += v;
                any = true;
            }
        }
        return any ? kb * 1024 : -1;
    }

    /** Threads summed over the tree, or -1. */
    static int threads(long pid) {
        long n = 0;
        boolean any = false;
        for (long p : tree(pid)) {
            long v = statusField(p, "Threads:");
            if (v >= 0) {
                n += v;
                any = true;
            }
        }
        return any ? (int) n : -1;
    }

    private static List<Long> tree(long pid) {
        var pids = new ArrayList<Long>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    /** utime, stime, cutime, cstime: fields 14 to 17 of /proc/PID/stat, counted after the command's closing paren. */
    static long[] stat(long pid) {
        try {
            return parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static long[] parseStat(String line) {
        // The command (field 2) may hold spaces and parentheses; the fields after its last ')' are fixed.
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state), so field n is f[n - 3].
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    }

    private static long statusField(long pid, String name) {
        try (var lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith(name)).findFirst()
                    .map(l -> Long.parseLong(l.substring(name.length()).replaceAll("[^0-9]", ""))).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | InterruptedException | NumberFormatException e) {
            // the usual value
        }
        return 100;
    }
}
