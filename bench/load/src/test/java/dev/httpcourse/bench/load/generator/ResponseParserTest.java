package dev.httpcourse.bench.load.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseParserTest {

    private static final String CONTENT_LENGTH = """
            HTTP/1.1 200 OK\r
            Content-Type: text/plain\r
            Content-Length: 2\r
            Date: Sat, 22 Nov 2025 10:00:00 GMT\r
            \r
            55""";

    private static final String CHUNKED = """
            HTTP/1.1 200 OK\r
            Transfer-Encoding: chunked\r
            \r
            3;ext=1\r
            {"a\r
            5\r
            ":1}x\r
            0\r
            Trailer-Field: yes\r
            \r
            """;

    /** What the parser reported for one response. */
    private record Parsed(int status, String body, long bodyLength, boolean close) {
    }

    /** Feeds {@code bytes} in pieces of {@code piece} bytes and collects every complete response. */
    private static List<Parsed> feed(String text, int piece) throws ResponseParseException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        var parser = new ResponseParser();
        parser.reset(true);
        var out = new ArrayList<Parsed>();
        for (int from = 0; from < bytes.length; from += piece) {
            ByteBuffer in = ByteBuffer.wrap(bytes, from, Math.min(piece, bytes.length - from));
            while (in.hasRemaining()) {
                if (parser.parse(in)) {
                    out.add(new Parsed(parser.status(), new String(parser.body(), 0, parser.keptLength(),
                            StandardCharsets.ISO_8859_1), parser.bodyLength(), parser.closeRequested()));
                    parser.reset(true);
                }
            }
        }
        return out;
    }

    private static List<Parsed> feed(String text) throws ResponseParseException {
        return feed(text, Integer.MAX_VALUE);
    }

    @Test
    void readsBodyFramedByContentLength() throws Exception {
        assertEquals(List.of(new Parsed(200, "55", 2, false)), feed(CONTENT_LENGTH));
    }

    @Test
    void decodesChunkedBodySkippingExtensionsAndTrailers() throws Exception {
        assertEquals(List.of(new Parsed(200, "{\"a\":1}x", 8, false)), feed(CHUNKED));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 16})
    void getsTheSameResponsesWhateverTheReadsCutThemInto(int piece) throws Exception {
        String three = CONTENT_LENGTH + CHUNKED + CONTENT_LENGTH;
        assertEquals(feed(three), feed(three, piece));
        assertEquals(3, feed(three, piece).size());
    }

    @Test
    void stopsAtTheEndOfOneResponseLeavingTheNextInTheBuffer() throws Exception {
        byte[] two = (CONTENT_LENGTH + CONTENT_LENGTH).getBytes(StandardCharsets.ISO_8859_1);
        var parser = new ResponseParser();
        parser.reset(false);
        ByteBuffer in = ByteBuffer.wrap(two);
        assertTrue(parser.parse(in));
        assertEquals(CONTENT_LENGTH.length(), in.position());
    }

    @Test
    void skipsInterimResponses() throws Exception {
        assertEquals(List.of(new Parsed(200, "55", 2, false)), feed("HTTP/1.1 100 Continue\r\n\r\n" + CONTENT_LENGTH));
    }

    @Test
    void reportsConnectionClose() throws Exception {
        String close = "HTTP/1.1 400 Bad Request\r\nConnection: keep-alive, Close\r\ncontent-length: 3\r\n\r\nbad";
        assertEquals(List.of(new Parsed(400, "bad", 3, true)), feed(close));
    }

    @Test
    void treatsNoContentAndZeroLengthAsEmptyBodies() throws Exception {
        assertEquals(List.of(new Parsed(204, "", 0, false), new Parsed(200, "", 0, false)),
                feed("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    }

    @Test
    void acceptsBareLineFeedsAndAStatusLineWithoutReason() throws Exception {
        assertEquals(List.of(new Parsed(404, "no", 2, false)), feed("HTTP/1.1 404\nContent-Length: 2\n\nno"));
    }

    @Test
    void keepsNoBodyUnlessAsked() throws Exception {
        var parser = new ResponseParser();
        parser.reset(false);
        assertTrue(parser.parse(ByteBuffer.wrap(CONTENT_LENGTH.getBytes(StandardCharsets.ISO_8859_1))));
        assertEquals(0, parser.keptLength());
        assertEquals(2, parser.bodyLength());
        assertFalse(parser.bodyKept());
    }

    @Test
    void keepsAtMostTheLimitOfALargeBody() throws Exception {
        int size = ResponseParser.MAX_KEPT_BODY + 10;
        var parser = new ResponseParser();
        parser.reset(true);
        ByteBuffer in = ByteBuffer.allocate(100 + size);
        in.put(("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        in.put(new byte[size]).flip();
        assertTrue(parser.parse(in));
        assertEquals(size, parser.bodyLength());
        assertEquals(ResponseParser.MAX_KEPT_BODY, parser.keptLength());
        assertFalse(parser.bodyKept());
    }

    @Test
    void needsAResetBetweenResponses() throws Exception {
        var parser = new ResponseParser();
        parser.reset(false);
        byte[] bytes = (CONTENT_LENGTH + CONTENT_LENGTH).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        assertTrue(parser.parse(in));
        assertThrows(IllegalStateException.class, () -> parser.parse(in));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/2 200 OK\r\n\r\n",
        "HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n",
        "ICY 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
        "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
        "HTTP/1.1 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n",
    })
    void refusesWhatItCannotFrame(String response) {
        assertThrows(ResponseParseException.class, () -> feed(response));
    }

    @Test
    void refusesAnEndlessHeaderLine() {
        String endless = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(ResponseParser.MAX_LINE) + "\r\n\r\n";
        assertThrows(ResponseParseException.class, () -> feed(endless, 100));
    }

    @Test
    void givesTheBodyBytesExactly() throws Exception {
        var parser = new ResponseParser();
        parser.reset(true);
        assertTrue(parser.parse(ByteBuffer.wrap(CHUNKED.getBytes(StandardCharsets.ISO_8859_1))));
        assertArrayEquals("{\"a\":1}x".getBytes(StandardCharsets.US_ASCII),
                java.util.Arrays.copyOf(parser.body(), parser.keptLength()));
    }
}
