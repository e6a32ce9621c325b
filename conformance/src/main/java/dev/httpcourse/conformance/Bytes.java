package dev.httpcourse.conformance;

import java.nio.charset.StandardCharsets;

/** Conversions between the suite's request text and wire bytes, and a readable rendering for failures. */
final class Bytes {
    private static final int PREVIEW = 400;

    private Bytes() {
    }

    /** One byte per char: request text may hold obs-text (0x80 to 0xFF) and control characters on purpose. */
    static byte[] latin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("not a byte at index " + i + ": " + text);
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** {@code GET / HTTP/1.1\r\nHost: t\r\n\r\n}, control and non-ASCII bytes escaped, long input shortened. */
    static String printable(byte[] bytes) {
        return printable(bytes, 0, bytes.length);
    }

    static String printable(byte[] bytes, int from, int to) {
        return escape(bytes, from, to, PREVIEW, false);
    }

    /** The bytes escaped as {@link #printable}, all of them, with a line break after each LF: a message as it reads. */
    static String lines(byte[] bytes, int from, int to) {
        return escape(bytes, from, to, Integer.MAX_VALUE, true);
    }

    private static String escape(byte[] bytes, int from, int to, int max, boolean breakLines) {
        var out = new StringBuilder();
        int end = (int) Math.min(to, (long) from + max);
        for (int i = from; i < end; i++) {
            int b = bytes[i] & 0xFF;
            switch (b) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append(breakLines && i + 1 < end ? "\\n\n" : "\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (b < 0x20 || b >= 0x7F) {
                        out.append(String.format("\\x%02X", b));
                    } else {
                        out.append((char) b);
                    }
                }
            }
        }
        if (end < to) {
            out.append("…(").append(to - end).append(" more bytes)");
        }
        return out.toString();
    }
}
