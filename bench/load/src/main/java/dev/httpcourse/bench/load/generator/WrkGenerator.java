package dev.httpcourse.bench.load.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Drives load with {@code wrk} (when installed), through a generated Lua script. wrk cannot do
 * everything the built-in generator does, so the script emulates, and the report says so:
 * <ul>
 * <li>templates rotate per request within a thread, not per connection;</li>
 * <li>pipelining goes in batches of {@code pipeline} (the next batch after the whole previous one),
 *     and latency is per batch;</li>
 * <li>"reconnect every N" becomes {@code Connection: close} on every Nth request of a thread: the
 *     server closes (FIN), not the client (RST);</li>
 * <li>only statuses above 399 count as errors; bodies are not checked;</li>
 * <li>the warm-up is a separate wrk run, and each repetition another (connections re-open).</li>
 * </ul>
 */
public final class WrkGenerator implements LoadGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "WRK_RESULT ";

    private final Path wrk;
    private final Path workDir;

    public WrkGenerator(Path wrk, Path workDir) {
        this.wrk = wrk;
        this.workDir = workDir;
    }

    /** wrk on the PATH, if any. */
    public static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return "wrk";
    }

    @Override
    public String describe() {
        try {
            Process p = new ProcessBuilder(wrk.toString(), "-v").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .findFirst().orElse("wrk");
            p.waitFor(5, TimeUnit.SECONDS);
            return first.replaceAll("\\s*Copyright.*", "").strip()
                    + " (Lua script: per-request template rotation, batch pipelining, Connection: close for reconnects)";
        } catch (IOException | InterruptedException e) {
            return "wrk";
        }
    }

    @Override
    public void check(LoadSpec spec) {
        if (spec.counted()) {
            throw new UnsupportedOperationException("wrk cannot send an exact number of requests");
        }
    }

    @Override
    public LoadResult run(LoadSpec spec, WindowListener listener) throws IOException, InterruptedException {
        check(spec);
        Path script = Files.createTempFile(workDir, "wrk-", ".lua");
        Files.writeString(script, script(spec), StandardCharsets.US_ASCII);
        String url = "http://" + spec.address().getHostString() + ":" + spec.address().getPort() + "/";
        if (!spec.warmup().isZero()) {
            runOnce(spec, script, url, seconds(spec.warmup().toMillis()));
        }
        var windows = new ArrayList<LoadResult.Window>();
        for (int i = 0; i < spec.windows(); i++) {
            listener.windowStarted(i);
            JsonNode r = runOnce(spec, script, url, seconds(spec.window().toMillis()));
            listener.windowEnded(i);
            windows.add(window(r));
        }
        return new LoadResult(windows, null);
    }

    /** wrk's -d takes whole seconds. */
    private static long seconds(long millis) {
        return Math.max(1, Math.round(millis / 1000.0));
    }

    private JsonNode runOnce(LoadSpec spec, Path script, String url, long seconds)
            throws IOException, InterruptedException {
        int threads = Math.min(spec.threads(), spec.connections());
        List<String> command = List.of(wrk.toString(), "-t", Integer.toString(threads), "-c",
                Integer.toString(spec.connections()), "-d", seconds + "s", "--timeout", "30s", "-s",
                script.toString(), url);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("wrk did not finish");
        }
        for (String line : output.lines().toList()) {
            if (line.startsWith(MARK)) {
                return JSON.readTree(line.substring(MARK.length()));
            }
        }
        throw new IOException("wrk exited " + p.exitValue() + " without a result: "
                + output.strip().lines().reduce((a, b) -> b).orElse(""));
    }

    static LoadResult.Window window(JsonNode r) {
        long status = r.path("status").asLong();
        var latency = new Latency(r.path("p50").asLong(), r.path("p90").asLong(), r.path("p99").asLong(),
                r.path("p999").asLong(), r.path("max").asLong(), r.path("mean").asDouble());
        var errors = new Errors(status, r.path("connect").asLong(), r.path("read").asLong() + r.path("write").asLong(),
                0, 0, r.path("timeout").asLong());
        return new LoadResult.Window(Math.max(0, r.path("requests").asLong() - status),
                r.path("duration_us").asLong() / 1e6, latency, errors);
    }

    /** The Lua script: the templates, their Connection: close twins, rotation, batching, and a JSON result line. */
    static String script(LoadSpec spec) {
        var lua = new StringBuilder("-- generated by bench-load\n");
        lua.append("local depth = ").append(spec.pipeline()).append('\n');
        lua.append("local every = ").append(spec.reconnectEvery()).append('\n');
        lua.append("local templates = {\n");
        for (RequestTemplate t : spec.templates()) {
            lua.append("  ").append(literal(t)).append(",\n");
        }
        lua.append("}\nlocal closing = {\n");
        for (RequestTemplate t : spec.templates()) {
            lua.append("  ").append(literal(t.withConnectionClose())).append(",\n");
        }
        lua.append("""
                }
                local batches = {}
                for i, t in ipairs(templates) do batches[i] = string.rep(t, depth) end
                local n = 0
                request = function()
                  n = n + 1
                  local i = (n % #templates) + 1
                  if every > 0 and n % every == 0 then return closing[i] end
                  return batches[i]
                end
                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format('%s{"requests":%.0f,"duration_us":%.0f,"connect":%.0f,"read":%.0f,'
                    .. '"write":%.0f,"status":%.0f,"timeout":%.0f,"p50":%.0f,"p90":%.0f,"p99":%.0f,"p999":%.0f,'
                    .. '"max":%.0f,"mean":%.3f}\\n', "MARK", summary.requests, summary.duration, e.connect, e.read,
                    e.write, e.status, e.timeout, latency:percentile(50), latency:percentile(90),
                    latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean))
                end
                """.replace("MARK", MARK));
        return lua.toString();
    }

    private static String literal(RequestTemplate t) {
        var s = new StringBuilder("\"");
        for (char c : t.text().toCharArray()) {
            switch (c) {
                case '\r' -> s.append("\\r");
                case '\n' -> s.append("\\n");
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> s.append(c);
            }
        }
        s.append('"');
        if (t.fillBytes() > 0) {
            s.append(" .. string.rep(\"").append((char) RequestTemplate.FILL).append("\", ").append(t.fillBytes()).append(')');
        }
        return s.toString();
    }
}
