package dev.httpcourse.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadRulesTest {
    private static final Limits LIMITS = Limits.defaults().withMaxBodyBytes(1000);

    @Test
    void recognisesTheFieldsItActsOnInAnyCaseAndNothingElse() {
        assertSame(FieldName.HOST, FieldName.of(ByteView.of("hOsT")));
        assertSame(FieldName.CONTENT_LENGTH, FieldName.of(ByteView.of("Content-Length")));
        assertSame(FieldName.TRANSFER_ENCODING, FieldName.of(ByteView.of("TRANSFER-ENCODING")));
        assertSame(FieldName.CONNECTION, FieldName.of(ByteView.of("connection")));
        assertSame(FieldName.EXPECT, FieldName.of(ByteView.of("Expect")));
        assertSame(FieldName.CONTENT_TYPE, FieldName.of(ByteView.of("content-type")));
        // same lengths, one byte off; and bytes that equal a letter only with bit 5 folded
        for (String other : new String[] {"Hosts", "Hist", "Content-Lengtx", "Content_Length", "Expecu", "H\u00cfST",
            "Host\u0000", "", "Connectio\r", "Content\rLength"}) {
            assertSame(FieldName.OTHER, FieldName.of(ByteView.of(other)), other);
        }
    }

    @Test
    void decidesTheSameWhateverTheOrderOfTheFields() {
        // 413 and 417 and a missing Host: Host's 400 first, then framing, then Expect, in any field order
        List<String[]> fields = new ArrayList<>(List.of(
                new String[] {"Expect", "nope"}, new String[] {"Content-Length", "1001"}, new String[] {"X", "y"}));
        for (int i = 0; i < 6; i++) {
            Collections.rotate(fields, 1);
            if (i == 3) {
                Collections.swap(fields, 0, 1);
            }
            assertEquals(Status.BAD_REQUEST, statusOf(Version.HTTP_1_1, fields));
            List<String[]> withHost = new ArrayList<>(fields);
            withHost.add(i % 3, new String[] {"Host", "a"});
            assertEquals(Status.CONTENT_TOO_LARGE, statusOf(Version.HTTP_1_1, withHost));
        }
    }

    @Test
    void readsTheSameFromStringsAndFromBuffers() {
        var rules = new HeadRules(LIMITS);
        rules.reset(Version.HTTP_1_1);
        ByteBuffer buffer = ByteBuffer.wrap("xxchunked, ".getBytes(StandardCharsets.US_ASCII)).position(2);
        rules.onField(FieldName.TRANSFER_ENCODING, ByteView.of(buffer));
        rules.onField(FieldName.HOST, ByteView.of("a"));
        rules.finish(ByteView.of("POST"), ByteView.of("http://h?q=1"));
        assertTrue(rules.chunked());
        assertEquals(0, rules.contentLength());
        assertTrue(rules.impliedRootPath());
        assertEquals("q=1", "http://h?q=1".substring(rules.queryStart()));
        assertEquals(2, buffer.position(), "a view reads without moving the buffer");
    }

    @Test
    void versionAndLengthFromBytes() {
        assertSame(Version.HTTP_1_0, Version.of(ByteView.of("HTTP/1.0")));
        assertEquals(Status.HTTP_VERSION_NOT_SUPPORTED,
                assertThrows(HttpException.class, () -> Version.of(ByteView.of("HTTP/2.0"))).status());
        assertEquals(Long.MAX_VALUE, HeadRules.parseLength(ByteView.of("9223372036854775807")));
        assertTrue(HeadRules.parseLength(ByteView.of("9223372036854775808")) < 0);
        assertTrue(HeadRules.parseLength(ByteView.of("1 ")) < 0);
        var rules = new HeadRules(LIMITS);
        rules.reset(Version.HTTP_1_0);
        rules.onField(FieldName.CONNECTION, ByteView.of(" foo ,Keep-Alive"));
        rules.finish(ByteView.of("GET"), ByteView.of("/"));
        assertTrue(rules.keepAlive());
        assertFalse(rules.expectContinue());
    }

    private static Status statusOf(Version version, List<String[]> fields) {
        var rules = new HeadRules(LIMITS);
        rules.reset(version);
        for (String[] f : fields) {
            rules.onField(FieldName.of(ByteView.of(f[0])), ByteView.of(f[1]));
        }
        return assertThrows(HttpException.class, () -> rules.finish(ByteView.of("POST"), ByteView.of("/upload"))).status();
    }
}
