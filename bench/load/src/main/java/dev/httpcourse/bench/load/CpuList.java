package dev.httpcourse.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/** A CPU list as taskset(1) takes it: {@code 0}, {@code 0-3}, {@code 0,2,4-7}. */
final class CpuList {
    private static final Pattern FORMAT = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

    private CpuList() {
    }

    static boolean valid(String list) {
        if (!FORMAT.matcher(list).matches()) {
            return false;
        }
        for (String part : list.split(",")) {
            String[] range = part.split("-");
            if (range.length == 2 && Integer.parseInt(range[0]) > Integer.parseInt(range[1])) {
                return false;
            }
        }
        return true;
    }

    /** The online CPUs (Linux), as a list; all the JVM can see otherwise. */
    static String online() {
        try {
            String list = java.nio.file.Files.readString(java.nio.file.Path.of("/sys/devices/system/cpu/online")).strip();
            if (valid(list)) {
                return list;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // fall through
        }
        return "0-" + (Runtime.getRuntime().availableProcessors() - 1);
    }

    static int count(String list) {
        int n = 0;
        for (String part : list.split(",")) {
            String[] range = part.split("-");
            n += range.length == 1 ? 1 : Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        }
        return n;
    }

    /** The CPUs of a valid list, in order: {@code 0-2,5} gives 0, 1, 2, 5. */
    static List<Integer> expand(String list) {
        var cpus = new ArrayList<Integer>();
        for (String part : list.split(",")) {
            String[] range = part.split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length == 1 ? from : Integer.parseInt(range[1]);
            for (int c = from; c <= to; c++) {
                cpus.add(c);
            }
        }
        return cpus;
    }

    /** Where {@code --pin} puts the two sides: CPU lists for the servers and for the load generator. */
    record Split(String servers, String load) {
    }

    /**
     * Splits {@code cpus} in two for {@code --pin}: whole physical cores ({@code coreOf} names a
     * CPU's core), the first half (rounded up) for the servers and the rest for the load generator,
     * since two hyper-threads of one core share its execution units and the busier side would slow
     * the other (see the measuring chapter). With a single core its hyper-threads are split instead.
     * Empty with fewer than two CPUs.
     */
    static Optional<Split> split(List<Integer> cpus, IntFunction<String> coreOf) {
        var cores = new LinkedHashMap<String, List<Integer>>();
        for (int c : cpus) {
            cores.computeIfAbsent(coreOf.apply(c), k -> new ArrayList<>()).add(c);
        }
        List<List<Integer>> groups = cores.size() >= 2 ? List.copyOf(cores.values())
                : cpus.stream().map(List::of).toList();
        if (groups.size() < 2) {
            return Optional.empty();
        }
        int half = (groups.size() + 1) / 2;
        return Optional.of(new Split(join(groups.subList(0, half)), join(groups.subList(half, groups.size()))));
    }

    /** {@link #split} of the CPUs this process may run on, by the kernel's topology (sysfs). */
    static Optional<Split> splitForPin() {
        return split(expand(allowed()), CpuList::physicalCore);
    }

    /** The CPUs this process may run on (its affinity, Linux), or the online ones. */
    static String allowed() {
        try (var lines = Files.lines(Path.of("/proc/self/status"))) {
            String list = lines.filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
            if (valid(list)) {
                return list;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // fall through
        }
        return online();
    }

    /** Package and core id of a CPU from sysfs; the CPU itself when unknown (then each CPU counts as a core). */
    private static String physicalCore(int cpu) {
        Path topology = Path.of("/sys/devices/system/cpu/cpu" + cpu + "/topology");
        try {
            return Files.readString(topology.resolve("physical_package_id")).strip() + ":"
                    + Files.readString(topology.resolve("core_id")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            return "cpu" + cpu;
        }
    }

    private static String join(List<List<Integer>> groups) {
        return String.join(",", groups.stream().flatMap(List::stream).map(String::valueOf).toList());
    }
}
