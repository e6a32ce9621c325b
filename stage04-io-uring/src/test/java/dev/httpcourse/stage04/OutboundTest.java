package dev.httpcourse.stage04;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Responses on their way to a SEND: short sends, responses larger than the buffer, back-pressure. No kernel needed. */
class OutboundTest {
    private final Arena arena = Arena.ofConfined();
    private final SegmentPool pool = new SegmentPool(arena, 1024);
    private final Outbound out = new Outbound(pool);

    @AfterEach
    void free() {
        arena.close();
    }

    private byte[] inFlight() {
        return out.buffer().asSlice(out.start(), out.length()).toArray(JAVA_BYTE);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + i * 31);
        }
        return b;
    }

    @Test
    void aShortSendLeavesTheRestForTheNextSend() {
        out.append("HTTP/1.1 200 OK\r\n".getBytes());
        out.append("ok".getBytes());
        assertEquals(19, out.length());
        out.sent(5);
        assertEquals("1.1 200 OK\r\nok", new String(inFlight()));
        out.sent(14);
        assertTrue(out.isEmpty());
    }

    @Test
    void theBufferIsBorrowedOnlyWhileBytesWait() {
        assertEquals(0, pool.lent());
        out.append(new byte[] {1, 2, 3});
        assertEquals(1, pool.lent());
        out.sent(3);
        assertEquals(0, pool.lent());
        assertNull(out.buffer());
    }

    @Test
    void aResponseLargerThanTheBufferGoesOutInOrderAcrossSends() {
        byte[] first = bytes(1500, 1);
        byte[] second = bytes(700, 2);
        out.append(first);
        out.append(second);
        byte[] all = new byte[2200];
        System.arraycopy(first, 0, all, 0, 1500);
        System.arraycopy(second, 0, all, 1500, 700);
        int sent = 0;
        while (!out.isEmpty()) {
            byte[] chunk = inFlight();
            int n = Math.min(chunk.length, 333); // short sends, to cross every boundary
            assertArrayEquals(Arrays.copyOfRange(all, sent, sent + n), Arrays.copyOf(chunk, n), "at " + sent);
            out.sent(n);
            sent += n;
        }
        assertEquals(2200, sent);
        assertEquals(0, pool.lent());
    }

    @Test
    void backsUpBeyondItsBoundAndDiscardsOnClose() {
        out.append(new byte[Outbound.BOUND]);
        assertFalse(out.backedUp());
        out.append(new byte[1]);
        assertTrue(out.backedUp());
        out.discard();
        assertTrue(out.isEmpty());
        assertFalse(out.backedUp());
        assertEquals(0, pool.lent());
    }
}
