package dev.httpcourse.bench.load.generator;

import java.io.IOException;

/** Drives load as a {@link LoadSpec} says; the report names the generator by {@link #name()}. */
public interface LoadGenerator {

    /** Called as each measured window starts and ends, so the caller can sample the server's CPU. */
    interface WindowListener {
        WindowListener NONE = new WindowListener() {
        };

        default void windowStarted(int index) {
        }

        default void windowEnded(int index) {
        }
    }

    String name();

    /** A one-line description with version, for the report. */
    String describe();

    /** Whether this generator can run {@code spec} at all (wrk cannot count requests exactly, for example). */
    default void check(LoadSpec spec) {
    }

    LoadResult run(LoadSpec spec, WindowListener listener) throws IOException, InterruptedException;
}
