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
        if (method.isEmpty()) {
            throw new HttpException(Status.BAD_REQUEST, "empty method");
        }
        String path = pathOf(method, target);
        int q = path.indexOf('?');
        String query = q < 0 ? "" : path.substring(q + 1);
        if (q >= 0) {
            path = path.substring(0, q);
        }
        checkHost(version, headers, isAbsoluteForm(target));
        BodyFraming framing = framing(version, headers, limits);
        boolean keepAlive = keepAlive(version, headers);
        boolean expectContinue = expectContinue(version, headers);
        return new RequestHead(method, target, path, query, version, headers, framing, keepAlive, expectContinue);
    }
    // end::rules-validate[]

    /** The path and query of a target in origin-form or absolute-form (RFC 9112 section 3.2). */
    static String pathOf(String method, String target) {
        if (target.isEmpty()) {
            throw new HttpException(Status.BAD_REQUEST, "empty request target");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (!HttpChars.isTarget(c)) {
                throw new HttpException(Status.BAD_REQUEST, "invalid character in request target");
            }
            if (c == '#') {
                // a fragment is the client's business; it is never part of a request-target (RFC 9112 section 3.2)
                throw new HttpException(Status.BAD_REQUEST, "fragment (#) in request target");
            }
        }
        if (target.charAt(0) == '/') {
            return target;
        }
        if (target.equals("*") && method.equals("OPTIONS")) {
            return target;
        }
        int schemeEnd = target.indexOf("://");
        if (schemeEnd > 0) {
            String scheme = target.substring(0, schemeEnd);
            if (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) {
                int slash = target.indexOf('/', schemeEnd + 3);
                int question = target.indexOf('?', schemeEnd + 3);
                int authorityEnd = slash < 0 ? question : (question < 0 ? slash : Math.min(slash, question));
                if (authorityEnd == schemeEnd + 3 || (authorityEnd < 0 && target.length() == schemeEnd + 3)) {
                    throw new HttpException(Status.BAD_REQUEST, "absolute-form target without authority");
                }
                if (authorityEnd < 0) {
                    return "/";
                }
                String rest = target.substring(authorityEnd);
                return rest.charAt(0) == '?' ? "/" + rest : rest;
            }
        }
        if (method.equals("CONNECT")) {
            return target; // authority-form; this server implements no CONNECT, so the application answers 501
        }
        throw new HttpException(Status.BAD_REQUEST, "request target is not in origin-form or absolute-form");
    }

    private static boolean isAbsoluteForm(String target) {
        return target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8);
    }

    /**
     * RFC 9112 section 3.2: exactly one Host in HTTP/1.1, never more than one. An {@code http} URI
     * always has an authority, so an empty Host is invalid, except beside an absolute-form target,
     * whose own authority the server uses instead (section 3.2.2).
     */
    static void checkHost(Version version, List<Header> headers, boolean absoluteForm) {
        int hosts = 0;
        for (Header h : headers) {
            if (h.is("Host")) {
                hosts++;
                if (h.value().isEmpty() && !absoluteForm) {
                    throw new HttpException(Status.BAD_REQUEST, "empty Host");
                }
                for (int i = 0; i < h.value().length(); i++) {
                    char c = h.value().charAt(i);
                    if (c == ' ' || c == '\t' || c == ',' || c == '/' || c == '@') {
                        throw new HttpException(Status.BAD_REQUEST, "invalid Host");
                    }
                }
            }
        }
        if (hosts > 1) {
            throw new HttpException(Status.BAD_REQUEST, "more than one Host");
        }
        if (hosts == 0 && version == Version.HTTP_1_1) {
            throw new HttpException(Status.BAD_REQUEST, "missing Host");
        }
    }

    // tag::rules-framing[]
    /** RFC 9112 section 6: Transfer-Encoding, else Content-Length, else no body. */
    static BodyFraming framing(Version version, List<Header> headers, Limits limits) {
        String contentLength = null;
        StringBuilder transferCodings = null;
        for (Header h : headers) {
            if (h.is("Content-Length")) {
                if (contentLength != null) {
                    throw new HttpException(Status.BAD_REQUEST, "more than one Content-Length");
                }
                contentLength = h.value();
            } else if (h.is("Transfer-Encoding")) {
                transferCodings = transferCodings == null ? new StringBuilder() : transferCodings.append(',');
                transferCodings.append(h.value());
            }
        }
        if (transferCodings != null) {
            if (contentLength != null) {
                throw new HttpException(Status.BAD_REQUEST, "both Content-Length and Transfer-Encoding");
            }
            if (version == Version.HTTP_1_0) {
                throw new HttpException(Status.BAD_REQUEST, "Transfer-Encoding in an HTTP/1.0 request");
            }
            return chunkedOnly(transferCodings.toString());
        }
        if (contentLength != null) {
            long length = contentLength(contentLength);
            if (length > limits.maxBodyBytes()) {
                throw new HttpException(Status.CONTENT_TOO_LARGE, "body larger than " + limits.maxBodyBytes() + " bytes");
            }
            return length == 0 ? BodyFraming.NONE : new BodyFraming.Length(length);
        }
        return BodyFraming.NONE;
    }
    // end::rules-framing[]

    /** {@code chunked} must be the last coding and appear once; other codings are not implemented. */
    private static BodyFraming chunkedOnly(String list) {
        String[] codings = list.split(",", -1);
        int last = codings.length - 1;
        while (last >= 0 && codings[last].strip().isEmpty()) {
            last--; // RFC 9110 section 5.6.1: empty list elements are ignored
        }
        boolean chunkedSeen = false;
        boolean otherSeen = false;
        for (int i = 0; i <= last; i++) {
            String coding = codings[i].strip();
            if (coding.equalsIgnoreCase("chunked")) {
                if (chunkedSeen || i != last) {
                    throw new HttpException(Status.BAD_REQUEST, "chunked is not the final transfer coding");
                }
                chunkedSeen = true;
            } else if (!coding.isEmpty()) {
                otherSeen = true;
            }
        }
        if (!chunkedSeen) {
            if (!otherSeen) {
                throw new HttpException(Status.BAD_REQUEST, "empty Transfer-Encoding");
            }
            throw new HttpException(Status.BAD_REQUEST, "chunked is not the final transfer coding");
        }
        if (otherSeen) {
            throw new HttpException(Status.NOT_IMPLEMENTED, "only the chunked transfer coding is supported");
        }
        return BodyFraming.CHUNKED;
    }

    /**
     * {@code Content-Length = 1*DIGIT}: no sign, no list, no spaces. A value too big for a long is
     * not a length at all (400); a well-formed length over {@code --max-body} is the 413 of {@link #framing}.
     */
    static long contentLength(String value) {
        if (value.isEmpty()) {
            throw new HttpException(Status.BAD_REQUEST, "empty Content-Length");
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpException(Status.BAD_REQUEST, "Content-Length is not a decimal number");
            }
            if (length > (Long.MAX_VALUE - (c - '0')) / 10) { // exact: the largest long is still a length
                throw new HttpException(Status.BAD_REQUEST, "Content-Length is not a number this server can represent");
            }
            length = length * 10 + (c - '0');
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
        int start = line.position();
        int within = Math.min(line.limit(), start + maxRequestLineBytes);
        int i = start;
        while (i < within && HttpChars.isToken(line.get(i))) {
            i++;
        }
        if (i == within) {
            return new HttpException(Status.NOT_IMPLEMENTED, "method longer than any this server implements");
        }
        if (i == start || line.get(i) != ' ') {
            return new HttpException(Status.BAD_REQUEST, "malformed request line");
        }
        i++;
        while (i < within && HttpChars.isTarget(line.get(i))) {
            i++;
        }
        int end = line.limit();
        if (end > i && line.get(end - 1) == '\r') {
            end--; // the line's CR, read before its LF
        }
        boolean targetCrosses = i == within;
        if (targetCrosses || (line.get(i) == ' ' && end - i - 1 <= "HTTP/1.1".length())) {
            return new HttpException(Status.URI_TOO_LONG, "request target longer than the request-line limit allows");
        }
        return new HttpException(Status.BAD_REQUEST, "malformed request line");
    }
    // end::rules-overlong-line[]

    /** RFC 9112 section 9.3: persistent by default in 1.1; in 1.0 only with {@code keep-alive}. */
    static boolean keepAlive(Version version, List<Header> headers) {
        boolean close = false;
        boolean keepAlive = false;
        for (Header h : headers) {
            if (h.is("Connection")) {
                for (String option : h.value().split(",")) {
                    String o = option.strip();
                    close |= o.equalsIgnoreCase("close");
                    keepAlive |= o.equalsIgnoreCase("keep-alive");
                }
            }
        }
        return !close && (version == Version.HTTP_1_1 || keepAlive);
    }

    /** RFC 9110 section 10.1.1: {@code 100-continue} is the only expectation; HTTP/1.0 ignores it. */
    static boolean expectContinue(Version version, List<Header> headers) {
        boolean expectContinue = false;
        for (Header h : headers) {
            if (h.is("Expect") && version == Version.HTTP_1_1) {
                if (!h.value().equalsIgnoreCase("100-continue")) {
                    throw new HttpException(Status.EXPECTATION_FAILED, "unsupported expectation");
                }
                expectContinue = true;
            }
        }
        return expectContinue;
    }
}
