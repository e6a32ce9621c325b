package dev.httpcourse.stage02;

// tag::s02-timer-wheel[]
/**
 * The deadlines of one event loop's connections (idle, header, write stall, linger), kept without a
 * thread and without allocating: a hashed wheel of {@link #SLOTS} slots of {@link #TICK_NANOS} each,
 * every slot an intrusive doubly linked list of {@link Entry}s. The loop selects no longer than the
 * next non-empty slot and then calls {@link #advance}, which fires what has expired.
 *
 * <pre>
 *   slot:    0     1     2     3   …   1023      one tick = 50 ms; the wheel turns once in 51.2 s
 *            │     │     │
 *           [c7]  [ ]   [c1]◄─►[c4]◄─►[c9]        an entry sits in the slot of its tick
 *            ▲ now
 * </pre>
 *
 * <b>Lazy moves.</b> Every request pushes its connection's idle deadline later. Moving the entry each
 * time would cost two list operations per request; instead {@link #schedule} only records the new
 * deadline when it is later than the slot the entry sits in. When that slot comes round the entry's
 * real deadline is checked, and the entry is placed again if it has not passed. Only a deadline that
 * moves earlier (a header timeout shorter than the idle one) moves the entry at once.
 */
final class TimerWheel {
    static final long TICK_NANOS = 50_000_000;
    static final int SLOTS = 1024;
    /** How far {@link #nanosToNextTick} looks for a non-empty slot: a loop with nothing due wakes every 3.2 s. */
    static final int LOOKAHEAD = 64;

    /** Something with a deadline: extended by the connection, so that a timer costs no object of its own. */
    abstract static class Entry {
        private long deadline;
        private long tick = -1; // the tick of the slot it is linked in, or -1 when in none
        private Entry prev;
        private Entry next;

        /** The deadline has passed. The entry is in no slot now; schedule it again to keep a deadline. */
        abstract void expired();
    }
    // end::s02-timer-wheel[]

    private final Entry[] slots = new Entry[SLOTS];
    /** System.nanoTime() may be negative: ticks count from here, so that they never are. */
    private final long origin;
    private long currentTick;
    private int size;

    TimerWheel(long nowNanos) {
        this.origin = nowNanos;
    }

    // tag::s02-schedule[]
    void schedule(Entry e, long deadline) {
        // tag::step-6-schedule[]
        e.deadline = deadline;
        long tick = Math.max(ceilTick(deadline), currentTick + 1);
        if (e.tick >= 0) {
            if (e.tick <= tick) {
                return; // it will come round earlier and be placed again then: no list operation
            }
            unlink(e);
        }
        link(e, Math.min(tick, currentTick + SLOTS - 1));
        // end::step-6-schedule[]
    }
    // end::s02-schedule[]

    void cancel(Entry e) {
        if (e.tick >= 0) {
            unlink(e);
        }
    }

    // tag::s02-advance[]
    /** Fires every entry whose deadline is at or before {@code nowNanos}. */
    void advance(long nowNanos) {
        // tag::step-6-advance[]
        long target = (nowNanos - origin) / TICK_NANOS;
        while (currentTick < target && size > 0) {
            currentTick++;
            int slot = (int) (currentTick % SLOTS);
            Entry e = slots[slot];
            while (e != null) {
                Entry next = e.next;
                if (e.tick == currentTick) {
                    unlink(e);
                    if (e.deadline <= nowNanos) {
                        e.expired();
                    } else {
                        schedule(e, e.deadline); // its deadline moved on since it was placed
                    }
                }
                e = next;
            }
        }
        currentTick = Math.max(currentTick, target);
        // end::step-6-advance[]
    }
    // end::s02-advance[]

    /**
     * Nanoseconds from {@code nowNanos} to the tick of the next non-empty slot, looking at most
     * {@link #LOOKAHEAD} slots ahead (this runs before every select), or -1 when no entry waits.
     */
    long nanosToNextTick(long nowNanos) {
        if (size == 0) {
            return -1;
        }
        long tick = currentTick + 1;
        while (tick < currentTick + LOOKAHEAD && slots[(int) (tick % SLOTS)] == null) {
            tick++;
        }
        return Math.max(0, origin + tick * TICK_NANOS - nowNanos);
    }

    int size() {
        return size;
    }

    private long ceilTick(long nanos) {
        return Math.max(0, nanos - origin + TICK_NANOS - 1) / TICK_NANOS;
    }

    private void link(Entry e, long tick) {
        int slot = (int) (tick % SLOTS);
        e.tick = tick;
        e.prev = null;
        e.next = slots[slot];
        if (e.next != null) {
            e.next.prev = e;
        }
        slots[slot] = e;
        size++;
    }

    private void unlink(Entry e) {
        int slot = (int) (e.tick % SLOTS);
        if (e.prev != null) {
            e.prev.next = e.next;
        } else {
            slots[slot] = e.next;
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        e.tick = -1;
        size--;
    }
}
