package dev.httpcourse.bench.load.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.httpcourse.bench.load.generator.Errors;
import dev.httpcourse.bench.load.generator.Latency;

/**
 * One measured window of one server under one profile. Figures the driver could not take (a server
 * in the driver's own JVM has no CPU or RSS of its own; a non-JVM server has no GC) are null.
 * {@code otherCpuSeconds} is the CPU that neither the server nor the load generator used in the
 * window: anything else running on the machine, which disturbs the measurement ({@code busy} when
 * above {@link #BUSY_SHARE}).
 *
 * <p>The servers of a profile are measured in rounds: {@code repetition} is the round, and
 * {@code position} the window's place in it (1 = measured first). {@code idleCpuSeconds} is what
 * the server used during the other servers' windows of the same round, while it had no load.
 * Reports written before rounds were interleaved have neither (null).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(String server, String profile, int repetition, Status status, String reason,
                        int connections, int pipeline, int reconnectEvery, double seconds, long requests,
                        double requestsPerSecond, Latency latencyMicros, Errors errors, Double serverCpuSeconds,
                        Double requestsPerCpuSecond, Double loadCpuSeconds, Double otherCpuSeconds,
                        Long peakRssBytes, Integer serverThreads, Integer gcPauses, Double gcPauseMillis,
                        Integer position, Double idleCpuSeconds, Boolean busy) {

    /**
     * Other processes using more than this share of the machine's CPU during a window make it busy.
     * A tenth: the differences the book draws conclusions from are a tenth and up, and on a machine
     * the server and the generator already fill, CPU taken by others is capacity taken from them;
     * the quietest windows measured on the course's machine had about two per cent.
     */
    public static final double BUSY_SHARE = 0.10;

    /** Whether {@code otherCpuSeconds} over a window of {@code seconds} on {@code cores} CPUs is above {@link #BUSY_SHARE}. */
    public static boolean busy(double otherCpuSeconds, double seconds, int cores) {
        return otherCpuSeconds > BUSY_SHARE * cores * seconds;
    }

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
                null, null, null, null, null, null, null);
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
