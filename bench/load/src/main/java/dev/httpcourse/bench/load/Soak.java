package dev.httpcourse.bench.load;

import dev.httpcourse.bench.load.generator.Errors;
import dev.httpcourse.bench.load.generator.LoadGenerator;
import dev.httpcourse.bench.load.generator.LoadResult;
import dev.httpcourse.bench.load.generator.LoadSpec;
import dev.httpcourse.bench.load.generator.NioLoadGenerator;
import dev.httpcourse.bench.load.generator.Profile;
import dev.httpcourse.bench.load.report.Machine;
import dev.httpcourse.bench.load.soak.HostileClients;
import dev.httpcourse.bench.load.soak.LoadTotal;
import dev.httpcourse.bench.load.soak.NativeMemory;
import dev.httpcourse.bench.load.soak.Readings;
import dev.httpcourse.bench.load.soak.Sample;
import dev.httpcourse.bench.load.soak.Series;
import dev.httpcourse.bench.load.soak.SoakReport;
import dev.httpcourse.bench.load.soak.SoakRun;
import dev.httpcourse.bench.load.soak.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * One server for minutes under the bench's profiles in turn, with hostile clients beside them,
 * looked at after every round: does its memory, or do its threads or descriptors, grow? A round is
 * each profile for an equal share of {@code --sample-every}, driven by the bench's own generator;
 * then the load and the hostile clients stop, and the server is sampled at rest (a full collection,
 * heap and native memory by jcmd, RSS, threads and descriptors from /proc). Memory that a round
 * leaves behind accumulates from sample to sample; memory a round uses and gives back does not.
 *
 * <pre>
 *   ./bench/soak.sh --server stage05-zero-copy-parser              # 10 minutes
 *   ./bench/soak.sh --server stage02-nio-selector --minutes 2
 * </pre>
 */
@Command(name = "soak", sortOptions = false, usageHelpWidth = 100,
        description = {"Runs one server for N minutes under the five profiles in turn with hostile clients beside "
                + "them; samples its RSS, heap after a full GC, native memory (NMT), threads and file descriptors "
                + "after every round; judges each series flat or growing; writes soak-SERVER.md and .adoc.", ""})
public final class Soak implements Callable<Integer> {
    static final int EXIT_NOT_PASSED = 1;
    /** The server's JVM tracks its native memory, so that jcmd can report it. */
    static final String NMT = "-XX:NativeMemoryTracking=summary";
    private static final int SETTLE_POLLS = 25;
    private static final long SETTLE_POLL_MILLIS = 200;

    @Spec
    CommandSpec spec;

    @Option(names = "--server", defaultValue = "stage05-zero-copy-parser", paramLabel = "NAME",
            description = "The server, as ./bench/run.sh --list names it (default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--minutes", defaultValue = "10", paramLabel = "N",
            description = "Minutes of load, as rounds of --sample-every; decimals allowed (default: ${DEFAULT-VALUE}). "
                    + "Each sample adds a few seconds.")
    double minutes;

    @Option(names = "--sample-every", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "One round: every profile in turn for an equal share of it, then a sample "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration sampleEvery;

    @Option(names = "--profiles", split = ",", paramLabel = "NAME", converter = ProfileConverter.class,
            description = "Profiles of a round (default: all the server serves: " + "baseline, pipelined, limited-conn, "
                    + "json, upload).")
    List<Profile> profiles = new ArrayList<>();

    @Option(names = "--connections", defaultValue = "256", paramLabel = "N",
            description = "Well-behaved connections (default: ${DEFAULT-VALUE}; the upload profile uses at most "
                    + Profile.UPLOAD_CONNECTIONS + ").")
    int connections;

    @Option(names = "--hostile-share", defaultValue = "0.1", paramLabel = "FRACTION",
            description = "Hostile clients at a time, as a share of --connections: 0.1 puts 26 beside 256 "
                    + "(default: ${DEFAULT-VALUE}; 0: none).")
    double hostileShare;

    @Option(names = "--hostile-rate", defaultValue = "20", paramLabel = "N",
            description = "At most this many new hostile connections a second, all hostile clients together "
                    + "(default: ${DEFAULT-VALUE}).")
    double hostileRate;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write soak-SERVER.md and soak-SERVER.adoc (default: bench/results/<hostname>).")
    Path out;

    @Mixin
    LaunchOptions launch = new LaunchOptions();

    @Mixin
    HelpOption help;

    private final PrintStream log;
    private String[] args = new String[0];

    Soak(PrintStream log) {
        this.log = log;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the soak; returns 0 if it passed, 1 if not, 2 for a bad option (with one line). */
    static int execute(PrintStream out, PrintStream err, String... args) {
        var soak = new Soak(out);
        soak.args = args.clone();
        CommandLine cli = SideTool.commandLine("soak", soak);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.getCommandSpec().usageMessage().footer(footer());
        return cli.execute(args);
    }

    /** The rule, the hostile kinds and the exit codes; picocli reads footers as format strings, hence the %%. */
    static String[] footer() {
        var lines = new ArrayList<String>();
        lines.add("");
        lines.add("The verdict: " + Series.rule());
        lines.add("");
        lines.add("The hostile clients take these kinds in turn:");
        for (HostileClients.Kind k : HostileClients.Kind.values()) {
            lines.add("  " + k.label() + ": " + k.description() + ".");
        }
        lines.add("");
        lines.add("Exit code: 0 when every series is flat, the well-behaved load saw no error (non-2xx included) and "
                + "the server lasted and stopped cleanly; 1 otherwise; 2 for a bad option.");
        lines.addAll(List.of("", "Examples:", "  ./bench/soak.sh --server stage02-nio-selector --minutes 2",
                "  ./bench/soak.sh --server stage05-zero-copy-parser --hostile-share 0.25 --out /tmp/soak", ""));
        return lines.stream().map(l -> l.replace("%", "%%")).toArray(String[]::new);
    }

    @Override
    public Integer call() throws Exception {
        List<Profile> chosen = validate();
        Path root = launch.root();
        ServerSpec serverSpec = SideTool.server(spec.commandLine(), root, server);
        if (!(serverSpec.launch() instanceof ServerSpec.Launch.Jvm)) {
            throw usage(server + " is not a JVM: the soak asks the server's JVM for its heap and native memory");
        }
        List<Profile> served = chosen.stream().filter(serverSpec.profiles()::contains).toList();
        if (served.isEmpty()) {
            throw usage(server + " serves none of the profiles asked for");
        }
        var jvmArgs = new ArrayList<>(List.of(NMT));
        jvmArgs.addAll(launch.jvmArgs());
        var options = new ServerProcess.Options(SideTool.java(), jvmArgs, null, launch.readyTimeout);
        var plan = new Plan(served, rounds(), sampleEvery.dividedBy(served.size()), hostileClients());
        String timestamp = ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        Machine machine = Machine.probe(root);
        Path work = Files.createTempDirectory("soak-");
        log.printf(Locale.ROOT, "Soak of %s: %d rounds of %s (%s s each), each followed by a sample; %d hostile "
                        + "clients beside the load (at most %s new connections a second)%n", server, plan.rounds,
                String.join(", ", served.stream().map(Profile::id).toList()),
                seconds(plan.slice), plan.hostileClients, seconds(hostileRate));

        ServerProcess process;
        try {
            process = ServerProcess.start(serverSpec, Driver.freePort(), options, work, "soak-" + server,
                    served.getFirst().probePath());
        } catch (StartFailure e) {
            log.println("soak: " + server + " did not start: " + e.getMessage());
            return EXIT_NOT_PASSED;
        }
        // Ctrl-C must not leave the server running.
        Thread hook = Thread.ofPlatform().unstarted(process::kill);
        Runtime.getRuntime().addShutdownHook(hook);
        var run = new Run(process, plan);
        try {
            run.soak();
        } finally {
            String stopped = process.stop();
            if (run.ending == null && stopped != null) {
                run.ending = "did not stop cleanly: " + stopped;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down already
            }
        }
        var verdicts = Arrays.stream(Series.values()).map(s -> Verdict.judge(s, run.samples)).toList();
        var settings = new SoakRun.Settings(server, ("./bench/soak.sh " + String.join(" ", args)).strip(), jvmArgs,
                plan.rounds, plan.slice.toMillis() / 1000.0, served.stream().map(Profile::id).toList(), connections,
                Profile.UPLOAD.connections(connections), loadThreads(), plan.hostileClients, hostileRate);
        var soakRun = new SoakRun(timestamp, machine, settings, run.samples, run.totals(), run.hostile.counts(),
                verdicts, run.ending, run.notes);
        return finish(soakRun, SideTool.outDir(out, root), work);
    }

    /** Writes the report, prints the verdicts and the totals; returns the exit code. */
    private int finish(SoakRun soakRun, Path dir, Path work) throws IOException {
        Files.createDirectories(dir);
        List<String> files = SoakReport.files(server);
        Files.writeString(dir.resolve(files.get(0)), SoakReport.markdown(soakRun));
        Files.writeString(dir.resolve(files.get(1)), SoakReport.asciidoc(soakRun));
        log.println();
        for (Verdict v : soakRun.verdicts()) {
            log.println(verdictLine(v));
        }
        log.printf(Locale.ROOT, "Well-behaved load: %,d requests, %,d errors (%,d non-2xx); hostile clients: %,d "
                        + "connections%n", soakRun.requests(), soakRun.errors(), soakRun.non2xx(),
                soakRun.hostile().stream().mapToLong(HostileClients.Count::connections).sum());
        if (soakRun.ending() != null) {
            log.println("The server " + soakRun.ending());
        }
        log.println((soakRun.passed() ? "Passed" : "Not passed") + ". Written: " + dir.resolve(files.get(0))
                + " and " + files.get(1) + "; server log: " + work);
        return soakRun.passed() ? 0 : EXIT_NOT_PASSED;
    }

    static String verdictLine(Verdict v) {
        if (v.state() == Verdict.State.NOT_JUDGED) {
            return String.format(Locale.ROOT, "%-32s %s", v.series().label() + ":", v.state().word());
        }
        return String.format(Locale.ROOT, "%-32s %-8s %s (%s) -> %s (%s)", v.series().label() + ":", v.state().word(),
                v.series().format(v.firstMean()), Verdict.span(v.first()), v.series().format(v.lastMean()),
                Verdict.span(v.last()));
    }

    /** What the options decided: the profiles of a round, how many rounds, each profile's slice, hostile clients. */
    private record Plan(List<Profile> profiles, int rounds, Duration slice, int hostileClients) {
    }

    /** One soak in progress: the server, the totals so far, the samples. */
    private final class Run {
        private final ServerProcess process;
        private final Plan plan;
        private final Jcmd jcmd = Jcmd.besideJava(SideTool.java());
        private final InetSocketAddress address;
        private final Map<Profile, Errors> errors = new LinkedHashMap<>();
        private final Map<Profile, long[]> counts = new LinkedHashMap<>(); // requests, unanswered
        private final Map<Profile, String> problems = new LinkedHashMap<>();
        private final HostileClients.Tally hostile = new HostileClients.Tally();
        private final List<Sample> samples = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final long start = System.nanoTime();
        private String ending;

        Run(ServerProcess process, Plan plan) {
            this.process = process;
            this.plan = plan;
            this.address = new InetSocketAddress("127.0.0.1", process.port());
            for (Profile p : plan.profiles) {
                errors.put(p, Errors.NONE);
                counts.put(p, new long[2]);
            }
        }

        /** Runs every round, or the rounds until the server ends (then {@code ending} says how). */
        void soak() throws IOException, InterruptedException {
            log.println(String.format(Locale.ROOT, "%4s %6s %9s %9s %9s %9s %8s %6s %12s %7s %8s", "#", "at",
                    "RSS MiB", "heap MiB", "native", "Other", "threads", "fds", "requests", "errors", "hostile"));
            sample(0);
            for (int round = 1; round <= plan.rounds; round++) {
                HostileClients clients = plan.hostileClients == 0 ? null
                        : HostileClients.start(address, plan.hostileClients, hostileRate, hostile);
                try {
                    for (Profile p : plan.profiles) {
                        drive(p);
                        if (!process.alive()) {
                            break;
                        }
                    }
                } finally {
                    if (clients != null) {
                        clients.stop();
                    }
                }
                if (!process.alive()) {
                    ending = "ended during round " + round + ": " + process.exitDescription();
                    return;
                }
                sample(round);
            }
        }

        private void drive(Profile p) throws IOException, InterruptedException {
            LoadSpec loadSpec = LoadSpec.timed(address, p, connections, loadThreads(), Duration.ZERO, plan.slice, 1);
            LoadResult result = new NioLoadGenerator().run(loadSpec, LoadGenerator.WindowListener.NONE);
            LoadResult.Window w = result.windows().getFirst();
            errors.merge(p, w.errors(), Errors::plus);
            counts.get(p)[0] += w.requests();
            counts.get(p)[1] += result.unanswered();
            if (result.problem() != null) {
                problems.putIfAbsent(p, result.problem());
            }
        }

        private void sample(int index) throws IOException, InterruptedException {
            long pid = process.pid();
            Long heap = null;
            NativeMemory nativeMemory = null;
            try {
                jcmd.run(pid, "GC.run");
                long used = Readings.heapUsedBytes(jcmd.run(pid, "GC.heap_info"));
                heap = used < 0 ? null : used;
                nativeMemory = Readings.nativeMemory(jcmd.run(pid, "VM.native_memory", "summary", "scale=KB"));
            } catch (IOException e) {
                if (notes.stream().noneMatch(n -> n.startsWith("jcmd"))) {
                    notes.add("jcmd could not be asked at sample #" + index + " (its cells are blank): "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            int[] settled = settled(pid);
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            var sample = new Sample(index, (System.nanoTime() - start) / 1e9, Readings.statusField(status, "VmRSS"),
                    settled[0], settled[1], heap, nativeMemory, requests(), allErrors(), hostile.connections());
            samples.add(sample);
            log.println(sampleLine(sample));
        }

        long requests() {
            return counts.values().stream().mapToLong(c -> c[0]).sum();
        }

        long allErrors() {
            return errors.values().stream().mapToLong(Errors::total).sum()
                    + counts.values().stream().mapToLong(c -> c[1]).sum();
        }

        List<LoadTotal> totals() {
            return plan.profiles.stream().map(p -> new LoadTotal(p.id(), counts.get(p)[0], errors.get(p),
                    counts.get(p)[1], problems.get(p))).toList();
        }
    }

    /**
     * Threads and descriptors once two readings a poll apart agree (or after five seconds), so that
     * connections and threads still winding down are not counted.
     */
    static int[] settled(long pid) throws IOException, InterruptedException {
        int[] previous = threadsAndFds(pid);
        for (int i = 0; i < SETTLE_POLLS; i++) {
            Thread.sleep(SETTLE_POLL_MILLIS);
            int[] now = threadsAndFds(pid);
            if (Arrays.equals(now, previous)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static int[] threadsAndFds(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        int threads = (int) Readings.statusField(Files.readString(proc.resolve("status")), "Threads");
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            return new int[] {threads, (int) fds.count()};
        }
    }

    static String sampleLine(Sample s) {
        NativeMemory n = s.nativeMemory();
        return String.format(Locale.ROOT, "%4d %6s %9.1f %9s %9s %9s %8d %6d %,12d %,7d %,8d", s.index(),
                clock(s.seconds()), s.rssBytes() / 1048576.0,
                s.heapAfterGcBytes() == null ? "-" : String.format(Locale.ROOT, "%.1f", s.heapAfterGcBytes() / 1048576.0),
                n == null ? "-" : String.format(Locale.ROOT, "%.1f", n.outsideHeap() / 1048576.0),
                n == null ? "-" : String.format(Locale.ROOT, "%.1f", n.other() / 1048576.0),
                s.threads(), s.fileDescriptors(), s.requests(), s.errors(), s.hostile());
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String seconds(Duration d) {
        return seconds(d.toMillis() / 1000.0);
    }

    private static String seconds(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : String.format(Locale.ROOT, "%.1f", s);
    }

    private List<Profile> validate() {
        if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
            throw usage("the soak reads the server's figures from /proc: Linux only");
        }
        if (!(minutes > 0) || sampleEvery.toMillis() < 1000) {
            throw usage("--minutes must be positive and --sample-every at least 1s");
        }
        if (connections < 1 || connections > 65_536) {
            throw usage("--connections must be between 1 and 65536, not " + connections);
        }
        if (!(hostileShare >= 0 && hostileShare <= 1)) {
            throw usage("--hostile-share must be between 0 and 1, not " + hostileShare);
        }
        if (!(hostileRate > 0 && hostileRate <= 1000)) {
            throw usage("--hostile-rate must be above 0 and at most 1000 connections a second, not " + hostileRate);
        }
        if (rounds() < 3) {
            throw usage("--minutes " + seconds(minutes) + " makes " + rounds() + " rounds of " + seconds(sampleEvery)
                    + " s; the verdict needs 3 at least (a warm-up and two to compare)");
        }
        return profiles.isEmpty() ? List.of(Profile.values()) : List.copyOf(new LinkedHashSet<>(profiles));
    }

    int rounds() {
        return (int) Math.round(minutes * 60_000 / sampleEvery.toMillis());
    }

    int hostileClients() {
        return hostileShare == 0 ? 0 : Math.max(1, (int) Math.round(connections * hostileShare));
    }

    private static int loadThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
