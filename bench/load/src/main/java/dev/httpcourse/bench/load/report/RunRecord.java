package dev.httpcourse.bench.load.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.httpcourse.bench.load.generator.Errors;
import dev.httpcourse.bench.load.generator.Latency;

/**
 * One measured window of one server under one profile. Figures the driver could not take (a server
 * in the driver's own JVM has no CPU or RSS of its own; a non-JVM server has no GC) are null.
 * {@code otherCpuSeconds} is the CPU that neither the server nor the load generator used in the
 * window: anything else running on the machine, which disturbs the measurement.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(String server, String profile, int repetition, Status status, String reason,
                        int connections, int pipeline, int reconnectEvery, double seconds, long requests,
                        double requestsPerSecond, Latency latencyMicros, Errors errors, Double serverCpuSeconds,
                        Double requestsPerCpuSecond, Double loadCpuSeconds, Double otherCpuSeconds,
                        Long peakRssBytes, Integer serverThreads, Integer gcPauses, Double gcPauseMillis) {

    public enum Status {
        /** Measured. */
        OK,
        /** The server did not start, died, or answered nothing right. */
        FAILED,
        /** The server cannot run here (io_uring blocked, for example): not a failure of the server. */
        UNAVAILABLE
    }

    /** A run that produced no measurement. */
    public static RunRecord notMeasured(String server, String profile, Status status, String reason) {
        return new RunRecord(server, profile, 1, status, reason, 0, 0, 0, 0, 0, 0, null, null, null, null, null, null,
                null, null, null, null);
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
