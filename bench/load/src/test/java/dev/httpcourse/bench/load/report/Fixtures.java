package dev.httpcourse.bench.load.report;

import dev.httpcourse.bench.load.generator.Errors;
import dev.httpcourse.bench.load.generator.Latency;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed comparison: three servers, two profiles, two rounds on baseline and one on pipelined, one
 * server unavailable. stage01-virtual's baseline ratios are 0.60 and 0.50 (req/s) and 0.75 and
 * 0.625 (req per CPU-s) in its two rounds.
 */
final class Fixtures {
    private Fixtures() {
    }

    static RunRecord run(String server, String profile, int rep, double rps, long p50, long p99, double cpu) {
        long requests = Math.round(rps * 5);
        return new RunRecord(server, profile, rep, RunRecord.Status.OK, null, 256, profile.equals("pipelined") ? 16 : 1,
                0, 5, requests, rps, new Latency(p50, p50 * 2, p99, p99 * 2, p99 * 3, p50 * 1.1),
                new Errors(rep == 2 ? 1 : 0, 0, 0, 0, 0, 0), cpu, requests / cpu, 1.5, 0.1, 300L * 1024 * 1024, 30, 2, 12.5,
                rep, 0.25, false);
    }

    static Report report() {
        var runs = new ArrayList<RunRecord>();
        runs.add(run("stage01-virtual", "baseline", 1, 60_000, 2_000, 20_000, 4.0));
        runs.add(run("stage01-virtual", "baseline", 2, 50_000, 3_000, 30_000, 4.0));
        runs.add(run("netty-epoll", "baseline", 1, 100_000, 1_000, 10_000, 5.0));
        runs.add(run("netty-epoll", "baseline", 2, 100_000, 1_000, 10_000, 5.0));
        runs.add(RunRecord.notMeasured("netty-io_uring", "baseline", RunRecord.Status.UNAVAILABLE,
                "exited with code 3: io_uring is not available | blocked"));
        runs.add(run("stage01-virtual", "pipelined", 1, 400_000, 8_000, 30_000, 2.0));
        runs.add(run("netty-epoll", "pipelined", 1, 500_000, 7_000, 20_000, 2.5));
        return Report.of("2025-11-22T10:00:00Z", machine(), settings(), servers(), List.of("a note"), runs);
    }

    static Machine machine() {
        return new Machine("testhost", 2, 24L << 30, "AMD EPYC", "6.18.44-fc", "Linux amd64",
                "Eclipse Adoptium 25.0.3+9-LTS", "abc1234");
    }

    static Settings settings() {
        return new Settings("builtin", "builtin (Java NIO)", List.of("stage01-virtual", "netty-epoll", "netty-io_uring"),
                List.of("baseline", "pipelined"), 4, 5, 2, 256, 32, 2, null, null, "netty-epoll", List.of(),
                "./bench/run.sh --repetitions 2");
    }

    static List<ServerEntry> servers() {
        return List.of(new ServerEntry("stage01-virtual", "stage", "java -jar stage01.jar", null),
                new ServerEntry("netty-epoll", "peer", "java -cp peers.jar", "Netty 4.2.18.Final, epoll"),
                new ServerEntry("netty-io_uring", "peer", "java -cp peers.jar", null));
    }
}
