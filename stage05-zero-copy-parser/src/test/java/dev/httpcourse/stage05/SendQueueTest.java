package dev.httpcourse.stage05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The send queue and the carry-over without a ring: what goes in comes out in order, and every chunk goes back. */
class SendQueueTest {
    private final Arena arena = Arena.ofConfined();
    private final SendQueue.Pool pool = new SendQueue.Pool(arena, 64);
    private final SendQueue queue = new SendQueue(pool);

    @AfterEach
    void free() {
        arena.close();
    }

    @Test
    void responsesWrittenInPlaceAndAppendedLeaveInOrderAndGiveEveryChunkBack() {
        write("HTTP/1.1 200 OK\r\n\r\nfirst;");              // 26 bytes: the first chunk
        queue.append(bytes("x".repeat(100) + ";"));         // spans the rest of it and two more chunks
        write("last");                                      // fits behind the appended bytes
        assertEquals(3, pool.lent());
        assertEquals("HTTP/1.1 200 OK\r\n\r\nfirst;" + "x".repeat(100) + ";last", drain(7)); // short sends
        assertTrue(queue.isEmpty());
        assertEquals(0, pool.lent(), "an idle connection holds no chunk");
    }

    @Test
    void aResponseNeverStraddlesTwoChunks() {
        write("a".repeat(60));
        MemorySegment second = queue.reserve(10); // 4 bytes left in the first: a new chunk
        assertEquals(0, queue.end());
        assertEquals(2, pool.lent());
        second.set(ValueLayout.JAVA_BYTE, 0, (byte) 'b');
        queue.commit(1);
        assertEquals("a".repeat(60) + "b", drain(1_000));
        assertThrows(IllegalArgumentException.class, () -> queue.reserve(65), "larger than any chunk");
    }

    @Test
    void backedUpBeyondItsBoundAndDiscardGivesEverythingBack() {
        SendQueue.Pool big = new SendQueue.Pool(arena, 16 * 1024);
        SendQueue q = new SendQueue(big);
        q.append(new byte[SendQueue.BOUND]);
        assertFalse(q.backedUp());
        q.append(new byte[1]);
        assertTrue(q.backedUp());
        q.discard();
        assertTrue(q.isEmpty());
        assertEquals(0, big.lent());
    }

    private void write(String text) {
        byte[] b = bytes(text);
        MemorySegment chunk = queue.reserve(b.length);
        long at = queue.end();
        MemorySegment.copy(b, 0, chunk, ValueLayout.JAVA_BYTE, at, b.length);
        queue.commit(at + b.length);
    }

    /** Sends everything, at most {@code most} bytes per SEND, as a kernel taking short writes would. */
    private String drain(int most) {
        var out = new ByteArrayOutputStream();
        while (!queue.isEmpty()) {
            int n = Math.min(most, queue.sendLength());
            byte[] sent = new byte[n];
            MemorySegment.copy(queue.sendBuffer(), ValueLayout.JAVA_BYTE, queue.sendStart(), sent, 0, n);
            out.writeBytes(sent);
            queue.sent(n);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
