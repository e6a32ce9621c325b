package dev.httpcourse.stage05;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.app.Dataset;
import dev.httpcourse.common.app.Item;
import dev.httpcourse.common.app.JsonEndpoint;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Exercise 5.6, "Combine the surrogates": {@code JsonWriter} writes a character outside the BMP as
 * its four UTF-8 bytes, as Jackson does with {@code COMBINE_UNICODE_SURROGATES_IN_UTF8} on, rather
 * than as two escaped surrogates of six bytes each. The expected bytes are Jackson's, through
 * {@code JsonEndpoint}, with any escaped surrogate pair combined, so the check holds whether or not
 * {@code JsonEndpoint}'s factory has the feature on yet. {@code bin/course exercise 5.6} runs it; it
 * fails on the course's code, and its name keeps it out of {@code ./mvnw verify}.
 */
class Exercise5_6Check {
    private static final Pattern ESCAPED_PAIR = Pattern.compile("\\\\u(d[89ab][0-9a-f]{2})\\\\u(d[c-f][0-9a-f]{2})",
            Pattern.CASE_INSENSITIVE);

    @Test
    void anEmojiTakesItsFourUtf8Bytes() {
        byte[] json = write(List.of(item(1, "emoji \ud83d\ude00")), 1);
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"emoji \ud83d\ude00\""), "the emoji should be written as its UTF-8 bytes, "
                + "F0 9F 98 80 (4 bytes); JsonWriter wrote " + shown(text) + ": each half of the surrogate pair "
                + "escaped, 12 bytes. Write a pair's code point as UTF-8, as Jackson does with "
                + "COMBINE_UNICODE_SURROGATES_IN_UTF8");
    }

    @Test
    void everyAwkwardStringMatchesJacksonWithSurrogatesCombined() {
        List<String> awkward = List.of("say \"hi\"", "tab\there", "\u0000\u001f\u007f", "caf\u00e9",
                "snow\u2603man", "emoji \ud83d\ude00", "two \ud83d\ude00\ud83c\udf89 and \"quotes\"\n", "\ud83d\ude00");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < awkward.size(); i++) {
            items.add(item(i + 1, awkward.get(i)));
        }
        byte[] expected = combined(new JsonEndpoint(new Dataset(items)).encode(items.size(), 3));
        String want = new String(expected, StandardCharsets.UTF_8);
        String got = new String(write(items, 3), StandardCharsets.UTF_8);
        int at = 0;
        while (at < Math.min(want.length(), got.length()) && want.charAt(at) == got.charAt(at)) {
            at++;
        }
        int from = Math.max(0, at - 20);
        assertTrue(want.equals(got), "JsonWriter should give Jackson's bytes with surrogate pairs combined into UTF-8; "
                + "the first difference, at character " + at + ": expected …" + want.substring(from, Math.min(
                want.length(), at + 20)) + "… but got …" + got.substring(from, Math.min(got.length(), at + 20)) + "…");
    }

    private static Item item(int id, String name) {
        return new Item(id, name, "c", 10, 3, true, List.of(name, "plain"), new Item.Rating(4, 5));
    }

    private static byte[] write(List<Item> items, long multiplier) {
        JsonWriter writer = new JsonWriter(new Dataset(items));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(writer.maxBytes());
            long end = writer.write(out, 0, items.size(), multiplier);
            return out.asSlice(0, end).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    /** Jackson's bytes with every {@code \}{@code uD8xx\}{@code uDCxx} pair written as the UTF-8 of its code point. */
    private static byte[] combined(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        Matcher m = ESCAPED_PAIR.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            char high = (char) HexFormat.fromHexDigits(m.group(1));
            char low = (char) HexFormat.fromHexDigits(m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(new String(new char[] {high, low})));
        }
        m.appendTail(out);
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private static String shown(String text) {
        int at = text.indexOf("emoji");
        return at < 0 ? text : text.substring(at, Math.min(text.length(), at + 24));
    }
}
