package dev.httpcourse.stage01;

import static org.junit.jupiter.api.Assertions.fail;

import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.conformance.ExerciseClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 1.1, "Reopen the slowloris hole": with a timeout on each read instead of a deadline on the
 * head, a client that sends one byte of a header now and then keeps its connection, and its thread,
 * for as long as it likes. This check is that client, faster: the head must arrive within the header
 * timeout (1 s here), and it sends a byte every 200 ms for three seconds. It passes while the hole is
 * open; restore the deadline and it fails again, which is the other half of the exercise.
 * {@code bin/course exercise 1.1} runs it; its name keeps it out of {@code ./mvnw verify}.
 */
@Timeout(30)
class Exercise1_1Check {
    @Test
    void aClientSendingAByteEvery200MsKeepsItsConnectionPastTheHeaderTimeout() throws Exception {
        Limits limits = Limits.defaults().withHeaderTimeout(Duration.ofSeconds(1)).withIdleTimeout(Duration.ofSeconds(30));
        try (var server = new BlockingServer(ServerConfig.ephemeral().withLimits(limits), ThreadMode.VIRTUAL);
             var client = connectAfterStart(server)) {
            client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            long start = System.nanoTime();
            for (int i = 0; i < 15; i++) {
                ExerciseClient.Outcome o = client.await(Duration.ofMillis(200));
                if (!(o instanceof ExerciseClient.Silent)) {
                    fail(String.format("after %.1f s of a header sent a byte every 200 ms, the server %s: the head's "
                            + "deadline is still in place (the hole is closed). Reopen it as the exercise says: in "
                            + "doRun, replace input.expireIn(...) for the head by input.eachReadWithin(...) with the "
                            + "same value.", (System.nanoTime() - start) / 1e9, o instanceof ExerciseClient.Answered a
                            ? "answered " + a.response() : "closed the connection"));
                }
                client.send("x");
            }
        }
    }

    private static ExerciseClient connectAfterStart(BlockingServer server) throws Exception {
        server.start();
        return ExerciseClient.connect(server.port());
    }
}
