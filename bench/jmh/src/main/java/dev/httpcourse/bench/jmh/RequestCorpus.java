package dev.httpcourse.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The requests every stage's parser is measured on, so that the stages' numbers compare.
 *
 * <p>Two groups. {@code arena}: the request shapes of HttpArena's h1 profiles, which the load
 * comparison sends too; short heads with one to three fields, as load generators send them.
 * {@code browser}: what a browser sends for a page, a fetch and a form, 10 to 15 fields with long
 * {@code User-Agent}, {@code Accept} and {@code Cookie} values; most of the bytes a real server
 * parses are header values like these.
 *
 * <p>A request is its head and, separately, its body: parsers are measured on heads, and a body
 * left after the head would be the start of the next request to a parser that reads only heads.
 */
public final class RequestCorpus {
    /** One request of the corpus. */
    public record Request(String name, String group, byte[] head, byte[] body) {
        /** Head and body as they would arrive on the wire. */
        public byte[] bytes() {
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            return all;
        }
    }

    public static final String ARENA = "arena";
    public static final String BROWSER = "browser";
    public static final String ALL = "all";

    // The text blocks end each line with an explicit \r before the block's own \n: CRLF, as on the wire.
    private static final List<Request> REQUESTS = List.of(
            arena("baseline-get", """
                    GET /baseline11?a=13&b=42 HTTP/1.1\r
                    Host: localhost:8080\r
                    \r
                    """, ""),
            arena("baseline-post-length", """
                    POST /baseline11?a=13&b=42 HTTP/1.1\r
                    Host: localhost:8080\r
                    Content-Length: 20\r
                    \r
                    """, "00000000000000000020"),
            arena("baseline-post-chunked", """
                    POST /baseline11?a=13&b=42 HTTP/1.1\r
                    Host: localhost:8080\r
                    Transfer-Encoding: chunked\r
                    \r
                    """, "2\r\n20\r\n0\r\n\r\n"),
            arena("pipeline", """
                    GET /pipeline HTTP/1.1\r
                    Host: localhost:8080\r
                    \r
                    """, ""),
            arena("json", """
                    GET /json/25?m=4 HTTP/1.1\r
                    Host: localhost:8080\r
                    Accept: application/json\r
                    \r
                    """, ""),
            // the 2 MiB body is not part of the corpus: only the head is parsed
            arena("upload", """
                    POST /upload HTTP/1.1\r
                    Host: localhost:8080\r
                    Content-Type: application/octet-stream\r
                    Content-Length: 2097152\r
                    \r
                    """, ""),
            browser("browser-chrome-page", """
                    GET / HTTP/1.1\r
                    Host: shop.example.com\r
                    Connection: keep-alive\r
                    sec-ch-ua: "Chromium";v="131", "Google Chrome";v="131", "Not_A Brand";v="24"\r
                    sec-ch-ua-mobile: ?0\r
                    sec-ch-ua-platform: "Linux"\r
                    Upgrade-Insecure-Requests: 1\r
                    User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r
                    Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7\r
                    Sec-Fetch-Site: none\r
                    Sec-Fetch-Mode: navigate\r
                    Sec-Fetch-User: ?1\r
                    Sec-Fetch-Dest: document\r
                    Accept-Encoding: gzip, deflate, br, zstd\r
                    Accept-Language: en-GB,en-US;q=0.9,en;q=0.8,de;q=0.7\r
                    Cookie: session=8f14e45fceea167a5a36dedd4bea2543; cart=3c59dc048e8850243be8079a5c74d079; theme=dark; _ga=GA1.1.1234567890.1700000000\r
                    \r
                    """, ""),
            browser("browser-firefox-fetch", """
                    GET /json/10?m=2 HTTP/1.1\r
                    Host: shop.example.com\r
                    User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0\r
                    Accept: application/json\r
                    Accept-Language: en-US,en;q=0.5\r
                    Accept-Encoding: gzip, deflate, br, zstd\r
                    Referer: https://shop.example.com/catalogue?page=2\r
                    Connection: keep-alive\r
                    Cookie: session=8f14e45fceea167a5a36dedd4bea2543; cart=3c59dc048e8850243be8079a5c74d079\r
                    Sec-Fetch-Dest: empty\r
                    Sec-Fetch-Mode: cors\r
                    Sec-Fetch-Site: same-origin\r
                    Priority: u=4\r
                    \r
                    """, ""),
            browser("browser-safari-asset", """
                    GET /pipeline HTTP/1.1\r
                    Host: shop.example.com\r
                    Accept: */*\r
                    Sec-Fetch-Site: same-origin\r
                    Sec-Fetch-Dest: script\r
                    Accept-Language: en-GB,en;q=0.9\r
                    Sec-Fetch-Mode: no-cors\r
                    User-Agent: Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15\r
                    Referer: https://shop.example.com/\r
                    Accept-Encoding: gzip, deflate, br\r
                    Connection: keep-alive\r
                    \r
                    """, ""),
            browser("browser-chrome-form", """
                    POST /baseline11?a=1&b=2 HTTP/1.1\r
                    Host: shop.example.com\r
                    Connection: keep-alive\r
                    Content-Length: 3\r
                    Cache-Control: max-age=0\r
                    Origin: https://shop.example.com\r
                    Content-Type: application/x-www-form-urlencoded\r
                    Upgrade-Insecure-Requests: 1\r
                    User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0\r
                    Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r
                    Sec-Fetch-Site: same-origin\r
                    Sec-Fetch-Mode: navigate\r
                    Sec-Fetch-Dest: document\r
                    Referer: https://shop.example.com/checkout\r
                    Accept-Encoding: gzip, deflate, br, zstd\r
                    Cookie: session=8f14e45fceea167a5a36dedd4bea2543; cart=3c59dc048e8850243be8079a5c74d079; consent=1\r
                    \r
                    """, "100"));

    private RequestCorpus() {
    }

    /** Every request, arena group first. */
    public static List<Request> all() {
        return REQUESTS;
    }

    /**
     * The requests a benchmark's {@code requests} parameter names: a group ({@code arena},
     * {@code browser}, {@code all}) or one request by name ({@code json}, {@code browser-chrome-page}).
     */
    public static List<Request> select(String selector) {
        List<Request> selected = REQUESTS.stream()
                .filter(r -> selector.equals(ALL) || r.group().equals(selector) || r.name().equals(selector))
                .toList();
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no request or group named " + selector + "; groups: "
                    + ARENA + ", " + BROWSER + ", " + ALL + "; requests: "
                    + REQUESTS.stream().map(Request::name).toList());
        }
        return selected;
    }

    private static Request arena(String name, String head, String body) {
        return new Request(name, ARENA, ascii(head), ascii(body));
    }

    private static Request browser(String name, String head, String body) {
        return new Request(name, BROWSER, ascii(head), ascii(body));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
