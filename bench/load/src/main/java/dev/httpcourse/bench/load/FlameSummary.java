package dev.httpcourse.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What one flame graph says in numbers, and the table of all of a folder's: CPU per request, and
 * how it divides between the kernel, the course's own code, the JVM's own threads (compiler, GC)
 * and the rest (the JDK and libraries under the server's code, the C library, the floor's user
 * code). {@link FlameGraph} writes one {@code NAME.json} beside each {@code NAME.html} and
 * {@code NAME.folded}, then rewrites the folder's {@code summary.md} and {@code summary.adoc}.
 *
 * @param samples       samples taken, one per {@code intervalMillis} of CPU time on some thread
 * @param kernel        share of the samples whose leaf frame is the kernel's
 * @param course        share whose leaf is in the course's code ({@code dev/httpcourse}) or in the
 *                      JDK called by it, on a thread that runs the course's code
 * @param jvm           share on the JVM's own threads (JIT compilers, GC, VM thread)
 * @param topCourse     the course's methods with the most samples under them, outermost loop left out
 * @param topCalls      the course's methods that were the innermost course frame of the most samples: the
 *                      method whose own code, or whose call into the JDK or the kernel, the CPU was spent in
 */
record FlameSummary(String server, String profile, int connections, double requestsPerSecond, double seconds,
                    double intervalMillis, long samples, double kernel, double course, double jvm,
                    Map<String, Double> topCourse, Map<String, Double> topCalls) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Frames every sample of a server passes through: listing them says nothing. */
    private static final List<String> LOOPS = List.of("RingLoop.run", "RingLoop.loop", "EventLoop.run",
            "Thread.run", "Connection.run", "Connection.doRun", "Lambda", "runWith");

    /** CPU per request in microseconds: samples × interval over the requests served while sampling. */
    double cpuMicrosPerRequest() {
        return samples * intervalMillis * 1000.0 / (requestsPerSecond * seconds);
    }

    static FlameSummary of(String server, String profile, int connections, double requestsPerSecond, double seconds,
                           double intervalMillis, Map<String, Long> stacks) {
        long total = 0;
        long kernel = 0;
        long jvm = 0;
        long course = 0;
        var inclusive = new HashMap<String, Long>();
        var innermost = new HashMap<String, Long>();
        for (Map.Entry<String, Long> e : stacks.entrySet()) {
            String[] frames = e.getKey().split(";");
            long n = e.getValue();
            total += n;
            boolean courseThread = false;
            var seen = new java.util.HashSet<String>();
            String last = null;
            for (String f : frames) {
                if (f.startsWith("dev/httpcourse/")) {
                    courseThread = true;
                    String method = f.replaceFirst("_\\[[a-z0-9]\\]$", "").substring("dev/httpcourse/".length());
                    last = method;
                    if (LOOPS.stream().noneMatch(method::contains) && seen.add(method)) {
                        inclusive.merge(method, n, Long::sum);
                    }
                }
            }
            if (last != null) {
                innermost.merge(last, n, Long::sum);
            }
            String leaf = frames[frames.length - 1];
            if (leaf.endsWith("_[k]")) {
                kernel += n;
            } else if (isJvmThread(frames)) {
                jvm += n;
            } else if (courseThread) {
                course += n;
            }
        }
        long all = Math.max(1, total);
        return new FlameSummary(server, profile, connections, requestsPerSecond, seconds, intervalMillis, total,
                (double) kernel / all, (double) course / all, (double) jvm / all, top(inclusive, all), top(innermost, all));
    }

    private static Map<String, Double> top(Map<String, Long> counts, long all) {
        Map<String, Double> top = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(5).forEach(e -> top.put(e.getKey(), (double) e.getValue() / all));
        return top;
    }

    /** The same summary counted again from {@code folded}, for a graph summarised by an older version. */
    FlameSummary recount(Map<String, Long> stacks) {
        return of(server, profile, connections, requestsPerSecond, seconds, intervalMillis, stacks);
    }

    private static boolean isJvmThread(String[] frames) {
        for (String f : frames) {
            if (f.startsWith("CompileBroker::") || f.startsWith("G1") || f.startsWith("GCTaskThread")
                    || f.startsWith("VMThread::") || f.startsWith("ConcurrentGCThread") || f.startsWith("WorkerThread::")) {
                return true;
            }
        }
        return false;
    }

    void write(Path json) throws IOException {
        JSON.writeValue(json.toFile(), this);
    }

    /**
     * {@code FlameSummary DIR}: rewrites the folder's tables from the summaries in it, for a folder whose
     * graphs were recorded one by one, elsewhere, or by an older version of this class.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FlameSummary DIR (a folder of flame graphs written by bench/profile.sh)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path json : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Path folded = dir.resolve(json.getFileName().toString().replaceFirst("\\.json$", ".folded"));
                if (Files.exists(folded)) {
                    JSON.readValue(json.toFile(), FlameSummary.class).recount(FlameGraph.Stacks.read(folded).counts()).write(json);
                }
            }
        }
        writeTables(dir);
    }

    /** Rewrites {@code summary.md} and {@code summary.adoc} from every {@code *.json} summary in {@code dir}. */
    static void writeTables(Path dir) throws IOException {
        List<FlameSummary> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                all.add(JSON.readValue(p.toFile(), FlameSummary.class));
            }
        }
        all.sort(Comparator.comparing(FlameSummary::profile).thenComparing(FlameSummary::server));
        var md = new StringBuilder("# Flame graphs: where a request's CPU goes\n\n")
                .append("Written by `./bench/profile.sh SERVER PROFILE`; one HTML flame graph per row beside this file. ")
                .append("CPU per request = samples × interval / requests served while sampled; the shares divide the ")
                .append("samples by their leaf frame: the kernel, the course's code (and the JDK under it), the JVM's own ")
                .append("threads (compiler, GC), the rest.\n\n")
                .append("| profile | server | req/s | CPU µs/req | kernel | course's code | JVM threads | most samples in (the innermost course method, with what it called) |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---|\n");
        var adoc = new StringBuilder("// tag::table[]\n[cols=\"2,3,>2,>2,>2,>2,>2,6\",options=\"header\"]\n|===\n")
                .append("| profile | server | req/s | CPU µs/req | kernel | course's code | JVM threads | most samples in (the innermost course method, with what it called)\n");
        for (FlameSummary s : all) {
            String top = String.join(", ", s.topCalls().entrySet().stream()
                    .limit(3).map(e -> shortName(e.getKey()) + " " + percent(e.getValue())).toList());
            String[] cells = {s.profile(), s.server(), String.format(Locale.ROOT, "%,.0f", s.requestsPerSecond()),
                    String.format(Locale.ROOT, "%.2f", s.cpuMicrosPerRequest()), percent(s.kernel()),
                    percent(s.course()), percent(s.jvm()), top.isEmpty() ? "(native code)" : top};
            md.append("| ").append(String.join(" | ", cells)).append(" |\n");
            adoc.append("| ").append(String.join(" | ", cells).replace("|", "\\|").replace(" \\| ", " | ")).append('\n');
        }
        adoc.append("|===\n// end::table[]\n");
        // the same figures as attributes, for a chapter to quote one graph's row in its prose
        adoc.append("// tag::attributes[]\n");
        for (FlameSummary s : all) {
            String key = ":flame-" + s.server() + "-" + s.profile();
            String top = s.topCalls().entrySet().stream().findFirst()
                    .map(e -> shortName(e.getKey()) + " (" + percent(e.getValue()) + ")").orElse("(native code)");
            adoc.append(key).append("-cpu-us: ").append(String.format(Locale.ROOT, "%.2f", s.cpuMicrosPerRequest()))
                    .append('\n').append(key).append("-kernel: ").append(percent(s.kernel())).append('\n')
                    .append(key).append("-course: ").append(percent(s.course())).append('\n')
                    .append(key).append("-jvm: ").append(percent(s.jvm())).append('\n')
                    .append(key).append("-top: ").append(top).append('\n');
        }
        adoc.append("// end::attributes[]\n");
        Files.writeString(dir.resolve("summary.md"), md, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("summary.adoc"), adoc, StandardCharsets.UTF_8);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    /** {@code stage05/InPlaceProtocol.process} from {@code stage05/InPlaceProtocol.process}: the class and method. */
    private static String shortName(String method) {
        int slash = method.lastIndexOf('/');
        return slash < 0 ? method : method.substring(slash + 1);
    }
}
