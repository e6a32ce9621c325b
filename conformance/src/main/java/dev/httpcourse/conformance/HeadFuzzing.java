package dev.httpcourse.conformance;

import dev.httpcourse.common.http.BodyFraming;
import dev.httpcourse.common.http.ChunkedDecoder;
import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.HttpChars;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The oracle and the generators of the fuzz properties. Any input may be refused, but only with a
 * client-error status, 501 or 505; a head the parser does return must be one that the strict grammar
 * allows, so that leniency (a bare LF, an obs-fold, a control character let through) fails as surely
 * as a crash does.
 */
final class HeadFuzzing {
    private static final byte[] SPECIALS = {'\r', '\n', 0, ' ', '\t', ':', ',', ';', 0x7F, (byte) 0xFF};

    private HeadFuzzing() {
    }

    /** Parses {@code input}; when the head is chunked, decodes the rest of the input as its body. */
    static void assertSafeOutcome(HeadParser parser, byte[] input, Limits limits) {
        RequestHead head;
        try {
            head = parser.parse(input.clone(), limits);
        } catch (HttpException e) {
            assertRefusal(e.status(), "head parser", input);
            return;
        } catch (Throwable t) {
            throw new AssertionError("the head parser threw " + t + " for: " + Bytes.printable(input), t);
        }
        if (head == null) {
            return;
        }
        int end = assertStrictHead(head, input, limits);
        if (head.framing() instanceof BodyFraming.Chunked) {
            decodeChunked(Arrays.copyOfRange(input, end, input.length), limits);
        }
    }

    private static void assertRefusal(Status status, String who, byte[] input) {
        int code = status.code();
        if (!(code >= 400 && code < 500 || code == 501 || code == 505)) {
            throw new AssertionError(who + " refused with " + code + " (only 4xx, 501, 505 are refusals) for: "
                    + Bytes.printable(input));
        }
    }

    /**
     * Checks that a head the parser accepted obeys the grammar: CRLF-only lines, no line starting with
     * whitespace, token method and names, clean values, the limits.
     *
     * @return where the body starts
     */
    private static int assertStrictHead(RequestHead head, byte[] input, Limits limits) {
        int start = 0;
        while (start + 1 < input.length && input[start] == '\r' && input[start + 1] == '\n') {
            start += 2;
        }
        int end = indexOf(input, start, "\r\n\r\n");
        check(end >= 0, "a head was returned, but the input has no CRLF CRLF after the request line", input);
        end += 4;
        int lineEnd = indexOf(input, start, "\r\n");
        check(lineEnd - start <= limits.maxRequestLineBytes(), "a request line over the limit was accepted", input);
        for (int i = start; i < end; i++) {
            if (input[i] == '\n') {
                check(i > start && input[i - 1] == '\r', "a bare LF was accepted", input);
                check(i + 1 == end || !HttpChars.isWhitespace(input[i + 1]),
                        "a line starting with whitespace (obs-fold) was accepted", input);
            } else if (input[i] == '\r') {
                check(input[i + 1] == '\n', "a bare CR was accepted", input);
            }
        }
        check(isToken(head.method()), "a method that is not a token was accepted", input);
        check(!head.target().isEmpty() && head.target().chars().allMatch(HttpChars::isTarget),
                "a request target with invalid characters was accepted", input);
        check(head.headers().size() <= limits.maxHeaderCount(), "more fields than the limit were accepted", input);
        int hosts = 0;
        for (Header h : head.headers()) {
            check(isToken(h.name()), "a field name that is not a token was accepted", input);
            String v = h.value();
            check(v.chars().allMatch(HttpChars::isFieldValue), "a control character in a field value was accepted",
                    input);
            boolean trimmed = v.isEmpty()
                    || !HttpChars.isWhitespace(v.charAt(0)) && !HttpChars.isWhitespace(v.charAt(v.length() - 1));
            check(trimmed, "a field value keeps surrounding whitespace", input);
            hosts += h.is("Host") ? 1 : 0;
        }
        check(hosts <= 1 && (hosts == 1 || head.version() == Version.HTTP_1_0),
                "an HTTP/1.1 request without exactly one Host was accepted", input);
        return end;
    }

    /** Drives the shared chunked decoder over what follows a chunked head, in two pieces. */
    private static void decodeChunked(byte[] body, Limits limits) {
        var decoder = new ChunkedDecoder(limits);
        int half = body.length / 2;
        try {
            ByteBuffer first = ByteBuffer.wrap(body, 0, half);
            if (!decoder.decode(first, data -> data.position(data.limit()))) {
                decoder.decode(ByteBuffer.wrap(body, half, body.length - half), data -> data.position(data.limit()));
            }
        } catch (HttpException e) {
            assertRefusal(e.status(), "chunked decoder", body);
        } catch (Throwable t) {
            throw new AssertionError("the chunked decoder threw " + t + " for: " + Bytes.printable(body), t);
        }
    }

    private static boolean isToken(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c < 0x80 && HttpChars.isToken(c));
    }

    private static int indexOf(byte[] input, int from, String needle) {
        outer:
        for (int i = from; i + needle.length() <= input.length; i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (input[i + j] != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void check(boolean condition, String what, byte[] input) {
        if (!condition) {
            throw new AssertionError(what + ": " + Bytes.printable(input));
        }
    }

    // --- generators ---

    /** One change to a request; positions are taken modulo the length, so they shrink towards the start. */
    enum Mutation { FLIP_BIT, INSERT_BYTE, DELETE_BYTE, DUPLICATE_RANGE, TRUNCATE, SWAP_LINES, INJECT_SPECIAL,
        OVERWRITE_SPECIAL, REPEAT_LINE }

    record Edit(Mutation mutation, int at, int other, byte value) {
    }

    /** Requests of the corpus with one to four edits each. */
    static Arbitrary<byte[]> mutationsOf(List<byte[]> corpus) {
        Arbitrary<Edit> edit = Combinators.combine(
                Arbitraries.of(Mutation.class),
                Arbitraries.integers().between(0, 1 << 16),
                Arbitraries.integers().between(0, 1 << 16),
                Arbitraries.bytes()).as(Edit::new);
        return Combinators.combine(Arbitraries.of(corpus), edit.list().ofMinSize(1).ofMaxSize(4))
                .as(HeadFuzzing::apply);
    }

    static byte[] apply(byte[] request, List<Edit> edits) {
        byte[] out = request;
        for (Edit e : edits) {
            out = apply(out, e);
        }
        return out;
    }

    private static byte[] apply(byte[] in, Edit e) {
        int n = in.length;
        if (n == 0) {
            return new byte[] {e.value()};
        }
        int at = e.at() % n;
        byte special = SPECIALS[e.other() % SPECIALS.length];
        return switch (e.mutation()) {
            case FLIP_BIT -> {
                byte[] out = in.clone();
                out[at] ^= (byte) (1 << (e.other() % 8));
                yield out;
            }
            case INSERT_BYTE -> insert(in, e.at() % (n + 1), new byte[] {e.value()});
            case DELETE_BYTE -> concat(Arrays.copyOfRange(in, 0, at), Arrays.copyOfRange(in, at + 1, n));
            case DUPLICATE_RANGE -> {
                int to = Math.min(n, at + 1 + e.other() % 64);
                yield insert(in, to, Arrays.copyOfRange(in, at, to));
            }
            case TRUNCATE -> Arrays.copyOf(in, at);
            case SWAP_LINES -> swapLines(in, e.at(), e.other());
            case INJECT_SPECIAL -> insert(in, e.at() % (n + 1), new byte[] {special});
            case OVERWRITE_SPECIAL -> {
                byte[] out = in.clone();
                out[at] = special;
                yield out;
            }
            case REPEAT_LINE -> repeatLine(in, at, 2 + e.other() % 40);
        };
    }

    private static byte[] swapLines(byte[] in, int a, int b) {
        List<byte[]> lines = lines(in);
        if (lines.size() < 2) {
            return in;
        }
        int i = a % lines.size();
        int j = b % lines.size();
        byte[] first = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, first);
        var out = new ByteArrayOutputStream(in.length);
        lines.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Repeats the line holding byte {@code at}, as a client adding field after field would. */
    private static byte[] repeatLine(byte[] in, int at, int times) {
        int start = at;
        while (start > 0 && in[start - 1] != '\n') {
            start--;
        }
        int end = at;
        while (end < in.length && in[end] != '\n') {
            end++;
        }
        end = Math.min(in.length, end + 1);
        byte[] line = Arrays.copyOfRange(in, start, end);
        var repeated = new ByteArrayOutputStream(line.length * times);
        for (int i = 0; i < times; i++) {
            repeated.writeBytes(line);
        }
        return insert(in, end, repeated.toByteArray());
    }

    /** The input cut after each LF, so that joining the pieces gives it back. */
    private static List<byte[]> lines(byte[] in) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n') {
                lines.add(Arrays.copyOfRange(in, start, i + 1));
                start = i + 1;
            }
        }
        if (start < in.length) {
            lines.add(Arrays.copyOfRange(in, start, in.length));
        }
        return lines;
    }

    private static byte[] insert(byte[] in, int at, byte[] piece) {
        return concat(concat(Arrays.copyOfRange(in, 0, at), piece), Arrays.copyOfRange(in, at, in.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Requests assembled from plausible and broken parts: a request line, field lines both known
     * (framing, Host, Expect) and random, line endings that are mostly CRLF, then a body that looks
     * chunked.
     */
    static Arbitrary<byte[]> randomRequests() {
        Arbitrary<String> eol = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("\r\n")),
                Tuple.of(1, Arbitraries.of("\n", "\r", "", "\r\r\n", " \r\n")));
        Arbitrary<String> requestLine = Combinators.combine(
                Arbitraries.of("GET", "POST", "HEAD", "get", "PUT", "G(T", "", "POST POST"),
                Arbitraries.of("/", "/upload", "/json/5?m=2", "http://t/x", "*", "/a b", "", "/\0", "/caf\u00e9"),
                Arbitraries.of("HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.1 ", "http/1.1", "HTTP/1", ""),
                Arbitraries.of(" ", "  ", "\t"),
                eol).as((m, t, v, sp, end) -> m + sp + t + " " + v + end);
        Arbitrary<String> knownField = Arbitraries.of("Host: t", "Host: a, b", "Content-Length: 5",
                "Content-Length: 0", "Content-Length: -1", "Content-Length: 5, 5",
                "Content-Length: 99999999999999999999",
                "Transfer-Encoding: chunked", "Transfer-Encoding: gzip, chunked", "Transfer-Encoding: chunked, gzip",
                "Transfer-Encoding: xchunked", "Expect: 100-continue", "Expect: nope", "Connection: close",
                " folded", "\tfolded", "X: \0", "Host : t", ": empty", "X-A:");
        Arbitrary<String> randomField = Arbitraries.strings()
                .withChars("abcXYZ019-_:;, \t\r\n\"=\0\u007f\u00ff/")
                .ofMaxLength(40);
        Arbitrary<String> field = Combinators.combine(Arbitraries.oneOf(knownField, knownField, randomField), eol)
                .as((f, end) -> f + end);
        Arbitrary<String> body = Arbitraries.strings()
                .withChars("0123456789abcdefABCDEF;=xz \r\n\r\n\r\n")
                .ofMaxLength(60);
        return Combinators.combine(requestLine, field.list().ofMaxSize(12), eol, body)
                .as((line, fields, end, rest) -> Bytes.latin1(line + String.join("", fields) + end + rest));
    }
}
