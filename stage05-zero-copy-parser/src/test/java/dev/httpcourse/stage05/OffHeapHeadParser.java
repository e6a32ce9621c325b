package dev.httpcourse.stage05;

import dev.httpcourse.common.http.BodyFraming;
import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.conformance.HeadParser;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
            return end == InPlaceRequestParser.INCOMPLETE ? null : materialise(parser, segment, 3);
        }
    }

    /** The head as stages 01-04 would hand it to the application: Strings, copied out only here. */
    static RequestHead materialise(InPlaceRequestParser p, MemorySegment segment, long start) {
        String method = text(segment, start, p.methodStart(), p.methodEnd());
        String target = text(segment, start, p.targetStart(), p.targetEnd());
        String path = p.impliedRootPath() ? "/" : text(segment, start, p.pathStart(), p.pathEnd());
        String query = p.queryStart() < 0 ? "" : text(segment, start, p.queryStart(), p.targetEnd());
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < p.fieldCount(); i++) {
            headers.add(new Header(text(segment, start, p.fieldNameStart(i), p.fieldNameEnd(i)),
                    text(segment, start, p.fieldValueStart(i), p.fieldValueEnd(i))));
        }
        BodyFraming framing = p.chunked() ? BodyFraming.CHUNKED
                : p.contentLength() > 0 ? new BodyFraming.Length(p.contentLength()) : BodyFraming.NONE;
        return new RequestHead(method, target, path, query, p.version(), List.copyOf(headers), framing,
                p.keepAlive(), p.expectContinue());
    }

    private static String text(MemorySegment segment, long start, int from, int to) {
        byte[] bytes = new byte[to - from];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, start + from, bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
