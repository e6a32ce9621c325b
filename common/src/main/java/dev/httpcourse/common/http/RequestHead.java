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
        long range = queryParamRange(ByteView.of(query), name);
        return range < 0 ? null : query.substring((int) (range >>> 32), (int) range);
    }

    /**
     * Where the value of query parameter {@code name} lies in {@code query}: {@code start << 32 | end},
     * or -1 when there is none. The first {@code name=} wins; a name must match whole. Over bytes, so
     * that stage 05 reads parameters in place by the same rule; no allocation.
     */
    public static long queryParamRange(ByteView query, String name) {
        int from = 0;
        int n = query.length();
        while (from <= n) {
            int amp = query.indexOf('&', from);
            int end = amp < 0 ? n : amp;
            int eq = query.indexOf('=', from);
            if (eq > from && eq < end && eq - from == name.length() && nameAt(query, from, name)) {
                return (long) (eq + 1) << 32 | end;
            }
            if (amp < 0) {
                break;
            }
            from = amp + 1;
        }
        return -1;
    }

    private static boolean nameAt(ByteView query, int from, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (query.byteAt(from + i) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public boolean isHead() {
        return method.equals("HEAD");
    }
}
