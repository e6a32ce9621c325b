package dev.httpcourse.bench.load;

import dev.httpcourse.bench.load.generator.LoadGenerator;
import dev.httpcourse.bench.load.generator.LoadResult;
import dev.httpcourse.bench.load.generator.LoadSpec;
import dev.httpcourse.bench.load.generator.Profile;
import dev.httpcourse.bench.load.report.Machine;
import dev.httpcourse.bench.load.report.RunRecord;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One profile of the comparison: every server started once and warmed up, one after another; then
 * {@code repetitions} rounds, each measuring one window of every server in turn, in the order
 * {@link RoundOrder} gives; then every server stopped.
 *
 * <p>The generator is called once per warm-up and once per window, and opens its connections
 * afresh each time. Keeping them open per server would leave them idle for several windows while
 * the others are measured, and a server may close idle connections (keep-alive timeouts) or spend
 * its idle time on them; the json and limited-conn profiles reconnect every few responses anyway,
 * and wrk already ran each window as a separate process. The cost is the connecting inside each
 * window: a few milliseconds for 256 loopback connections, the same for every server.
 *
 * <p>While one server is measured the others sit idle, but their CPU is read at both ends of every
 * window: what they used is their idle CPU, reported apart, and is not counted as "other" CPU.
 */
final class ProfileRounds {
    private final Driver.Config config;
    private final Machine machine;
    private final Progress progress;
    private final Profile profile;
    private final List<Entry> entries = new ArrayList<>();

    /** A server in this profile, and what was measured of it. */
    private static final class Entry {
        final ServerSpec spec;
        RunningServer server;
        /** Its one record when it failed (to start, to warm up, or by dying): its windows are dropped. */
        RunRecord failure;
        final List<Measured> windows = new ArrayList<>();
        /** CPU it used during the other servers' windows, per round; null where unknown or none. */
        final Double[] idle;
        Long rss;
        String stopProblem;

        Entry(ServerSpec spec, int rounds) {
            this.spec = spec;
            this.idle = new Double[rounds];
        }

        boolean active() {
            return server != null && failure == null;
        }
    }

    /** One window as measured; turned into a {@link RunRecord} once the round's idle CPU is known. */
    private record Measured(int round, int position, LoadSpec spec, LoadResult result, Double cpu, Double load,
                            Double other, GcLog.Pauses gc, Integer threads) {
    }

    /** CPU seconds read at one instant: every active server's (index as in entries), this process's, the machine's. */
    private record CpuReading(Double[] servers, double load, double machine) {
    }

    ProfileRounds(Driver.Config config, Machine machine, Progress progress, List<ServerSpec> servers,
                  Profile profile) {
        this.config = config;
        this.machine = machine;
        this.progress = progress;
        this.profile = profile;
        for (ServerSpec s : servers) {
            entries.add(new Entry(s, config.repetitions()));
        }
    }

    List<RunRecord> measure() throws InterruptedException {
        progress.startProfile(profile.id(), entries.size());
        double windowSeconds = config.duration().toMillis() / 1000.0;
        double warmupSeconds = config.warmup().toMillis() / 1000.0;
        try {
            // A server that fails before the rounds takes its windows out of the plan at once; one that
            // fails during them, window by window as its turns come.
            for (Entry e : entries) {
                start(e);
                progress.done(e.active() ? Driver.OVERHEAD_GUESS_SECONDS
                        : Driver.OVERHEAD_GUESS_SECONDS + warmupSeconds + config.repetitions() * windowSeconds);
            }
            var measured = new ArrayList<Entry>();
            for (Entry e : entries) {
                if (e.active()) {
                    warmUp(e);
                    progress.done(e.active() ? warmupSeconds : warmupSeconds + config.repetitions() * windowSeconds);
                }
                if (e.active()) {
                    measured.add(e);
                }
            }
            for (int round = 0; round < config.repetitions(); round++) {
                List<Integer> order = RoundOrder.of(entries.size(), round);
                int position = 0;
                for (int i : order) {
                    Entry e = entries.get(i);
                    if (!measured.contains(e)) {
                        continue;
                    }
                    if (!e.active()) {
                        progress.done(windowSeconds);
                        continue;
                    }
                    position++;
                    if (alive(e)) {
                        progress.step("round " + (round + 1) + "/" + config.repetitions() + " · " + e.spec.name());
                        window(e, round, position);
                    }
                    progress.done(windowSeconds);
                }
            }
        } finally {
            for (Entry e : entries) {
                stop(e);
            }
        }
        var records = new ArrayList<RunRecord>();
        for (Entry e : entries) {
            if (e.failure != null) {
                records.add(e.failure);
                continue;
            }
            for (Measured m : e.windows) {
                records.add(record(e, m));
            }
        }
        return records;
    }

    private void start(Entry e) throws InterruptedException {
        String name = e.spec.name();
        progress.step("starting " + name);
        try {
            String probe = profile.probePath();
            e.server = e.spec.launch() instanceof ServerSpec.Launch.InProcess inProcess
                    ? InProcessServer.start(inProcess, 0, probe)
                    : ServerProcess.start(e.spec, Driver.freePort(), config.launch(), config.work(),
                    name + "-" + profile.id(), probe);
        } catch (StartFailure f) {
            fail(e, f.unavailable() ? RunRecord.Status.UNAVAILABLE : RunRecord.Status.FAILED, f.getMessage());
        } catch (IOException f) {
            fail(e, RunRecord.Status.FAILED, "could not start: " + f);
        }
    }

    private void warmUp(Entry e) throws InterruptedException {
        if (config.warmup().isZero()) {
            return;
        }
        progress.step("warming up " + e.spec.name() + " for " + config.warmup().toMillis() / 1000.0 + " s");
        try {
            config.generator().run(LoadSpec.warmup(address(e), profile, config.connections(), config.loadThreads(),
                    config.warmup()), LoadGenerator.WindowListener.NONE);
            alive(e);
        } catch (IOException | RuntimeException f) {
            fail(e, RunRecord.Status.FAILED, "load run failed: " + f);
        }
    }

    /** One window of {@code e}, with every active server's CPU read at both ends. */
    private void window(Entry e, int round, int position) throws InterruptedException {
        var spec = LoadSpec.timed(address(e), profile, config.connections(), config.loadThreads(), Duration.ZERO,
                config.duration(), 1);
        CpuReading[] ends = new CpuReading[2];
        GcLog.Pauses[] gc = new GcLog.Pauses[2];
        Integer[] threads = new Integer[1];
        LoadResult result;
        try {
            result = config.generator().run(spec, new LoadGenerator.WindowListener() {
                @Override
                public void windowStarted(int index) {
                    gc[0] = e.server.gcPauses();
                    ends[0] = read();
                }

                @Override
                public void windowEnded(int index) {
                    ends[1] = read();
                    gc[1] = e.server.gcPauses();
                    threads[0] = e.server.threads();
                }
            });
        } catch (IOException | RuntimeException f) {
            fail(e, RunRecord.Status.FAILED, "load run failed: " + f);
            return;
        }
        if (!alive(e) || ends[0] == null || ends[1] == null) {
            return;
        }
        int self = entries.indexOf(e);
        Double cpu = delta(ends, self);
        double servers = 0;
        for (int j = 0; j < entries.size(); j++) {
            Double d = delta(ends, j);
            if (d != null) {
                servers += d;
                if (j != self) {
                    Double idle = entries.get(j).idle[round];
                    entries.get(j).idle[round] = (idle == null ? 0 : idle) + d;
                }
            }
        }
        Double load = ends[0].load() < 0 || ends[1].load() < 0 ? null : ends[1].load() - ends[0].load();
        Double other = load == null || ends[0].machine() < 0 || ends[1].machine() < 0 ? null
                : Math.max(0, ends[1].machine() - ends[0].machine() - load - servers);
        var m = new Measured(round, position, spec, result, cpu, load, other,
                gc[0] == null || gc[1] == null ? null : gc[1].minus(gc[0]), threads[0]);
        e.windows.add(m);
        progress.line(describe(m, machine.cores()));
    }

    /** Every active server's CPU seconds (null for those in this JVM), then this process's and the machine's. */
    private CpuReading read() {
        Double[] servers = new Double[entries.size()];
        for (int j = 0; j < entries.size(); j++) {
            Entry x = entries.get(j);
            servers[j] = x.active() ? x.server.cpuSeconds() : null;
        }
        return new CpuReading(servers, Proc.selfCpuSeconds(), Proc.machineBusySeconds());
    }

    private static Double delta(CpuReading[] ends, int j) {
        Double a = ends[0].servers()[j];
        Double b = ends[1].servers()[j];
        return a == null || b == null || a < 0 || b < 0 ? null : b - a;
    }

    /** Whether the server still runs; if not, it is recorded as failed. */
    private boolean alive(Entry e) {
        if (e.server.alive()) {
            return true;
        }
        fail(e, RunRecord.Status.FAILED, "the server " + e.server.exitDescription() + " during the run");
        return false;
    }

    private void fail(Entry e, RunRecord.Status status, String reason) {
        e.failure = RunRecord.notMeasured(e.spec.name(), profile.id(), status, reason);
        progress.line(status.name().toLowerCase(Locale.ROOT) + ": " + e.spec.name() + ": " + reason);
        if (e.server != null) {
            e.server.stop();
        }
    }

    /** Stops a server still running; its peak RSS is read first, and a problem stopping it goes into every record. */
    private void stop(Entry e) {
        if (!e.active()) {
            return;
        }
        Long rss = e.server.peakRssBytes();
        long stopping = System.nanoTime();
        String problem = e.server.stop();
        double seconds = (System.nanoTime() - stopping) / 1e9;
        if (seconds > Driver.SLOW_STOP_SECONDS) {
            progress.line(String.format(Locale.ROOT, "note: %s took %.1f s to stop after SIGTERM", e.spec.name(), seconds));
        }
        e.rss = rss;
        e.stopProblem = problem;
    }

    private RunRecord record(Entry e, Measured m) {
        LoadResult.Window window = m.result().windows().getFirst();
        String problem = m.result().problem();
        Double perCpu = m.cpu() == null || m.cpu() <= 0 ? null : window.requests() / m.cpu();
        RunRecord.Status status = RunRecord.Status.OK;
        String reason = null;
        if (window.requests() == 0) {
            status = RunRecord.Status.FAILED;
            reason = "no successful response" + (problem == null ? "" : ": " + problem);
        } else if (window.errors().total() > 0 && problem != null) {
            reason = problem;
        }
        if (e.stopProblem != null) {
            reason = (reason == null ? "" : reason + "; ") + "on stop: " + e.stopProblem;
        }
        Boolean busy = m.other() == null ? null : RunRecord.busy(m.other(), window.seconds(), machine.cores());
        LoadSpec spec = m.spec();
        return new RunRecord(e.spec.name(), profile.id(), m.round() + 1, status, reason, spec.connections(),
                spec.pipeline(), spec.reconnectEvery(), round(window.seconds(), 3), window.requests(),
                round(window.requestsPerSecond(), 1), window.latency(), window.errors(), round(m.cpu(), 3),
                round(perCpu, 1), round(m.load(), 3), round(m.other(), 3), e.rss, m.threads(),
                m.gc() == null ? null : m.gc().count(), m.gc() == null ? null : round(m.gc().millis(), 3),
                m.position(), round(e.idle[m.round()], 3), busy);
    }

    private static Double round(Double v, int decimals) {
        if (v == null) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    /** The progress line of a window: its figures, and a warning when the machine was busy with something else. */
    private static String describe(Measured m, int cores) {
        LoadResult.Window w = m.result().windows().getFirst();
        var s = new StringBuilder(String.format(Locale.ROOT, "%,.0f req/s, p50 %d µs, p99 %d µs, %d errors",
                w.requestsPerSecond(), w.latency().p50(), w.latency().p99(), w.errors().total()));
        if (m.cpu() != null) {
            s.append(String.format(Locale.ROOT, ", server CPU %.2f s", m.cpu()));
            if (m.cpu() > 0) {
                s.append(String.format(Locale.ROOT, ", %,.0f req per CPU-s", w.requests() / m.cpu()));
            }
        }
        if (m.other() != null && RunRecord.busy(m.other(), w.seconds(), cores)) {
            s.append(String.format(Locale.ROOT, "; busy: other processes used %.2f CPU-s", m.other()));
        }
        if (m.result().problem() != null && w.errors().total() > 0) {
            s.append(" (").append(m.result().problem()).append(')');
        }
        return s.toString();
    }

    private InetSocketAddress address(Entry e) {
        return new InetSocketAddress("127.0.0.1", e.server.port());
    }
}
