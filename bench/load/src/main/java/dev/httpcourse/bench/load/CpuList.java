package dev.httpcourse.bench.load;

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
}
