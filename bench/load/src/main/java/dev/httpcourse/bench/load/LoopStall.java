package dev.httpcourse.bench.load;

import dev.httpcourse.bench.load.generator.BodyCheck;
import dev.httpcourse.bench.load.generator.Latency;
import dev.httpcourse.bench.load.generator.LoadGenerator;
import dev.httpcourse.bench.load.generator.LoadResult;
import dev.httpcourse.bench.load.generator.LoadSpec;
import dev.httpcourse.bench.load.generator.NioLoadGenerator;
import dev.httpcourse.bench.load.generator.RequestTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

// tag::loop-stall-doc[]
/**
 * The pitfall every event-loop runtime teaches, measured: work done on a loop's thread stalls every
 * connection of that loop. For each server, a few clients ask for {@code GET /pipeline} (the cheapest
 * answer there is) one request at a time, first alone, then while other clients ask for
 * {@code GET /json/50} (about 8 KB of JSON serialised per request) as fast as they can. The p99 of
 * {@code /pipeline} in both phases shows what the JSON work costs the others: on one loop, every
 * serialisation is a wait for every connection; with a thread per connection, the kernel or the
 * JDK's scheduler interleaves them.
 *
 * <pre>
 *   ./bench/loop-stall.sh                                  # stage01-virtual, stage02, stage03 (reuseport)
 *   ./bench/loop-stall.sh --servers stage02-nio-selector --hogs 64
 * </pre>
 *
 * <p>Exercise 3.3 asks another question with the same two phases: which way of accepting steers new
 * connections around a stalled worker. For it the {@code /pipeline} clients reconnect every few
 * requests ({@code --reconnect-every}), so that new connections keep being routed, and one hog asks
 * for a request that stalls its worker ({@code --hog-path '/json/1?m=13'} with the exercise's sleep).
 */
@Command(name = "loop-stall", sortOptions = false, usageHelpWidth = 100,
        description = "Measures the p99 of /pipeline alone and beside clients of /json/50, per server.")
public final class LoopStall implements Callable<Integer> {
    // end::loop-stall-doc[]
    @Option(names = "--servers", split = ",", paramLabel = "NAME",
            defaultValue = "stage01-virtual,stage02-nio-selector,stage03-reuseport",
            description = "Servers, as ./bench/run.sh --list names them (default: ${DEFAULT-VALUE}).")
    List<String> servers;

    @Option(names = "--victims", defaultValue = "16", paramLabel = "N",
            description = "Connections asking for /pipeline, one request at a time (default: ${DEFAULT-VALUE}).")
    int victims;

    @Option(names = "--hogs", defaultValue = "32", paramLabel = "N",
            description = "Connections asking for /json/50 (default: ${DEFAULT-VALUE}).")
    int hogs;

    @Option(names = "--hog-path", defaultValue = DEFAULT_HOG_PATH, paramLabel = "PATH",
            description = "What the hogs ask for, a /json/COUNT?m=M (default: ${DEFAULT-VALUE}).")
    String hogPath;

    @Option(names = "--reconnect-every", defaultValue = "0", paramLabel = "N",
            description = "The /pipeline clients close and reconnect after every N requests, so that new "
                    + "connections keep being routed to a worker; 0 keeps each connection (default: ${DEFAULT-VALUE}).")
    int reconnectEvery;

    @Option(names = "--warmup", defaultValue = "3s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Load before each measured window (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Each measured window (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write loop-stall.md and .adoc "
            + "(default: bench/results/<hostname>).")
    Path out;

    @Mixin
    HelpOption help;

    private final PrintStream log = System.out;
    static final String DEFAULT_HOG_PATH = "/json/50?m=1";
    private static final Pattern JSON_PATH = Pattern.compile("/json/(\\d+)\\?m=(\\d+)");

    /** One server's two phases. */
    record Row(String server, Latency alone, Latency beside, double pipelineRps, double jsonRps, long errors) {
    }

    public static void main(String[] args) {
        SideTool.main("loop-stall", new LoopStall(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (!JSON_PATH.matcher(hogPath).matches() || reconnectEvery < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), reconnectEvery < 0
                    ? "--reconnect-every must be 0 or more" : "--hog-path must be /json/COUNT?m=M, not " + hogPath);
        }
        Path root = SideTool.root();
        Path work = Files.createTempDirectory("loop-stall-");
        var launch = SideTool.launch();
        var rows = new ArrayList<Row>();
        for (String name : servers) {
            ServerSpec spec = SideTool.server(this, root, name);
            log.println(name + ": starting");
            ServerProcess server = ServerProcess.start(spec, Driver.freePort(), launch, work, name, "/pipeline");
            try {
                rows.add(measure(name, new InetSocketAddress("127.0.0.1", server.port())));
            } finally {
                server.stop();
            }
            log.println(line(rows.getLast()));
        }
        Path dir = SideTool.outDir(out, root);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("loop-stall.md"), table(rows, true, hogLabel()));
        Files.writeString(dir.resolve("loop-stall.adoc"), table(rows, false, hogLabel()));
        log.println("Written: " + dir.resolve("loop-stall.md") + " and loop-stall.adoc; server logs: " + work);
        return 0;
    }

    // tag::loop-stall-phases[]
    private Row measure(String name, InetSocketAddress address) throws Exception {
        String host = "localhost:" + address.getPort();
        var pipeline = List.of(RequestTemplate.get("pipeline", host, "/pipeline", BodyCheck.Exact.of("ok")));
        var json50 = List.of(hogTemplate(host));
        LoadSpec victimSpec = new LoadSpec(address, pipeline, victims, 1, 1, reconnectEvery, warmup, duration, 1, 0);
        LoadSpec hogSpec = new LoadSpec(address, json50, hogs, 1, 1, 0, warmup, duration, 1, 0);

        LoadResult alone = new NioLoadGenerator().run(victimSpec, LoadGenerator.WindowListener.NONE);
        // both start together, warm up together, and measure the same seconds
        var hogRun = CompletableFuture.supplyAsync(() -> run(hogSpec));
        LoadResult beside = new NioLoadGenerator().run(victimSpec, LoadGenerator.WindowListener.NONE);
        LoadResult hogResult = hogRun.get();
        // end::loop-stall-phases[]
        LoadResult.Window b = beside.windows().getFirst();
        LoadResult.Window h = hogResult.windows().getFirst();
        long errors = alone.windows().getFirst().errors().total() + b.errors().total() + h.errors().total();
        return new Row(name, alone.windows().getFirst().latency(), b.latency(), b.requestsPerSecond(),
                h.requestsPerSecond(), errors);
    }

    /** The hogs' request: by default {@code /json/50?m=1}, whose body the check counts item by item. */
    private RequestTemplate hogTemplate(String host) {
        var m = JSON_PATH.matcher(hogPath);
        if (!m.matches()) {
            throw new IllegalArgumentException(hogPath);
        }
        int count = Integer.parseInt(m.group(1));
        return RequestTemplate.get("json-" + count, host, hogPath,
                new BodyCheck.JsonItems(Math.min(count, 50), Integer.parseInt(m.group(2))));
    }

    /** The hogs' path as the table says it: {@code /json/50} by default. */
    private String hogLabel() {
        return hogPath.equals(DEFAULT_HOG_PATH) ? "/json/50" : hogPath;
    }

    private static LoadResult run(LoadSpec spec) {
        try {
            return new NioLoadGenerator().run(spec, LoadGenerator.WindowListener.NONE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String line(Row r) {
        return String.format(Locale.ROOT, "  /pipeline p99 alone %d µs, beside %s %d µs (%.1f×); %s at %,.0f req/s; %d errors",
                r.alone().p99(), hogLabel(), r.beside().p99(), ratio(r), hogLabel(), r.jsonRps(), r.errors());
    }

    private static double ratio(Row r) {
        return r.alone().p99() == 0 ? 0 : (double) r.beside().p99() / r.alone().p99();
    }

    private static String header(String hog) {
        return "| server | /pipeline p50 alone (µs) | p99 alone (µs) | p50 beside " + hog + " (µs) "
                + "| p99 beside " + hog + " (µs) | p99 beside / alone | " + hog + " req/s | errors";
    }

    /** One row per server; Markdown rows close with a pipe, AsciiDoc rows must not (it would add a cell). */
    static String table(List<Row> rows, boolean markdown) {
        return table(rows, markdown, "/json/50");
    }

    /** The same, for hogs that asked for {@code hog}. */
    static String table(List<Row> rows, boolean markdown, String hog) {
        var s = new StringBuilder();
        if (!markdown) {
            s.append("[cols=\"3,2,2,2,2,2,2,1\",options=\"header\"]\n|===\n");
        }
        s.append(header(hog)).append(markdown ? " |\n|---|---|---|---|---|---|---|---|\n" : "\n\n");
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.1f× | %,.0f | %d%s%n", r.server(),
                    r.alone().p50(), r.alone().p99(), r.beside().p50(), r.beside().p99(), ratio(r), r.jsonRps(),
                    r.errors(), markdown ? " |" : ""));
        }
        return s.append(markdown ? "" : "|===\n").toString();
    }
}
