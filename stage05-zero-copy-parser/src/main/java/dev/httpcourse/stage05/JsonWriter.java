package dev.httpcourse.stage05;

import dev.httpcourse.common.app.Dataset;
import dev.httpcourse.common.app.Item;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.Status;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /json/{count}?m=M} written straight into the send buffer: the same bytes as
 * {@code common}'s Jackson encoder ({@code JsonEndpoint.encode}), with no generator, no
 * intermediate byte[] and no String per request.
 *
 * <p>Serialised per request, as the profile wants: every number is formatted and every string
 * escaped into the buffer on each call. What is prepared once is what never changes: the field
 * names with their punctuation, and each string's UTF-8 bytes with a note of whether any character
 * needs escaping (the bundled data set's never do, so each is one bulk copy).
 */
public final class JsonWriter {
    private static final byte[] OPEN = ascii("{\"items\":[");
    private static final byte[] ID = ascii("{\"id\":");
    private static final byte[] NAME = ascii(",\"name\":");
    private static final byte[] CATEGORY = ascii(",\"category\":");
    private static final byte[] PRICE = ascii(",\"price\":");
    private static final byte[] QUANTITY = ascii(",\"quantity\":");
    private static final byte[] ACTIVE_TRUE = ascii(",\"active\":true");
    private static final byte[] ACTIVE_FALSE = ascii(",\"active\":false");
    private static final byte[] TAGS = ascii(",\"tags\":[");
    private static final byte[] SCORE = ascii("],\"rating\":{\"score\":");
    private static final byte[] COUNT = ascii(",\"count\":");
    private static final byte[] TOTAL = ascii("},\"total\":");
    private static final byte[] CLOSE = ascii("],\"count\":");
    /** Jackson's generic escape: {@code \}{@code uXXXX}, upper-case hex. */
    private static final byte[] HEX = ascii("0123456789ABCDEF");

    private final Item[] items;
    private final JsonString[] names;
    private final JsonString[] categories;
    private final JsonString[][] tags;
    private final int maxBytes;

    public JsonWriter(Dataset dataset) {
        List<Item> list = dataset.items();
        this.items = list.toArray(Item[]::new);
        this.names = new JsonString[items.length];
        this.categories = new JsonString[items.length];
        this.tags = new JsonString[items.length][];
        int max = 64;
        for (int i = 0; i < items.length; i++) {
            names[i] = new JsonString(items[i].name());
            categories[i] = new JsonString(items[i].category());
            tags[i] = items[i].tags().stream().map(JsonString::new).toArray(JsonString[]::new);
            max += 200 + names[i].maxBytes() + categories[i].maxBytes();
            for (JsonString tag : tags[i]) {
                max += tag.maxBytes() + 1;
            }
        }
        this.maxBytes = max;
    }

    /** Items in the data set: the most a request can get. */
    public int size() {
        return items.length;
    }

    /** An upper bound of the body's length for any count and multiplier: the send buffer must hold it. */
    public int maxBytes() {
        return maxBytes;
    }

    // tag::s05-json-write[]
    /**
     * Writes the body for the first {@code count} items at {@code at}; returns the offset after it.
     *
     * @throws HttpException 400 when a total does not fit in a long (as {@code Math.multiplyExact}
     *                       decides, and as {@code common}'s App answers), with the buffer's contents undefined
     */
    public long write(MemorySegment out, long at, int count, long multiplier) {
        // tag::step-2-json[]
        long p = SegmentOut.bytes(out, at, OPEN);
        for (int i = 0; i < count; i++) {
            Item item = items[i];
            if (i > 0) {
                p = SegmentOut.oneByte(out, p, ',');
            }
            p = SegmentOut.decimal(out, SegmentOut.bytes(out, p, ID), item.id());
            p = names[i].write(out, SegmentOut.bytes(out, p, NAME));
            p = categories[i].write(out, SegmentOut.bytes(out, p, CATEGORY));
            p = SegmentOut.decimal(out, SegmentOut.bytes(out, p, PRICE), item.price());
            p = SegmentOut.decimal(out, SegmentOut.bytes(out, p, QUANTITY), item.quantity());
            p = SegmentOut.bytes(out, p, item.active() ? ACTIVE_TRUE : ACTIVE_FALSE);
            p = SegmentOut.bytes(out, p, TAGS);
            JsonString[] itemTags = tags[i];
            for (int t = 0; t < itemTags.length; t++) {
                if (t > 0) {
                    p = SegmentOut.oneByte(out, p, ',');
                }
                p = itemTags[t].write(out, p);
            }
            p = SegmentOut.decimal(out, SegmentOut.bytes(out, p, SCORE), item.rating().score());
            p = SegmentOut.decimal(out, SegmentOut.bytes(out, p, COUNT), item.rating().count());
            p = SegmentOut.decimal(out, SegmentOut.bytes(out, p, TOTAL), total(item, multiplier));
            p = SegmentOut.oneByte(out, p, '}');
        }
        p = SegmentOut.decimal(out, SegmentOut.bytes(out, p, CLOSE), count);
        return SegmentOut.oneByte(out, p, '}');
        // end::step-2-json[]
    }
    // end::s05-json-write[]

    private static long total(Item item, long multiplier) {
        try {
            return Math.multiplyExact((long) item.price() * item.quantity(), multiplier);
        } catch (ArithmeticException e) {
            throw new HttpException(Status.BAD_REQUEST, "integer overflow");
        }
    }

    /**
     * A string of the data set, prepared once: its UTF-8 bytes, and whether any character needs
     * escaping. Jackson's default escaping (its {@code CharTypes} output table, and surrogate pairs
     * not combined, the default of {@code COMBINE_UNICODE_SURROGATES_IN_UTF8}): {@code "} and
     * {@code \} after a backslash; control characters below 0x20 as {@code \b \t \n \f \r} or
     * {@code \}{@code u00XX}; each half of a surrogate pair (a character outside the BMP) as
     * {@code \}{@code uXXXX}, upper-case hex; everything else, DEL included, as UTF-8.
     */
    private static final class JsonString {
        private final String value;
        private final byte[] utf8;
        private final boolean plain;

        JsonString(String value) {
            this.value = value;
            this.utf8 = value.getBytes(StandardCharsets.UTF_8);
            boolean needsEscape = false;
            for (int i = 0; i < value.length(); i++) {
                needsEscape |= escapeOf(value.charAt(i)) != 0;
            }
            this.plain = !needsEscape;
        }

        int maxBytes() {
            return value.length() * 6 + 2;
        }

        // tag::s05-json-string[]
        long write(MemorySegment out, long at) {
            long p = SegmentOut.oneByte(out, at, '"');
            if (plain) {
                p = SegmentOut.bytes(out, p, utf8); // the common case: one bulk copy
            } else {
                for (int i = 0; i < value.length(); i++) {
                    p = writeChar(out, p, value.charAt(i));
                }
            }
            return SegmentOut.oneByte(out, p, '"');
        }
        // end::s05-json-string[]

        private static long writeChar(MemorySegment out, long p, char c) {
            int escape = escapeOf(c);
            if (escape > 0) {
                return SegmentOut.oneByte(out, SegmentOut.oneByte(out, p, '\\'), escape);
            }
            if (escape < 0) {
                p = SegmentOut.oneByte(out, SegmentOut.oneByte(out, p, '\\'), 'u');
                p = SegmentOut.oneByte(out, SegmentOut.oneByte(out, p, HEX[c >> 12]), HEX[(c >> 8) & 0xF]);
                return SegmentOut.oneByte(out, SegmentOut.oneByte(out, p, HEX[(c >> 4) & 0xF]), HEX[c & 0xF]);
            }
            if (c < 0x80) {
                return SegmentOut.oneByte(out, p, c);
            }
            if (c < 0x800) {
                return SegmentOut.oneByte(out, SegmentOut.oneByte(out, p, 0xC0 | c >> 6), 0x80 | c & 0x3F);
            }
            p = SegmentOut.oneByte(out, p, 0xE0 | c >> 12);
            return SegmentOut.oneByte(out, SegmentOut.oneByte(out, p, 0x80 | (c >> 6) & 0x3F), 0x80 | c & 0x3F);
        }

        /** 0: as it is; a character: backslash and that character; -1: backslash-u and four hex digits. */
        private static int escapeOf(char c) {
            return switch (c) {
                case '"', '\\' -> c;
                case '\b' -> 'b';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\f' -> 'f';
                case '\r' -> 'r';
                default -> c < 0x20 || Character.isSurrogate(c) ? -1 : 0;
            };
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
