package dev.httpcourse.stage04.uring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Operations through the rings, against real sockets and the real kernel. */
@ExtendWith(RequiresIoUring.class)
@Timeout(60) // a ring test that waits forever is a bug: fail it instead of hanging the build
class RingOperationsTest {
    private static final int OP_NOP = 1, OP_SEND = 2, OP_RECV = 3, OP_ACCEPT = 4, OP_CANCEL = 5;

    private final Arena arena = Arena.ofConfined();
    private final List<Integer> fds = new ArrayList<>();
    private Ring ring;

    @BeforeEach
    void open() throws ErrnoException {
        ring = Ring.open(16, 256);
    }

    @AfterEach
    void close() throws ErrnoException {
        ring.close();
        for (int fd : fds) {
            Sockets.close(fd);
        }
        arena.close();
    }

    private int[] socketPair() throws ErrnoException {
        int[] pair = Sockets.socketPair();
        fds.add(pair[0]);
        fds.add(pair[1]);
        return pair;
    }

    private MemorySegment bytes(String text) {
        return arena.allocateFrom(text, StandardCharsets.US_ASCII).asSlice(0, text.length());
    }

    @Test
    void nopsComeBackWithTheirUserData() {
        long[] userData = {UserData.pack(0, OP_NOP, 0), UserData.pack(7, OP_NOP, 3), UserData.pack(-1, OP_NOP, 0xFFFF)};
        for (long ud : userData) {
            ring.prepNop(ud);
        }
        assertEquals(3, ring.pendingSubmissions());
        Completions done = new Completions();
        done.await(ring, 3);
        assertEquals(0, ring.pendingSubmissions());
        for (long ud : userData) {
            assertEquals(0, done.byUserData(ud).res());
        }
        assertEquals(3, done.all.size());
    }

    @Test
    void sendsAndReceivesOverASocketPair() throws ErrnoException {
        int[] pair = socketPair();
        MemorySegment in = arena.allocate(64);
        MemorySegment out = bytes("hello, ring");
        ring.prepRecv(pair[1], in, 8, 32, UserData.pack(1, OP_RECV, 0));
        ring.prepSend(pair[0], out, 0, (int) out.byteSize(), UserData.pack(0, OP_SEND, 0));
        Completions done = new Completions();
        done.await(ring, 2);
        assertEquals(11, done.byUserData(UserData.pack(0, OP_SEND, 0)).res());
        assertEquals(11, done.byUserData(UserData.pack(1, OP_RECV, 0)).res());
        assertEquals("hello, ring", new String(in.asSlice(8, 11).toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
    }

    @Test
    void aRecvIntoASliceBeyondItsBufferIsRefusedBeforeTheKernelSeesIt() throws ErrnoException {
        int[] pair = socketPair();
        MemorySegment in = arena.allocate(16);
        try {
            ring.prepRecv(pair[1], in, 8, 16, 1);
            throw new AssertionError("a recv past the buffer's end must not be submitted");
        } catch (IndexOutOfBoundsException expected) {
            assertEquals(0, ring.pendingSubmissions());
        }
    }

    @Test
    void anOperationOnABadDescriptorCompletesWithEbadf() {
        MemorySegment in = arena.allocate(16);
        ring.prepRecv(1_000_000, in, 0, 16, 9);
        Completions done = new Completions();
        done.await(ring, 1);
        int res = done.byUserData(9).res();
        assertEquals(-Errno.EBADF.number(), res);
        assertEquals("EBADF (bad file descriptor)", Errno.describe(-res));
    }

    @Test
    void aCancelledRecvCompletesWithEcanceled() throws ErrnoException {
        int[] pair = socketPair();
        MemorySegment in = arena.allocate(16);
        long recv = UserData.pack(2, OP_RECV, 1);
        ring.prepRecv(pair[1], in, 0, 16, recv);
        ring.submitAndWait(0); // armed: nothing to read yet
        ring.prepCancel(recv, UserData.pack(2, OP_CANCEL, 1));
        Completions done = new Completions();
        done.await(ring, 2);
        assertEquals(-Errno.ECANCELED.number(), done.byUserData(recv).res());
        assertEquals(0, done.byUserData(UserData.pack(2, OP_CANCEL, 1)).res());
    }

    @Test
    void cancellingEverythingOnADescriptorCountsWhatItCancelled() throws ErrnoException {
        int[] pair = socketPair();
        MemorySegment in = arena.allocate(32);
        ring.prepRecv(pair[1], in, 0, 16, 1);
        ring.prepRecv(pair[1], in, 16, 16, 2);
        ring.submitAndWait(0);
        ring.prepCancelAll(pair[1], 3);
        Completions done = new Completions();
        done.await(ring, 3);
        assertEquals(-Errno.ECANCELED.number(), done.byUserData(1).res());
        assertEquals(-Errno.ECANCELED.number(), done.byUserData(2).res());
        assertEquals(2, done.byUserData(3).res());
    }

    @Test
    void multishotAcceptTakesSeveralConnectionsFromOneSubmission() throws Exception {
        int listener = Sockets.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16, true);
        fds.add(listener);
        int port = Sockets.localPort(listener);
        assertTrue(port > 0);
        long accept = UserData.pack(0, OP_ACCEPT, 0);
        ring.prepAcceptMultishot(listener, accept);
        ring.submitAndWait(0);
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                clients.add(new Socket(InetAddress.getLoopbackAddress(), port));
            }
            Completions done = new Completions();
            done.await(ring, 3);
            Set<Integer> accepted = new HashSet<>();
            for (Completions.Completion c : done.all) {
                assertEquals(accept, c.userData());
                assertTrue(c.res() >= 0, "an accepted socket, not " + Errno.describe(-c.res()));
                assertTrue(Cqe.hasMore(c.flags()), "still armed after each connection");
                fds.add(c.res());
                accepted.add(c.res());
            }
            assertEquals(3, accepted.size());
            // an accepted descriptor is a working socket: send through it to the client
            MemorySegment hi = bytes("hi");
            ring.prepSend(done.all.get(1).res(), hi, 0, 2, 77);
            Completions sent = new Completions();
            sent.await(ring, 1);
            assertEquals(2, sent.byUserData(77).res());
            byte[] read = clients.get(1).getInputStream().readNBytes(2);
            assertEquals("hi", new String(read, StandardCharsets.US_ASCII));
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    @Test
    void twoListenersShareAPortWithReusePort() throws ErrnoException {
        int first = Sockets.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16, true);
        fds.add(first);
        int port = Sockets.localPort(first);
        int second = Sockets.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16, true);
        fds.add(second);
        assertEquals(port, Sockets.localPort(second));
    }

    @Test
    void aTakenPortWithoutReusePortGivesEaddrinuse() throws ErrnoException {
        int first = Sockets.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16, false);
        fds.add(first);
        int port = Sockets.localPort(first);
        try {
            fds.add(Sockets.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16, false));
            throw new AssertionError("second bind succeeded");
        } catch (ErrnoException e) {
            assertEquals(Errno.EADDRINUSE, e.name());
            assertTrue(e.getMessage().startsWith("bind "), e.getMessage());
        }
    }

    @Test
    void multishotRecvFillsProvidedBuffersAndEndsWithEnobufsWhenTheyRunOut() throws ErrnoException {
        int[] pair = socketPair();
        try (BufferRing buffers = BufferRing.register(ring, 5, 4, 64)) {
            long recv = UserData.pack(1, OP_RECV, 0);
            ring.prepRecvMultishot(pair[1], buffers.groupId(), recv);
            ring.submitAndWait(0);
            Set<Integer> used = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                String message = "message " + i;
                Completions done = new Completions();
                ring.prepSend(pair[0], bytes(message), 0, message.length(), UserData.pack(0, OP_SEND, i));
                done.await(ring, 2);
                Completions.Completion c = done.byUserData(recv);
                assertEquals(message.length(), c.res());
                assertTrue(Cqe.hasBuffer(c.flags()) && Cqe.hasMore(c.flags()), Integer.toHexString(c.flags()));
                int bid = Cqe.bufferId(c.flags());
                assertTrue(used.add(bid), "each buffer is used once before recycling: " + bid);
                byte[] got = buffers.buffers().asSlice(buffers.offset(bid), c.res()).toArray(JAVA_BYTE);
                assertEquals(message, new String(got, StandardCharsets.US_ASCII));
            }
            // every buffer is in our hands now: the next arrival finds none, and the recv ends
            Completions starved = new Completions();
            ring.prepSend(pair[0], bytes("fifth"), 0, 5, UserData.pack(0, OP_SEND, 9));
            starved.await(ring, 2);
            Completions.Completion end = starved.byUserData(recv);
            assertEquals(-Errno.ENOBUFS.number(), end.res());
            assertFalse(Cqe.hasMore(end.flags()), "ENOBUFS ends a multishot recv");
            // recycle, publish, re-arm: the data that waited in the socket arrives
            for (int bid : used) {
                buffers.recycle(bid);
            }
            buffers.publish();
            ring.prepRecvMultishot(pair[1], buffers.groupId(), recv);
            Completions again = new Completions();
            again.await(ring, 1);
            Completions.Completion fifth = again.byUserData(recv);
            assertEquals(5, fifth.res());
            byte[] got = buffers.buffers().asSlice(buffers.offset(Cqe.bufferId(fifth.flags())), 5).toArray(JAVA_BYTE);
            assertArrayEquals("fifth".getBytes(StandardCharsets.US_ASCII), got);
            ring.prepCancel(recv, 99);
            new Completions().await(ring, 2);
        }
    }

    @Test
    void aFullCompletionQueueOverflowsIntoTheKernelsListAndLosesNothing() throws ErrnoException {
        try (Ring small = Ring.open(4, 8)) {
            assertEquals(8, small.cqEntries());
            // 5 batches of 4 NOPs, no draining between: 20 completions for 8 CQ slots
            for (int batch = 0; batch < 5; batch++) {
                for (int i = 0; i < 4; i++) {
                    small.prepNop(batch * 4 + i);
                }
                small.submitAndWait(0);
            }
            Completions done = new Completions();
            int drained = small.drain(done);
            assertEquals(20, drained);
            assertTrue(small.overflowFlushes() > 0, "the CQ overflowed and was flushed");
            assertEquals(0, small.droppedCompletions());
            Set<Long> seen = new HashSet<>();
            for (Completions.Completion c : done.all) {
                assertEquals(0, c.res());
                seen.add(c.userData());
            }
            assertEquals(20, seen.size());
        }
    }

    @Test
    void preparingMoreThanTheSubmissionQueueHoldsSubmitsToMakeRoom() throws ErrnoException {
        try (Ring tiny = Ring.open(4, 64)) {
            assertEquals(4, tiny.sqEntries());
            for (int i = 0; i < 10; i++) {
                tiny.prepNop(100 + i); // the fifth claim finds the SQ full and submits the first four
            }
            assertTrue(tiny.pendingSubmissions() <= 4, "only the last batch waits: " + tiny.pendingSubmissions());
            Completions done = new Completions();
            done.await(tiny, 10);
            for (int i = 0; i < 10; i++) {
                assertEquals(0, done.byUserData(100 + i).res());
            }
        }
    }

    @Test
    void aWaitWithATimeoutAndNothingInFlightReturnsWithoutCompletions() {
        assertEquals(0, ring.submitAndWait(1, 20_000_000L)); // ETIME is the normal outcome, not an error
        assertEquals(0, ring.drain(new Completions()));
    }
}
