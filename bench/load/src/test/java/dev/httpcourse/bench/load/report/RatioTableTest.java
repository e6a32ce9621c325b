package dev.httpcourse.bench.load.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The few lines a run ends with on the terminal: a ratio per server and profile. */
class RatioTableTest {
    @Test
    void oneRowPerServerOneColumnPerProfileWithTheStatusWhereNothingWasMeasured() {
        List<String> lines = RatioTable.lines(Fixtures.report());
        assertEquals(List.of(
                "req/s as a ratio to netty-epoll, median of the rounds (≈: the rounds' range includes 1.00×):",
                "  server               baseline     pipelined",
                "  stage01-virtual         0.55×         0.80×",
                "  netty-epoll             1.00×         1.00×",
                "  netty-io_uring    unavailable             –"), lines);
    }

    @Test
    void saysSoWhenOtherProcessesWereBusy() {
        Report quiet = Fixtures.report();
        var runs = new java.util.ArrayList<>(quiet.runs());
        runs.set(6, ReportTest.withOtherCpu(runs.get(6), 2.5, true));
        Report busy = Report.of(quiet.timestamp(), quiet.machine(), quiet.settings(), quiet.servers(), quiet.notes(), runs);
        assertEquals("  Busy machine: other processes used more than 10% of the CPU in 1 of 6 windows; rerun on a quiet "
                + "machine before reading much into these.", RatioTable.lines(busy).getLast());
        assertEquals(5, RatioTable.lines(quiet).size());
    }

    @Test
    void noPeerNoTable() {
        Report r = Fixtures.report();
        Settings s = r.settings();
        Settings noPeer = new Settings(s.generator(), s.generatorDescription(), s.servers(), s.profiles(), s.warmupSeconds(),
                s.durationSeconds(), s.repetitions(), s.connections(), s.uploadConnections(), s.loadThreads(),
                s.serverCpus(), s.loadCpus(), "nginx", s.serverJvmArgs(), s.command());
        assertEquals(List.of(), RatioTable.lines(Report.of(r.timestamp(), r.machine(), noPeer, r.servers(), r.notes(),
                r.runs())));
    }
}
