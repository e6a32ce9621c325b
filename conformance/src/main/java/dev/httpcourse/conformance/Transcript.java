package dev.httpcourse.conformance;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What went over one of the suite's connections, as the client saw it: each write, the bytes read,
 * and how the connection ended. A failed case reports it ({@link CaseFailure}), so that a failure
 * shows the exact bytes sent and received. Only the first {@link #KEPT} bytes each way are kept: the
 * large uploads of the size tests must not be held twice.
 */
final class Transcript {
    static final int KEPT = 16 * 1024;

    private final List<byte[]> writes = new ArrayList<>();
    private long written;
    private final ByteArrayOutputStream read = new ByteArrayOutputStream();
    private long readTotal;
    private String ending;

    synchronized void wrote(byte[] bytes, int from, int length) {
        long room = KEPT - Math.min(written, KEPT);
        if (room > 0) {
            writes.add(Arrays.copyOfRange(bytes, from, from + (int) Math.min(room, length)));
        }
        written += length;
    }

    synchronized void read(byte[] bytes, int from, int length) {
        long room = KEPT - Math.min(readTotal, KEPT);
        read.write(bytes, from, (int) Math.min(room, length));
        readTotal += length;
    }

    /** How the connection ended or stalled: "the server closed the connection", a timeout. The first one counts. */
    synchronized void ended(String how) {
        if (ending == null) {
            ending = how;
        }
    }

    synchronized List<byte[]> writes() {
        return List.copyOf(writes);
    }

    synchronized long writtenTotal() {
        return written;
    }

    synchronized byte[] received() {
        return read.toByteArray();
    }

    synchronized long receivedTotal() {
        return readTotal;
    }

    synchronized String ending() {
        return ending;
    }

    /** The writes, control bytes escaped, a line break after each LF, {@code [write 2]} between writes. */
    synchronized String sentText() {
        var out = new StringBuilder();
        long shown = 0;
        for (int i = 0; i < writes.size(); i++) {
            byte[] w = writes.get(i);
            if (writes.size() > 1) {
                out.append(i == 0 ? "" : "\n").append("[write ").append(i + 1).append("]\n");
            }
            out.append(Bytes.lines(w, 0, w.length));
            shown += w.length;
        }
        if (written > shown) {
            out.append("…(").append(written).append(" bytes in all)");
        }
        return out.isEmpty() ? "nothing" : out.toString();
    }

    /** The bytes read, escaped as {@link #sentText()}, then how the connection ended, in parentheses. */
    synchronized String receivedText() {
        byte[] bytes = read.toByteArray();
        String text = Bytes.lines(bytes, 0, bytes.length);
        if (readTotal > bytes.length) {
            text += "…(" + readTotal + " bytes in all)";
        }
        return (text.isEmpty() ? "nothing" : text) + "\n(" + (ending == null ? "the connection was still open"
                : ending) + ")";
    }
}
