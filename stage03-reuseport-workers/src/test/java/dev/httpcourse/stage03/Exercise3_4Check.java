package dev.httpcourse.stage03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.conformance.ExerciseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 3.4, "One socket, many selectors": a third accept mode, {@code AcceptMode.SHARED}, in
 * which one listening socket, without {@code SO_REUSEPORT}, is registered with every worker's
 * selector. Every connection wakes every worker; one {@code accept} wins and the others get
 * {@code null}, which the loop already takes as "nothing more to accept". {@code bin/course exercise
 * 3.4} runs it; it fails on the course's code, which has no such mode, and its name keeps it out of
 * {@code ./mvnw verify}. The mode is looked up by name, so that the check compiles before it exists.
 */
@Timeout(60)
class Exercise3_4Check {
    private static final int WORKERS = 4;
    private static final int CONNECTIONS = 200;

    @Test
    void oneSharedListenerServesEveryConnectionFromSeveralWorkers() throws Exception {
        AcceptMode shared = Arrays.stream(AcceptMode.values()).filter(m -> m.name().equals("SHARED")).findFirst()
                .orElseThrow(() -> new AssertionError("AcceptMode has no SHARED yet: add it, and make "
                        + "ReusePortWorkers bind one listening socket, without SO_REUSEPORT, and give it to every "
                        + "worker (EventLoop.listen)"));
        try (var server = new ReusePortWorkers(ServerConfig.ephemeral().withWorkers(WORKERS), shared)) {
            server.start();
            assertEquals(shared, server.acceptMode(), "the server should run in the mode asked for");
            List<ExerciseClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    var client = ExerciseClient.connect(server.port());
                    clients.add(client);
                    var response = client.send("GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\n").read(Duration.ofSeconds(5));
                    assertEquals(200, response.status(), "connection " + i + ": " + response);
                }
                List<Integer> perWorker = server.openConnectionsPerWorker();
                assertEquals(CONNECTIONS, perWorker.stream().mapToInt(Integer::intValue).sum(),
                        "every connection answered should be open on some worker: " + perWorker);
                assertTrue(perWorker.stream().filter(n -> n > 0).count() > 1, "with one listener in every worker's "
                        + "selector, every worker races for each connection; only one took any: " + perWorker
                        + ". Is the listener registered with every worker?");
            } finally {
                for (ExerciseClient c : clients) {
                    c.close();
                }
            }
        }
    }
}
