package dev.httpcourse.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.httpcourse.bench.load.generator.Profile;
import dev.httpcourse.bench.load.generator.RequestTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native floor over a real socket: built with the machine's cc and liburing as the bench builds
 * it, started as the bench starts it, and sent the bench's own request templates, whole, pipelined,
 * and cut into small writes. Skipped with the reason where it cannot be built (no cc or liburing:
 * the bench leaves it out there too) or io_uring is unavailable (failed instead under
 * {@code REQUIRE_IO_URING=1}, as the stages' io_uring tests are).
 */
class NativeFloorTest {
    /** Surefire runs in the module's folder, bench/load. */
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final String HOST = "localhost";

    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        NativeFloor.Build build = NativeFloor.build(ROOT);
        // optional, as nginx is: no cc or liburing is a skip even in CI; no io_uring is not (below)
        Assumptions.assumeTrue(build.ok(), () -> "native floor not built: " + build.missing());
        var spec = Discovery.discover(ROOT).servers().stream().filter(s -> s.name().equals(NativeFloor.NAME))
                .findFirst().orElseThrow();
        Path work = Files.createTempDirectory("native-floor-test");
        var options = new ServerProcess.Options("java", List.of(), null, Duration.ofSeconds(10));
        try {
            server = ServerProcess.start(spec, Driver.freePort(), options, work, "floor", "/pipeline");
        } catch (StartFailure e) {
            skipOrFail(!e.unavailable(), e.getMessage());
            throw e;
        }
    }

    private static void skipOrFail(boolean ok, String reason) {
        if (ok) {
            return;
        }
        if ("1".equals(System.getenv("REQUIRE_IO_URING"))) {
            fail("REQUIRE_IO_URING=1 but " + reason);
        }
        Assumptions.abort(reason);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            assertNull(server.stop(), "the floor exits 0 on SIGTERM");
        }
    }

    /** Every template of the profiles the bench runs it in, with the bench's own body checks. */
    private static List<RequestTemplate> templates() {
        var all = new ArrayList<RequestTemplate>();
        for (Profile p : Discovery.FLOOR_PROFILES) {
            all.addAll(p.templates(HOST));
        }
        return all;
    }

    @Test
    void answersEveryTemplateOfItsProfilesAsTheBenchChecks() throws IOException {
        try (var socket = connect()) {
            for (RequestTemplate t : templates()) {
                socket.getOutputStream().write(ascii(t.text()));
                assertAnswers(t, read(socket.getInputStream()));
            }
        }
    }

    @Test
    void answersPipelinedRequestsInOrderInOneWrite() throws IOException {
        List<RequestTemplate> sent = pipelined();
        try (var socket = connect()) {
            socket.getOutputStream().write(ascii(String.join("", sent.stream().map(RequestTemplate::text).toList())));
            for (RequestTemplate t : sent) {
                assertAnswers(t, read(socket.getInputStream()));
            }
        }
    }

    @Test
    void carriesPartialRequestsOverFromOneReceiveToTheNext() throws Exception {
        List<RequestTemplate> sent = pipelined();
        byte[] all = ascii(String.join("", sent.stream().map(RequestTemplate::text).toList()));
        try (var socket = connect()) {
            socket.setTcpNoDelay(true);
            // Cuts at 7 bytes fall inside request lines, header names, the blank line, chunk sizes and
            // bodies; the pause lets each piece arrive as a receive of its own.
            for (int i = 0; i < all.length; i += 7) {
                socket.getOutputStream().write(all, i, Math.min(7, all.length - i));
                socket.getOutputStream().flush();
                Thread.sleep(1);
            }
            for (RequestTemplate t : sent) {
                assertAnswers(t, read(socket.getInputStream()));
            }
        }
    }

    @Test
    void answersAnUnknownPathWith404AndGoesOn() throws IOException {
        try (var socket = connect()) {
            socket.getOutputStream().write(ascii("GET /json/1?m=3 HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"));
            assertEquals(404, read(socket.getInputStream()).status());
            Response hello = read(socket.getInputStream());
            assertEquals(200, hello.status());
            assertEquals("Hello, World!", hello.body());
        }
    }

    @Test
    void closesAfterAnsweringConnectionClose() throws IOException {
        try (var socket = connect()) {
            socket.getOutputStream().write(ascii("GET /pipeline HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            assertEquals("ok", read(socket.getInputStream()).body());
            assertEquals(-1, socket.getInputStream().read(), "closed after the answer");
        }
    }

    /** Three rounds of the baseline templates and sixteen /pipeline requests, interleaved. */
    private static List<RequestTemplate> pipelined() {
        var sent = new ArrayList<RequestTemplate>();
        List<RequestTemplate> baseline = Profile.BASELINE.templates(HOST);
        RequestTemplate pipeline = Profile.PIPELINED.templates(HOST).getFirst();
        for (int i = 0; i < 16; i++) {
            sent.add(pipeline);
            if (i % 5 == 0) {
                sent.addAll(baseline);
            }
        }
        return sent;
    }

    private static void assertAnswers(RequestTemplate t, Response r) {
        assertEquals(200, r.status(), t.name() + ": " + r);
        byte[] body = r.body().getBytes(StandardCharsets.US_ASCII);
        assertTrue(t.check().matches(body, body.length), t.name() + " expected " + t.check() + ": " + r);
        assertTrue(r.head().contains("\r\nServer: ") && r.head().contains("\r\nDate: ")
                && r.head().contains("\r\nContent-Type: text/plain\r\n"), r.head());
    }

    private static Socket connect() throws IOException {
        var socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    record Response(int status, String head, String body) {
    }

    /** One response framed by Content-Length (all the floor sends). */
    private static Response read(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed mid-head: " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int at = text.indexOf("\r\nContent-Length: ");
        assertTrue(at > 0, text);
        int length = Integer.parseInt(text.substring(at + 18, text.indexOf("\r\n", at + 2)));
        String body = new String(in.readNBytes(length), StandardCharsets.US_ASCII);
        return new Response(Integer.parseInt(text.substring(9, 12)), text, body);
    }
}
