package dev.httpcourse.stage01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.bench.jmh.RequestCorpus;
import dev.httpcourse.common.http.BodyFraming;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The corpus is valid HTTP, parsed by a real parser, and the benchmark's reused parser agrees with a fresh one. */
class RequestCorpusTest {
    private static final Limits LIMITS = Limits.defaults();

    @Test
    void everyRequestParsesWithItsMethodTargetAndFraming() {
        for (RequestCorpus.Request request : RequestCorpus.all()) {
            RequestHead head = RequestParser.parseHead(request.bytes(), LIMITS);
            String requestLine = new String(request.head(), StandardCharsets.US_ASCII).lines().findFirst().orElseThrow();
            assertEquals(requestLine, head.method() + " " + head.target() + " HTTP/1.1", request.name());
            long declared = switch (head.framing()) {
                case BodyFraming.Length(long bytes) -> bytes;
                default -> -1;
            };
            if (declared >= 0 && !request.name().equals("upload")) {
                assertEquals(declared, request.body().length, request.name() + ": Content-Length matches the body");
            }
            assertEquals(request.name().contains("chunked"), head.framing() instanceof BodyFraming.Chunked, request.name());
        }
    }

    @Test
    void browserRequestsCarryTenToFifteenFieldsAndArenaRequestsFewerThanFour() {
        for (RequestCorpus.Request request : RequestCorpus.all()) {
            int fields = RequestParser.parseHead(request.head(), LIMITS).headers().size();
            if (request.group().equals(RequestCorpus.BROWSER)) {
                assertTrue(fields >= 10 && fields <= 15, request.name() + " has " + fields + " fields");
            } else {
                assertTrue(fields < 4, request.name() + " has " + fields + " fields");
            }
        }
    }

    @Test
    void selectsGroupsSingleRequestsAndRefusesUnknownNames() {
        assertEquals(6, RequestCorpus.select(RequestCorpus.ARENA).size());
        assertEquals(4, RequestCorpus.select(RequestCorpus.BROWSER).size());
        assertEquals(RequestCorpus.all(), RequestCorpus.select(RequestCorpus.ALL));
        assertEquals("json", RequestCorpus.select("json").getFirst().name());
        assertEquals(RequestCorpus.all().size(), new HashSet<>(RequestCorpus.all().stream().map(RequestCorpus.Request::name).toList()).size());
        assertThrows(IllegalArgumentException.class, () -> RequestCorpus.select("nonesuch"));
    }

    @Test
    void benchmarkParserReusedAcrossRequestsReadsEveryHeadLikeAFreshOne() {
        var benchmark = new Bench01_ParseStage01();
        benchmark.requests = RequestCorpus.ALL;
        benchmark.selectRequests();
        List<RequestCorpus.Request> all = RequestCorpus.all();
        for (int round = 0; round < 2; round++) {
            for (RequestCorpus.Request request : all) {
                assertEquals(RequestParser.parseHead(request.head(), LIMITS), benchmark.parse(), request.name());
            }
        }
    }
}
