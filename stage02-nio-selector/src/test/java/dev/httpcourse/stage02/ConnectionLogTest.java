package dev.httpcourse.stage02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.server.ServerConfig;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** {@code --log-level debug} tells a connection's life; nothing of it is said at the default level. */
class ConnectionLogTest {

    @Test
    void debugTellsAConnectionsLifeFromOpenToClose() throws Exception {
        List<String> said = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(Connection.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    said.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = logger.getLevel();
        logger.addHandler(capture);
        SelectorServer server = new SelectorServer(ServerConfig.ephemeral());
        server.start();
        try {
            exchange(server.port(), "GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\n");
            awaitQuiet();
            assertEquals(List.of(), said, "nothing at the default level");

            logger.setLevel(Level.FINE);
            exchange(server.port(), "GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            awaitQuiet();
            assertEquals(3, said.size(), said.toString());
            assertTrue(said.get(0).endsWith(": opened"), said.toString());
            assertTrue(said.get(1).contains("lingering"), said.toString());
            assertTrue(said.get(2).contains("closed"), said.toString());
        } finally {
            server.stop(Duration.ofSeconds(1));
            logger.removeHandler(capture);
            logger.setLevel(before);
        }
    }

    private static void exchange(int port, String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertTrue(new String(in.readNBytes(12), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
            if (request.contains("close")) {
                while (in.read() >= 0) {
                    // to the server's FIN
                }
            }
        }
    }

    /** The connection's last events happen on the loop after the client has its answer. */
    private static void awaitQuiet() throws InterruptedException {
        Thread.sleep(700); // longer than the 500 ms linger
    }
}
