package dev.httpcourse.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Servers that misbehave in the ways the driver must survive; run as {@code FakeServer --port P <mode>}. */
public final class FakeServer {
    private FakeServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        switch (args[2]) {
            case "unavailable" -> {
                System.out.println("fake: io_uring is not available here");
                System.exit(StartFailure.EXIT_UNAVAILABLE);
            }
            case "crash" -> {
                System.out.println("fake: cannot bind, giving up");
                System.exit(1);
            }
            case "silent" -> Thread.sleep(60_000);
            case "not-found" -> {
                try (var listener = new ServerSocket(port)) {
                    System.out.println("fake ready on port " + port);
                    while (true) {
                        Socket s = listener.accept();
                        Thread.ofVirtual().start(() -> answer404(s));
                    }
                }
            }
            default -> throw new IllegalArgumentException(args[2]);
        }
    }

    private static void answer404(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            in.read(new byte[4096]);
            s.getOutputStream().write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
            // gone
        }
    }
}
