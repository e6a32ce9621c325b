package dev.httpcourse.conformance;

import static dev.httpcourse.conformance.RequestCase.refused;

import java.util.stream.Stream;

/**
 * Request lines a server must refuse (RFC 9112 section 3): one space between three parts, a token
 * method, a target of visible ASCII in origin-form or absolute-form, {@code HTTP/1.1} or
 * {@code HTTP/1.0}; other well-formed versions get 505, everything else 400, and then a close.
 */
final class RequestLineCases {
    private RequestLineCases() {
    }

    static Stream<RequestCase> all() {
        return Stream.of(
                refused("refusesGarbageRequestLine", 400, """
                        HELLO\r
                        \r
                        """),
                refused("refusesDoubleSpaceAfterMethod", 400, """
                        GET  / HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesDoubleSpaceBeforeVersion", 400, """
                        GET /  HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesTrailingSpaceAfterVersion", 400, """
                        GET / HTTP/1.1 \r
                        Host: t\r
                        \r
                        """),
                refused("refusesSpaceBeforeMethod", 400, """
                         GET / HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesTabAfterMethod", 400, """
                        GET\t/ HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesTabBeforeVersion", 400, """
                        GET /\tHTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesHttp09RequestLine", 400, """
                        GET /\r
                        \r
                        """),
                refused("refusesRequestLineWithoutTarget", 400, """
                        GET HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesRequestLineWithoutMethod", 400, """
                        / HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesFourthPartInRequestLine", 400, """
                        GET / HTTP/1.1 extra\r
                        Host: t\r
                        \r
                        """),
                refused("refusesSpaceOnlyRequestLine", 400, """
                        \s\r
                        Host: t\r
                        \r
                        """),
                refused("refusesNonTokenMethod", 400, """
                        GE(T / HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesNonAsciiMethod", 400, """
                        G\u00c9T / HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesControlCharacterInTarget", 400, """
                        GET /a\001b HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesNulInTarget", 400, """
                        GET /a\0b HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesDelInTarget", 400, """
                        GET /a\177b HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesBareCrInTarget", 400, """
                        GET /a\rb HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesNonAsciiInTarget", 400, """
                        GET /caf\u00e9 HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesFragmentInTarget", 400, """
                        GET /#frag HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesFragmentAfterQuery", 400, """
                        GET /baseline11?a=1&b=2#x HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesFragmentInAbsoluteFormTarget", 400, """
                        GET http://t/pipeline#top HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesTargetNotInOriginForm", 400, """
                        GET pipeline HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesAsteriskTargetForGet", 400, """
                        GET * HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesAbsoluteFormWithoutAuthority", 400, """
                        GET http:///pipeline HTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesLowercaseVersion", 400, """
                        GET / http/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesVersionWithoutMinor", 400, """
                        GET / HTTP/1\r
                        Host: t\r
                        \r
                        """),
                refused("refusesVersionWithTwoDigitMinor", 400, """
                        GET / HTTP/1.10\r
                        Host: t\r
                        \r
                        """),
                refused("refusesNonDigitVersion", 400, """
                        GET / HTTP/1.x\r
                        Host: t\r
                        \r
                        """),
                refused("refusesVersionWithPrefix", 400, """
                        GET / XHTTP/1.1\r
                        Host: t\r
                        \r
                        """),
                refused("answers505ForHttp20", 505, """
                        GET / HTTP/2.0\r
                        Host: t\r
                        \r
                        """),
                refused("answers505ForHttp12", 505, """
                        GET / HTTP/1.2\r
                        Host: t\r
                        \r
                        """),
                refused("answers505ForHttp30", 505, """
                        GET / HTTP/3.0\r
                        Host: t\r
                        \r
                        """),
                refused("answers505ForHttp09Version", 505, """
                        GET / HTTP/0.9\r
                        Host: t\r
                        \r
                        """),
                refused("refusesBareLfAfterRequestLine", 400, """
                        GET / HTTP/1.1
                        Host: t\r
                        \r
                        """),
                refused("refusesBareCrAfterRequestLine", 400, """
                        GET / HTTP/1.1\rHost: t\r
                        \r
                        """),
                refused("refusesNulBeforeRequestLine", 400, """
                        \0GET / HTTP/1.1\r
                        Host: t\r
                        \r
                        """));
    }
}
