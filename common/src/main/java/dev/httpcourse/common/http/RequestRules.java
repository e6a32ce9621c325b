package dev.httpcourse.common.http;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The semantic rules of RFC 9112 that every stage's parser applies once a head is complete:
 * request-target form, {@code Host}, message framing, persistence and expectations.
 *
 * <p>Parsers check syntax (tokens, field characters, line lengths) as they scan; this class decides
 * what the head means. Everything here is strict where leniency lets two parties disagree on where a
 * request ends (request smuggling): one {@code Content-Length}, digits only; never both framings;
 * {@code chunked} exactly once and last.
 */
public final class RequestRules {
    private RequestRules() {
    }

    // tag::rules-validate[]
    public static RequestHead validate(String method, String target, Version version, List<Header> headers,
                                       Limits limits) {
        HeadRules rules = new HeadRules(limits);
        rules.reset(version);
        for (Header h : headers) {
            rules.onField(FieldName.of(ByteView.of(h.name())), ByteView.of(h.value()));
        }
        rules.finish(ByteView.of(method), ByteView.of(target));
        String path = rules.impliedRootPath() ? "/" : target.substring(rules.pathStart(), rules.pathEnd());
        String query = rules.queryStart() < 0 ? "" : target.substring(rules.queryStart());
        return new RequestHead(method, target, path, query, version, headers, rules.framing(), rules.keepAlive(),
                rules.expectContinue());
    }
    // end::rules-validate[]

    /**
     * {@code Content-Length = 1*DIGIT} decoded, or the 400 for a value that is not one; the rule itself
     * is {@link HeadRules}'.
     */
    static long contentLength(String value) {
        long length = HeadRules.parseLength(ByteView.of(value));
        if (length < 0) {
            throw HeadRules.lengthRefusal(length);
        }
        return length;
    }

    // tag::rules-overlong-line[]
    /**
     * The error for a request line longer than {@code --max-request-line}, decided by the part that
     * crosses the limit. 414 says the target is too long, so it is the answer only when the target
     * crosses it, or ends so close to it that a version of normal length does. A method that reaches
     * the limit is one this server does not implement (501); anything else is malformed (400).
     *
     * @param line the bytes of the line read so far, position to limit, at least one past the limit; not consumed
     */
    public static HttpException overlongRequestLine(ByteBuffer line, int maxRequestLineBytes) {
        return overlongRequestLine(ByteView.of(line), maxRequestLineBytes);
    }

    /** {@link #overlongRequestLine(ByteBuffer, int)} for any bytes: the line read so far, at least one past the limit. */
    public static HttpException overlongRequestLine(ByteView line, int maxRequestLineBytes) {
        int start = 0;
        int within = Math.min(line.length(), start + maxRequestLineBytes);
        int i = start;
        while (i < within && HttpChars.isToken(line.byteAt(i))) {
            i++;
        }
        if (i == within) {
            return new HttpException(Status.NOT_IMPLEMENTED, "method longer than any this server implements");
        }
        if (i == start || line.byteAt(i) != ' ') {
            return new HttpException(Status.BAD_REQUEST, "malformed request line");
        }
        i++;
        while (i < within && HttpChars.isTarget(line.byteAt(i))) {
            i++;
        }
        int end = line.length();
        if (end > i && line.byteAt(end - 1) == '\r') {
            end--; // the line's CR, read before its LF
        }
        boolean targetCrosses = i == within;
        if (targetCrosses || (line.byteAt(i) == ' ' && end - i - 1 <= "HTTP/1.1".length())) {
            return new HttpException(Status.URI_TOO_LONG, "request target longer than the request-line limit allows");
        }
        return new HttpException(Status.BAD_REQUEST, "malformed request line");
    }
    // end::rules-overlong-line[]
}
