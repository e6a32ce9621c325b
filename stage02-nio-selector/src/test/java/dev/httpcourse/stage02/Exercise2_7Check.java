package dev.httpcourse.stage02;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.conformance.BodyRateExercise;

/**
 * Exercise 2.7, "Body timeouts", checked on stage 02: the same {@link BodyRateExercise} as exercise
 * 1.4's, bound to the selector server. {@code bin/course exercise 2.7} runs it; its name keeps it out
 * of {@code ./mvnw verify}, since it fails until the exercise is done.
 */
class Exercise2_7Check extends BodyRateExercise {
    @Override
    protected Server newServer(ServerConfig config) {
        return new SelectorServer(config);
    }

    @Override
    protected String whereToLook() {
        return "Count the bytes a connection reads, and let Deadline choose the end of the body's window while "
                + "the protocol is in its BODY phase: the timer then answers 408 through timedOut().";
    }
}
