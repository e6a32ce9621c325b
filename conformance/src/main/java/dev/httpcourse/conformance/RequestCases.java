package dev.httpcourse.conformance;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The suite's case tables, one per category, in the order the categories run: the one list a table
 * is registered in. Each case category of {@link HttpConformanceSuite} (a {@code @Nested} class)
 * names its constant here, and the checks that take every case, the head parser's
 * ({@link HeadParserConformance}) and the fuzz corpus, read them all from here, so a table added
 * here reaches all three. {@code RequestCasesTest} fails if a constant has no category, or two.
 */
enum RequestCases {
    ENDPOINTS(EndpointCases::all),
    CONNECTIONS(ConnectionCases::all),
    REQUEST_LINES(RequestLineCases::all),
    HEADER_FIELDS(HeaderFieldCases::all),
    MESSAGE_FRAMING(FramingCases::all),
    CHUNKED_BODIES(ChunkedBodyCases::all),
    EXPECTATIONS(ExpectationCases::all),
    SIZE_LIMITS(SizeLimitCases::all);

    private final Supplier<Stream<RequestCase>> table;

    RequestCases(Supplier<Stream<RequestCase>> table) {
        this.table = table;
    }

    /** This category's cases. */
    Stream<RequestCase> cases() {
        return table.get();
    }

    /** Every request case of the suite, for the checks that use them all: the head parser's and the fuzz corpus. */
    static Stream<RequestCase> all() {
        return Arrays.stream(values()).flatMap(RequestCases::cases);
    }

    /** The request bytes of every case, valid and invalid: what the fuzz properties mutate. */
    static List<byte[]> corpus() {
        return all().map(RequestCase::request).toList();
    }
}
