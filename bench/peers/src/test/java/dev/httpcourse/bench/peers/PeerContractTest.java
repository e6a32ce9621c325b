package dev.httpcourse.bench.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.bench.peers.RawClient.RawResponse;
import dev.httpcourse.common.app.App;
import dev.httpcourse.common.http.BodyFraming;
import dev.httpcourse.common.http.Version;
import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every peer must answer, over a real socket, byte for byte as a load generator sends it:
 * written once, bound to each peer by a subclass that says how to start it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PeerContractTest {
    private static final String HOST = "Host: localhost\r\n";

    private final App app = App.withBundledDataset();
    private Server server;

    /** The peer under test, not yet started. */
    abstract Server newServer(ServerConfig config);

    @BeforeAll
    void start() throws IOException {
        ServerConfig base = ServerConfig.ephemeral();
        server = newServer(new ServerConfig(base.host(), 0, 2, base.limits(), app));
        server.start();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private RawClient connect() throws IOException {
        return new RawClient(server.port());
    }

    private RawResponse exchange(String request) throws IOException {
        try (var client = connect()) {
            return client.send(request).read();
        }
    }

    private static void assertText(RawResponse response, String body) {
        assertEquals(200, response.status(), response::text);
        assertEquals("text/plain", response.header("Content-Type"));
        assertEquals(body, response.text());
    }

    @Test
    void rootSaysHello() throws IOException {
        assertText(exchange("GET / HTTP/1.1\r\n" + HOST + "\r\n"), "Hello, World!");
    }

    @Test
    void headHasLengthButNoBody() throws IOException {
        try (var client = connect()) {
            RawResponse head = client.send("HEAD / HTTP/1.1\r\n" + HOST + "\r\n").read(true);
            assertEquals(200, head.status());
            assertEquals("13", head.header("Content-Length"));
            // had a body been sent, this would read it as a status line
            assertText(client.send("GET / HTTP/1.1\r\n" + HOST + "\r\n").read(), "Hello, World!");
        }
    }

    @Test
    void baselineGetAddsQueryParameters() throws IOException {
        assertText(exchange("GET /baseline11?a=13&b=42 HTTP/1.1\r\n" + HOST + "\r\n"), "55");
    }

    @Test
    void baselinePostAddsContentLengthBody() throws IOException {
        assertText(exchange("POST /baseline11?a=13&b=42 HTTP/1.1\r\n" + HOST + "Content-Length: 2\r\n\r\n20"), "75");
    }

    @Test
    void baselinePostAddsChunkedBody() throws IOException {
        assertText(exchange("""
                POST /baseline11?a=13&b=42 HTTP/1.1\r
                Host: localhost\r
                Transfer-Encoding: chunked\r
                \r
                1\r
                2\r
                1;ext=1\r
                0\r
                0\r
                \r
                """), "75");
    }

    @Test
    void badQueryIs400() throws IOException {
        assertEquals(400, exchange("GET /baseline11?a=x&b=1 HTTP/1.1\r\n" + HOST + "\r\n").status());
    }

    @Test
    void pipelineSaysOk() throws IOException {
        assertText(exchange("GET /pipeline HTTP/1.1\r\n" + HOST + "\r\n"), "ok");
    }

    @Test
    void jsonIsTheCourseEncoding() throws IOException {
        for (String target : new String[] {"/json/1?m=3", "/json/5?m=7", "/json/50?m=6", "/json/3", "/json/0?m=2"}) {
            RawResponse response = exchange("GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n");
            assertEquals(200, response.status(), target);
            assertEquals("application/json", response.header("Content-Type"), target);
            assertArrayEquals(expectedJson(target), response.body(), target);
        }
    }

    @Test
    void jsonCountIsClampedToTheDataSet() throws IOException {
        RawResponse response = exchange("GET /json/1000?m=2 HTTP/1.1\r\n" + HOST + "\r\n");
        assertEquals(200, response.status());
        assertTrue(response.text().endsWith("],\"count\":50}"), response::text);
        assertArrayEquals(expectedJson("/json/50?m=2"), response.body());
    }

    private byte[] expectedJson(String target) {
        return app.open(RequestHeads.of("GET", target, Version.HTTP_1_1, null, BodyFraming.NONE, true, false))
                .earlyResponse().body();
    }

    @Test
    void uploadCountsTwoMebibytesStreamed() throws IOException {
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        try (var client = connect()) {
            client.send("POST /upload HTTP/1.1\r\n" + HOST + "Content-Length: " + body.length + "\r\n\r\n").send(body);
            assertText(client.read(), Integer.toString(body.length));
            assertText(client.send("GET /pipeline HTTP/1.1\r\n" + HOST + "\r\n").read(), "ok");
        }
    }

    @Test
    void uploadCountsAChunkedBody() throws IOException {
        assertText(exchange("POST /upload HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n"
                + "a\r\n0123456789\r\n5\r\nabcde\r\n0\r\n\r\n"), "15");
    }

    @Test
    void echoReturnsTheBodyWithItsContentType() throws IOException {
        RawResponse response = exchange("POST /echo HTTP/1.1\r\n" + HOST
                + "Content-Type: application/x-thing\r\nContent-Length: 11\r\n\r\nhello there");
        assertEquals(200, response.status());
        assertEquals("application/x-thing", response.header("Content-Type"));
        assertEquals("hello there", response.text());
    }

    @Test
    void unknownPathIs404() throws IOException {
        assertEquals(404, exchange("GET /nowhere HTTP/1.1\r\n" + HOST + "\r\n").status());
        assertEquals(404, exchange("GET /pipeline/more HTTP/1.1\r\n" + HOST + "\r\n").status());
    }

    @Test
    void wrongMethodIs405WithAllow() throws IOException {
        RawResponse response = exchange("GET /upload HTTP/1.1\r\n" + HOST + "\r\n");
        assertEquals(405, response.status());
        assertEquals("POST, OPTIONS", response.header("Allow"));
    }

    @Test
    void methodImplementedNowhereIs501() throws IOException {
        assertEquals(501, exchange("DELETE /upload HTTP/1.1\r\n" + HOST + "\r\n").status());
    }

    @Test
    void keepsTheConnectionAliveAcrossRequests() throws IOException {
        try (var client = connect()) {
            for (int i = 0; i < 5; i++) {
                assertText(client.send("GET /baseline11?a=" + i + "&b=1 HTTP/1.1\r\n" + HOST + "\r\n").read(),
                        Integer.toString(i + 1));
                assertText(client.send("POST /baseline11?a=" + i + "&b=1 HTTP/1.1\r\n" + HOST
                        + "Content-Length: 1\r\n\r\n1").read(), Integer.toString(i + 2));
            }
        }
    }

    @Test
    void answersSixteenPipelinedRequestsInOrder() throws IOException {
        var batch = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            String request = switch (i % 4) {
                case 0 -> "GET /pipeline HTTP/1.1\r\n" + HOST + "\r\n";
                case 1 -> "GET /baseline11?a=" + i + "&b=100 HTTP/1.1\r\n" + HOST + "\r\n";
                case 2 -> "POST /baseline11?a=" + i + "&b=100 HTTP/1.1\r\n" + HOST + "Content-Length: 1\r\n\r\n0";
                default -> "POST /baseline11?a=" + i + "&b=100 HTTP/1.1\r\n" + HOST
                        + "Transfer-Encoding: chunked\r\n\r\n1\r\n0\r\n0\r\n\r\n";
            };
            batch.writeBytes(request.getBytes(StandardCharsets.US_ASCII));
        }
        try (var client = connect()) {
            client.send(batch.toByteArray()); // one write: the server sees all sixteen at once
            for (int i = 0; i < 16; i++) {
                assertText(client.read(), i % 4 == 0 ? "ok" : Integer.toString(i + 100));
            }
        }
    }

    @Test
    void closesWhenTheClientAsks() throws IOException {
        try (var client = connect()) {
            assertText(client.send("GET / HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n").read(), "Hello, World!");
            assertTrue(client.closedByServer());
        }
    }
}
