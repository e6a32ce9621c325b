package dev.httpcourse.conformance;

import static dev.httpcourse.conformance.ExpectedResponse.ok;
import static dev.httpcourse.conformance.RequestCase.refused;

import java.util.stream.Stream;

/**
 * Message framing (RFC 9112 section 6): the shapes behind request smuggling, where a front end and
 * a server could disagree on where a body ends. One {@code Content-Length} of digits only; never both
 * framings; {@code chunked} once and last; no Transfer-Encoding in HTTP/1.0.
 */
final class FramingCases {
    private FramingCases() {
    }

    static Stream<RequestCase> all() {
        return Stream.of(contentLength(), transferEncoding()).flatMap(s -> s);
    }

    private static Stream<RequestCase> contentLength() {
        return Stream.of(
                // tag::conformance-smuggling-case[]
                refused("refusesContentLengthWithTransferEncoding", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 5\r
                        Transfer-Encoding: chunked\r
                        \r
                        0\r
                        \r
                        """),
                // end::conformance-smuggling-case[]
                refused("refusesTransferEncodingWithContentLength", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: chunked\r
                        Content-Length: 5\r
                        \r
                        0\r
                        \r
                        """),
                refused("refusesTwoDifferentContentLengths", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 5\r
                        Content-Length: 6\r
                        \r
                        hello!"""),
                refused("refusesTwoEqualContentLengths", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 5\r
                        Content-Length: 5\r
                        \r
                        hello"""),
                refused("refusesCommaJoinedContentLength", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 5, 5\r
                        \r
                        hello"""),
                refused("refusesCommaJoinedContentLengthWithoutSpace", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 5,5\r
                        \r
                        hello"""),
                refused("refusesPlusSignedContentLength", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: +5\r
                        \r
                        hello"""),
                refused("refusesNegativeContentLength", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: -1\r
                        \r
                        """),
                refused("refusesNonDigitContentLength", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: five\r
                        \r
                        hello"""),
                refused("refusesHexContentLength", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 0x5\r
                        \r
                        hello"""),
                refused("refusesDecimalPointInContentLength", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 5.0\r
                        \r
                        hello"""),
                refused("refusesSpaceInsideContentLength", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 1 0\r
                        \r
                        helloworld"""),
                refused("refusesEmptyContentLength", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length:\r
                        \r
                        """),
                // not a length at all, so 400; 413 is for a well-formed length over the limit
                refused("refusesContentLengthBeyondAnyNumber", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 99999999999999999999\r
                        \r
                        """),
                refused("refusesContentLengthOfTwoToTheSixtyThird", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 9223372036854775808\r
                        \r
                        """),
                RequestCase.of("acceptsContentLengthWithLeadingZeros", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 005\r
                        \r
                        hello""").answers(ok("5")).headParses());
    }

    private static Stream<RequestCase> transferEncoding() {
        return Stream.of(
                refused("refusesChunkedFollowedByAnotherCoding", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: chunked, gzip\r
                        \r
                        0\r
                        \r
                        """),
                refused("refusesQuotedChunkedCoding", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: "chunked"\r
                        \r
                        0\r
                        \r
                        """),
                // RFC 9110 section 5.6.1: empty list elements do not count
                RequestCase.of("acceptsEmptyListElementsAroundChunked", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: , chunked,\r
                        \r
                        2\r
                        ab\r
                        0\r
                        \r
                        """).answers(ok("2")).headParses(),
                refused("refusesUnknownCodingResemblingChunked", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: xchunked\r
                        \r
                        0\r
                        \r
                        """),
                refused("refusesCodingWithoutChunked", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: gzip\r
                        \r
                        0\r
                        \r
                        """),
                refused("refusesIdentityCoding", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: identity\r
                        \r
                        0\r
                        \r
                        """),
                refused("refusesChunkedTwice", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: chunked, chunked\r
                        \r
                        0\r
                        \r
                        """),
                refused("refusesChunkedTwiceInTwoFields", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: chunked\r
                        Transfer-Encoding: chunked\r
                        \r
                        0\r
                        \r
                        """),
                refused("refusesEmptyTransferEncoding", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding:\r
                        \r
                        0\r
                        \r
                        """),
                refused("refusesTransferEncodingInHttp10", 400, """
                        POST /upload HTTP/1.0\r
                        Transfer-Encoding: chunked\r
                        \r
                        0\r
                        \r
                        """),
                refused("refusesTransferEncodingWithSpaceBeforeColon", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding : chunked\r
                        \r
                        0\r
                        \r
                        """),
                refused("refusesVerticalTabBeforeChunked", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding:\013chunked\r
                        \r
                        0\r
                        \r
                        """),
                refused("refusesFoldedTransferEncoding", 400, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding:\r
                         chunked\r
                        \r
                        0\r
                        \r
                        """),
                refused("answers501ForCodingBeforeChunked", 501, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: gzip, chunked\r
                        \r
                        0\r
                        \r
                        """),
                refused("answers501ForCodingsInTwoFields", 501, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: gzip\r
                        Transfer-Encoding: chunked\r
                        \r
                        0\r
                        \r
                        """),
                RequestCase.of("readsChunkedInAnyCase", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: Chunked\r
                        \r
                        5\r
                        hello\r
                        0\r
                        \r
                        """).answers(ok("5")).headParses());
    }
}
