package dev.httpcourse.stage05;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.app.JsonEndpoint;
import dev.httpcourse.common.app.Method;
import dev.httpcourse.common.app.Resource;
import dev.httpcourse.common.http.ByteView;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Status;
import java.lang.foreign.MemorySegment;

// tag::s05-router[]
/**
 * Routes a parsed head by comparing its bytes with {@code common}'s table of resources and methods
 * ({@link Resource#at(ByteView)}, {@link Method#of}, {@link Resource#verdict}): the same 501, 404,
 * OPTIONS and 405 answers as every other stage, decided without a String. One per loop (its
 * connections route one head at a time); the outcome is read from its fields, so routing
 * allocates nothing.
 */
public final class Router {
    // end::s05-router[]
    private static final ByteView ROOT = ByteView.of("/");
    /** A value no parameter is absent as: a present Long.MIN_VALUE is told apart by asking again with another default. */
    private static final long MISSING = Long.MIN_VALUE;

    private final SegmentBytes methodBytes = new SegmentBytes();
    private final SegmentBytes pathBytes = new SegmentBytes();
    private final SegmentBytes queryBytes = new SegmentBytes();
    private final SegmentBytes valueBytes = new SegmentBytes();
    private Method method;
    private Resource resource;

    // tag::s05-router-route[]
    /** Routes the head {@code parser} holds, which starts at {@code start} of {@code segment}. */
    public Resource.Verdict route(InPlaceRequestParser parser, MemorySegment segment, long start) {
        method = Method.of(methodBytes.set(segment, start + parser.methodStart(),
                parser.methodEnd() - parser.methodStart()));
        ByteView path = parser.impliedRootPath() ? ROOT
                : pathBytes.set(segment, start + parser.pathStart(), parser.pathEnd() - parser.pathStart());
        resource = Resource.at(path);
        return Resource.verdict(method, resource);
    }
    // end::s05-router-route[]

    /** The implemented method, or null (then the verdict is NOT_IMPLEMENTED). */
    public Method method() {
        return method;
    }

    /** The resource at the path, or null (then the verdict is NOT_FOUND or NOT_IMPLEMENTED). */
    public Resource resource() {
        return resource;
    }

    /**
     * The integer query parameter {@code name} (by {@code common}'s rules: whole names, the first
     * wins, {@code -?DIGIT+} in a long), read in place; {@code absent} when there is none.
     *
     * @throws HttpException 400 when the value is not an integer
     */
    public long queryInteger(InPlaceRequestParser parser, MemorySegment segment, long start, String name, long absent) {
        if (parser.queryStart() < 0) {
            return absent;
        }
        long range = RequestHead.queryParamRange(
                queryBytes.set(segment, start + parser.queryStart(), parser.targetEnd() - parser.queryStart()), name);
        if (range < 0) {
            return absent;
        }
        int from = (int) (range >>> 32);
        try {
            // a constant description, so that the hot path builds no message
            return App.parseInteger(valueBytes.set(segment, start + parser.queryStart() + from, (int) range - from),
                    "query parameter");
        } catch (HttpException e) {
            throw new HttpException(Status.BAD_REQUEST, "query parameter " + name + " is not an integer");
        }
    }

    /** {@link #queryInteger} for a parameter the endpoint needs ({@code a} and {@code b} of baseline11): 400 if absent. */
    public long requiredQueryInteger(InPlaceRequestParser parser, MemorySegment segment, long start, String name) {
        long value = queryInteger(parser, segment, start, name, MISSING);
        // MISSING twice would be a present Long.MIN_VALUE; absent gives back the other default
        if (value == MISSING && queryInteger(parser, segment, start, name, 0) == 0) {
            throw new HttpException(Status.BAD_REQUEST, "missing query parameter " + name);
        }
        return value;
    }

    /** The {@code count} of {@code /json/{count}}, by {@code common}'s rule; the head must have routed to JSON. */
    public int jsonCount(InPlaceRequestParser parser, MemorySegment segment, long start, int available) {
        int from = parser.pathStart() + JsonEndpoint.PREFIX.length();
        return JsonEndpoint.count(pathBytes.set(segment, start + from, parser.pathEnd() - from), available);
    }
}
