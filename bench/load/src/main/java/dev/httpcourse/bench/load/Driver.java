package dev.httpcourse.bench.load;

import dev.httpcourse.bench.load.generator.LoadGenerator;
import dev.httpcourse.bench.load.generator.LoadResult;
import dev.httpcourse.bench.load.generator.LoadSpec;
import dev.httpcourse.bench.load.generator.Profile;
import dev.httpcourse.bench.load.report.Machine;
import dev.httpcourse.bench.load.report.Report;
import dev.httpcourse.bench.load.report.ReportWriter;
import dev.httpcourse.bench.load.report.RunRecord;
import dev.httpcourse.bench.load.report.ServerEntry;
import dev.httpcourse.bench.load.report.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison: for each server and each profile it serves, start the server, warm up, measure
 * the windows, stop it, and move on. A server that fails is recorded as failed and the comparison
 * goes on. report.json is rewritten after every step, the Markdown and charts at the end.
 */
final class Driver {
    /** Start-up, probe and stop of one server, guessed until measured. */
    static final double OVERHEAD_GUESS_SECONDS = 2.5;
    /** A graceful stop that takes longer than this is worth a line: it is time the comparison pays. */
    static final double SLOW_STOP_SECONDS = 2;

    record Config(List<ServerSpec> servers, List<Profile> profiles, LoadGenerator generator, Duration warmup,
                  Duration duration, int repetitions, int connections, int loadThreads,
                  ServerProcess.Options launch, String loadCpus, String baselinePeer, Path root, Path out,
                  Path work, String command, List<String> notes) {
    }

    private final Config config;
    private final PrintStream log;
    private final Machine machine;
    private final String timestamp = ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    private final List<RunRecord> runs = new ArrayList<>();
    private final List<String> notes;

    Driver(Config config, Machine machine, PrintStream log) {
        this.config = config;
        this.machine = machine;
        this.log = log;
        this.notes = new ArrayList<>(config.notes());
    }

    /** One server and one profile. */
    private record Slot(ServerSpec server, Profile profile) {
    }

    Report run() throws IOException, InterruptedException {
        var slots = new ArrayList<Slot>();
        for (ServerSpec s : config.servers()) {
            for (Profile p : config.profiles()) {
                if (s.profiles().contains(p)) {
                    slots.add(new Slot(s, p));
                }
            }
            if (s.note() != null && !s.profiles().containsAll(config.profiles())) {
                notes.add(s.name() + " " + s.note() + ".");
            }
        }
        var progress = new Progress(log, slots.size(), perSlotGuess());
        progress.plan(config.servers().size() + " servers × " + config.profiles().size() + " profiles = "
                + slots.size() + " runs with " + config.generator().name() + ", warm-up "
                + config.warmup().toMillis() / 1000.0 + " s then " + config.repetitions() + " × "
                + config.duration().toMillis() / 1000.0 + " s each");
        for (Slot slot : slots) {
            progress.startSlot(slot.server().name(), slot.profile().id());
            List<RunRecord> records = measure(slot, progress);
            runs.addAll(records);
            for (RunRecord r : records) {
                progress.line(describe(r));
            }
            progress.endSlot();
            ReportWriter.writeJson(report(), config.out());
        }
        Report report = report();
        ReportWriter.writeAll(report, config.out());
        return report;
    }

    double perSlotGuess() {
        return OVERHEAD_GUESS_SECONDS + (config.warmup().toMillis() + config.repetitions() * config.duration().toMillis())
                / 1000.0;
    }

    Report report() {
        var servers = config.servers().stream()
                .map(s -> new ServerEntry(s.name(), s.kind().name().toLowerCase(Locale.ROOT),
                        s.describe().replace(config.root() + "/", ""), s.note()))
                .toList();
        var settings = new Settings(config.generator().name(), config.generator().describe(),
                config.servers().stream().map(ServerSpec::name).toList(),
                config.profiles().stream().map(Profile::id).toList(), config.warmup().toMillis() / 1000.0,
                config.duration().toMillis() / 1000.0, config.repetitions(), config.connections(),
                Profile.UPLOAD.connections(config.connections()), config.loadThreads(), config.launch().serverCpus(),
                config.loadCpus(), config.baselinePeer(), config.launch().jvmArgs(), config.command());
        return Report.of(timestamp, machine, settings, servers, notes, runs);
    }

    private List<RunRecord> measure(Slot slot, Progress progress) throws InterruptedException {
        String name = slot.server().name();
        Profile profile = slot.profile();
        RunningServer server;
        try {
            server = start(slot);
        } catch (StartFailure e) {
            return List.of(RunRecord.notMeasured(name, profile.id(),
                    e.unavailable() ? RunRecord.Status.UNAVAILABLE : RunRecord.Status.FAILED, e.getMessage()));
        } catch (IOException e) {
            return List.of(RunRecord.notMeasured(name, profile.id(), RunRecord.Status.FAILED, "could not start: " + e));
        }
        int n = config.repetitions();
        var w = new WindowSamples(n);
        try {
            var spec = LoadSpec.timed(new InetSocketAddress("127.0.0.1", server.port()), profile,
                    config.connections(), config.loadThreads(), config.warmup(), config.duration(), n);
            progress.step("ready; " + (config.warmup().isZero() ? "" : "warming up, then ") + "measuring "
                    + n + " × " + config.duration().toMillis() / 1000.0 + " s");
            LoadResult result = config.generator().run(spec, new LoadGenerator.WindowListener() {
                @Override
                public void windowStarted(int i) {
                    w.cpuStart[i] = server.cpuSeconds();
                    w.loadStart[i] = Proc.selfCpuSeconds();
                    w.busyStart[i] = Proc.machineBusySeconds();
                    w.gcStart[i] = server.gcPauses();
                    if (i > 0) {
                        progress.step("repetition " + (i + 1) + "/" + n);
                    }
                }

                @Override
                public void windowEnded(int i) {
                    w.cpuEnd[i] = server.cpuSeconds();
                    w.loadEnd[i] = Proc.selfCpuSeconds();
                    w.busyEnd[i] = Proc.machineBusySeconds();
                    w.gcEnd[i] = server.gcPauses();
                    w.threads[i] = server.threads();
                }
            });
            boolean died = !server.alive();
            String exit = server.exitDescription();
            Long rss = server.peakRssBytes();
            long stopping = System.nanoTime();
            String stopProblem = server.stop();
            double stopSeconds = (System.nanoTime() - stopping) / 1e9;
            if (stopSeconds > SLOW_STOP_SECONDS) {
                progress.line(String.format(Locale.ROOT, "note: took %.1f s to stop after SIGTERM", stopSeconds));
            }
            if (died) {
                return List.of(RunRecord.notMeasured(name, profile.id(), RunRecord.Status.FAILED,
                        "the server " + exit + " during the run"));
            }
            var records = new ArrayList<RunRecord>();
            for (int i = 0; i < n; i++) {
                records.add(record(slot, spec, i, result, w, rss, stopProblem));
            }
            return records;
        } catch (IOException | RuntimeException e) {
            server.stop();
            return List.of(RunRecord.notMeasured(name, profile.id(), RunRecord.Status.FAILED, "load run failed: " + e));
        }
    }

    private RunningServer start(Slot slot) throws StartFailure, IOException, InterruptedException {
        String probe = slot.profile().probePath();
        if (slot.server().launch() instanceof ServerSpec.Launch.InProcess inProcess) {
            return InProcessServer.start(inProcess, 0, probe);
        }
        return ServerProcess.start(slot.server(), freePort(), config.launch(), config.work(),
                slot.server().name() + "-" + slot.profile().id(), probe);
    }

    /** Figures sampled at each window's start and end. */
    private static final class WindowSamples {
        final Double[] cpuStart;
        final Double[] cpuEnd;
        final double[] loadStart;
        final double[] loadEnd;
        final double[] busyStart;
        final double[] busyEnd;
        final GcLog.Pauses[] gcStart;
        final GcLog.Pauses[] gcEnd;
        final Integer[] threads;

        WindowSamples(int n) {
            cpuStart = new Double[n];
            cpuEnd = new Double[n];
            loadStart = new double[n];
            loadEnd = new double[n];
            busyStart = new double[n];
            busyEnd = new double[n];
            gcStart = new GcLog.Pauses[n];
            gcEnd = new GcLog.Pauses[n];
            threads = new Integer[n];
        }
    }

    private static RunRecord record(Slot slot, LoadSpec spec, int i, LoadResult result, WindowSamples w, Long rss,
                                    String stopProblem) {
        LoadResult.Window window = result.windows().get(i);
        Double cpu = w.cpuStart[i] == null || w.cpuEnd[i] == null ? null : w.cpuEnd[i] - w.cpuStart[i];
        Double perCpu = cpu == null || cpu <= 0 ? null : window.requests() / cpu;
        Double load = w.loadStart[i] < 0 || w.loadEnd[i] < 0 ? null : w.loadEnd[i] - w.loadStart[i];
        Double other = load == null || w.busyStart[i] < 0 || w.busyEnd[i] < 0 ? null
                : Math.max(0, w.busyEnd[i] - w.busyStart[i] - load - (cpu == null ? 0 : cpu));
        GcLog.Pauses gc = w.gcStart[i] == null || w.gcEnd[i] == null ? null : w.gcEnd[i].minus(w.gcStart[i]);
        RunRecord.Status status = RunRecord.Status.OK;
        String reason = null;
        if (window.requests() == 0) {
            status = RunRecord.Status.FAILED;
            reason = "no successful response" + (result.problem() == null ? "" : ": " + result.problem());
        } else if (window.errors().total() > 0 && result.problem() != null) {
            reason = result.problem();
        }
        if (stopProblem != null) {
            reason = (reason == null ? "" : reason + "; ") + "on stop: " + stopProblem;
        }
        return new RunRecord(slot.server().name(), slot.profile().id(), i + 1, status, reason, spec.connections(),
                spec.pipeline(), spec.reconnectEvery(), round(window.seconds(), 3), window.requests(),
                round(window.requestsPerSecond(), 1), window.latency(), window.errors(), round(cpu, 3),
                round(perCpu, 1), round(load, 3), round(other, 3), rss, w.threads[i], gc == null ? null : gc.count(),
                gc == null ? null : round(gc.millis(), 3));
    }

    private static Double round(Double v, int decimals) {
        if (v == null) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    private static String describe(RunRecord r) {
        if (!r.ok()) {
            return r.status().name().toLowerCase(Locale.ROOT) + ": " + r.reason();
        }
        var s = new StringBuilder(String.format(Locale.ROOT, "repetition %d: %,.0f req/s, p50 %d µs, p99 %d µs, %d errors",
                r.repetition(), r.requestsPerSecond(), r.latencyMicros().p50(), r.latencyMicros().p99(),
                r.errors().total()));
        if (r.serverCpuSeconds() != null) {
            s.append(String.format(Locale.ROOT, ", server CPU %.2f s", r.serverCpuSeconds()));
        }
        if (r.requestsPerCpuSecond() != null) {
            s.append(String.format(Locale.ROOT, ", %,.0f req per CPU-s", r.requestsPerCpuSecond()));
        }
        if (r.reason() != null) {
            s.append(" (").append(r.reason()).append(')');
        }
        return s.toString();
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
