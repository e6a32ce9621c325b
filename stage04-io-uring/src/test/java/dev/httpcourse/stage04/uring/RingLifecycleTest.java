package dev.httpcourse.stage04.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Setting a ring up and tearing it down, against the real kernel. */
@ExtendWith(RequiresIoUring.class)
@Timeout(60) // a ring test that waits forever is a bug: fail it instead of hanging the build
class RingLifecycleTest {

    @Test
    void opensWithTheBestFlagsTheKernelAcceptsAndTheRequestedSizes() throws Exception {
        try (Ring ring = Ring.open(64, 1024)) {
            int flags = ring.setupFlags();
            assertEquals(0, flags & ~Ring.PREFERRED_FLAGS, "only flags we asked for");
            assertEquals(Ring.MINIMUM_FLAGS, flags & Ring.MINIMUM_FLAGS, SetupFlag.describe(flags));
            assertEquals(64, ring.sqEntries());
            assertEquals(1024, ring.cqEntries());
            assertTrue(ring.describe().startsWith("sq=64 cq=1024 flags=CLAMP|CQSIZE"), ring.describe());
        }
    }

    @Test
    void clampsAnOversizedRingInsteadOfFailing() throws Exception {
        try (Ring ring = Ring.open(1 << 20, 1 << 24)) {
            assertTrue(ring.sqEntries() <= 32768, "SQ clamped to IORING_MAX_ENTRIES: " + ring.sqEntries());
            assertTrue(ring.cqEntries() >= ring.sqEntries());
        }
    }

    @Test
    void worksWithoutAnyOptionalFlagToo() throws Exception {
        // the oldest configuration the fallback can reach: SQ index array, no single issuer
        try (Ring ring = Ring.open(8, 16, Ring.MINIMUM_FLAGS)) {
            assertEquals(Ring.MINIMUM_FLAGS, ring.setupFlags());
            Completions done = new Completions();
            ring.prepNop(42);
            done.await(ring, 1);
            assertEquals(new Completions.Completion(42, 0, 0), done.all.getFirst());
        }
    }

    @Test
    void repeatedSetupAndTeardownLeavesNoDescriptorOrMapping() throws Exception {
        long fds = ProcSelf.ioUringFds();
        long mappings = ProcSelf.ioUringMappings();
        for (int i = 0; i < 50; i++) {
            try (Ring ring = Ring.open(32, 256)) {
                ring.prepNop(i);
                ring.submitAndWait(1);
                if (i == 0) {
                    assertEquals(fds + 1, ProcSelf.ioUringFds());
                    assertTrue(ProcSelf.ioUringMappings() > mappings, "rings and SQEs are mapped while open");
                }
            }
        }
        assertEquals(fds, ProcSelf.ioUringFds());
        assertEquals(mappings, ProcSelf.ioUringMappings());
    }

    @Test
    void closeUnmapsTheProvidedBuffersAndTheirRing() throws Exception {
        long ringAddress;
        long buffersAddress;
        try (Ring ring = Ring.open(8, 64); BufferRing buffers = BufferRing.register(ring, 3, 16, 4096)) {
            ringAddress = buffers.ringAddress();
            buffersAddress = buffers.buffers().address();
            assertTrue(ProcSelf.isMapped(ringAddress));
            assertTrue(ProcSelf.isMapped(buffersAddress + 15 * 4096));
        }
        assertFalse(ProcSelf.isMapped(ringAddress));
        assertFalse(ProcSelf.isMapped(buffersAddress));
        assertFalse(ProcSelf.isMapped(buffersAddress + 15 * 4096));
    }

    @Test
    void aClosedRingRefusesWorkInsteadOfTouchingUnmappedMemory() throws Exception {
        Ring ring = Ring.open(8, 16);
        ring.close();
        assertThrows(IllegalStateException.class, () -> ring.prepNop(1));
        ring.close(); // idempotent
    }

    @Test
    void onlyTheOwningThreadMayUseTheRing() throws Exception {
        try (Ring ring = Ring.open(8, 16)) {
            CompletableFuture<Void> elsewhere = CompletableFuture.runAsync(() -> ring.prepNop(1),
                    r -> Thread.ofPlatform().start(r));
            ExecutionException e = assertThrows(ExecutionException.class, elsewhere::get);
            assertTrue(e.getCause() instanceof WrongThreadException, e.getCause().toString());
        }
    }

    @Test
    void absurdParametersGiveEinval() {
        ErrnoException zero = assertThrows(ErrnoException.class, () -> Ring.open(0, 16));
        assertEquals(Errno.EINVAL, zero.name());
        assertEquals("io_uring_setup", zero.call());
        ErrnoException unknownFlag = assertThrows(ErrnoException.class,
                () -> Ring.open(8, 16, Ring.MINIMUM_FLAGS | 1 << 30));
        assertEquals(Errno.EINVAL.number(), unknownFlag.errno());
        assertEquals("io_uring_setup: EINVAL (invalid argument)", unknownFlag.getMessage());
    }

    @Test
    void fallbackDropsTheNewestFlagFirstAndDeferTaskrunWithSingleIssuer() {
        int all = Ring.PREFERRED_FLAGS;
        int noSqArray = Ring.withoutNewest(all);
        assertEquals("CLAMP|CQSIZE|SUBMIT_ALL|SINGLE_ISSUER|DEFER_TASKRUN", SetupFlag.describe(noSqArray));
        int noDefer = Ring.withoutNewest(noSqArray);
        assertEquals("CLAMP|CQSIZE|SUBMIT_ALL|SINGLE_ISSUER", SetupFlag.describe(noDefer));
        assertEquals("CLAMP|CQSIZE|SUBMIT_ALL", SetupFlag.describe(Ring.withoutNewest(noDefer)));
        assertEquals("CLAMP|CQSIZE", SetupFlag.describe(Ring.withoutNewest(Ring.withoutNewest(noDefer))));
        assertEquals(Ring.MINIMUM_FLAGS, Ring.withoutNewest(Ring.MINIMUM_FLAGS));
        int deferWithoutIssuer = Ring.MINIMUM_FLAGS | SetupFlag.SUBMIT_ALL.bit() | SetupFlag.DEFER_TASKRUN.bit();
        assertEquals("CLAMP|CQSIZE|SUBMIT_ALL", SetupFlag.describe(Ring.withoutNewest(deferWithoutIssuer)));
    }
}
