package dev.httpcourse.common.http;

import java.nio.ByteBuffer;

/**
 * A run of bytes read by index: the one shape in which {@link RequestRules}, {@link HeadRules},
 * {@link FieldName} and {@link Version} state the HTTP rules, so that a parser holding Strings
 * (stages 01-04) and one holding offsets into off-heap memory (stage 05) apply the same rules
 * rather than two copies of them.
 *
 * <p>Implementations are views, not copies: a String, a region of a {@link ByteBuffer}, or (in
 * stage 05) a reusable window over a {@code MemorySegment}, so that asking costs no allocation.
 */
public interface ByteView {
    int length();

    /** The byte at {@code index}, 0 to {@link #length()} exclusive. */
    byte byteAt(int index);

    /**
     * The eight bytes from {@code index} as a little-endian {@code long} (byte {@code index} lowest):
     * for scanning eight bytes at a time. {@code index + 8} must not exceed {@link #length()}. A view
     * of memory that can load eight bytes at once should.
     */
    default long longAt(int index) {
        long word = 0;
        for (int i = 7; i >= 0; i--) {
            word = word << 8 | (byteAt(index + i) & 0xFF);
        }
        return word;
    }

    default boolean isEmpty() {
        return length() == 0;
    }

    /** True when the bytes are {@code lowerCase}'s ASCII letters in any case; {@code lowerCase} must be lower-case ASCII. */
    default boolean equalsIgnoreCase(String lowerCase) {
        return regionEqualsIgnoreCase(0, length(), lowerCase);
    }

    /** True when bytes {@code from} to {@code to} are {@code lowerCase} in any ASCII case. */
    default boolean regionEqualsIgnoreCase(int from, int to, String lowerCase) {
        if (to - from != lowerCase.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            int b = byteAt(i);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A'; // ASCII only, as equalsIgnoreCase on these Latin-1 values amounts to
            }
            if (b != lowerCase.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }

    /** True when the bytes are exactly {@code ascii}. */
    default boolean equalsAscii(String ascii) {
        if (length() != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (byteAt(i) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first index at or after {@code from} holding {@code b}, or -1. */
    default int indexOf(int b, int from) {
        for (int i = from; i < length(); i++) {
            if (byteAt(i) == (byte) b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A view of a String of ISO-8859-1 characters (as the String-based parsers decode bytes). A char
     * above 0xFF, which no such parser produces, reads as NUL: a byte that no rule accepts anywhere.
     */
    static ByteView of(CharSequence latin1) {
        return new ByteView() {
            @Override
            public int length() {
                return latin1.length();
            }

            @Override
            public byte byteAt(int index) {
                char c = latin1.charAt(index);
                return c <= 0xFF ? (byte) c : 0;
            }
        };
    }

    /** A view of {@code buffer}'s bytes from its position to its limit (absolute reads; the buffer is not moved). */
    static ByteView of(ByteBuffer buffer) {
        int start = buffer.position();
        int length = buffer.remaining();
        return new ByteView() {
            @Override
            public int length() {
                return length;
            }

            @Override
            public byte byteAt(int index) {
                return buffer.get(start + index);
            }
        };
    }
}
