package dev.httpcourse.conformance;

import static dev.httpcourse.conformance.ExpectedResponse.ok;
import static dev.httpcourse.conformance.ExpectedResponse.status;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The size limits, against {@link SuiteLimits#CASES}: a request line of 512 bytes, a header section
 * of 2,048 bytes and 32 fields, a body of 1,024 bytes. Each limit is met exactly, then passed.
 */
final class SizeLimitCases {
    private SizeLimitCases() {
    }

    static Stream<RequestCase> all() {
        return Stream.of(
                RequestCase.of("acceptsRequestLineAtTheLimit", """
                        GET /%s HTTP/1.1\r
                        Host: t\r
                        \r
                        """.formatted("a".repeat(512 - "GET / HTTP/1.1".length())))
                        .answers(status(404)).headParses(),
                RequestCase.refused("answers414ForRequestLineOverTheLimit", 414, """
                        GET /%s HTTP/1.1\r
                        Host: t\r
                        \r
                        """.formatted("a".repeat(513 - "GET / HTTP/1.1".length()))),
                RequestCase.refused("answers414ForLongQuery", 414, """
                        GET /baseline11?a=1&b=2&pad=%s HTTP/1.1\r
                        Host: t\r
                        \r
                        """.formatted("p".repeat(600))),
                // 414 says the target is too long; a method that long is one the server does not implement
                RequestCase.refused("answers501ForMethodOverTheRequestLineLimit", 501, """
                        %s / HTTP/1.1\r
                        Host: t\r
                        \r
                        """.formatted("M".repeat(600))),
                RequestCase.refused("refusesVersionRunningOverTheRequestLineLimit", 400, """
                        GET / HTTP/1.1%s\r
                        Host: t\r
                        \r
                        """.formatted("1".repeat(600))),
                RequestCase.refused("refusesGarbageRequestLineOverTheLimit", 400, """
                        %s\r
                        Host: t\r
                        \r
                        """.formatted("<>".repeat(300))),
                RequestCase.of("acceptsHeaderSectionUnderTheLimit", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-Big: %s\r
                        \r
                        """.formatted("b".repeat(1500))).answers(ok("Hello, World!")).headParses(),
                RequestCase.refused("answers431ForLargeFieldValue", 431, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-Big: %s\r
                        \r
                        """.formatted("b".repeat(2100))),
                RequestCase.refused("answers431ForLargeFieldName", 431, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-%s: 1\r
                        \r
                        """.formatted("n".repeat(2100))),
                RequestCase.refused("answers431ForManyFieldsOverTheByteLimit", 431, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        %s\r
                        """.formatted(fields(30, 80))),
                RequestCase.of("acceptsFieldCountAtTheLimit", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        %s\r
                        """.formatted(fields(31, 8))).answers(ok("Hello, World!")).headParses(),
                RequestCase.refused("answers431ForFieldCountOverTheLimit", 431, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        %s\r
                        """.formatted(fields(32, 8))),
                RequestCase.of("acceptsContentLengthAtTheLimit", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 1024\r
                        \r
                        %s""".formatted("x".repeat(1024))).answers(ok("1024")).headParses(),
                RequestCase.refused("answers413ForContentLengthOverTheLimit", 413, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 1025\r
                        \r
                        """));
    }

    /** {@code count} field lines {@code X-Field-n: vvv…}, each CRLF-terminated, values {@code valueBytes} long. */
    private static String fields(int count, int valueBytes) {
        return IntStream.range(0, count)
                .mapToObj(i -> "X-Field-" + i + ": " + "v".repeat(valueBytes) + "\r\n")
                .collect(Collectors.joining());
    }
}
