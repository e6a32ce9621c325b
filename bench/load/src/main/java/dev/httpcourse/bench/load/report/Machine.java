package dev.httpcourse.bench.load.report;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The machine a report was measured on: without it, no figure can be checked or compared. */
public record Machine(String hostname, int cores, long memoryBytes, String cpuModel, String kernel, String os,
                      String jdk, String gitCommit) {

    /** Probes this machine (Linux /proc; elsewhere, what the JDK knows). */
    public static Machine probe(Path projectRoot) {
        return new Machine(localHostname(), Runtime.getRuntime().availableProcessors(), totalMemory(), probeCpuModel(),
                System.getProperty("os.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                git(projectRoot));
    }

    public static String localHostname() {
        try {
            String name = Files.readString(Path.of("/etc/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException ignored) {
            // try the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "local";
        }
    }

    private static long totalMemory() {
        return procLine("/proc/meminfo", "MemTotal:")
                .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) * 1024).orElse(Runtime.getRuntime().maxMemory());
    }

    private static String probeCpuModel() {
        return procLine("/proc/cpuinfo", "model name").map(v -> v.substring(v.indexOf(':') + 1).strip())
                .orElse(System.getProperty("os.arch"));
    }

    private static java.util.Optional<String> procLine(String file, String prefix) {
        try (var lines = Files.lines(Path.of(file))) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst().map(l -> l.substring(prefix.length()).strip());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** The commit measured, with "+dirty" when the tree had changes; "unknown" outside a repository. */
    private static String git(Path root) {
        try {
            Process p = new ProcessBuilder("git", "-C", root.toString(), "describe", "--always", "--dirty=+dirty")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    /** "AMD EPYC, 2 cores, 23 GiB, Linux 6.18, JDK 25.0.3": for captions. */
    public String summary() {
        return cpuModel + ", " + cores + (cores == 1 ? " core" : " cores") + ", "
                + Math.round(memoryBytes / (1024.0 * 1024 * 1024)) + " GiB, Linux " + kernel.replaceAll("-.*", "")
                + ", " + jdk.replaceAll(".*?(\\d+[.\\d]*).*", "JDK $1");
    }
}
