package dev.httpcourse.bench.load;

/** A started server the driver measures and then stops. */
interface RunningServer {

    int port();

    /** Whether it is still running; when not, {@link #exitDescription()} says how it ended. */
    boolean alive();

    String exitDescription();

    /** CPU seconds of the server's process tree so far, or null when it shares the driver's JVM. */
    Double cpuSeconds();

    /** GC pauses so far, or null (not a JVM, or in-process). */
    GcLog.Pauses gcPauses();

    Long peakRssBytes();

    Integer threads();

    /** Stops it (SIGTERM, then waits); returns what went wrong doing so, or null. */
    String stop();
}
