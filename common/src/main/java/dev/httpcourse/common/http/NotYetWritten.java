package dev.httpcourse.common.http;

/**
 * What the code a learner has still to write throws, in a stage started with {@code bin/course start}:
 * a 500 whose message names the step, so that a request reaching it is answered
 * {@code not yet written: step 3 (request-line)} wherever the stage answers its {@link HttpException}s,
 * and the check that sent it points to the chapter section that explains the missing code.
 */
public final class NotYetWritten {
    private NotYetWritten() {
    }

    /** {@code throw NotYetWritten.step(3, "request-line");} */
    public static HttpException step(int step, String name) {
        return new HttpException(Status.INTERNAL_SERVER_ERROR, "not yet written: step " + step + " (" + name + ")");
    }
}
