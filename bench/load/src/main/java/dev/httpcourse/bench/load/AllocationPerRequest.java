package dev.httpcourse.bench.load;

import static dev.httpcourse.bench.load.SideTool.jcmd;

import dev.httpcourse.bench.load.generator.LoadGenerator;
import dev.httpcourse.bench.load.generator.LoadResult;
import dev.httpcourse.bench.load.generator.LoadSpec;
import dev.httpcourse.bench.load.generator.NioLoadGenerator;
import dev.httpcourse.bench.load.generator.Profile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

// tag::alloc-doc[]
/**
 * Bytes the server allocates per request under load, counted by the JVM itself: for each server and
 * profile it warms the server up, starts a JFR recording in it ({@code jcmd PID JFR.start}), sends an
 * exact number of requests, dumps the recording, and reads every thread's {@code
 * jdk.ThreadAllocationStatistics} (the thread's running total of bytes allocated, emitted at the
 * start and at the end of the recording). The growth of those totals, summed over the threads,
 * divided by the requests, is the figure: every byte the server allocated in that time, whoever
 * allocated it (the request path, the JIT's helpers, the JDK's selector), not a sample.
 *
 * <p>A thread created during the recording has no starting total and is counted from zero, which
 * is right for a thread made for the load (a platform thread per connection). Virtual threads
 * allocate on their carrier's account. The figure includes what the JDK allocates on the server's
 * behalf (the selector's own objects, for instance), which is the point: it is what the GC sees.
 *
 * <pre>
 *   ./bench/alloc.sh                                # stage01-virtual, stage02, stage03 (reuseport), stage04
 *   ./bench/alloc.sh --servers stage02-nio-selector --profiles baseline
 * </pre>
 */
@Command(name = "alloc", sortOptions = false, usageHelpWidth = 100,
        description = "Measures bytes allocated per request by each server, with JFR, over an exact number of requests.")
public final class AllocationPerRequest implements Callable<Integer> {
    // end::alloc-doc[]
    @Option(names = "--servers", split = ",", paramLabel = "NAME",
            defaultValue = "stage01-virtual,stage02-nio-selector,stage03-reuseport,stage04-io-uring,stage05-zero-copy-parser",
            description = "Servers, as ./bench/run.sh --list names them (default: ${DEFAULT-VALUE}).")
    List<String> servers;

    @Option(names = "--profiles", split = ",", paramLabel = "NAME", defaultValue = "baseline,pipelined",
            converter = ProfileConverter.class,
            description = "Profiles (default: ${DEFAULT-VALUE}).")
    List<Profile> profiles;

    @Option(names = "--requests", defaultValue = "500000", paramLabel = "N",
            description = "Requests counted per server and profile; pipelined sends ten times as many (default: ${DEFAULT-VALUE}).")
    long requests;

    @Option(names = "--connections", defaultValue = "64", paramLabel = "N",
            description = "Connections (default: ${DEFAULT-VALUE}).")
    int connections;

    // 4 s were not enough for stage 05: its few bytes per request were still the JIT's warm-up (code not
    // yet compiled by C2 allocates the temporaries escape analysis later removes); 10 s are
    @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Load before the recording starts, so that the hot code is compiled (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write alloc.md and alloc.adoc "
            + "(default: bench/results/<hostname>).")
    Path out;

    @Mixin
    HelpOption help;

    private final PrintStream log = System.out;

    /**
     * One server and profile: requests counted, bytes allocated by every thread, and by the server's
     * own threads (all but the measuring instrument's: JFR's threads, and jcmd's Attach Listener).
     */
    record Row(String server, String profile, long requests, long bytes, long serverBytes, int threads) {
        double bytesPerRequest() {
            return requests == 0 ? 0 : (double) bytes / requests;
        }

        double serverBytesPerRequest() {
            return requests == 0 ? 0 : (double) serverBytes / requests;
        }
    }

    /** The bytes one thread allocated during the recording. */
    record ThreadBytes(String name, long bytes) {
        /** Threads of the instrument, not of the server: they allocate per second, whatever the load. */
        boolean isInstrument() {
            return name.startsWith("JFR ") || name.equals("Attach Listener");
        }
    }

    public static void main(String[] args) {
        SideTool.main("alloc", new AllocationPerRequest(), args);
    }

    @Override
    public Integer call() throws Exception {
        Path root = SideTool.root();
        Path work = Files.createTempDirectory("alloc-");
        Jcmd jcmd = Jcmd.besideJava(SideTool.java());
        var launch = SideTool.launch();
        var rows = new ArrayList<Row>();
        for (String name : servers) {
            ServerSpec spec = SideTool.server(this, root, name);
            for (Profile profile : profiles) {
                String profileId = profile.id();
                ServerProcess server = ServerProcess.start(spec, Driver.freePort(), launch, work, name + "-" + profileId,
                        profile.probePath());
                try {
                    rows.add(measure(name, profile, server, jcmd, work));
                } finally {
                    server.stop();
                }
                log.println(String.format(Locale.ROOT, "%s %s: %,.0f bytes per request (%,.2f in the server's own threads)",
                        name, profileId, rows.getLast().bytesPerRequest(), rows.getLast().serverBytesPerRequest()));
            }
        }
        Path dir = SideTool.outDir(out, root);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("alloc.md"), table(rows, true));
        Files.writeString(dir.resolve("alloc.adoc"), table(rows, false));
        log.println("Written: " + dir.resolve("alloc.md") + " and alloc.adoc; server logs: " + work);
        return 0;
    }

    // tag::alloc-measure[]
    private Row measure(String name, Profile profile, ServerProcess server, Jcmd jcmd, Path work) throws Exception {
        var address = new InetSocketAddress("127.0.0.1", server.port());
        int threads = Runtime.getRuntime().availableProcessors();
        new NioLoadGenerator().run(LoadSpec.warmup(address, profile, connections, threads, warmup),
                LoadGenerator.WindowListener.NONE);
        long count = profile == Profile.PIPELINED ? requests * 10 : requests;
        Path recording = work.resolve(name + "-" + profile.id() + ".jfr");
        jcmd.run(server.pid(), "JFR.start", "name=alloc", "settings=default");
        LoadResult result = new NioLoadGenerator().run(
                LoadSpec.counted(address, profile, connections, threads, count), LoadGenerator.WindowListener.NONE);
        jcmd.run(server.pid(), "JFR.dump", "name=alloc", "filename=" + recording);
        jcmd.run(server.pid(), "JFR.stop", "name=alloc");
        long answered = result.windows().getFirst().requests();
        Map<Long, ThreadBytes> perThread = allocationTotals(recording);
        long bytes = perThread.values().stream().mapToLong(ThreadBytes::bytes).sum();
        long serverBytes = perThread.values().stream().filter(t -> !t.isInstrument()).mapToLong(ThreadBytes::bytes).sum();
        return new Row(name, profile.id(), answered, bytes, serverBytes, perThread.size());
    }

    /**
     * Per thread id, the bytes it allocated during the recording: its last total minus its first. A
     * thread seen only once, in the second half of the recording, was born during it and counts
     * from zero; one seen only in the first half died before its end, and its last bytes are lost.
     */
    static Map<Long, ThreadBytes> allocationTotals(Path recording) throws IOException {
        var byThread = new HashMap<Long, List<RecordedEvent>>();
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (e.getEventType().getName().equals("jdk.ThreadAllocationStatistics")) {
                byThread.computeIfAbsent(e.getThread("thread").getId(), k -> new ArrayList<>()).add(e);
            }
        }
        if (byThread.isEmpty()) {
            throw new IOException("no jdk.ThreadAllocationStatistics in " + recording);
        }
        Instant begin = byThread.values().stream().flatMap(List::stream).map(RecordedEvent::getStartTime)
                .min(Instant::compareTo).orElseThrow();
        Instant end = byThread.values().stream().flatMap(List::stream).map(RecordedEvent::getStartTime)
                .max(Instant::compareTo).orElseThrow();
        Instant middle = begin.plus(Duration.between(begin, end).dividedBy(2));
        var grown = new HashMap<Long, ThreadBytes>();
        byThread.forEach((id, events) -> {
            events.sort((a, b) -> a.getStartTime().compareTo(b.getStartTime()));
            long last = events.getLast().getLong("allocated");
            String threadName = String.valueOf(events.getLast().getThread("thread").getJavaName());
            if (events.size() > 1) {
                grown.put(id, new ThreadBytes(threadName, last - events.getFirst().getLong("allocated")));
            } else {
                grown.put(id, new ThreadBytes(threadName, events.getFirst().getStartTime().isAfter(middle) ? last : 0L));
            }
        });
        return grown;
    }
    // end::alloc-measure[]

    /** Whole bytes where they are many; two decimals where the question is whether there is one at all. */
    private static String ownBytes(double perRequest) {
        return String.format(Locale.ROOT, perRequest >= 10 ? "%,.0f" : "%.2f", perRequest);
    }

    static String table(List<Row> rows, boolean markdown) {
        var s = new StringBuilder();
        if (!markdown) {
            s.append("[cols=\"3,2,2,2,2,2\",options=\"header\"]\n|===\n");
        }
        s.append("| server | profile | requests | bytes allocated per request | of which the server's own threads | threads seen")
                .append(markdown ? " |\n|---|---|---:|---:|---:|---:|\n" : "\n\n");
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,.0f | %s | %d%s%n", r.server(), r.profile(),
                    r.requests(), r.bytesPerRequest(), ownBytes(r.serverBytesPerRequest()), r.threads(),
                    markdown ? " |" : ""));
        }
        return s.append(markdown ? "" : "|===\n").toString();
    }
}
