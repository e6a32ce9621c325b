package dev.httpcourse.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw-socket client for the book's exercise checks ({@code ExerciseN_MCheck} in the stages' test
 * trees): it sends bytes as given, reads a response framed by {@code Content-Length}, and tells a
 * connection that is open and silent from one that answered or closed, which is what a check of a
 * timeout or of keep-alive needs to say what it saw. The suite's own reader is stricter and private
 * to the suite; this one is small on purpose.
 */
public final class ExerciseClient implements AutoCloseable {
    /** A response: its status, its fields (names in lower case), its body as ISO-8859-1 text. */
    public record Response(int status, Map<String, String> headers, String body) {
        public boolean saysClose() {
            return headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("close");
        }

        @Override
        public String toString() {
            String shown = body.length() > 80 ? body.substring(0, 80) + "…" : body;
            return status + " " + headers + (body.isEmpty() ? "" : " \"" + shown.replace("\r", "\\r").replace("\n", "\\n")
                    + "\"");
        }
    }

    /** What came back within a wait: a response, the end of the connection, or nothing at all. */
    public sealed interface Outcome permits Answered, Closed, Silent {
    }

    public record Answered(Response response) implements Outcome {
    }

    public record Closed(String how) implements Outcome {
    }

    public record Silent() implements Outcome {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;

    private ExerciseClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static ExerciseClient connect(int port) throws IOException {
        var socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setTcpNoDelay(true);
        return new ExerciseClient(socket);
    }

    /** Sends {@code text} (CRLFs written out), as ISO-8859-1 bytes, in one write. */
    public ExerciseClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public ExerciseClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next response, which must come within {@code wait}; fails the check, saying what came instead, if not. */
    public Response read(Duration wait) throws IOException {
        Outcome o = await(wait);
        return switch (o) {
            case Answered a -> a.response();
            case Closed c -> throw new AssertionError("the server closed the connection (" + c.how() + ") instead of answering");
            case Silent s -> throw new AssertionError("no answer within " + wait.toMillis() + " ms, and the connection is still open");
        };
    }

    /** Waits up to {@code wait} for a response or the end of the connection. */
    public Outcome await(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            if (!fill()) {
                return new Closed("EOF");
            }
            String status = line();
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new AssertionError("not a status line: " + status);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String l = line(); !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                headers.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            var body = new ByteArrayOutputStream();
            while (body.size() < length) {
                if (pos == limit && !fill()) {
                    throw new AssertionError("the connection closed in the middle of a body");
                }
                int n = Math.min(length - body.size(), limit - pos);
                body.write(buffer, pos, n);
                pos += n;
            }
            return new Answered(new Response(Integer.parseInt(status.substring(9, 12)), headers,
                    body.toString(StandardCharsets.ISO_8859_1)));
        } catch (SocketTimeoutException e) {
            return new Silent();
        } catch (SocketException e) {
            return new Closed(e.getMessage());
        }
    }

    private String line() throws IOException {
        var text = new StringBuilder();
        while (true) {
            if (pos == limit && !fill()) {
                throw new AssertionError("the connection closed in the middle of a response head: " + text);
            }
            char c = (char) (buffer[pos++] & 0xFF);
            if (c == '\n') {
                return text.toString().endsWith("\r") ? text.substring(0, text.length() - 1) : text.toString();
            }
            text.append(c);
        }
    }

    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        int n = in.read(buffer);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
