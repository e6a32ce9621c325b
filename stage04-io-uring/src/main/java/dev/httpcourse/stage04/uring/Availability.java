package dev.httpcourse.stage04.uring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

// tag::s04-availability[]
/**
 * Can this process use io_uring as stage 04 needs it? If not, why not, in one line a user can act
 * on. The probe opens a small ring (on the calling thread) and asks the kernel which opcodes it has.
 *
 * <ul>
 *   <li>not Linux: io_uring is a Linux interface;
 *   <li>{@code EPERM} from {@code io_uring_setup}: {@code kernel.io_uring_disabled} (1: only
 *       members of {@code kernel.io_uring_group}; 2: nobody), or a seccomp filter (Docker's default
 *       profile blocks the three io_uring calls);
 *   <li>{@code ENOSYS}: a kernel without io_uring (before 5.1, or built without it), or a seccomp
 *       filter that answers ENOSYS;
 *   <li>too old a kernel: multishot recv needs 6.0; an opcode missing from the probe.
 * </ul>
 */
public final class Availability {
    /** Multishot recv with provided buffers, the newest feature we cannot do without. */
    static final int MIN_MAJOR = 6, MIN_MINOR = 0;
    private static final byte[] NEEDED_OPS = {Abi.OP_NOP, Abi.OP_ACCEPT, Abi.OP_ASYNC_CANCEL, Abi.OP_CLOSE,
            Abi.OP_SEND, Abi.OP_RECV, Abi.OP_SHUTDOWN};
    private static final String[] NEEDED_OP_NAMES = {"NOP", "ACCEPT", "ASYNC_CANCEL", "CLOSE", "SEND", "RECV",
            "SHUTDOWN"};

    private static volatile Optional<String> cached;

    private Availability() {
    }

    /** Empty when io_uring is usable; otherwise the reason, one line. Probed once per process. */
    public static Optional<String> unavailabilityReason() {
        Optional<String> reason = cached;
        if (reason == null) {
            reason = Optional.ofNullable(probe());
            cached = reason;
        }
        return reason;
    }

    public static boolean isAvailable() {
        return unavailabilityReason().isEmpty();
    }

    /**
     * Prints whether this machine can run stage 04, in one line, and exits 0 if it can, 1 if not.
     * {@code bin/doctor} runs it from source, so it answers before anything is built:
     * {@code java --enable-native-access=ALL-UNNAMED stage04-io-uring/src/main/java/dev/httpcourse/stage04/uring/Availability.java}
     */
    public static void main(String[] args) {
        Optional<String> reason = unavailabilityReason();
        System.out.println(reason.orElse("usable (kernel " + System.getProperty("os.version") + ")"));
        System.exit(reason.isPresent() ? 1 : 0);
    }

    private static String probe() {
        String os = System.getProperty("os.name", "?");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "io_uring needs Linux; this is " + os;
        }
        String kernel = System.getProperty("os.version", "?");
        try (Ring ring = Ring.open(8, 16)) {
            if (!ring.hasFeature(Abi.FEAT_EXT_ARG) || !ring.hasFeature(Abi.FEAT_NODROP)) {
                return "kernel " + kernel + " lacks io_uring features EXT_ARG/NODROP (5.11+); stage 04 needs "
                        + MIN_MAJOR + "." + MIN_MINOR;
            }
            BitSet ops = ring.supportedOpcodes();
            for (int i = 0; i < NEEDED_OPS.length; i++) {
                if (!ops.get(NEEDED_OPS[i])) {
                    return "kernel " + kernel + " lacks the io_uring opcode " + NEEDED_OP_NAMES[i];
                }
            }
            if (!atLeast(kernel, MIN_MAJOR, MIN_MINOR)) {
                return "kernel " + kernel + " is too old: multishot recv with provided buffers needs "
                        + MIN_MAJOR + "." + MIN_MINOR;
            }
            return null;
        } catch (ErrnoException e) {
            return explain(e, kernel, read("/proc/sys/kernel/io_uring_disabled"), seccompMode());
        } catch (RuntimeException | LinkageError e) {
            return "io_uring could not be set up: " + e;
        }
    }

    // tag::s04-availability-explain[]
    /**
     * Why setup failed, from its errno, the sysctl {@code kernel.io_uring_disabled} and the
     * process's seccomp mode (each null when unknown).
     */
    static String explain(ErrnoException e, String kernel, String disabled, String seccomp) {
        if (e.is(Errno.EPERM)) {
            if ("2".equals(disabled)) {
                return "io_uring is disabled for every process (sysctl kernel.io_uring_disabled=2)";
            }
            if ("1".equals(disabled)) {
                return "io_uring is disabled for processes outside kernel.io_uring_group "
                        + "(sysctl kernel.io_uring_disabled=1)";
            }
            if ("2".equals(seccomp)) {
                return "io_uring_setup is blocked by a seccomp filter (EPERM), e.g. a container's default profile; "
                        + "allow io_uring_setup/enter/register or run with --security-opt seccomp=unconfined";
            }
            return "io_uring_setup is not permitted (EPERM)";
        }
        if (e.is(Errno.ENOSYS)) {
            return "2".equals(seccomp)
                    ? "io_uring_setup is blocked by a seccomp filter (ENOSYS) or missing from kernel " + kernel
                    : "kernel " + kernel + " has no io_uring (ENOSYS: before 5.1, or built without CONFIG_IO_URING)";
        }
        if (e.is(Errno.ENOMEM)) {
            return "io_uring_setup: ENOMEM (kernels before 5.12 count rings against RLIMIT_MEMLOCK; raise ulimit -l)";
        }
        return "io_uring_setup failed: " + e.getMessage();
    }
    // end::s04-availability-explain[]

    /** {@code Seccomp:} of /proc/self/status: 0 none, 1 strict, 2 filter; null if unknown. */
    private static String seccompMode() {
        String status = read("/proc/self/status");
        if (status == null) {
            return null;
        }
        Matcher m = Pattern.compile("(?m)^Seccomp:\\s*(\\d)").matcher(status);
        return m.find() ? m.group(1) : null;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static boolean atLeast(String version, int major, int minor) {
        Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(version);
        if (!m.find()) {
            return true; // unparseable: let the opcode probe be the judge
        }
        int ma = Integer.parseInt(m.group(1));
        int mi = Integer.parseInt(m.group(2));
        return ma > major || ma == major && mi >= minor;
    }
}
// end::s04-availability[]
