package dev.httpcourse.bench.peers;

import dev.httpcourse.common.http.HttpDate;
import io.netty.util.AsciiString;

/**
 * The {@code Date} value for the peers on Netty (Netty itself, Vert.x), built at most once a second
 * from the course's own cache ({@link HttpDate}), as an {@link AsciiString} the encoders copy without
 * re-encoding. Neither framework writes a {@code Date} by itself; the stages do, and so must a fair peer.
 */
final class DateValue {
    private record Cached(byte[] fieldLine, AsciiString value) {
    }

    private static volatile Cached cached = new Cached(new byte[0], AsciiString.EMPTY_STRING);

    private DateValue() {
    }

    static AsciiString now() {
        byte[] line = HttpDate.SYSTEM.fieldLine(); // "Date: …\r\n", the same array all second
        Cached c = cached;
        if (c.fieldLine != line) {
            c = new Cached(line, new AsciiString(line, "Date: ".length(), line.length - "Date: ".length() - 2, false));
            cached = c;
        }
        return c.value;
    }
}
