package dev.httpcourse.stage01;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.conformance.BodyRateExercise;

/**
 * Exercise 1.4, "Bound the body's total time", checked on stage 01 with virtual threads: the suite's
 * {@link BodyRateExercise}. {@code bin/course exercise 1.4} runs it; its name keeps it out of
 * {@code ./mvnw verify}, since it fails until the exercise is done.
 */
class Exercise1_4Check extends BodyRateExercise {
    @Override
    protected Server newServer(ServerConfig config) {
        return new BlockingServer(config, ThreadMode.VIRTUAL);
    }

    @Override
    protected String whereToLook() {
        return "Keep the bytes read and the start of the window in DeadlineInputStream, and answer 408 when a "
                + "window brings less than 1 KiB a second.";
    }
}
