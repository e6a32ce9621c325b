package dev.httpcourse.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The grammar of request lines and field lines, on lines without their CRLF. */
class HeadSyntaxTest {

    @Test
    void findsTheMethodAndTheTargetOfARequestLine() {
        ByteView line = ByteView.of("GET /json/3?m=2 HTTP/1.1");
        int methodEnd = HeadSyntax.methodEnd(line);
        assertEquals(3, methodEnd);
        assertEquals(15, HeadSyntax.targetEnd(line, methodEnd));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET  / HTTP/1.1", " GET / HTTP/1.1", "GET /", "G@T / HTTP/1.1", "GET\t/ HTTP/1.1",
            "GET /a\u0001b HTTP/1.1", "GET", ""})
    void refusesMalformedRequestLines(String text) {
        ByteView line = ByteView.of(text);
        HttpException e = assertThrows(HttpException.class, () -> HeadSyntax.targetEnd(line, HeadSyntax.methodEnd(line)));
        assertEquals(Status.BAD_REQUEST, e.status());
    }

    @Test
    void cutsAFieldLineIntoNameAndTrimmedValue() {
        ByteView line = ByteView.of("Content-Type: \t text/plain \t");
        int nameEnd = HeadSyntax.nameEnd(line);
        int valueStart = HeadSyntax.valueStart(line, nameEnd);
        assertEquals(12, nameEnd);
        assertEquals(16, valueStart);
        assertEquals(26, HeadSyntax.valueEnd(line, valueStart));
    }

    @Test
    void acceptsAnEmptyValue() {
        ByteView line = ByteView.of("X-Empty:   ");
        int valueStart = HeadSyntax.valueStart(line, HeadSyntax.nameEnd(line));
        assertEquals(valueStart, HeadSyntax.valueEnd(line, valueStart));
    }

    @ParameterizedTest
    @ValueSource(strings = {" Host: t", "\tHost: t", "Host : t", ": t", "Host", "X@A: b", "X A: b", "X\u0001A: b", "X\rA: b",
            "X-A: a\rb", "X-A: a\u0000b", "X-A: a\u007fb"})
    void refusesMalformedFieldLines(String text) {
        ByteView line = ByteView.of(text);
        HttpException e = assertThrows(HttpException.class, () -> {
            int valueStart = HeadSyntax.valueStart(line, HeadSyntax.nameEnd(line));
            HeadSyntax.valueEnd(line, valueStart);
        });
        assertEquals(Status.BAD_REQUEST, e.status());
    }

    /** Eight bytes at a time must say exactly what byte by byte says, for every byte in every place. */
    @Test
    void plainTextWordsAreExactlyThoseWithoutControlsOrDel() {
        for (int b = 0; b < 256; b++) {
            for (int at = 0; at < 8; at++) {
                long word = 0x6161616161616161L & ~(0xFFL << (8 * at)) | ((long) b << (8 * at)); // 'a's and b
                boolean expected = b >= 0x20 && b != 0x7F;
                assertEquals(expected, HeadSyntax.plainText(word), "byte " + b + " at " + at);
            }
        }
    }

    @Test
    void findsABadByteAnywhereInALongValueAndAcceptsTabs() {
        String value = "x".repeat(40);
        for (int at = 0; at < value.length(); at++) {
            String bad = value.substring(0, at) + "\u0001" + value.substring(at + 1);
            ByteView line = ByteView.of("X-A: " + bad);
            assertThrows(HttpException.class, () -> HeadSyntax.valueEnd(line, 5), "a control at " + at);
            ByteView tab = ByteView.of("X-A: " + value.substring(0, at) + "\t" + value.substring(at + 1) + "y");
            assertEquals(tab.length(), HeadSyntax.valueEnd(tab, 5), "a tab at " + at);
        }
    }
}
