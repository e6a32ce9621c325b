package dev.httpcourse.stage05;

import dev.httpcourse.common.app.JsonEndpoint;
import dev.httpcourse.common.app.Method;
import dev.httpcourse.common.app.Resource;
import dev.httpcourse.common.http.ByteView;
import java.lang.foreign.MemorySegment;

// tag::router[]
/**
 * Routes a parsed head by comparing its bytes with {@code common}'s table of resources and methods
 * ({@link Resource#at(ByteView)}, {@link Method#of}, {@link Resource#verdict}): the same 501, 404,
 * OPTIONS and 405 answers as every other stage, decided without a String. One per connection; the
 * outcome is read from its fields, so routing allocates nothing.
 */
public final class Router {
    // end::router[]
    private static final ByteView ROOT = ByteView.of("/");

    private final SegmentBytes methodBytes = new SegmentBytes();
    private final SegmentBytes pathBytes = new SegmentBytes();
    private Method method;
    private Resource resource;
    private Resource.Verdict verdict;

    /** Routes the head {@code parser} holds, which starts at {@code start} of {@code segment}. */
    public Resource.Verdict route(InPlaceRequestParser parser, MemorySegment segment, long start) {
        method = Method.of(methodBytes.set(segment, start + parser.methodStart(),
                parser.methodEnd() - parser.methodStart()));
        ByteView path = parser.impliedRootPath() ? ROOT
                : pathBytes.set(segment, start + parser.pathStart(), parser.pathEnd() - parser.pathStart());
        resource = Resource.at(path);
        verdict = Resource.verdict(method, resource);
        return verdict;
    }

    /** The implemented method, or null (then the verdict is NOT_IMPLEMENTED). */
    public Method method() {
        return method;
    }

    /** The resource at the path, or null (then the verdict is NOT_FOUND or NOT_IMPLEMENTED). */
    public Resource resource() {
        return resource;
    }

    public Resource.Verdict verdict() {
        return verdict;
    }

    /** The {@code count} of {@code /json/{count}}, by {@code common}'s rule; the head must have routed to JSON. */
    public int jsonCount(InPlaceRequestParser parser, MemorySegment segment, long start, int available) {
        int from = parser.pathStart() + JsonEndpoint.PREFIX.length();
        return JsonEndpoint.count(pathBytes.set(segment, start + from, parser.pathEnd() - from), available);
    }
}
