package dev.httpcourse.conformance;

import static dev.httpcourse.conformance.ExpectedResponse.allows;
import static dev.httpcourse.conformance.ExpectedResponse.echo;
import static dev.httpcourse.conformance.ExpectedResponse.json;
import static dev.httpcourse.conformance.ExpectedResponse.notAllowed;
import static dev.httpcourse.conformance.ExpectedResponse.ok;
import static dev.httpcourse.conformance.ExpectedResponse.status;

import java.util.stream.Stream;

/** The endpoints every stage serves (DESIGN.md, "The application"), their errors, and routing. */
final class EndpointCases {
    private EndpointCases() {
    }

    static Stream<RequestCase> all() {
        return Stream.of(root(), baseline(), pipeline(), jsonEndpoint(), upload(), echoCases(), routing(), options())
                .flatMap(s -> s)
                .map(RequestCase::headParses);
    }

    private static Stream<RequestCase> root() {
        return Stream.of(
                RequestCase.of("answersHelloWorldOnGetRoot", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("Hello, World!")),
                // tag::conformance-case[]
                RequestCase.of("answersFieldsOnlyOnHeadRoot", """
                        HEAD / HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("Hello, World!").toHead()),
                // end::conformance-case[]
                RequestCase.of("ignoresQueryOnRoot", """
                        GET /?x=1 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("Hello, World!")));
    }

    private static Stream<RequestCase> baseline() {
        return Stream.of(
                RequestCase.of("addsQueryParametersOnGetBaseline", """
                        GET /baseline11?a=13&b=42 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("55")),
                RequestCase.of("addsNegativeQueryParameters", """
                        GET /baseline11?a=-13&b=42 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("29")),
                RequestCase.of("takesQueryParametersInAnyOrder", """
                        GET /baseline11?b=42&x=7&a=13 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("55")),
                RequestCase.of("matchesWholeQueryParameterNames", """
                        GET /baseline11?aa=100&a=1&ba=7&b=2 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("3")),
                RequestCase.of("answersFieldsOnlyOnHeadBaseline", """
                        HEAD /baseline11?a=13&b=42 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("55").toHead()),
                RequestCase.of("addsContentLengthBodyOnPostBaseline", """
                        POST /baseline11?a=13&b=42 HTTP/1.1\r
                        Host: t\r
                        Content-Length: 2\r
                        \r
                        20""").answers(ok("75")),
                RequestCase.of("addsChunkedBodyOnPostBaseline", """
                        POST /baseline11?a=13&b=42 HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: chunked\r
                        \r
                        2\r
                        20\r
                        0\r
                        \r
                        """).answers(ok("75")),
                RequestCase.of("addsBodySplitOverSeveralChunks", """
                        POST /baseline11?a=13&b=42 HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: chunked\r
                        \r
                        1\r
                        2\r
                        1\r
                        0\r
                        0\r
                        \r
                        """).answers(ok("75")),
                RequestCase.of("refusesBaselineWithoutParameterA", """
                        GET /baseline11?b=42 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(400)),
                RequestCase.of("refusesBaselineWithoutQuery", """
                        GET /baseline11 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(400)),
                RequestCase.of("refusesNonIntegerQueryParameter", """
                        GET /baseline11?a=x&b=42 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(400)),
                RequestCase.of("refusesEmptyQueryParameter", """
                        GET /baseline11?a=&b=42 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(400)),
                RequestCase.of("refusesDecimalQueryParameter", """
                        GET /baseline11?a=1.5&b=42 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(400)),
                RequestCase.of("refusesOverflowingSum", """
                        GET /baseline11?a=9223372036854775807&b=1 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(400)),
                RequestCase.of("refusesNonIntegerBodyOnPostBaseline", """
                        POST /baseline11?a=13&b=42 HTTP/1.1\r
                        Host: t\r
                        Content-Length: 2\r
                        \r
                        xy""").answers(status(400)).thenMayClose(),
                RequestCase.of("refusesEmptyBodyOnPostBaseline", """
                        POST /baseline11?a=13&b=42 HTTP/1.1\r
                        Host: t\r
                        Content-Length: 0\r
                        \r
                        """).answers(status(400)).thenMayClose());
    }

    private static Stream<RequestCase> pipeline() {
        return Stream.of(
                RequestCase.of("answersOkOnGetPipeline", """
                        GET /pipeline HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("ok")),
                RequestCase.of("answersFieldsOnlyOnHeadPipeline", """
                        HEAD /pipeline HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("ok").toHead()));
    }

    private static Stream<RequestCase> jsonEndpoint() {
        return Stream.of(
                RequestCase.of("servesFiveJsonItems", """
                        GET /json/5 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(json(5, 1)),
                RequestCase.of("multipliesJsonTotals", """
                        GET /json/3?m=7 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(json(3, 7)),
                RequestCase.of("multipliesJsonTotalsByNegativeFactor", """
                        GET /json/2?m=-3 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(json(2, -3)),
                RequestCase.of("servesZeroJsonItems", """
                        GET /json/0 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(json(0, 1)),
                RequestCase.of("servesAllFiftyJsonItems", """
                        GET /json/50?m=2 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(json(50, 2)),
                RequestCase.of("clampsJsonCountToFifty", """
                        GET /json/500 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(json(50, 1)),
                RequestCase.of("clampsLargeJsonCountToFifty", """
                        GET /json/123456789 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(json(50, 1)),
                RequestCase.of("answersFieldsOnlyOnHeadJson", """
                        HEAD /json/2 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(json(2, 1).toHead()),
                RequestCase.of("refusesNonNumericJsonCount", """
                        GET /json/abc HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(400)),
                RequestCase.of("refusesNegativeJsonCount", """
                        GET /json/-1 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(400)),
                RequestCase.of("refusesEmptyJsonCount", """
                        GET /json/ HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(400)),
                RequestCase.of("refusesJsonMultiplierWhoseTotalsOverflow", """
                        GET /json/1?m=9223372036854775807 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(400)),
                RequestCase.of("refusesNonNumericJsonMultiplier", """
                        GET /json/5?m=x HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(400)));
    }

    private static Stream<RequestCase> upload() {
        return Stream.of(
                RequestCase.of("countsContentLengthUpload", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 11\r
                        \r
                        hello world""").answers(ok("11")),
                RequestCase.of("countsChunkedUpload", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: chunked\r
                        \r
                        5\r
                        hello\r
                        6\r
                         world\r
                        0\r
                        \r
                        """).answers(ok("11")),
                RequestCase.of("countsZeroLengthUpload", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 0\r
                        \r
                        """).answers(ok("0")),
                RequestCase.of("countsEmptyChunkedUpload", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: chunked\r
                        \r
                        0\r
                        \r
                        """).answers(ok("0")),
                RequestCase.of("countsUploadWithoutBody", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("0")),
                RequestCase.of("countsBinaryUploadBytes", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 8\r
                        \r
                        \0\r
                        \377\u00e9\t\001x""").answers(ok("8")));
    }

    private static Stream<RequestCase> echoCases() {
        return Stream.of(
                RequestCase.of("echoesBodyWithItsContentType", """
                        POST /echo HTTP/1.1\r
                        Host: t\r
                        Content-Type: text/plain; charset=utf-8\r
                        Content-Length: 4\r
                        \r
                        ping""").answers(echo("text/plain; charset=utf-8", "ping")),
                RequestCase.of("echoesAsOctetStreamWithoutContentType", """
                        POST /echo HTTP/1.1\r
                        Host: t\r
                        Content-Length: 4\r
                        \r
                        ping""").answers(echo("application/octet-stream", "ping")),
                RequestCase.of("echoesChunkedBody", """
                        POST /echo HTTP/1.1\r
                        Host: t\r
                        Content-Type: application/json\r
                        Transfer-Encoding: chunked\r
                        \r
                        3\r
                        {"a\r
                        5\r
                        ":1}\n\r
                        0\r
                        \r
                        """).answers(echo("application/json", "{\"a\":1}\n")),
                RequestCase.of("echoesBinaryBody", """
                        POST /echo HTTP/1.1\r
                        Host: t\r
                        Content-Type: application/octet-stream\r
                        Content-Length: 6\r
                        \r
                        \0\r
                        \377\200\001""").answers(echo("application/octet-stream", "\0\r\n\377\200\001")),
                RequestCase.of("echoesEmptyBody", """
                        POST /echo HTTP/1.1\r
                        Host: t\r
                        Content-Type: application/json\r
                        Content-Length: 0\r
                        \r
                        """).answers(echo("application/json", "")));
    }

    private static Stream<RequestCase> routing() {
        return Stream.of(
                RequestCase.of("answersNotFoundOnUnknownPath", """
                        GET /nope HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(404)),
                RequestCase.of("answersNotFoundOnJsonWithoutCount", """
                        GET /json HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(404)),
                RequestCase.of("answersNotFoundOnLongerPath", """
                        GET /pipelines HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(404)),
                RequestCase.of("answersFieldsOnlyOnHeadOfUnknownPath", """
                        HEAD /nope HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(404).toHead()),
                RequestCase.of("refusesPostOnRoot", """
                        POST / HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(notAllowed("GET, HEAD, OPTIONS")),
                RequestCase.of("answers501ForPutWhichNoResourceImplements", """
                        PUT /pipeline HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(501)),
                RequestCase.of("answers501ForDeleteWhichNoResourceImplements", """
                        DELETE /json/5 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(501)),
                RequestCase.of("answers501ForPatchWhichNoResourceImplements", """
                        PATCH /pipeline HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(501)),
                RequestCase.of("answers501ForUnknownMethodBeforeLookingAtThePath", """
                        FOO /nope HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(501)),
                RequestCase.of("answers501ForConnectAsNoProxy", """
                        CONNECT t:443 HTTP/1.1\r
                        Host: t:443\r
                        \r
                        """).answers(status(501)),
                RequestCase.of("refusesPostOnPipelineWithAllow", """
                        POST /pipeline HTTP/1.1\r
                        Host: t\r
                        Content-Length: 0\r
                        \r
                        """).answers(notAllowed("GET, HEAD, OPTIONS")),
                RequestCase.of("refusesGetOnUpload", """
                        GET /upload HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(notAllowed("POST, OPTIONS")),
                RequestCase.of("refusesHeadOnUpload", """
                        HEAD /upload HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(notAllowed("POST, OPTIONS").toHead()),
                RequestCase.of("refusesGetOnEcho", """
                        GET /echo HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(notAllowed("POST, OPTIONS")),
                RequestCase.of("treatsLowercaseGetAsAnUnknownMethod", """
                        get / HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(501)),
                RequestCase.of("answers501ForUnknownMethod", """
                        BREW /pipeline HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(501)),
                RequestCase.of("closesAfter501WithUnreadBody", """
                        FOO / HTTP/1.1\r
                        Host: t\r
                        Content-Length: 5\r
                        \r
                        hello""").answers(status(501)).thenCloses(),
                RequestCase.of("closesAfterNotFoundWithUnreadBody", """
                        POST /nope HTTP/1.1\r
                        Host: t\r
                        Content-Length: 5\r
                        \r
                        hello""").answers(status(404)).thenCloses(),
                RequestCase.of("closesAfterNotFoundWithUnreadChunkedBody", """
                        POST /nope HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: chunked\r
                        \r
                        5\r
                        hello\r
                        0\r
                        \r
                        """).answers(status(404)).thenCloses(),
                RequestCase.of("closesAfterNotAllowedWithUnreadBody", """
                        POST / HTTP/1.1\r
                        Host: t\r
                        Content-Length: 5\r
                        \r
                        hello""").answers(notAllowed("GET, HEAD, OPTIONS")).thenCloses(),
                RequestCase.of("closesAfterBadQueryWithUnreadBody", """
                        POST /baseline11?a=x&b=1 HTTP/1.1\r
                        Host: t\r
                        Content-Length: 2\r
                        \r
                        20""").answers(status(400)).thenCloses(),
                RequestCase.of("closesAfterGetWithUnreadBody", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        Content-Length: 5\r
                        \r
                        hello""").answers(ok("Hello, World!")).thenCloses());
    }

    /** RFC 9110 section 9.3.7: OPTIONS asks what a resource, or with {@code *} the server, supports. */
    private static Stream<RequestCase> options() {
        return Stream.of(
                // tag::conformance-options[]
                RequestCase.of("answersOptionsAsteriskWithEveryMethodImplemented", """
                        OPTIONS * HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(allows("GET, HEAD, POST, OPTIONS")),
                // end::conformance-options[]
                RequestCase.of("answersOptionsOnRootWithItsMethods", """
                        OPTIONS / HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(allows("GET, HEAD, OPTIONS")),
                RequestCase.of("answersOptionsOnBaselineWithItsMethods", """
                        OPTIONS /baseline11 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(allows("GET, HEAD, POST, OPTIONS")),
                RequestCase.of("answersOptionsOnJsonWithItsMethods", """
                        OPTIONS /json/3 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(allows("GET, HEAD, OPTIONS")),
                RequestCase.of("answersOptionsOnUploadWithItsMethods", """
                        OPTIONS /upload HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(allows("POST, OPTIONS")),
                RequestCase.of("answersOptionsOnEchoWithItsMethods", """
                        OPTIONS /echo HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(allows("POST, OPTIONS")),
                RequestCase.of("answersNotFoundForOptionsOnUnknownPath", """
                        OPTIONS /nope HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(status(404)),
                RequestCase.of("answersOptionsAsteriskInHttp10", """
                        OPTIONS * HTTP/1.0\r
                        \r
                        """).answers(allows("GET, HEAD, POST, OPTIONS")).thenCloses());
    }
}
