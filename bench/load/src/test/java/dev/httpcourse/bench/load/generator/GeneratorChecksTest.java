package dev.httpcourse.bench.load.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A server that answers fast but wrong earns nothing: wrong bodies and non-2xx are errors, not requests. */
class GeneratorChecksTest {

    /** Answers every GET with the same canned response; enough for the pipelined profile's GET /pipeline. */
    private static final class CannedServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 100, java.net.InetAddress.getLoopbackAddress());

        CannedServer(String response) throws IOException {
            byte[] bytes = response.getBytes(StandardCharsets.US_ASCII);
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        Thread.ofVirtual().start(() -> serve(s, bytes));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private static void serve(Socket s, byte[] response) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                int state = 0;
                int b;
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    for (int i = 0; i < n; i++) {
                        b = buffer[i];
                        // Counts "\r\n\r\n": the end of a request head without a body.
                        state = (b == '\r' && (state == 0 || state == 2)) ? state + 1
                                : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
                        if (state == 4) {
                            out.write(response);
                            state = 0;
                        }
                    }
                    out.flush();
                }
            } catch (IOException ignored) {
                // the client reset the connection
            }
        }

        int port() {
            return listener.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private static LoadResult.Window run(String response, long requests) throws Exception {
        return runAll(response, requests).windows().getFirst();
    }

    private static LoadResult runAll(String response, long requests) throws Exception {
        try (var server = new CannedServer(response)) {
            var spec = LoadSpec.counted(new InetSocketAddress("127.0.0.1", server.port()), Profile.PIPELINED, 4, 1,
                    requests);
            return new NioLoadGenerator().run(spec, LoadGenerator.WindowListener.NONE);
        }
    }

    @Test
    void countsRightAnswers() throws Exception {
        LoadResult result = runAll("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 1000);
        assertEquals(1000, result.windows().getFirst().requests());
        assertEquals(0, result.windows().getFirst().errors().total());
        assertEquals(0, result.unanswered());
    }

    @Test
    void countsRequestsAServerNeverAnsweredWhenTheRunEnds() throws Exception {
        // It reads every request and answers none: no window counts an error, the run's end does.
        try (var listener = new ServerSocket(0, 100, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        Thread.ofVirtual().start(() -> {
                            try (s) {
                                s.getInputStream().transferTo(OutputStream.nullOutputStream());
                            } catch (IOException ignored) {
                                // reset at the end of the run
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            var spec = LoadSpec.timed(new InetSocketAddress("127.0.0.1", listener.getLocalPort()), Profile.PIPELINED,
                    4, 1, java.time.Duration.ZERO, java.time.Duration.ofMillis(300), 1);
            LoadResult result = new NioLoadGenerator().run(spec, LoadGenerator.WindowListener.NONE);
            assertEquals(0, result.windows().getFirst().errors().total());
            assertEquals(4 * Profile.PIPELINED.pipeline(), result.unanswered());
        }
    }

    @Test
    void countsWrongBodiesAsErrorsNotRequests() throws Exception {
        LoadResult.Window w = run("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nno", 1000);
        // The first response on each of the 4 connections is checked, then one in a hundred.
        assertTrue(w.errors().badBody() >= 4, "bad bodies: " + w.errors().badBody());
        assertEquals(1000, w.requests() + w.errors().badBody());
    }

    @Test
    void countsNon2xxAsErrors() throws Exception {
        LoadResult.Window w = run("HTTP/1.1 503 Busy\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbusy\r\n0\r\n\r\n", 500);
        assertEquals(0, w.requests());
        assertEquals(500, w.errors().non2xx());
    }
}
