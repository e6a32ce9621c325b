package dev.httpcourse.conformance;

import static dev.httpcourse.conformance.ExpectedResponse.ok;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The suite's endpoint cases alone, for the servers the course did not write: the peers of the load
 * comparison. A product is held to the endpoint table (DESIGN.md, "The application"), the same cases
 * with the same checks as the stages, and not to the course's strict HTTP rules (request-line and
 * field grammar, framing refusals, limits, timeouts, hostile clients), which are each product's own
 * business. Bound like {@link HttpConformanceSuite}, one class per server:
 * <pre>{@code
 * class HelidonSeContractTest extends EndpointContract {
 *     protected Server newServer(ServerConfig config) { return new HelidonSePeer(config); }
 * }
 * }</pre>
 *
 * <p>Every endpoint case runs whole and pipelined behind {@code GET /pipeline}, through the suite's
 * own {@link CaseRunner}; not split at every byte, which would test a parser the course did not write.
 * Two exchanges the load profiles lean on come with them: sixteen requests of every endpoint pipelined
 * in one write, and a 20 MiB upload streamed. Where a product answers a case otherwise by design, the
 * binding names the case and the reason in {@link #knownDifferences()}: the case is skipped with that
 * reason, so the report says what was left out and why.
 */
@TestInstance(Lifecycle.PER_CLASS)
public abstract class EndpointContract {
    private static final int MIB = 1024 * 1024;

    /** An unstarted server with this configuration: the contract starts it, and stops it when done. */
    protected abstract Server newServer(ServerConfig config);

    /**
     * The endpoint cases this server answers otherwise by design, each name with the reason; none unless
     * a binding says so. A name that is no case fails {@link #namesOnlyCasesThatExist()}.
     */
    protected Map<String, String> knownDifferences() {
        return Map.of();
    }

    private final ServerPool servers = new ServerPool(this::newServer);

    @AfterAll
    void stopServers() {
        servers.close();
    }

    Stream<RequestCase> cases() {
        return EndpointCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void whole(RequestCase c) throws IOException {
        skipIfKnownDifference(c);
        CaseRunner.whole(servers.port(SuiteLimits.CASES), c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pipelinedBehindAnotherRequest(RequestCase c) throws IOException {
        skipIfKnownDifference(c);
        CaseRunner.pipelined(servers.port(SuiteLimits.CASES), c);
    }

    private void skipIfKnownDifference(RequestCase c) {
        String reason = knownDifferences().get(c.name());
        Assumptions.assumeTrue(reason == null, () -> "answered otherwise by design: " + reason);
    }

    @Test
    void answersSixteenPipelinedRequestsInOrder() throws IOException {
        BulkExchanges.assertAnsweredInOrder(servers.port(SuiteLimits.CASES), 16);
    }

    @Test
    void countsTwentyMebibyteUploadStreamed() throws Exception {
        String head = "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: " + 20 * MIB + "\r\n\r\n";
        BulkExchanges.assertLargeRequestAnswered(servers.port(SuiteLimits.LARGE), head, new byte[64 * 1024], 320,
                ok(Integer.toString(20 * MIB)), false);
    }

    @Test
    void namesOnlyCasesThatExist() {
        Set<String> names = cases().map(RequestCase::name).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(knownDifferences().keySet());
        unknown.removeAll(names);
        Assertions.assertTrue(unknown.isEmpty(), () -> "knownDifferences() names no endpoint case: " + unknown);
    }
}
