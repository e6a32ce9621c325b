package dev.httpcourse.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills bench/nginx/nginx.conf.template: {@code @PORT@}, {@code @PREFIX@} (a fresh folder for this
 * run), {@code @PID@} (the pid file in it) and, if used, {@code @WORKERS@}. When server CPUs are
 * pinned, {@code worker_processes auto} becomes their count: {@code auto} counts online CPUs and
 * ignores taskset. A placeholder it does not know is an error, not a silently broken config.
 */
final class NginxConfig {
    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");

    private NginxConfig() {
    }

    static Path write(Path template, Path prefix, int port, String serverCpus) throws IOException {
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, fill(Files.readString(template, StandardCharsets.UTF_8), prefix, port, serverCpus));
        return conf;
    }

    static String fill(String template, Path prefix, int port, String serverCpus) {
        String workers = serverCpus == null ? "auto" : Integer.toString(CpuList.count(serverCpus));
        Map<String, String> values = Map.of("PORT", Integer.toString(port), "PREFIX", prefix.toString(),
                "PID", prefix.resolve("nginx.pid").toString(), "WORKERS", workers);
        Matcher m = PLACEHOLDER.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder " + m.group() + " in the nginx template");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replaceAll("(?m)^(\\s*worker_processes\\s+)auto;", "$1" + workers + ";");
    }
}
