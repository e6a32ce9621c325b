package dev.httpcourse.bench.load;

import com.sun.tools.attach.VirtualMachine;
import dev.httpcourse.bench.load.generator.LoadGenerator;
import dev.httpcourse.bench.load.generator.LoadResult;
import dev.httpcourse.bench.load.generator.LoadSpec;
import dev.httpcourse.bench.load.generator.NioLoadGenerator;
import dev.httpcourse.bench.load.generator.Profile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A CPU flame graph of one server under one profile: the server is started as the comparison starts
 * it, warmed up with the profile's load, and sampled during one window of the same load. The samples
 * become folded stacks (one line per distinct stack, with its count), drawn by async-profiler's
 * converter as one self-contained HTML file; the frames that spent the most are printed.
 *
 * <p>Who samples:
 * <ul>
 * <li>a JVM server: async-profiler. Its agent is loaded idle when the JVM starts ({@code -agentpath},
 *     so that the JIT keeps the debug information for every method it compiles), then started and
 *     stopped through the attach API around the window. CPU samples come from perf_events
 *     ({@code cpu-clock}, a software event: no hardware counters needed) with Java, JVM and kernel
 *     frames in one stack.</li>
 * <li>where async-profiler has no library for this machine, or with {@code --engine jfr}: JFR's
 *     method sampling at its highest rate (1 ms). It sees Java frames only, and only while a thread
 *     runs Java code: time inside a system call (io_uring_enter, epoll_wait, send) is not in it.</li>
 * <li>the native floor: {@code perf record -e cpu-clock -g} on the process (it is built with frame
 *     pointers, so the stacks unwind), folded here from {@code perf script}.</li>
 * </ul>
 */
@Command(name = "profile", sortOptions = false, usageHelpWidth = 100,
        description = {"Records a CPU flame graph of one server under one load profile, as a self-contained HTML file.",
                "The server is started and loaded as ./bench/run.sh does; only the measured window is sampled.", ""},
        footer = {"", "Examples:", "  ./bench/profile.sh stage05-zero-copy-parser pipelined",
                "  ./bench/profile.sh --no-build native-floor limited-conn --duration 10s --out /tmp/flames",
                "  ./bench/profile.sh stage04-io-uring baseline --engine jfr",
                "", "A load test: take the machine's lock if it has one (loadlock ./bench/profile.sh ...).", ""})
public final class FlameGraph implements Callable<Integer> {
    static final String ASYNC_PROFILER = "async-profiler";
    static final String JFR = "jfr";
    static final String PERF = "perf";
    /** Where bench/load's build unpacks async-profiler's agent and copies its converter. */
    static final String PROFILER_DIR = "bench/load/target/profiler";

    @Parameters(index = "0", paramLabel = "SERVER", description = "The server, as ./bench/run.sh --list names it.")
    String server;

    @Parameters(index = "1", paramLabel = "PROFILE", converter = ProfileConverter.class,
            description = "The load: baseline, pipelined, limited-conn, json or upload.")
    Profile profile;

    @Option(names = "--duration", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "The sampled window (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Load before sampling, so that the hot code is compiled (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--connections", defaultValue = "256", paramLabel = "N",
            description = "Connections, as in ./bench/run.sh (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--interval", defaultValue = "1ms", converter = DurationConverter.class, paramLabel = "TIME",
            description = "CPU time between two samples of a thread (default: ${DEFAULT-VALUE}; JFR: always 1 ms).")
    Duration interval;

    @Option(names = "--engine", defaultValue = "auto", paramLabel = "NAME",
            description = "auto, async-profiler, jfr (JVM servers) or perf (native ones). auto: perf for a native "
                    + "server, async-profiler where its library fits this machine, else jfr (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--jvm-args", paramLabel = "ARGS",
            description = "Extra JVM options for a Java server, space-separated (default: none).")
    String jvmArgs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write SERVER-PROFILE.html (default: bench/results/<hostname>/flame).")
    Path out;

    @Mixin
    HelpOption help;

    private final PrintStream log = System.out;

    public static void main(String[] args) {
        SideTool.main("profile", new FlameGraph(), args);
    }

    @Override
    public Integer call() throws Exception {
        Path root = SideTool.root();
        ServerSpec spec = SideTool.server(this, root, server);
        Profile profile = profile(spec);
        String chosen = engine(spec, root);
        var converter = new Converter(SideTool.java(), root.resolve(PROFILER_DIR).resolve("jfr-converter.jar"));
        if (!Files.isRegularFile(converter.jar())) {
            throw usage("no " + converter.jar() + ": build bench/load first (./bench/profile.sh builds unless --no-build)");
        }
        Path work = Files.createTempDirectory("profile-");
        String name = server + "-" + profile.id();
        ServerProcess process;
        try {
            process = start(spec, profile, chosen, root, work, name);
        } catch (StartFailure e) {
            if (!chosen.equals(ASYNC_PROFILER) || !engine.equals("auto")) {
                throw e;
            }
            log.println("async-profiler could not start with the server (" + e.getMessage() + "); JFR instead");
            chosen = JFR;
            process = start(spec, profile, chosen, root, work, name);
        }
        Recorder recorder = switch (chosen) {
            case ASYNC_PROFILER -> new AsyncProfilerRecorder(process.pid(), asyncProfilerLibrary(root).orElseThrow(),
                    interval);
            case JFR -> new JfrRecorder(process.pid(), Path.of(SideTool.java()).resolveSibling("jcmd"), work, converter);
            default -> new PerfRecorder(process.pid(), Discovery.onPath("perf").orElseThrow(), interval, duration, work);
        };
        Path folded = work.resolve(name + ".collapsed");
        LoadResult.Window window;
        try {
            window = sample(process, profile, recorder, folded);
        } finally {
            String problem = process.stop();
            if (problem != null) {
                log.println("note: " + server + " " + problem);
            }
        }
        Stacks stacks = Stacks.read(folded);
        if (stacks.total() == 0) {
            throw new IOException("no samples in " + folded + " (server log: " + work + ")");
        }
        Path dir = out != null ? out : SideTool.outDir(null, root).resolve("flame");
        Files.createDirectories(dir);
        Path html = dir.resolve(name + ".html");
        String title = String.format(Locale.ROOT, "%s, %s, %d connections: CPU by %s, %,.0f req/s while sampled",
                server, profile.id(), profile.connections(connections), recorder.describe(), window.requestsPerSecond());
        converter.html(folded, html, title);
        log.println(title);
        log.println(String.format(Locale.ROOT, "%,d samples; the frames with most samples of their own:", stacks.total()));
        for (Map.Entry<String, Long> e : stacks.topSelf(12)) {
            log.println(String.format(Locale.ROOT, "  %5.1f%%  %s", 100.0 * e.getValue() / stacks.total(), e.getKey()));
        }
        log.println("Written: " + html + "; folded stacks and server log: " + work);
        return 0;
    }

    /** The profile asked for, or a usage error when the server does not take part in it. */
    Profile profile(ServerSpec spec) {
        if (!spec.profiles().contains(profile)) {
            throw usage(server + " does not take part in " + profile.id() + " (" + spec.note() + ")");
        }
        return profile;
    }

    /** The engine to use, or a usage error that says why the asked one cannot be. */
    String engine(ServerSpec spec, Path root) {
        boolean jvm = spec.launch() instanceof ServerSpec.Launch.Jvm;
        boolean hasLibrary = asyncProfilerLibrary(root).isPresent();
        String chosen = switch (engine) {
            case "auto" -> !jvm ? PERF : hasLibrary ? ASYNC_PROFILER : JFR;
            case ASYNC_PROFILER, JFR, PERF -> engine;
            default -> throw usage("unknown engine '" + engine + "'; known: auto, async-profiler, jfr, perf");
        };
        if (!jvm && !chosen.equals(PERF)) {
            throw usage(server + " is not a JVM: only perf can sample it");
        }
        if (jvm && chosen.equals(PERF)) {
            throw usage("perf sees a JVM's compiled Java code as anonymous addresses: use async-profiler or jfr");
        }
        if (chosen.equals(ASYNC_PROFILER) && !hasLibrary) {
            throw usage("no async-profiler library for " + platform() + " in " + PROFILER_DIR + " (build bench/load; "
                    + "Maven Central has linux-x64 and linux-arm64): use --engine jfr");
        }
        if (chosen.equals(PERF) && Discovery.onPath("perf").isEmpty()) {
            throw usage("perf is not installed (Debian: apt-get install linux-perf; Ubuntu: linux-tools-generic)");
        }
        return chosen;
    }

    private ServerProcess start(ServerSpec spec, Profile profile, String chosen, Path root, Path work, String name)
            throws StartFailure, IOException, InterruptedException {
        var args = new ArrayList<String>();
        if (chosen.equals(ASYNC_PROFILER)) {
            args.add("-agentpath:" + asyncProfilerLibrary(root).orElseThrow()); // loaded idle: no option, no start
        }
        if (jvmArgs != null && !jvmArgs.isBlank()) {
            args.addAll(List.of(jvmArgs.strip().split("\\s+")));
        }
        var launch = new ServerProcess.Options(SideTool.java(), args, null, Duration.ofSeconds(20));
        return ServerProcess.start(spec, Driver.freePort(), launch, work, name, profile.probePath());
    }

    /** The warm-up, then one window with the recorder running; what the load generator measured in it. */
    private LoadResult.Window sample(ServerProcess process, Profile profile, Recorder recorder, Path folded)
            throws Exception {
        var address = new InetSocketAddress("127.0.0.1", process.port());
        int threads = Runtime.getRuntime().availableProcessors();
        Exception[] failure = new Exception[1];
        log.println(String.format(Locale.ROOT, "%s under %s: %.1f s of warm-up, then %.1f s sampled by %s...", server,
                profile.id(), warmup.toMillis() / 1e3, duration.toMillis() / 1e3, recorder.describe()));
        LoadResult result = new NioLoadGenerator().run(
                LoadSpec.timed(address, profile, connections, threads, warmup, duration, 1),
                new LoadGenerator.WindowListener() {
                    @Override
                    public void windowStarted(int index) {
                        try {
                            recorder.start();
                        } catch (Exception e) {
                            failure[0] = e;
                        }
                    }

                    @Override
                    public void windowEnded(int index) {
                        if (failure[0] == null) {
                            try {
                                recorder.stop(folded);
                            } catch (Exception e) {
                                failure[0] = e;
                            }
                        }
                    }
                });
        if (failure[0] != null) {
            throw failure[0];
        }
        if (result.problem() != null) {
            log.println("note: the load generator saw " + result.problem());
        }
        return result.windows().getFirst();
    }

    static String platform() {
        String arch = System.getProperty("os.arch");
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "arm64" : arch;
        return (os.contains("linux") ? "linux" : os.replace(' ', '-')) + "-" + cpu;
    }

    static Optional<Path> asyncProfilerLibrary(Path root) {
        Path lib = root.resolve(PROFILER_DIR).resolve(platform()).resolve("libasyncProfiler.so");
        return Files.isRegularFile(lib) ? Optional.of(lib) : Optional.empty();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(new CommandLine(this), message);
    }

    /** Samples a running server between start and stop, then writes what it saw as folded stacks. */
    interface Recorder {
        String describe();

        void start() throws Exception;

        void stop(Path folded) throws Exception;
    }

    /** async-profiler, commanded by attaching to the JVM that loaded its agent at start-up. */
    record AsyncProfilerRecorder(long pid, Path library, Duration interval) implements Recorder {
        @Override
        public String describe() {
            return "async-profiler (cpu-clock, every " + millis(interval) + " of CPU)";
        }

        @Override
        public void start() throws Exception {
            command("start,event=cpu,interval=" + interval.toNanos());
        }

        /** {@code ann} marks kernel and compiled Java frames, which the converter then colours. */
        @Override
        public void stop(Path folded) throws Exception {
            command("stop,collapsed,ann,file=" + folded);
        }

        private void command(String options) throws Exception {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                vm.loadAgentPath(library.toString(), options);
            } finally {
                vm.detach();
            }
        }
    }

    /** A JFR recording with method sampling at its highest rate, folded by the converter. */
    record JfrRecorder(long pid, Path jcmd, Path work, Converter converter) implements Recorder {
        @Override
        public String describe() {
            return "JFR (method samples every 1 ms, Java code only)";
        }

        @Override
        public void start() throws Exception {
            SideTool.jcmd(jcmd, pid, "JFR.start", "name=flame", "settings=profile", "method-profiling=max");
        }

        @Override
        public void stop(Path folded) throws Exception {
            Path recording = work.resolve("flame.jfr");
            SideTool.jcmd(jcmd, pid, "JFR.stop", "name=flame", "filename=" + recording);
            // no --cpu: jfrconv's default takes jdk.ExecutionSample, which is what JFR's method sampling writes
            converter.run("-o", "collapsed", recording.toString(), folded.toString());
        }
    }

    /** perf on a native server: {@code perf record} for the window's length, then {@code perf script}, folded. */
    static final class PerfRecorder implements Recorder {
        private final long pid;
        private final Path perf;
        private final Duration interval;
        private final Duration window;
        private final Path data;
        private final Path perfLog;
        private Process record;

        PerfRecorder(long pid, Path perf, Duration interval, Duration window, Path work) {
            this.pid = pid;
            this.perf = perf;
            this.interval = interval;
            this.window = window;
            this.data = work.resolve("perf.data");
            this.perfLog = work.resolve("perf.log");
        }

        @Override
        public String describe() {
            return "perf (cpu-clock, every " + millis(interval) + " of CPU)";
        }

        @Override
        public void start() throws IOException {
            long hertz = Math.max(1, Duration.ofSeconds(1).toNanos() / Math.max(1, interval.toNanos()));
            // "-- sleep" bounds the recording: perf follows the process for as long as sleep runs
            record = new ProcessBuilder(perf.toString(), "record", "-e", "cpu-clock", "-F", Long.toString(hertz), "-g",
                    "-p", Long.toString(pid), "-o", data.toString(), "--", "sleep",
                    String.format(Locale.ROOT, "%.3f", window.toMillis() / 1e3))
                    .redirectErrorStream(true).redirectOutput(perfLog.toFile()).start();
        }

        @Override
        public void stop(Path folded) throws IOException, InterruptedException {
            if (!record.waitFor(window.toSeconds() + 60, TimeUnit.SECONDS) || record.exitValue() != 0
                    || !Files.isRegularFile(data)) {
                record.destroyForcibly();
                throw new IOException("perf record failed: " + lastLine(perfLog));
            }
            Process script = new ProcessBuilder(perf.toString(), "script", "-i", data.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Map<String, Long> stacks;
            try (var in = script.inputReader(StandardCharsets.UTF_8)) {
                stacks = foldPerfScript(in);
            }
            script.waitFor(60, TimeUnit.SECONDS);
            Stacks.write(stacks, folded);
        }

        private static String lastLine(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output").strip();
        }
    }

    /** async-profiler's converter (jfrconv): JFR to folded stacks, folded stacks to an HTML flame graph. */
    record Converter(String java, Path jar) {
        void html(Path folded, Path html, String title) throws IOException, InterruptedException {
            run("--title", title, folded.toString(), html.toString());
        }

        void run(String... args) throws IOException, InterruptedException {
            var command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("jfrconv " + String.join(" ", args) + " failed: " + output.strip());
            }
        }
    }

    private static String millis(Duration d) {
        return d.toNanos() % 1_000_000 == 0 ? d.toMillis() + " ms" : d.toNanos() / 1e3 + " µs";
    }

    /** A frame line of {@code perf script}: address, symbol (with +offset), and the object in brackets. */
    private static final Pattern PERF_FRAME = Pattern.compile("^\\s+([0-9a-f]+)\\s+(.*?)\\s+\\((.*)\\)$");
    private static final Pattern OFFSET = Pattern.compile("\\+0x[0-9a-f]+$");

    /**
     * Folds {@code perf script}'s output: each sample is a header line, then its frames from the leaf
     * down, one a line, then a blank line. Kernel frames get async-profiler's {@code _[k]} mark; a frame
     * without a symbol is named after its object.
     */
    static Map<String, Long> foldPerfScript(Reader reader) throws IOException {
        var stacks = new HashMap<String, Long>();
        var frames = new ArrayList<String>();
        var in = new BufferedReader(reader);
        String line;
        while ((line = in.readLine()) != null) {
            Matcher m = PERF_FRAME.matcher(line);
            if (m.matches()) {
                String symbol = OFFSET.matcher(m.group(2)).replaceFirst("");
                String object = m.group(3);
                if (symbol.equals("[unknown]")) {
                    symbol = object.equals("[unknown]") ? "[unknown]" : "[" + Path.of(object).getFileName() + "]";
                }
                frames.add(object.startsWith("[kernel") ? symbol + "_[k]" : symbol);
            } else if (line.isBlank() && !frames.isEmpty()) {
                stacks.merge(String.join(";", frames.reversed()), 1L, Long::sum);
                frames.clear();
            }
        }
        if (!frames.isEmpty()) {
            stacks.merge(String.join(";", frames.reversed()), 1L, Long::sum);
        }
        return stacks;
    }

    /** Folded stacks: each distinct stack, root first, with its number of samples. */
    record Stacks(Map<String, Long> counts) {
        static Stacks read(Path folded) throws IOException {
            var counts = new HashMap<String, Long>();
            if (Files.isRegularFile(folded)) {
                for (String line : Files.readAllLines(folded, StandardCharsets.UTF_8)) {
                    int space = line.lastIndexOf(' ');
                    if (space > 0) {
                        counts.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1).strip()), Long::sum);
                    }
                }
            }
            return new Stacks(counts);
        }

        static void write(Map<String, Long> counts, Path folded) throws IOException {
            try (Writer w = Files.newBufferedWriter(folded, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, Long> e : counts.entrySet()) {
                    w.write(e.getKey() + " " + e.getValue() + "\n");
                }
            }
        }

        long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The leaf frames with the most samples: where the CPU time itself went. */
        List<Map.Entry<String, Long>> topSelf(int n) {
            var self = new HashMap<String, Long>();
            counts.forEach((stack, count) -> self.merge(stack.substring(stack.lastIndexOf(';') + 1), count, Long::sum));
            return self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .limit(n).toList();
        }
    }
}
