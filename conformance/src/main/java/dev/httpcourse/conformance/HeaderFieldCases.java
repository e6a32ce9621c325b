package dev.httpcourse.conformance;

import static dev.httpcourse.conformance.RequestCase.refused;

import java.util.stream.Stream;

/**
 * Field lines a server must refuse (RFC 9112 sections 2.2 and 5, RFC 9110 section 5): token names,
 * no whitespace before the colon, no obs-fold, no control characters, CRLF line endings only, and
 * exactly one {@code Host} in HTTP/1.1. Each is a way two parsers could read one message differently.
 */
final class HeaderFieldCases {
    private HeaderFieldCases() {
    }

    static Stream<RequestCase> all() {
        return Stream.of(
                refused("refusesSpaceBeforeColon", 400, """
                        GET / HTTP/1.1\r
                        Host : t\r
                        \r
                        """),
                refused("refusesTabBeforeColon", 400, """
                        GET / HTTP/1.1\r
                        Host\t: t\r
                        \r
                        """),
                refused("refusesObsFoldWithSpace", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-Folded: one\r
                          two\r
                        \r
                        """),
                refused("refusesObsFoldWithTab", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-Folded: one\r
                        \ttwo\r
                        \r
                        """),
                refused("refusesWhitespaceBeforeFirstField", 400, """
                        GET / HTTP/1.1\r
                         Host: t\r
                        \r
                        """),
                refused("refusesBareCrInFieldValue", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-A: one\rtwo\r
                        \r
                        """),
                refused("refusesBareCrBeforeAnotherFieldLine", 400, """
                        GET / HTTP/1.1\r
                        Host: t\rX-A: b\r
                        \r
                        """),
                refused("refusesBareCrInFieldName", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-\rA: b\r
                        \r
                        """),
                refused("refusesCrCrLfLineEnding", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r\r
                        \r
                        """),
                refused("refusesBareLfLineEndings", 400, """
                        GET / HTTP/1.1
                        Host: t

                        """),
                refused("refusesBareLfBetweenFields", 400, """
                        GET / HTTP/1.1\r
                        Host: t
                        X-A: b\r
                        \r
                        """),
                refused("refusesBareLfEndingFieldSection", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r

                        """),
                refused("refusesNulInFieldValue", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-A: a\0b\r
                        \r
                        """),
                refused("refusesControlCharacterInFieldValue", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-A: a\001b\r
                        \r
                        """),
                refused("refusesEscapeInFieldValue", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-A: a\033[31mb\r
                        \r
                        """),
                refused("refusesDelInFieldValue", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-A: a\177b\r
                        \r
                        """),
                refused("refusesEmptyFieldName", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        : value\r
                        \r
                        """),
                refused("refusesSpaceInFieldName", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X A: b\r
                        \r
                        """),
                refused("refusesAtSignInFieldName", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X@A: b\r
                        \r
                        """),
                refused("refusesControlCharacterInFieldName", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X\001A: b\r
                        \r
                        """),
                refused("refusesTabInFieldName", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X\tA: b\r
                        \r
                        """),
                refused("refusesNonTokenFieldName", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X{A}: b\r
                        \r
                        """),
                refused("refusesNonAsciiFieldName", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-\u00e9: b\r
                        \r
                        """),
                refused("refusesNulInFieldName", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X\0A: b\r
                        \r
                        """),
                refused("refusesFieldLineWithoutColon", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        NoColonHere\r
                        \r
                        """),
                refused("refusesMissingHostInHttp11", 400, """
                        GET / HTTP/1.1\r
                        \r
                        """),
                refused("refusesTwoHostFields", 400, """
                        GET / HTTP/1.1\r
                        Host: a\r
                        Host: b\r
                        \r
                        """),
                refused("refusesTwoEqualHostFields", 400, """
                        GET / HTTP/1.1\r
                        Host: t\r
                        Host: t\r
                        \r
                        """),
                refused("refusesTwoHostFieldsInHttp10", 400, """
                        GET / HTTP/1.0\r
                        Host: a\r
                        Host: b\r
                        \r
                        """),
                refused("refusesHostList", 400, """
                        GET / HTTP/1.1\r
                        Host: a, b\r
                        \r
                        """),
                refused("refusesSpaceInsideHost", 400, """
                        GET / HTTP/1.1\r
                        Host: a b\r
                        \r
                        """),
                refused("refusesUserinfoInHost", 400, """
                        GET / HTTP/1.1\r
                        Host: user@t\r
                        \r
                        """),
                refused("refusesPathInHost", 400, """
                        GET / HTTP/1.1\r
                        Host: t/x\r
                        \r
                        """),
                // an http URI always has an authority, so Host may not be empty (RFC 9112 section 3.2)
                refused("refusesEmptyHost", 400, """
                        GET /pipeline HTTP/1.1\r
                        Host:\r
                        \r
                        """),
                refused("refusesWhitespaceOnlyHost", 400, """
                        GET /pipeline HTTP/1.1\r
                        Host:   \r
                        \r
                        """),
                refused("refusesEmptyHostWithAsteriskForm", 400, """
                        OPTIONS * HTTP/1.1\r
                        Host:\r
                        \r
                        """),
                // with an absolute-form target the server uses the target's authority, not Host (section 3.2.2)
                RequestCase.of("acceptsEmptyHostBesideAbsoluteFormTarget", """
                        GET http://t/pipeline HTTP/1.1\r
                        Host:\r
                        \r
                        """).answers(ExpectedResponse.ok("ok")).headParses());
    }
}
