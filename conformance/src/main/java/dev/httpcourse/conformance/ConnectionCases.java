package dev.httpcourse.conformance;

import static dev.httpcourse.conformance.ExpectedResponse.ok;

import java.util.List;
import java.util.stream.Stream;

/**
 * Persistence (RFC 9112 section 9.3), requests after requests on one connection, and the lenient
 * corners of the grammar a server must accept: leading empty lines, absolute-form, optional whitespace.
 */
final class ConnectionCases {
    private static final ExpectedResponse HELLO = ok("Hello, World!");

    private ConnectionCases() {
    }

    static Stream<RequestCase> all() {
        return Stream.of(persistence(), closingOnEveryEndpoint(), sequences(), lenientGrammar()).flatMap(s -> s)
                .map(RequestCase::headParses);
    }

    private static Stream<RequestCase> persistence() {
        return Stream.of(
                RequestCase.of("closesHttp10ConnectionAfterResponse", """
                        GET / HTTP/1.0\r
                        \r
                        """).answers(HELLO.with("Connection", "close")).thenCloses(),
                RequestCase.of("closesHttp10ConnectionWithHostAfterResponse", """
                        GET /pipeline HTTP/1.0\r
                        Host: t\r
                        \r
                        """).answers(ok("ok").with("Connection", "close")).thenCloses(),
                RequestCase.of("closesHttp10ConnectionAfterUpload", """
                        POST /upload HTTP/1.0\r
                        Content-Length: 5\r
                        \r
                        hello""").answers(ok("5").with("Connection", "close")).thenCloses(),
                RequestCase.of("keepsHttp10ConnectionAliveWhenAsked", """
                        GET / HTTP/1.0\r
                        Connection: keep-alive\r
                        \r
                        """).answers(HELLO.with("Connection", "keep-alive")),
                RequestCase.of("readsHttp10KeepAliveInAnyCase", """
                        GET / HTTP/1.0\r
                        Connection: Keep-Alive\r
                        \r
                        """).answers(HELLO.with("Connection", "keep-alive")),
                RequestCase.of("keepsHttp11ConnectionAliveByDefault", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(HELLO),
                RequestCase.of("keepsHttp11ConnectionAliveWhenAsked", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        Connection: keep-alive\r
                        \r
                        """).answers(HELLO),
                RequestCase.of("closesOnConnectionClose", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        Connection: close\r
                        \r
                        """).answers(HELLO.with("Connection", "close")).thenCloses(),
                RequestCase.of("readsConnectionCloseInAnyCase", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        Connection: CLOSE\r
                        \r
                        """).answers(HELLO).thenCloses(),
                RequestCase.of("closesWhenCloseIsOneOfSeveralOptions", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        Connection: upgrade, close\r
                        \r
                        """).answers(HELLO).thenCloses(),
                RequestCase.of("closesAfterUploadWithConnectionClose", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Connection: close\r
                        Content-Length: 5\r
                        \r
                        hello""").answers(ok("5")).thenCloses());
    }

    /**
     * One endpoint and its request: what comes before the fields, the fields after Host, the body.
     * Every answer path of a server (computed in place, templates, the rare paths) must honour a
     * close, and each endpoint may take a different one.
     */
    private record Endpoint(String name, String requestLine, String fields, String body, ExpectedResponse answer) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GetRoot", "GET /", "", "", HELLO),
            new Endpoint("HeadRoot", "HEAD /", "", "", HELLO.toHead()),
            new Endpoint("GetBaseline", "GET /baseline11?a=1&b=2", "", "", ok("3")),
            new Endpoint("PostBaseline", "POST /baseline11?a=1&b=2", "Content-Length: 1\r\n", "3", ok("6")),
            new Endpoint("GetPipeline", "GET /pipeline", "", "", ok("ok")),
            new Endpoint("GetJson", "GET /json/3?m=2", "", "", ExpectedResponse.json(3, 2)),
            new Endpoint("PostUpload", "POST /upload", "Content-Length: 5\r\n", "hello", ok("5")),
            new Endpoint("PostEcho", "POST /echo", "Content-Type: text/plain\r\nContent-Length: 2\r\n", "hi",
                    ExpectedResponse.echo("text/plain", "hi")),
            new Endpoint("OptionsJson", "OPTIONS /json/3", "", "", ExpectedResponse.allows("GET, HEAD, OPTIONS")),
            new Endpoint("UnknownPath", "GET /nope", "", "", ExpectedResponse.status(404)),
            new Endpoint("WrongMethod", "GET /upload", "", "", ExpectedResponse.notAllowed("POST, OPTIONS")));

    /** Every endpoint, asked with {@code Connection: close} and in HTTP/1.0: the answer, then the close. */
    private static Stream<RequestCase> closingOnEveryEndpoint() {
        return ENDPOINTS.stream().flatMap(e -> Stream.of(
                RequestCase.of("closesAfter" + e.name() + "WithConnectionClose",
                        e.requestLine() + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n" + e.fields() + "\r\n"
                                + e.body()).answers(e.answer().with("Connection", "close")).thenCloses(),
                RequestCase.of("closesAfter" + e.name() + "InHttp10",
                        e.requestLine() + " HTTP/1.0\r\n" + e.fields() + "\r\n" + e.body())
                        .answers(e.answer().with("Connection", "close")).thenCloses()));
    }

    private static Stream<RequestCase> sequences() {
        return Stream.of(
                RequestCase.of("answersTwoRequestsInOrder", """
                        GET /pipeline HTTP/1.1\r
                        Host: t\r
                        \r
                        GET / HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("ok"), HELLO),
                RequestCase.of("findsRequestAfterContentLengthBody", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Content-Length: 5\r
                        \r
                        helloGET / HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("5"), HELLO),
                RequestCase.of("findsRequestAfterChunkedBody", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: chunked\r
                        \r
                        5\r
                        hello\r
                        0\r
                        \r
                        GET / HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("5"), HELLO),
                RequestCase.of("findsRequestAfterChunkedBodyWithTrailer", """
                        POST /upload HTTP/1.1\r
                        Host: t\r
                        Transfer-Encoding: chunked\r
                        \r
                        5\r
                        hello\r
                        0\r
                        X-Checksum: 1\r
                        \r
                        GET / HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("5"), HELLO),
                RequestCase.of("findsRequestAfterHeadRequest", """
                        HEAD / HTTP/1.1\r
                        Host: t\r
                        \r
                        GET /pipeline HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(HELLO.toHead(), ok("ok")),
                RequestCase.of("answersHttp10KeepAliveThenHttp11", """
                        GET / HTTP/1.0\r
                        Connection: keep-alive\r
                        \r
                        GET /pipeline HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(HELLO.with("Connection", "keep-alive"), ok("ok")),
                RequestCase.of("ignoresRequestsAfterHttp10", """
                        GET / HTTP/1.0\r
                        \r
                        GET /pipeline HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(HELLO).thenCloses(),
                RequestCase.of("ignoresRequestsAfterConnectionClose", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        Connection: close\r
                        \r
                        GET /pipeline HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(HELLO).thenCloses());
    }

    private static Stream<RequestCase> lenientGrammar() {
        return Stream.of(
                RequestCase.of("ignoresLeadingEmptyLine", """
                        \r
                        GET / HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(HELLO),
                RequestCase.of("ignoresTwoLeadingEmptyLines", """
                        \r
                        \r
                        GET / HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(HELLO),
                RequestCase.of("servesAbsoluteFormTarget", """
                        GET http://t/pipeline HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("ok")),
                RequestCase.of("servesAbsoluteFormTargetWithQuery", """
                        GET http://t/baseline11?a=1&b=2 HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("3")),
                RequestCase.of("servesAbsoluteFormTargetWithoutPath", """
                        GET http://t HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(HELLO),
                RequestCase.of("readsAbsoluteFormSchemeInAnyCase", """
                        GET HTTP://t:8080/pipeline HTTP/1.1\r
                        Host: t\r
                        \r
                        """).answers(ok("ok")),
                RequestCase.of("servesHttp10WithoutHost", """
                        GET /baseline11?a=2&b=3 HTTP/1.0\r
                        \r
                        """).answers(ok("5")).thenCloses(),
                RequestCase.of("matchesFieldNamesInAnyCase", """
                        POST /upload HTTP/1.1\r
                        hOsT: t\r
                        content-LENGTH: 5\r
                        \r
                        hello""").answers(ok("5")),
                RequestCase.of("trimsWhitespaceAroundFieldValues", """
                        POST /upload HTTP/1.1\r
                        Host:   t  \r
                        Content-Length:    5   \r
                        \r
                        hello""").answers(ok("5")),
                RequestCase.of("acceptsFieldWithoutSpaceAfterColon", """
                        POST /upload HTTP/1.1\r
                        Host:t\r
                        Content-Length:5\r
                        \r
                        hello""").answers(ok("5")),
                RequestCase.of("acceptsTabsAroundFieldValues", """
                        POST /upload HTTP/1.1\r
                        Host:\tt\t\r
                        Content-Length:\t5\t\r
                        \r
                        hello""").answers(ok("5")),
                RequestCase.of("acceptsInnerWhitespaceInFieldValues", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        User-Agent: conformance suite\t1.0  (raw)\r
                        \r
                        """).answers(HELLO),
                RequestCase.of("acceptsObsTextInFieldValues", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-Note: caf\u00e9 \377\r
                        \r
                        """).answers(HELLO),
                RequestCase.of("acceptsEmptyFieldValue", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-Empty:\r
                        \r
                        """).answers(HELLO),
                RequestCase.of("acceptsHostWithPort", """
                        GET / HTTP/1.1\r
                        Host: t:8080\r
                        \r
                        """).answers(HELLO),
                RequestCase.of("acceptsEveryTokenCharacterInFieldNames", """
                        GET / HTTP/1.1\r
                        Host: t\r
                        X-!#$%&'*+-.^_`|~09az: v\r
                        \r
                        """).answers(HELLO),
                RequestCase.of("acceptsTypicalBrowserRequest", """
                        GET /pipeline HTTP/1.1\r
                        Host: localhost:8080\r
                        User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0\r
                        Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r
                        Accept-Language: en-US,en;q=0.5\r
                        Accept-Encoding: gzip, deflate, br, zstd\r
                        Connection: keep-alive\r
                        Cookie: session=abc123; theme="dark"\r
                        Upgrade-Insecure-Requests: 1\r
                        Sec-Fetch-Dest: document\r
                        Priority: u=0, i\r
                        \r
                        """).answers(ok("ok")));
    }
}
