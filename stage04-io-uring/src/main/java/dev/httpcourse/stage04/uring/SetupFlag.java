package dev.httpcourse.stage04.uring;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code io_uring_setup} flags this binding asks for, each with why: first the two every kernel
 * we can use has (CLAMP, CQSIZE: never dropped), then the optional ones, oldest first. When a kernel
 * refuses the set with {@code EINVAL}, {@link Ring} drops the newest optional one and tries again, so
 * the ring works on any kernel that has the operations we need, with the best flags that kernel knows.
 */
public enum SetupFlag {
    /** Clamp too-large entry counts to the maximum instead of failing (since 5.6). */
    CLAMP(1 << 4, "5.6"),
    /** The CQ size is ours to choose ({@code cq_entries}), not twice the SQ: multishot makes many CQEs. */
    CQSIZE(1 << 3, "5.5"),
    /** Go on submitting the batch after one SQE fails; its error comes as a CQE (5.18). */
    SUBMIT_ALL(1 << 7, "5.18"),
    /**
     * Only one thread ever submits: the kernel skips the locking a shared ring needs. The issuer is
     * the thread that creates the ring (we do not use R_DISABLED); another thread gets EEXIST (6.0).
     */
    SINGLE_ISSUER(1 << 12, "6.0"),
    /**
     * Completion work (task_work) runs only when the issuer calls {@code io_uring_enter} with
     * GETEVENTS, not by interrupting it at any time: fewer context switches, batched work. Needs
     * SINGLE_ISSUER, and a loop that enters regularly (6.1).
     */
    DEFER_TASKRUN(1 << 13, "6.1"),
    /** No SQ index array: the kernel takes SQE {@code tail & mask} directly, one indirection less (6.6). */
    NO_SQARRAY(1 << 16, "6.6");

    private final int bit;
    private final String since;

    SetupFlag(int bit, String since) {
        this.bit = bit;
        this.since = since;
    }

    public int bit() {
        return bit;
    }

    /** The kernel version that introduced the flag. */
    public String since() {
        return since;
    }

    public boolean in(int mask) {
        return (mask & bit) != 0;
    }

    /** {@code "CLAMP|CQSIZE|SUBMIT_ALL"}; {@code "none"} for 0. */
    public static String describe(int mask) {
        List<String> names = new ArrayList<>();
        for (SetupFlag f : values()) {
            if (f.in(mask)) {
                names.add(f.name());
            }
        }
        return names.isEmpty() ? "none" : String.join("|", names);
    }
}
