package dev.httpcourse.conformance;

import static dev.httpcourse.conformance.ExpectedResponse.json;
import static dev.httpcourse.conformance.ExpectedResponse.ok;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two exchanges a request case is too small to hold, written once for the suite and for
 * {@link EndpointContract}: many requests pipelined in one write, and a request whose body is
 * streamed while the answer is awaited.
 */
final class BulkExchanges {
    private BulkExchanges() {
    }

    /** {@code depth} requests of every endpoint in one write, each answer telling which request it is for. */
    static void assertAnsweredInOrder(int port, int depth) throws IOException {
        var requests = new StringBuilder();
        List<ExpectedResponse> expected = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            switch (i % 5) {
                case 0 -> {
                    requests.append("GET /baseline11?a=").append(i).append("&b=1000 HTTP/1.1\r\nHost: t\r\n\r\n");
                    expected.add(ok(Integer.toString(i + 1000)));
                }
                case 1 -> {
                    requests.append("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: ").append(i)
                            .append("\r\n\r\n").append("u".repeat(i));
                    expected.add(ok(Integer.toString(i)));
                }
                case 2 -> {
                    requests.append("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n");
                    expected.add(ok("Hello, World!").toHead());
                }
                case 3 -> {
                    requests.append("GET /json/").append(i % 10).append("?m=").append(i)
                            .append(" HTTP/1.1\r\nHost: t\r\n\r\n");
                    expected.add(json(i % 10, i));
                }
                default -> {
                    requests.append("POST /baseline11?a=").append(i).append("&b=0 HTTP/1.1\r\nHost: t\r\n")
                            .append("Transfer-Encoding: chunked\r\n\r\n1\r\n7\r\n0\r\n\r\n");
                    expected.add(ok(Integer.toString(i + 7)));
                }
            }
        }
        try (Client client = Client.connect(port)) {
            client.send(requests.toString());
            RawResponse last = null;
            for (int i = 0; i < depth; i++) {
                String context = depth + " pipelined requests, response " + (i + 1);
                last = client.read(expected.get(i).headRequest());
                ResponseRules.assertWellFormed(last, context);
                expected.get(i).assertMatches(last, context);
            }
            CaseRunner.assertStaysOpen(client, last, depth + " pipelined requests");
        }
    }

    /** Streams {@code head}, {@code pieces} times {@code piece}, then {@code tail}, while reading the answer. */
    static void assertLargeRequestAnswered(int port, String head, byte[] piece, int pieces, ExpectedResponse expected,
                                           boolean closes, String... tail) throws Exception {
        String context = head.lines().findFirst().orElseThrow() + " with a large body";
        try (Client client = Client.connect(port, Duration.ofSeconds(30))) {
            var sending = HostileTraffic.sendInBackground(client, Bytes.latin1(head), piece, pieces);
            if (!closes) {
                sending.get(30, TimeUnit.SECONDS);
                for (String t : tail) {
                    client.send(t);
                }
            }
            RawResponse response = client.read();
            ResponseRules.assertWellFormed(response, context);
            expected.assertMatches(response, context);
            if (closes) {
                CaseRunner.assertCloses(client, response, context);
            } else {
                CaseRunner.assertStaysOpen(client, response, context);
            }
        }
    }
}
