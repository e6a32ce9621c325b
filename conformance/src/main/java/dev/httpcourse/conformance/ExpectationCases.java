package dev.httpcourse.conformance;

import static dev.httpcourse.conformance.ExpectedResponse.echo;
import static dev.httpcourse.conformance.ExpectedResponse.notAllowed;
import static dev.httpcourse.conformance.ExpectedResponse.ok;
import static dev.httpcourse.conformance.ExpectedResponse.status;

import java.util.stream.Stream;

/**
 * {@code Expect: 100-continue} (RFC 9110 section 10.1.1) with the body sent along anyway, as an
 * impatient client may: a 100 may come first or not. When the head alone decides the answer, it
 * comes at once, with no 100, and the connection closes since the announced body was never read.
 * The suite's {@code Expectations} tests also check the patient client, who waits for the 100.
 */
final class ExpectationCases {
    private ExpectationCases() {
    }

    static Stream<RequestCase> all() {
        return Stream.of(
                RequestCase.of("continuesUploadWithContentLength", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Expect: 100-continue\r
                        Content-Length: 5\r
                        \r
                        hello""").answers(ok("5")).allowingContinue().headParses(),
                RequestCase.of("continuesChunkedBaseline", """
                        POST /baseline11?a=13&b=42 HTTP/1.1\r
                        Host: t\r
                        Expect: 100-continue\r
                        Transfer-Encoding: chunked\r
                        \r
                        2\r
                        20\r
                        0\r
                        \r
                        """).answers(ok("75")).allowingContinue().headParses(),
                RequestCase.of("continuesEcho", """
                        POST /echo HTTP/1.1\r
                        Host: t\r
                        Content-Type: text/plain\r
                        Expect: 100-continue\r
                        Content-Length: 4\r
                        \r
                        pong""").answers(echo("text/plain", "pong")).allowingContinue().headParses(),
                RequestCase.of("readsExpectationInAnyCase", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Expect: 100-Continue\r
                        Content-Length: 5\r
                        \r
                        hello""").answers(ok("5")).allowingContinue().headParses(),
                RequestCase.of("answersExpectationWithoutBody", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        Expect: 100-continue\r
                        \r
                        """).answers(ok("Hello, World!")).allowingContinue().headParses(),
                RequestCase.of("answersNotFoundAtOnceWithoutContinue", """
                        POST /nope HTTP/1.1\r
                        Host: t\r
                        Expect: 100-continue\r
                        Content-Length: 5\r
                        \r
                        """).answers(status(404)).thenCloses().headParses(),
                RequestCase.of("answersNotAllowedAtOnceWithoutContinue", """
                        POST / HTTP/1.1\r
                        Host: t\r
                        Expect: 100-continue\r
                        Content-Length: 5\r
                        \r
                        """).answers(notAllowed("GET, HEAD, OPTIONS")).thenCloses().headParses(),
                RequestCase.of("answersBadQueryAtOnceWithoutContinue", """
                        POST /baseline11?a=x&b=1 HTTP/1.1\r
                        Host: t\r
                        Expect: 100-continue\r
                        Content-Length: 2\r
                        \r
                        """).answers(status(400)).thenCloses().headParses(),
                RequestCase.of("answers413AtOnceWithoutContinue", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Expect: 100-continue\r
                        Content-Length: 2000\r
                        \r
                        """).answers(status(413)).thenCloses().headRefused(413),
                RequestCase.of("ignoresExpectationInHttp10", """
                        POST /upload HTTP/1.0\r
                        Expect: 100-continue\r
                        Content-Length: 5\r
                        \r
                        hello""").answers(ok("5")).thenCloses().headParses(),
                RequestCase.refused("answers417ForUnknownExpectation", 417, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Expect: 200-ok\r
                        Content-Length: 5\r
                        \r
                        hello"""),
                RequestCase.refused("answers417ForUnknownExpectationWithoutBody", 417, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        Expect: the-unexpected\r
                        \r
                        """),
                RequestCase.refused("answers417WhenAnyExpectFieldIsUnknown", 417, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Expect: bogus\r
                        Expect: 100-continue\r
                        Content-Length: 5\r
                        \r
                        hello"""),
                RequestCase.refused("answers417ForExpectationList", 417, """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Expect: 100-continue, x-more\r
                        Content-Length: 5\r
                        \r
                        hello"""));
    }
}
