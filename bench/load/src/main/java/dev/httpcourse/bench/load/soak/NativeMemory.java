package dev.httpcourse.bench.load.soak;

/**
 * What Native Memory Tracking counts for a JVM ({@code jcmd PID VM.native_memory summary}), in bytes:
 * all it has committed, the Java heap's share, and the share of category "Other" (with "NIO" where
 * the JDK has it), where {@code Unsafe.allocateMemory}, direct buffers and FFM's {@code Arena.allocate}
 * land. Memory a server maps itself (an io_uring ring through {@code mmap}) is not tracked: it shows in RSS only.
 */
public record NativeMemory(long committed, long heapCommitted, long other) {

    /** Committed outside the Java heap: the JVM's own memory (code, metadata, threads, GC) and the off-heap buffers. */
    public long outsideHeap() {
        return committed - heapCommitted;
    }
}
