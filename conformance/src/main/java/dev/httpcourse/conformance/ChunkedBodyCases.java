package dev.httpcourse.conformance;

import static dev.httpcourse.conformance.ExpectedResponse.echo;
import static dev.httpcourse.conformance.ExpectedResponse.ok;
import static dev.httpcourse.conformance.ExpectedResponse.status;

import java.util.stream.Stream;

/**
 * Chunked bodies (RFC 9112 section 7.1): sizes in hex of either case, extensions and trailers
 * checked against their grammar and skipped; malformed sizes and extensions, sizes beyond any number
 * and missing CRLFs refused with 400; sizes beyond the body limit refused with 413 before a byte of
 * them is read.
 */
final class ChunkedBodyCases {
    private static final String UPLOAD = """
            POST /upload HTTP/1.1\r
            Host: t\r
            Transfer-Encoding: chunked\r
            \r
            """;
    private static final String ECHO = """
            POST /echo HTTP/1.1\r
            Host: t\r
            Content-Type: text/plain\r
            Transfer-Encoding: chunked\r
            \r
            """;

    private ChunkedBodyCases() {
    }

    static Stream<RequestCase> all() {
        return Stream.of(accepted(), refused()).flatMap(s -> s).map(RequestCase::headParses);
    }

    private static Stream<RequestCase> accepted() {
        return Stream.of(
                RequestCase.of("skipsChunkExtension", UPLOAD + """
                        5;name=value\r
                        hello\r
                        0\r
                        \r
                        """).answers(ok("5")),
                RequestCase.of("skipsQuotedChunkExtension", UPLOAD + """
                        5;name="a; b"\r
                        hello\r
                        0\r
                        \r
                        """).answers(ok("5")),
                RequestCase.of("skipsSeveralChunkExtensions", UPLOAD + """
                        5;a=1;b=2\r
                        hello\r
                        0\r
                        \r
                        """).answers(ok("5")),
                RequestCase.of("skipsChunkExtensionWithWhitespaceAroundItsParts", UPLOAD + """
                        5 ; a = 1 ;\tb\t=\t"x"\r
                        hello\r
                        0\r
                        \r
                        """).answers(ok("5")),
                RequestCase.of("skipsQuotedChunkExtensionWithEscapes", UPLOAD + """
                        5;a="q\\"u\\\\o;te"\r
                        hello\r
                        0\r
                        \r
                        """).answers(ok("5")),
                RequestCase.of("skipsChunkExtensionWithoutValue", UPLOAD + """
                        5;flag\r
                        hello\r
                        0\r
                        \r
                        """).answers(ok("5")),
                RequestCase.of("skipsExtensionOnLastChunk", UPLOAD + """
                        5\r
                        hello\r
                        0;final=yes\r
                        \r
                        """).answers(ok("5")),
                RequestCase.of("skipsTrailerField", UPLOAD + """
                        5\r
                        hello\r
                        0\r
                        X-Checksum: abc\r
                        \r
                        """).answers(ok("5")),
                RequestCase.of("skipsSeveralTrailerFields", UPLOAD + """
                        5\r
                        hello\r
                        0\r
                        X-One: 1\r
                        X-Two: 2\r
                        \r
                        """).answers(ok("5")),
                RequestCase.of("readsUppercaseHexSize", ECHO + """
                        A\r
                        0123456789\r
                        0\r
                        \r
                        """).answers(echo("text/plain", "0123456789")),
                RequestCase.of("readsLowercaseHexSize", ECHO + """
                        a\r
                        0123456789\r
                        0\r
                        \r
                        """).answers(echo("text/plain", "0123456789")),
                RequestCase.of("readsMixedCaseHexSize", ECHO + """
                        1aB\r
                        %s\r
                        0\r
                        \r
                        """.formatted("x".repeat(0x1ab))).answers(echo("text/plain", "x".repeat(0x1ab))),
                RequestCase.of("readsSizeWithLeadingZeros", ECHO + """
                        0005\r
                        hello\r
                        0\r
                        \r
                        """).answers(echo("text/plain", "hello")),
                RequestCase.of("joinsManySmallChunks", ECHO + """
                        1\r
                        a\r
                        1\r
                        b\r
                        1\r
                        c\r
                        1\r
                        d\r
                        1\r
                        e\r
                        0\r
                        \r
                        """).answers(echo("text/plain", "abcde")),
                RequestCase.of("readsLastChunkWithLeadingZeros", UPLOAD + """
                        5\r
                        hello\r
                        000\r
                        \r
                        """).answers(ok("5")),
                RequestCase.of("keepsCrlfInsideChunkData", ECHO + """
                        6\r
                        a\r
                        0\r
                        \r
                        0\r
                        \r
                        """).answers(echo("text/plain", "a\r\n0\r\n")),
                RequestCase.of("acceptsChunkedBodyAtTheLimit", UPLOAD + """
                        400\r
                        %s\r
                        0\r
                        \r
                        """.formatted("x".repeat(1024))).answers(ok("1024")));
    }

    private static Stream<RequestCase> refused() {
        return Stream.of(
                RequestCase.of("refusesNonHexChunkSize", UPLOAD + """
                        zz\r
                        hello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                RequestCase.of("refusesEmptyChunkSize", UPLOAD + """
                        \r
                        hello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                RequestCase.of("refusesNegativeChunkSize", UPLOAD + """
                        -5\r
                        hello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                RequestCase.of("refusesHexPrefixInChunkSize", UPLOAD + """
                        0x5\r
                        hello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                RequestCase.of("refusesMissingCrlfAfterChunkData", UPLOAD + """
                        5\r
                        helloX\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                RequestCase.of("refusesChunkDataLongerThanSize", UPLOAD + """
                        3\r
                        hello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                RequestCase.of("refusesBareLfAfterChunkData", UPLOAD + """
                        5\r
                        hello
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                RequestCase.of("refusesBareLfAfterChunkSize", UPLOAD + """
                        5
                        hello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                RequestCase.of("refusesBareCrAfterChunkSize", UPLOAD + """
                        5\rhello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                RequestCase.of("refusesControlCharacterInChunkExtension", UPLOAD + """
                        5;a=\001\r
                        hello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                RequestCase.of("refusesControlCharacterInTrailer", UPLOAD + """
                        5\r
                        hello\r
                        0\r
                        X-A: \0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                // a size beyond 63 bits is not a length at all: 400, not 413 (which says "well-formed, but too large")
                RequestCase.of("refusesChunkSizeBeyondAnyNumber", UPLOAD + """
                        FFFFFFFFFFFFFFFFFFFF\r
                        hello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                // tag::conformance-wrapping-chunk[]
                // 2^64 + 5: a size parsed without an overflow check wraps around to 5 and reads "hello" as data
                RequestCase.of("refusesChunkSizeThatWrapsAroundToASmallNumber", UPLOAD + """
                        10000000000000005\r
                        hello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                // end::conformance-wrapping-chunk[]
                RequestCase.of("refusesBareSemicolonAsChunkExtension", UPLOAD + """
                        5;\r
                        hello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                RequestCase.of("refusesNonTokenChunkExtensionName", UPLOAD + """
                        5;bad[=x\r
                        hello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                RequestCase.of("refusesChunkExtensionWithEmptyValue", UPLOAD + """
                        5;a=\r
                        hello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                RequestCase.of("refusesUnterminatedQuotedChunkExtension", UPLOAD + """
                        5;a="x\r
                        hello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                // extensions are skipped, but not without end: a size line has a bound of its own (4 KiB)
                RequestCase.of("refusesChunkSizeLineOverItsBound", UPLOAD + """
                        1;e=%s\r
                        x\r
                        0\r
                        \r
                        """.formatted("v".repeat(4100))).answers(status(400)).thenCloses(),
                RequestCase.of("refusesWhitespaceAfterChunkSizeWithoutExtension", UPLOAD + """
                        5 \r
                        hello\r
                        0\r
                        \r
                        """).answers(status(400)).thenCloses(),
                RequestCase.of("answers413ForChunkOverBodyLimit", UPLOAD + """
                        401\r
                        hello\r
                        """).answers(status(413)).thenCloses(),
                RequestCase.of("answers413ForChunkedBodyGrowingOverLimit", UPLOAD + """
                        200\r
                        %s\r
                        200\r
                        %s\r
                        1\r
                        x\r
                        0\r
                        \r
                        """.formatted("x".repeat(512), "y".repeat(512))).answers(status(413)).thenCloses(),
                RequestCase.of("answers431ForTrailerSectionOverLimit", UPLOAD + """
                        5\r
                        hello\r
                        0\r
                        X-Big: %s\r
                        \r
                        """.formatted("t".repeat(2100))).answers(status(431)).thenCloses());
    }
}
