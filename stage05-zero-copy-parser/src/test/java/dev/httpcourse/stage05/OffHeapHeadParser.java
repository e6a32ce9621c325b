package dev.httpcourse.stage05;

import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.conformance.HeadParser;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The suite's {@link HeadParser} over {@link InPlaceRequestParser}: the bytes are copied into
 * off-heap memory, as the kernel will put them there, the parser decides on them in place, and only
 * then, for the suite to compare, is a {@link RequestHead} built from its offsets. Every status the
 * suite sees is the in-place parser's own.
 */
final class OffHeapHeadParser implements HeadParser {

    @Override
    public RequestHead parse(byte[] input, Limits limits) {
        try (Arena arena = Arena.ofConfined()) {
            // placed at an odd offset, so that the eight-byte loads are unaligned as they will be in a ring buffer
            MemorySegment segment = arena.allocate(input.length + 3L);
            MemorySegment.copy(input, 0, segment, ValueLayout.JAVA_BYTE, 3, input.length);
            var parser = new InPlaceRequestParser(limits);
            parser.reset();
            long end = parser.parse(segment, 3, segment.byteSize());
            return end == InPlaceRequestParser.INCOMPLETE ? null : parser.materialise(segment, 3);
        }
    }
}
