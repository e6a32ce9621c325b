package dev.httpcourse.bench.load;

import dev.httpcourse.bench.load.generator.LoadGenerator;
import dev.httpcourse.bench.load.generator.Profile;
import dev.httpcourse.bench.load.report.Machine;
import dev.httpcourse.bench.load.report.Report;
import dev.httpcourse.bench.load.report.ReportWriter;
import dev.httpcourse.bench.load.report.RunRecord;
import dev.httpcourse.bench.load.report.ServerEntry;
import dev.httpcourse.bench.load.report.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison, profile by profile: start every server that serves the profile, warm each up,
 * then measure them in interleaved rounds ({@link ProfileRounds}), and stop them. A server that
 * fails is recorded as failed and the comparison goes on. report.json is rewritten after every
 * profile, the Markdown and charts at the end.
 *
 * <p>Why rounds: the machine is shared and its speed drifts over minutes. Measured one server after
 * another, a slow minute lands on one server and becomes a ratio; measured in turn, window by
 * window, the drift falls on every server of a round alike, and each ratio is taken within a round.
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

    Report run() throws IOException, InterruptedException {
        var plan = new ArrayList<List<ServerSpec>>();
        int slots = 0;
        for (Profile p : config.profiles()) {
            List<ServerSpec> serving = config.servers().stream().filter(s -> s.profiles().contains(p)).toList();
            plan.add(serving);
            slots += serving.size();
        }
        for (ServerSpec s : config.servers()) {
            if (s.note() != null && !s.profiles().containsAll(config.profiles())) {
                notes.add(s.name() + " " + s.note() + ".");
            }
        }
        var progress = new Progress(log, (int) plan.stream().filter(l -> !l.isEmpty()).count(),
                slots * perServerGuess());
        progress.plan(config.servers().size() + " servers × " + config.profiles().size() + " profiles = "
                + slots + " runs with " + config.generator().name() + "; per profile every server warmed up "
                + config.warmup().toMillis() / 1000.0 + " s, then " + config.repetitions() + " rounds of one "
                + config.duration().toMillis() / 1000.0 + " s window per server, in turn");
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).isEmpty()) {
                continue;
            }
            runs.addAll(new ProfileRounds(config, machine, progress, plan.get(i), config.profiles().get(i)).measure());
            ReportWriter.writeJson(report(), config.out());
        }
        Report report = report();
        ReportWriter.writeAll(report, config.out());
        return report;
    }

    /** What one server costs in one profile: start and stop, its warm-up, and its windows. */
    double perServerGuess() {
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

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
