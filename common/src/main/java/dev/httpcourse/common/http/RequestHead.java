package dev.httpcourse.common.http;

import java.util.List;

/**
 * A request line and header section that passed every rule of {@link RequestRules}: what a parser
 * hands to the application. Built only by {@link RequestRules#validate}.
 *
 * @param method         the method token, case-sensitive ({@code GET}, not {@code get})
 * @param target         the request target as sent
 * @param path           the path of the target, without the query ({@code /json/5})
 * @param query          what follows {@code ?}, or the empty string
 * @param version        HTTP/1.0 or HTTP/1.1
 * @param headers        the field lines in the order received
 * @param framing        how the body, if any, is delimited
 * @param keepAlive      whether the connection may carry another request after this one
 * @param expectContinue the client waits for {@code 100 Continue} before sending the body
 */
public record RequestHead(
        String method,
        String target,
        String path,
        String query,
        Version version,
        List<Header> headers,
        BodyFraming framing,
        boolean keepAlive,
        boolean expectContinue) {

    /** The value of the first field with this name (case-insensitive), or null. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.is(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** The value of a query parameter (no percent-decoding: the endpoints take integers), or null. */
    public String queryParam(String name) {
        int from = 0;
        while (from <= query.length()) {
            int amp = query.indexOf('&', from);
            int end = amp < 0 ? query.length() : amp;
            int eq = query.indexOf('=', from);
            if (eq > from && eq < end && query.regionMatches(from, name, 0, name.length()) && eq - from == name.length()) {
                return query.substring(eq + 1, end);
            }
            if (amp < 0) {
                break;
            }
            from = amp + 1;
        }
        return null;
    }

    public boolean isHead() {
        return method.equals("HEAD");
    }
}
