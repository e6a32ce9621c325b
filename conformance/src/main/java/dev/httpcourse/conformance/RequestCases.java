package dev.httpcourse.conformance;

import java.util.List;
import java.util.stream.Stream;

/** Every request case of the suite, for the checks that use them all: the head parser's and the fuzz corpus. */
final class RequestCases {
    private RequestCases() {
    }

    static Stream<RequestCase> all() {
        return Stream.of(EndpointCases.all(), ConnectionCases.all(), RequestLineCases.all(), HeaderFieldCases.all(),
                FramingCases.all(), ChunkedBodyCases.all(), ExpectationCases.all(), SizeLimitCases.all())
                .flatMap(s -> s);
    }

    /** The request bytes of every case, valid and invalid: what the fuzz properties mutate. */
    static List<byte[]> corpus() {
        return all().map(RequestCase::request).toList();
    }
}
