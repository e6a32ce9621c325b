package dev.httpcourse.bench.peers;

import dev.httpcourse.common.http.BodyFraming;
import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Version;
import java.util.List;

/**
 * Builds the course's {@link RequestHead} from what a framework has already parsed, so that a peer
 * can hand its requests to the same {@code App} as the stages.
 *
 * <p>The framework has done the validation the stages do themselves; what is left is splitting the
 * target. Of the header fields, only {@code Content-Type} is carried over: it is the one the
 * application reads ({@code /echo}), and copying every field per request would be work no user of
 * these frameworks does.
 */
final class RequestHeads {
    private RequestHeads() {
    }

    static RequestHead of(String method, String target, Version version, String contentType, BodyFraming framing,
            boolean keepAlive, boolean expectContinue) {
        int start = originFormStart(target);
        int q = target.indexOf('?', start);
        String path = q < 0 ? target.substring(start) : target.substring(start, q);
        if (path.isEmpty()) {
            path = "/"; // absolute-form with an empty path, as in "http://host?a=1" (RFC 9112 section 3.2.2)
        }
        String query = q < 0 ? "" : target.substring(q + 1);
        List<Header> headers = contentType == null ? List.of() : List.of(new Header("Content-Type", contentType));
        return new RequestHead(method, target, path, query, version, headers, framing, keepAlive, expectContinue);
    }

    /** Where the path begins: 0 for origin-form, after the authority for absolute-form. */
    private static int originFormStart(String target) {
        if (target.startsWith("/")) {
            return 0;
        }
        int scheme = target.indexOf("://");
        if (scheme < 0) {
            return 0; // "*" or garbage: the application answers 404
        }
        int slash = target.indexOf('/', scheme + 3);
        int question = target.indexOf('?', scheme + 3);
        if (slash < 0 || (question >= 0 && question < slash)) {
            return question < 0 ? target.length() : question;
        }
        return slash;
    }
}
