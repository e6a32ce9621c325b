package dev.httpcourse.bench.load.report;

import java.util.List;

/** How a comparison was run: recorded in the report so it can be rerun the same way. */
public record Settings(String generator, String generatorDescription, List<String> servers, List<String> profiles,
                       double warmupSeconds, double durationSeconds, int repetitions, int connections,
                       int uploadConnections, int loadThreads, String serverCpus, String loadCpus,
                       String baselinePeer, List<String> serverJvmArgs, String command) {

    public Settings {
        servers = List.copyOf(servers);
        profiles = List.copyOf(profiles);
        serverJvmArgs = List.copyOf(serverJvmArgs);
    }
}
