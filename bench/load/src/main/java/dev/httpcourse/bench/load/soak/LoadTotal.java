package dev.httpcourse.bench.load.soak;

import dev.httpcourse.bench.load.generator.Errors;

/**
 * One profile's well-behaved load over the whole soak.
 *
 * @param unanswered requests still waiting for an answer when a slice of load ended (after its drain)
 * @param problem    the first thing that went wrong, as the generator put it, or null
 */
public record LoadTotal(String profile, long requests, Errors errors, long unanswered, String problem) {

    /** Every error: non-2xx, connect, I/O, parse, bad body, and the unanswered. */
    public long allErrors() {
        return errors.total() + unanswered;
    }
}
