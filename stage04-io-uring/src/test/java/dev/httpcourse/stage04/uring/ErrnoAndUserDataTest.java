package dev.httpcourse.stage04.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The pure parts: errno names, user_data packing, version checks. No kernel needed. */
class ErrnoAndUserDataTest {

    @Test
    void errnoNumbersMapToTheirLinuxNames() {
        assertEquals(Errno.EPERM, Errno.of(1));
        assertEquals(Errno.EINTR, Errno.of(4));
        assertEquals(Errno.EBADF, Errno.of(9));
        assertEquals(Errno.EAGAIN, Errno.of(11));
        assertEquals(Errno.EEXIST, Errno.of(17));
        assertEquals(Errno.EINVAL, Errno.of(22));
        assertEquals(Errno.EPIPE, Errno.of(32));
        assertEquals(Errno.ENOSYS, Errno.of(38));
        assertEquals(Errno.ETIME, Errno.of(62));
        assertEquals(Errno.ECONNRESET, Errno.of(104));
        assertEquals(Errno.ENOBUFS, Errno.of(105));
        assertEquals(Errno.ECANCELED, Errno.of(125));
        assertNull(Errno.of(0));
        assertNull(Errno.of(-4));
        assertEquals("errno 300", Errno.describe(300));
        assertEquals("ECANCELED (operation canceled)", Errno.describe(125));
    }

    @Test
    void hotPathConstantsAgreeWithTheTable() {
        assertEquals(Errno.EINTR.number(), Errno.EINTR_NR);
        assertEquals(Errno.EAGAIN.number(), Errno.EAGAIN_NR);
        assertEquals(Errno.EBUSY.number(), Errno.EBUSY_NR);
        assertEquals(Errno.ETIME.number(), Errno.ETIME_NR);
        assertEquals(Errno.ENOBUFS.number(), Errno.ENOBUFS_NR);
        assertEquals(Errno.ECANCELED.number(), Errno.ECANCELED_NR);
        assertEquals(Errno.ECONNRESET.number(), Errno.ECONNRESET_NR);
        assertEquals(Errno.EPIPE.number(), Errno.EPIPE_NR);
        assertEquals(Errno.EBADF.number(), Errno.EBADF_NR);
    }

    @Test
    void anErrnoExceptionNamesTheCallAndTheError() {
        ErrnoException e = new ErrnoException("io_uring_setup", 1);
        assertEquals("io_uring_setup: EPERM (operation not permitted)", e.getMessage());
        assertTrue(e.is(Errno.EPERM));
        assertEquals(Errno.EPERM, e.name());
    }

    @Test
    void userDataRoundTripsSlotOpAndGeneration() {
        long ud = UserData.pack(123_456, 7, 0xBEEF);
        assertEquals(123_456, UserData.slot(ud));
        assertEquals(7, UserData.op(ud));
        assertEquals(0xBEEF, UserData.generation(ud));
        long extremes = UserData.pack(-1, 0xFF, 0xFFFF);
        assertEquals(-1, UserData.slot(extremes));
        assertEquals(0xFF, UserData.op(extremes));
        assertEquals(0xFFFF, UserData.generation(extremes));
        assertEquals(0, extremes >>> 56, "the top byte stays free");
    }

    @Test
    void aGenerationWrapsWithinItsSixteenBitsWithoutTouchingTheOp() {
        long ud = UserData.pack(5, 3, 0x1_0001);
        assertEquals(1, UserData.generation(ud));
        assertEquals(3, UserData.op(ud));
        assertEquals(5, UserData.slot(ud));
    }

    @Test
    void cqeFlagsCarryTheBufferIdInTheirUpperHalf() {
        int flags = 37 << 16 | Cqe.F_MORE | Cqe.F_BUFFER;
        assertTrue(Cqe.hasBuffer(flags));
        assertTrue(Cqe.hasMore(flags));
        assertEquals(37, Cqe.bufferId(flags));
        assertFalse(Cqe.hasMore(Cqe.F_BUFFER));
    }

    @Test
    void kernelVersionsCompareByMajorThenMinor() {
        assertTrue(Availability.atLeast("6.18.44-fc-v782", 6, 0));
        assertTrue(Availability.atLeast("6.0.0", 6, 0));
        assertFalse(Availability.atLeast("5.19.17", 6, 0));
        assertFalse(Availability.atLeast("5.4.0-150-generic", 6, 0));
        assertTrue(Availability.atLeast("7.1", 6, 5));
    }

    @Test
    void setupFlagsAreNamedInTheOrderTheKernelGainedThem() {
        assertEquals("none", SetupFlag.describe(0));
        assertEquals("CLAMP|SINGLE_ISSUER|NO_SQARRAY",
                SetupFlag.describe(SetupFlag.NO_SQARRAY.bit() | SetupFlag.CLAMP.bit() | SetupFlag.SINGLE_ISSUER.bit()));
    }
}
