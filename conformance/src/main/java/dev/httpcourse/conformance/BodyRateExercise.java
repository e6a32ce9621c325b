package dev.httpcourse.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The check of the body-rate exercises (1.4 for stage 01, 2.7 for stage 02), written once and bound
 * per stage as the suite is: a body must arrive at 1 KiB/s or more, averaged over a window as long as
 * the header timeout (10 s by default; 1 s here, so that the check takes seconds), or the server
 * answers 408 and closes; bodies sent at full speed, or in steady pieces over several windows, are
 * served as before. It fails on the course's code, which bounds a body's reads only by the idle
 * timeout between them, so it runs under {@code bin/course exercise}, not {@code ./mvnw verify}.
 */
@Timeout(60)
public abstract class BodyRateExercise {
    /** The limits the server is started with: a 1 s header timeout, so a 1 s window. */
    protected static final Limits LIMITS = Limits.defaults().withHeaderTimeout(Duration.ofSeconds(1))
            .withIdleTimeout(Duration.ofSeconds(30));

    private Server server;

    /** An unstarted server with this configuration. */
    protected abstract Server newServer(ServerConfig config);

    /** Where in the stage the rule belongs, for the message of a check that fails. */
    protected abstract String whereToLook();

    @BeforeEach
    void start() throws IOException {
        server = newServer(ServerConfig.ephemeral().withLimits(LIMITS));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBodyAt200BytesASecondGets408WithinAFewWindows() throws Exception {
        try (var client = ExerciseClient.connect(server.port())) {
            client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n");
            long start = System.nanoTime();
            // 20 bytes every 100 ms: 200 B/s, well under 1 KiB/s, and never idle for a whole idle timeout
            while (System.nanoTime() - start < 4_000_000_000L) {
                ExerciseClient.Outcome o = client.await(Duration.ofMillis(100));
                if (o instanceof ExerciseClient.Answered a) {
                    assertEquals(408, a.response().status(), "a body far too slow should get 408; got " + a.response());
                    return;
                }
                if (o instanceof ExerciseClient.Closed) {
                    fail("the server closed the connection without a 408 for the slow body");
                }
                try {
                    client.send("x".repeat(20));
                } catch (IOException e) {
                    continue; // closed while we wrote: the answer, if any, is read next turn
                }
            }
            fail("after 4 s of a body at 200 B/s (the window is the header timeout, 1 s here), the server is still "
                    + "reading it: nothing bounds a body's total time yet. " + whereToLook());
        }
    }

    @Test
    void aBodySentAtFullSpeedIsStillServed() throws Exception {
        try (var client = ExerciseClient.connect(server.port())) {
            client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n");
            client.send(new byte[1_000_000]);
            var response = client.read(Duration.ofSeconds(10));
            assertEquals(200, response.status(), "a fast body must be served: " + response);
            assertEquals("1000000", response.body(), "/upload answers with the bytes it received");
        }
    }

    @Test
    void aBodyThatArrivesInSteadyPiecesOverSeveralWindowsIsServed() throws Exception {
        try (var client = ExerciseClient.connect(server.port())) {
            client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 30000\r\n\r\n");
            for (int i = 0; i < 15; i++) { // 2,000 bytes every 100 ms: about 20 KB/s for a window and a half
                client.send(new byte[2000]);
                Thread.sleep(100);
            }
            var response = client.read(Duration.ofSeconds(10));
            assertEquals(200, response.status(), "a body at about 20 KB/s, over a window and a half, must be served: "
                    + response);
        }
    }
}
