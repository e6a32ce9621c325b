package dev.httpcourse.conformance;

import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.HttpChars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads responses from a raw socket, strictly: CRLF line endings, a well-formed status line and field
 * lines, a body framed by {@code Content-Length} or chunked. It expects nothing of the socket but its
 * read timeout, which turns a server that neither answers nor closes into a failed test.
 *
 * <p>A connection reset counts as a close: a server that closes with unread request bytes in its
 * receive buffer makes the kernel send RST instead of FIN (RFC 9112 section 9.6 warns about it), and
 * the response that went before is still read first.
 *
 * <p>The load generator frames responses with a parser of its own ({@code ResponseParser} in
 * bench/load), on purpose: that one is lenient, allocation-free and fed pieces by a selector at
 * millions of responses a second, while this one blocks, keeps every field and the raw head for the
 * failure message, and fails a test on any byte out of place.
 */
final class ResponseReader {
    private static final int MAX_LINE_BYTES = 16 * 1024;
    private static final long MAX_BODY_BYTES = 64L << 20;

    private final InputStream in;
    private final String timeout;
    private final Transcript transcript;
    private final byte[] buffer = new byte[16 * 1024];
    private int pos;
    private int limit;
    private boolean closed;

    ResponseReader(InputStream in, String timeout, Transcript transcript) {
        this.in = in;
        this.timeout = timeout;
        this.transcript = transcript;
    }

    /**
     * Reads the next response, interim (1xx) or final.
     *
     * @param toHead the request was HEAD: the response has a Content-Length but no body
     */
    RawResponse read(boolean toHead) throws IOException {
        var head = new ByteArrayOutputStream();
        if (!fill("a response")) {
            throw failed("the server closed the connection without answering");
        }
        String statusLine = line(head);
        if (!statusLine.matches("HTTP/1\\.1 [1-5][0-9][0-9] [^\\r\\n]*")) {
            throw failed("malformed status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        List<Header> headers = new ArrayList<>();
        for (String line = line(head); !line.isEmpty(); line = line(head)) {
            headers.add(field(line));
        }
        var response = new RawResponse(status, List.copyOf(headers), new byte[0], head.toByteArray());
        if (toHead || status < 200 || status == 204 || status == 304) {
            return response;
        }
        return new RawResponse(status, response.headers(), body(response), response.head());
    }

    /** The next response, or null when the server closes the connection before sending a byte. */
    RawResponse readOrClose(boolean toHead) throws IOException {
        return fill("a response or a close") ? read(toHead) : null;
    }

    /** Passes when the server closes (EOF or reset) before sending anything more. */
    void assertServerCloses() throws IOException {
        if (pos < limit || fill("the server to close the connection")) {
            throw failed("expected the server to close the connection, but it sent more: "
                    + Bytes.printable(buffer, pos, limit));
        }
    }

    /**
     * Passes when the server closes with a FIN: EOF, nothing more sent first, and no reset, which
     * would mean it closed with our bytes unread and may have destroyed its answer on the way.
     */
    void assertServerClosesGracefully(String context) throws IOException {
        if (pos < limit) {
            throw new AssertionError(context + ": expected the server to close the connection, but it sent more: "
                    + Bytes.printable(buffer, pos, limit));
        }
        if (closed) {
            throw new AssertionError(context + ": the connection was already closed before the close was checked");
        }
        try {
            int n = in.read(buffer);
            if (n > 0) {
                throw new AssertionError(context + ": expected the server to close the connection, but it sent more: "
                        + Bytes.printable(buffer, 0, n));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(context + ": waited " + timeout + " for the server to close the connection");
        } catch (SocketException e) {
            throw new AssertionError(context + ": the server reset the connection instead of closing it (" + e.getMessage()
                    + "): it closed with the client's bytes unread, and a reset can destroy the answer before it is read");
        } finally {
            closed = true;
        }
    }

    private byte[] body(RawResponse response) throws IOException {
        String transferEncoding = response.header("Transfer-Encoding");
        if (transferEncoding != null) {
            if (!transferEncoding.equalsIgnoreCase("chunked")) {
                throw failed("unexpected Transfer-Encoding in response: " + response);
            }
            return chunkedBody(response);
        }
        String contentLength = response.header("Content-Length");
        if (contentLength == null) {
            throw failed("response without Content-Length or chunked framing: " + response);
        }
        if (!contentLength.matches("[0-9]{1,18}")) {
            throw failed("malformed Content-Length in response: " + response);
        }
        long length = Long.parseLong(contentLength);
        if (length > MAX_BODY_BYTES) {
            throw failed("response body too large for the suite: " + response);
        }
        var body = new ByteArrayOutputStream();
        copy(length, body, response);
        return body.toByteArray();
    }

    private byte[] chunkedBody(RawResponse response) throws IOException {
        var body = new ByteArrayOutputStream();
        var lines = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(lines);
            int semicolon = sizeLine.indexOf(';');
            String size = semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon);
            if (!size.matches("[0-9a-fA-F]{1,8}")) {
                throw failed("malformed chunk size in response: " + sizeLine);
            }
            long n = Long.parseLong(size, 16);
            if (n == 0) {
                while (!line(lines).isEmpty()) {
                    // trailer fields: not used by the suite
                }
                return body.toByteArray();
            }
            if (body.size() + n > MAX_BODY_BYTES) {
                throw failed("response body too large for the suite: " + response);
            }
            copy(n, body, response);
            if (!line(lines).isEmpty()) {
                throw failed("chunk data not followed by CRLF in response: " + response);
            }
        }
    }

    private void copy(long length, ByteArrayOutputStream body, RawResponse response) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            if (pos == limit && !fill("the rest of the response")) {
                throw failed("the server closed the connection after " + body.size() + " of " + length
                        + " body bytes of: " + response);
            }
            int n = (int) Math.min(remaining, limit - pos);
            body.write(buffer, pos, n);
            pos += n;
            remaining -= n;
        }
    }

    /** A line without its CRLF; a bare CR or LF, or the connection closing mid-line, fails. */
    private String line(ByteArrayOutputStream head) throws IOException {
        var line = new StringBuilder();
        while (true) {
            if (pos == limit && !fill("the rest of the response")) {
                throw failed("the server closed the connection in the middle of a response: "
                        + Bytes.printable(head.toByteArray()) + line);
            }
            int b = buffer[pos++] & 0xFF;
            head.write(b);
            if (b == '\r') {
                if (pos == limit && !fill("the rest of the response")) {
                    throw failed("the server closed the connection after a CR: " + line);
                }
                int next = buffer[pos++] & 0xFF;
                head.write(next);
                if (next != '\n') {
                    throw failed("bare CR in response line: " + line);
                }
                return line.toString();
            }
            if (b == '\n') {
                throw failed("bare LF in response line: " + line);
            }
            if (line.length() == MAX_LINE_BYTES) {
                throw failed("response line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.append((char) b);
        }
    }

    private Header field(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw failed("malformed field line in response: " + line);
        }
        for (int i = 0; i < colon; i++) {
            if (!HttpChars.isToken(line.charAt(i))) {
                throw failed("malformed field name in response: " + line);
            }
        }
        return new Header(line.substring(0, colon), line.substring(colon + 1).strip());
    }

    /** A response that could not be read as expected, with what went over the connection as its cause. */
    private AssertionError failed(String message) {
        return new AssertionError(message, new ConnectionEvidence(transcript));
    }

    /**
     * Reads more bytes into an empty buffer.
     *
     * @param awaited what the test waits for, for the failure message
     * @return false when the server closed (EOF or reset)
     */
    private boolean fill(String awaited) throws IOException {
        if (pos < limit) {
            return true;
        }
        if (closed) {
            return false;
        }
        pos = 0;
        limit = 0;
        try {
            int n = in.read(buffer);
            if (n > 0) {
                transcript.read(buffer, 0, n);
                limit = n;
                return true;
            }
            transcript.ended("the server closed the connection");
        } catch (SocketTimeoutException e) {
            transcript.ended("nothing more came for " + timeout + " while the client waited for " + awaited);
            throw failed("waited " + timeout + " for " + awaited + ": the server hung");
        } catch (SocketException e) {
            // reset by the server: a close as far as the client can tell (see the class comment)
            transcript.ended("the server reset the connection");
        }
        closed = true;
        return false;
    }
}
