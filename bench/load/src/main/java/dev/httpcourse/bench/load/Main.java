package dev.httpcourse.bench.load;

import dev.httpcourse.bench.load.generator.LoadGenerator;
import dev.httpcourse.bench.load.generator.NioLoadGenerator;
import dev.httpcourse.bench.load.generator.Profile;
import dev.httpcourse.bench.load.generator.WrkGenerator;
import dev.httpcourse.bench.load.report.Machine;
import dev.httpcourse.bench.load.report.RatioTable;
import dev.httpcourse.bench.load.report.Report;
import dev.httpcourse.bench.load.report.ReportWriter;
import dev.httpcourse.bench.load.report.RunRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The load comparison's command line: {@code ./bench/run.sh [options]} builds what is needed and
 * runs this. See {@code --help}.
 */
@Command(name = "bench", sortOptions = false, usageHelpWidth = 100,
        description = {"Runs every stage and peer under the HttpArena-style profiles and writes a report "
                + "(report.json, report.md, SVG charts).", ""},
        footer = {"", "Examples:", "  ./bench/run.sh --quick                          # the class mode, about three minutes",
                "  ./bench/run.sh --duration 3s --repetitions 1",
                "  ./bench/run.sh --servers stage01-virtual,netty-epoll --profiles baseline,pipelined",
                "  ./bench/run.sh --pin --profiles baseline,json",
                "  ./bench/run.sh --server-cpus 0-15 --load-cpus 16-31 --connections 4096", ""})
public final class Main implements Callable<Integer> {
    static final int EXIT_USAGE = 2;
    static final int EXIT_NOTHING_MEASURED = 1;

    // --quick, the class mode: the two profiles that tell the story (the cost of a request, then
    // what batching many requests in one read and one write saves), the full run's 4 s windows
    // after a shorter warm-up, and two rounds rather than three, so that every ratio still has a
    // spread and six servers fit in about three minutes with the build.
    static final List<Profile> QUICK_PROFILES = List.of(Profile.BASELINE, Profile.PIPELINED);
    static final Duration QUICK_WARMUP = Duration.ofSeconds(3);
    static final Duration QUICK_DURATION = Duration.ofSeconds(4);
    static final int QUICK_REPETITIONS = 2;

    enum Generator { builtin, wrk }

    @Spec
    CommandSpec spec;

    @Option(names = "--servers", split = ",", paramLabel = "NAME",
            description = "Servers to compare (default: all discovered; see --list).")
    List<String> servers = new ArrayList<>();

    @Option(names = "--profiles", split = ",", paramLabel = "NAME", converter = ProfileConverter.class,
            description = "Profiles to run: baseline, pipelined, limited-conn, json, upload (default: all).")
    List<Profile> profiles = new ArrayList<>();

    @Option(names = "--duration", defaultValue = "4s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Length of each measured window (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "4s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Load before measuring, not counted (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--repetitions", defaultValue = "3", paramLabel = "N",
            description = "Rounds per profile, each one measured window of every server in turn; the report "
                    + "keeps the median and the best, and each ratio's spread over the rounds (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--connections", defaultValue = "256", paramLabel = "N",
            description = "Connections (default: ${DEFAULT-VALUE}; 4096 works too). The upload profile uses at most "
                    + Profile.UPLOAD_CONNECTIONS + ".")
    int connections;

    @Option(names = "--server-cpus", paramLabel = "LIST",
            description = "Pin servers to these CPUs (taskset list, e.g. 0-3; default: not pinned).")
    String serverCpus;

    @Option(names = "--load-cpus", paramLabel = "LIST",
            description = "Pin the load generator (this process and wrk) to these CPUs (default: not pinned).")
    String loadCpus;

    @Option(names = "--pin",
            description = "Put the servers and the load generator on separate CPUs: the first half of the physical "
                    + "cores for the servers, the rest for the load (on 2 CPUs: servers on one, load on the other). "
                    + "Needs taskset and 2 CPUs; replaces --server-cpus and --load-cpus.")
    boolean pin;

    @Option(names = "--load-threads", paramLabel = "N",
            description = "Load generator threads (default: one per load CPU, or per core).")
    Integer loadThreads;

    @Option(names = "--generator", defaultValue = "builtin", paramLabel = "NAME",
            description = "builtin (Java NIO, in this process) or wrk (if installed) (default: ${DEFAULT-VALUE}).")
    Generator generator;

    @Option(names = "--baseline-peer", defaultValue = "netty-epoll", paramLabel = "NAME",
            description = "Every figure is also given as a ratio to this server (default: ${DEFAULT-VALUE}).")
    String baselinePeer;

    @Mixin
    LaunchOptions launchOptions = new LaunchOptions();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the report (default: bench/results/<hostname>).")
    Path out;

    @Option(names = "--quick",
            description = "Class mode, about three minutes with the build: each stage as it runs by default (its "
                    + "first variant) and the baseline peer, the baseline and pipelined profiles, a 3 s warm-up and "
                    + "2 rounds of 4 s windows; the report goes to bench/results/<hostname>-quick. Options given "
                    + "beside it win.")
    boolean quick;

    @Option(names = "--list", description = "List the servers found, then exit.")
    boolean list;

    @Option(names = "--render", paramLabel = "JSON",
            description = "Rewrite report.md and the charts beside an existing report.json, then exit.")
    Path render;

    @Mixin
    HelpOption help;

    private final PrintStream log;
    private String[] args = new String[0];

    Main(PrintStream log) {
        this.log = log;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the command; returns the exit code (2 for a bad option, with a one-line message). */
    static int execute(PrintStream out, PrintStream err, String... args) {
        var main = new Main(out);
        main.args = args.clone();
        CommandLine cli = SideTool.commandLine("bench", main);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        applyQuickPreset();
        validate();
        if (render != null) {
            if (!Files.isRegularFile(render)) {
                throw usage("--render: no such file " + render);
            }
            Report old = ReportWriter.read(render);
            Report report = Report.of(old.timestamp(), old.machine(), old.settings(), old.servers(), old.notes(),
                    old.runs());
            ReportWriter.writeAll(report, render.toAbsolutePath().getParent());
            log.println("Rewrote the report beside " + render);
            return 0;
        }
        Path projectRoot = launchOptions.root();
        Discovery.Found found = Discovery.discover(projectRoot);
        if (list) {
            for (ServerSpec s : found.servers()) {
                log.printf("%-18s %-6s %s%n", s.name(), s.kind().name().toLowerCase(java.util.Locale.ROOT), s.describe());
            }
            found.notes().forEach(n -> log.println("note: " + n));
            return 0;
        }
        List<ServerSpec> chosen = choose(found.servers());
        if (chosen.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no server to compare: "
                    + String.join(" ", found.notes()) + " Build first (./bench/run.sh does).");
        }
        if (loadCpus != null) {
            pinSelf(loadCpus);
        }
        Path outDir = out != null ? out
                : projectRoot.resolve("bench/results").resolve(Machine.localHostname() + (quick ? "-quick" : ""));
        Path work = Files.createTempDirectory("bench-");
        LoadGenerator gen = generator == Generator.wrk
                ? new WrkGenerator(WrkGenerator.find().orElseThrow(), work) : new NioLoadGenerator();
        int threads = loadThreads != null ? loadThreads
                : loadCpus != null ? CpuList.count(loadCpus) : Runtime.getRuntime().availableProcessors();
        // Children inherit this process's affinity: once the generator is pinned, unpinned servers
        // must be given every online CPU explicitly, or they would share the load CPUs.
        String serverAffinity = serverCpus != null ? serverCpus : loadCpus != null ? CpuList.online() : null;
        var launch = new ServerProcess.Options(ProcessHandle.current().info().command().orElse("java"),
                launchOptions.jvmArgs(), serverAffinity, launchOptions.readyTimeout);
        var notes = new ArrayList<>(found.notes());
        if (pin) {
            notes.add("--pin: servers on CPUs " + serverCpus + ", the load generator on CPUs " + loadCpus + ".");
        }
        if (quick) {
            notes.add("Class mode (--quick): short windows and two rounds, to show the shape of the comparison; "
                    + "quote the full run's figures, not these.");
        }
        if (chosen.stream().noneMatch(s -> s.name().equals(baselinePeer))) {
            notes.add("The baseline peer " + baselinePeer + " is not in this comparison: no ratios.");
        }
        var config = new Driver.Config(chosen, chosenProfiles(), gen, warmup, duration, repetitions, connections,
                threads, launch, loadCpus, baselinePeer, projectRoot, outDir, work, ("./bench/run.sh " + String.join(" ", args)).strip(),
                notes);
        Report report = new Driver(config, Machine.probe(projectRoot), log).run();
        RatioTable.lines(report).forEach(log::println);
        log.println("Report: " + outDir + " (" + String.join(", ", ReportWriter.FILES) + "); server logs: " + work);
        long measured = report.runs().stream().filter(RunRecord::ok).count();
        return measured == 0 ? EXIT_NOTHING_MEASURED : 0;
    }

    private void validate() {
        if (duration.isZero() || duration.isNegative() || warmup.isNegative()) {
            throw usage("--duration must be positive and --warmup not negative");
        }
        if (repetitions < 1 || repetitions > 100) {
            throw usage("--repetitions must be between 1 and 100, not " + repetitions);
        }
        if (connections < 1 || connections > 65_536) {
            throw usage("--connections must be between 1 and 65536, not " + connections);
        }
        if (loadThreads != null && loadThreads < 1) {
            throw usage("--load-threads must be at least 1");
        }
        if (pin) {
            choosePinnedCpus();
        }
        for (String cpus : new String[] {serverCpus, loadCpus}) {
            if (cpus != null && !CpuList.valid(cpus)) {
                throw usage("'" + cpus + "' is not a CPU list (examples: 0, 0-3, 0,2,4-7)");
            }
        }
        if ((serverCpus != null || loadCpus != null) && Discovery.onPath("taskset").isEmpty()) {
            throw usage("pinning needs taskset (util-linux), which is not installed");
        }
        if (generator == Generator.wrk && WrkGenerator.find().isEmpty()) {
            throw usage("--generator wrk: wrk is not installed (apt-get install wrk)");
        }
    }

    /** --pin: the CPU lists the measuring chapter recommends, or a one-line refusal. */
    private void choosePinnedCpus() {
        if (serverCpus != null || loadCpus != null) {
            throw usage("--pin chooses the CPUs itself: give --pin, or --server-cpus and --load-cpus, not both");
        }
        if (Discovery.onPath("taskset").isEmpty()) {
            throw usage("--pin needs taskset (util-linux), which is not installed");
        }
        CpuList.Split split = CpuList.splitForPin().orElseThrow(() -> usage(
                "--pin needs at least 2 CPUs, and this process may use only " + CpuList.allowed()));
        serverCpus = split.servers();
        loadCpus = split.load();
    }

    List<Profile> chosenProfiles() {
        return profiles.isEmpty() ? List.of(Profile.values()) : List.copyOf(new LinkedHashSet<>(profiles));
    }

    /** --quick: the class mode's settings, where the command line did not give its own. */
    void applyQuickPreset() {
        if (!quick) {
            return;
        }
        var given = spec.commandLine().getParseResult();
        if (!given.hasMatchedOption("--profiles")) {
            profiles = new ArrayList<>(QUICK_PROFILES);
        }
        if (!given.hasMatchedOption("--warmup")) {
            warmup = QUICK_WARMUP;
        }
        if (!given.hasMatchedOption("--duration")) {
            duration = QUICK_DURATION;
        }
        if (!given.hasMatchedOption("--repetitions")) {
            repetitions = QUICK_REPETITIONS;
        }
    }

    /**
     * The class mode's servers: every stage as it runs by default, that is the first variant of each
     * stage's jar (stage01-platform, stage03-reuseport), then the baseline peer, which every ratio needs.
     */
    List<ServerSpec> quickServers(List<ServerSpec> found) {
        var chosen = new ArrayList<ServerSpec>();
        var jars = new HashSet<List<String>>();
        for (ServerSpec s : found) {
            if (s.kind() == ServerSpec.Kind.STAGE && s.launch() instanceof ServerSpec.Launch.Jvm jvm
                    && jars.add(jvm.target())) {
                chosen.add(s);
            }
        }
        found.stream().filter(s -> s.name().equals(baselinePeer)).findFirst().ifPresent(chosen::add);
        return chosen;
    }

    private List<ServerSpec> choose(List<ServerSpec> found) {
        if (servers.isEmpty()) {
            return quick ? quickServers(found) : found;
        }
        var chosen = new ArrayList<ServerSpec>();
        for (String name : servers) {
            ServerSpec s = found.stream().filter(f -> f.name().equals(name.strip())).findFirst()
                    .orElseThrow(() -> usage("unknown server '" + name + "'; found: "
                            + String.join(", ", found.stream().map(ServerSpec::name).toList())));
            if (!chosen.contains(s)) {
                chosen.add(s);
            }
        }
        return chosen;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Pins every thread of this JVM (and so the wrk it starts) to {@code cpus}. */
    private void pinSelf(String cpus) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw usage("taskset could not pin the load generator to " + cpus + ": " + output);
        }
    }
}
