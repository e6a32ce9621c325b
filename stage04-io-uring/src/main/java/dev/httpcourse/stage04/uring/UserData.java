package dev.httpcourse.stage04.uring;

// tag::s04-user-data[]
/**
 * What an operation's 64-bit {@code user_data} carries, so that a completion finds its context
 * without a map lookup or an object reference the kernel could not hold anyway:
 *
 * <pre>
 *  63      56 55            40 39      32 31                             0
 * +----------+----------------+----------+--------------------------------+
 * |   zero   |   generation   |    op    |              slot              |
 * +----------+----------------+----------+--------------------------------+
 * </pre>
 *
 * {@code slot} indexes the per-connection arrays; {@code op} says which operation completed;
 * {@code generation} is bumped each time a slot is reused, so a late CQE of a closed connection
 * (a cancelled recv, say) is recognised as stale and dropped instead of acting on the slot's new
 * occupant.
 */
public final class UserData {
    public static final int MAX_GENERATION = 0xFFFF;
    public static final int MAX_OP = 0xFF;

    private UserData() {
    }

    public static long pack(int slot, int op, int generation) {
        return (long) (generation & MAX_GENERATION) << 40 | (long) (op & MAX_OP) << 32 | (slot & 0xFFFF_FFFFL);
    }

    public static int slot(long userData) {
        return (int) userData;
    }

    public static int op(long userData) {
        return (int) (userData >>> 32) & MAX_OP;
    }

    public static int generation(long userData) {
        return (int) (userData >>> 40) & MAX_GENERATION;
    }
}
// end::s04-user-data[]
