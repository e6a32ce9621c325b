package dev.httpcourse.bench.load.soak;

/**
 * One look at the server, at rest between two rounds (or before the first): its memory, threads and
 * descriptors, and the running totals of the load so far.
 *
 * @param index            0 before any load, then the round just finished
 * @param seconds          since the soak started
 * @param rssBytes         VmRSS of /proc/PID/status
 * @param heapAfterGcBytes heap used just after {@code jcmd PID GC.run}, or null if jcmd could not tell
 * @param nativeMemory     NMT's summary, or null if jcmd could not tell
 * @param requests         well-behaved requests answered so far
 * @param errors           well-behaved errors so far (non-2xx, I/O, parse, bad body, unanswered)
 * @param hostile          hostile connections made so far
 */
public record Sample(int index, double seconds, long rssBytes, int threads, int fileDescriptors, Long heapAfterGcBytes,
                     NativeMemory nativeMemory, long requests, long errors, long hostile) {
}
