package dev.httpcourse.bench.load.soak;

import dev.httpcourse.bench.load.report.Machine;
import java.util.List;

/**
 * A soak, as measured: how it was run, what was sampled, what the load and the hostile clients
 * saw, and the verdicts. The report is written from it.
 *
 * @param ending how the server ended: null if it ran to the end and stopped cleanly on SIGTERM
 */
public record SoakRun(String timestamp, Machine machine, Settings settings, List<Sample> samples,
                      List<LoadTotal> load, List<HostileClients.Count> hostile, List<Verdict> verdicts, String ending,
                      List<String> notes) {

    /**
     * @param rounds            rounds of the profiles asked for (a server that ends early leaves fewer samples)
     * @param sliceSeconds      each profile's share of a round
     * @param connections       well-behaved connections (the upload profile uses {@code uploadConnections})
     * @param hostileClients    hostile clients at a time (0: none)
     * @param hostilePerSecond  at most this many new hostile connections a second
     */
    public record Settings(String server, String command, List<String> jvmArgs, int rounds, double sliceSeconds,
                           List<String> profiles, int connections, int uploadConnections, int loadThreads,
                           int hostileClients, double hostilePerSecond) {
        public Settings {
            jvmArgs = List.copyOf(jvmArgs);
            profiles = List.copyOf(profiles);
        }
    }

    public SoakRun {
        samples = List.copyOf(samples);
        load = List.copyOf(load);
        hostile = List.copyOf(hostile);
        verdicts = List.copyOf(verdicts);
        notes = List.copyOf(notes);
    }

    public long requests() {
        return load.stream().mapToLong(LoadTotal::requests).sum();
    }

    /** Well-behaved errors of every kind, non-2xx included. */
    public long errors() {
        return load.stream().mapToLong(LoadTotal::allErrors).sum();
    }

    public long non2xx() {
        return load.stream().mapToLong(l -> l.errors().non2xx()).sum();
    }

    public List<Verdict> growing() {
        return verdicts.stream().filter(Verdict::isGrowing).toList();
    }

    /** Nothing grew, the load saw no error, and the server lasted and stopped cleanly. */
    public boolean passed() {
        return growing().isEmpty() && errors() == 0 && ending == null;
    }
}
