package dev.httpcourse.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkedDecoderTest {
    private static final Limits LIMITS = Limits.defaults().withMaxBodyBytes(64).withMaxHeaderBytes(32);

    static Stream<Arguments> validBodies() {
        return Stream.of(
                Arguments.of("2\r\n20\r\n0\r\n\r\n", "20"),
                Arguments.of("5;name=value\r\nhello\r\n6;x\r\n world\r\n0\r\n\r\n", "hello world"),
                Arguments.of("A\r\n0123456789\r\n0\r\n\r\n", "0123456789"),
                Arguments.of("a\r\n0123456789\r\n0\r\nX-Sum: 1\r\nY: 2\r\n\r\n", "0123456789"),
                Arguments.of("0\r\n\r\n", ""),
                Arguments.of("000\r\n\r\n", ""),
                Arguments.of("2 ;a\t=\t\"q\\\"; \" ; b\r\nok\r\n0;z=1\r\n\r\n", "ok"),
                Arguments.of("2;a=b;c;d=\"\"\r\nok\r\n0\r\n\r\n", "ok"));
    }

    @ParameterizedTest
    @MethodSource("validBodies")
    void decodesWholeInput(String input, String body) {
        assertEquals(body, decode(input, input.length()));
    }

    @ParameterizedTest
    @MethodSource("validBodies")
    void decodesInputArrivingOneByteAtATime(String input, String body) {
        assertEquals(body, decode(input, 1));
    }

    @Test
    void stopsAtTheEndOfTheBodyLeavingTheNextRequest() {
        var decoder = new ChunkedDecoder(LIMITS);
        ByteBuffer in = ascii("1\r\nx\r\n0\r\n\r\nGET / HTTP/1.1\r\n");
        assertTrue(decoder.decode(in, data -> data.position(data.limit())));
        assertEquals("GET / HTTP/1.1\r\n", StandardCharsets.US_ASCII.decode(in).toString());
    }

    @Test
    void incompleteInputIsNotDone() {
        var decoder = new ChunkedDecoder(LIMITS);
        assertFalse(decoder.decode(ascii("5\r\nhel"), data -> data.position(data.limit())));
        assertFalse(decoder.isDone());
    }

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                Arguments.of("\r\n", Status.BAD_REQUEST),
                Arguments.of(";ext\r\n", Status.BAD_REQUEST),
                Arguments.of("g\r\n", Status.BAD_REQUEST),
                Arguments.of("-1\r\n", Status.BAD_REQUEST),
                Arguments.of(" 1\r\n", Status.BAD_REQUEST),
                Arguments.of("1 \r\n", Status.BAD_REQUEST),
                Arguments.of("1\n", Status.BAD_REQUEST),
                Arguments.of("1\r\nxy", Status.BAD_REQUEST),
                Arguments.of("1;a\u0001\r\n", Status.BAD_REQUEST),
                Arguments.of("0\r\nX: \u0000\r\n", Status.BAD_REQUEST),
                Arguments.of("41\r\n", Status.CONTENT_TOO_LARGE),
                Arguments.of("FFFFFFFFFFFFFFFFFFFFFFFF\r\n", Status.BAD_REQUEST),
                Arguments.of("10000000000000005\r\nhello\r\n", Status.BAD_REQUEST),
                Arguments.of("1;\r\n", Status.BAD_REQUEST),
                Arguments.of("1;bad[=x\r\n", Status.BAD_REQUEST),
                Arguments.of("1;a=\r\n", Status.BAD_REQUEST),
                Arguments.of("1;=a\r\n", Status.BAD_REQUEST),
                Arguments.of("1;a b\r\n", Status.BAD_REQUEST),
                Arguments.of("1;a=b c\r\n", Status.BAD_REQUEST),
                Arguments.of("1;a \r\n", Status.BAD_REQUEST),
                Arguments.of("1;a=\"x\r\n", Status.BAD_REQUEST),
                Arguments.of("1;a=\"x\"y\r\n", Status.BAD_REQUEST),
                Arguments.of("1 \t \r\n", Status.BAD_REQUEST),
                Arguments.of("20\r\n" + "x".repeat(32) + "\r\n21\r\n", Status.CONTENT_TOO_LARGE),
                Arguments.of("40\r\n" + "x".repeat(64) + "\r\n1\r\n", Status.CONTENT_TOO_LARGE),
                Arguments.of("0\r\nX-Long: " + "y".repeat(40) + "\r\n", Status.REQUEST_HEADER_FIELDS_TOO_LARGE),
                Arguments.of("1;" + "e".repeat(Limits.MAX_CHUNK_LINE_BYTES) + "\r\n", Status.BAD_REQUEST));
    }

    @ParameterizedTest
    @MethodSource("refusedBodies")
    void refusesMalformedOrOversizedBodies(String input, Status status) {
        var e = assertThrows(HttpException.class, () -> decode(input, input.length()));
        assertEquals(status, e.status(), e.getMessage());
    }

    @Test
    void chunkSizeCannotOverflowWhateverTheBodyLimit() {
        var decoder = new ChunkedDecoder(Limits.defaults().withMaxBodyBytes(Long.MAX_VALUE));
        for (String size : new String[] {"10000000000000000", "10000000000000005", "7fffffffffffffff0", "FFFFFFFFFFFFFFFFF"}) {
            decoder.reset();
            ByteBuffer in = ascii(size + "\r\n");
            var e = assertThrows(HttpException.class, () -> decoder.decode(in, data -> data.position(data.limit())), size);
            assertEquals(Status.BAD_REQUEST, e.status(), "not a number at all, whatever the limit: " + size);
        }
        decoder.reset();
        assertFalse(decoder.decode(ascii("00000000000000000000000005\r\nab"), data -> data.position(data.limit())),
                "leading zeros are digits, not overflow");
        decoder.reset();
        assertFalse(decoder.decode(ascii("7fffffffffffffff\r\nab"), data -> data.position(data.limit())),
                "the largest size that fits is accepted");
    }

    private static String decode(String input, int pieceSize) {
        var decoder = new ChunkedDecoder(LIMITS);
        var body = new ByteArrayOutputStream();
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        boolean done = false;
        for (int from = 0; from < bytes.length && !done; from += pieceSize) {
            ByteBuffer piece = ByteBuffer.wrap(bytes, from, Math.min(pieceSize, bytes.length - from));
            done = decoder.decode(piece, data -> {
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                body.writeBytes(chunk);
            });
            assertFalse(piece.hasRemaining() && !done, "an unfinished decoder consumes all it is given");
        }
        assertTrue(done, "body complete");
        return body.toString(StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}
