package dev.httpcourse.bench.peers;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A client that writes exact bytes and reads responses framed by Content-Length or chunked. */
final class RawClient implements AutoCloseable {
    record RawResponse(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** A field by name, case-insensitively (the JDK server writes {@code Content-type}). */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    RawClient send(String request) throws IOException {
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return this;
    }

    /** Reads one response; {@code head} says the request was HEAD, whose response has a length but no body. */
    RawResponse read(boolean head) throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("not a status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new TreeMap<>();
        for (String field; !(field = line()).isEmpty(); ) {
            int colon = field.indexOf(':');
            headers.merge(field.substring(0, colon).toLowerCase(Locale.ROOT), field.substring(colon + 1).strip(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body;
        if (head) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            var all = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(line().split(";")[0].strip(), 16)) > 0; ) {
                all.writeBytes(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) { // trailers
            }
            body = all.toByteArray();
        } else {
            String length = headers.get("content-length");
            if (length == null) {
                throw new IOException("response without Content-Length or chunked: " + headers);
            }
            body = in.readNBytes(Integer.parseInt(length));
        }
        return new RawResponse(status, headers, body);
    }

    RawResponse read() throws IOException {
        return read(false);
    }

    /** True when the server has closed the connection (EOF or reset), after any response already read. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private String line() throws IOException {
        var line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new EOFException("connection closed after: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
