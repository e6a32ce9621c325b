package dev.httpcourse.common.app;

import dev.httpcourse.common.http.ByteView;
import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.Status;
import java.util.List;

// tag::resource-methods[]
/**
 * The resources of the application and the methods each answers, with the one decision every request
 * goes through before an endpoint sees it (RFC 9110 sections 9.1, 9.3.7, 15.5.6 and 15.6.2):
 *
 * <pre>
 *   method implemented nowhere (FOO, PUT, CONNECT) ──► 501 Not Implemented
 *   no resource at the path                         ──► 404 Not Found
 *   OPTIONS                                         ──► 200 with Allow
 *   method not allowed on this resource             ──► 405 with Allow
 *   otherwise                                       ──► the endpoint
 * </pre>
 *
 * HEAD is allowed wherever GET is, and OPTIONS everywhere; {@code OPTIONS *} asks about the server
 * as a whole. The answers are built once: refusing a method costs no allocation. Paths and methods
 * are matched as bytes ({@link ByteView}), so that stage 05 routes without Strings by this same table.
 */
public enum Resource {
    ROOT("/", true, false),
    PIPELINE("/pipeline", true, false),
    BASELINE("/baseline11", true, true),
    /** {@code /json/} and a count: the one resource matched by prefix. */
    JSON(JsonEndpoint.PREFIX, true, false),
    UPLOAD("/upload", false, true),
    ECHO("/echo", false, true),
    /** {@code OPTIONS *}: the server itself, which implements every method any resource allows. */
    SERVER("*", true, true);

    /** What {@link #verdict} decided for a request, before any response is built. */
    public enum Verdict { NOT_IMPLEMENTED, NOT_FOUND, OPTIONS, NOT_ALLOWED, ENDPOINT }

    private static final Resource[] VALUES = values();

    private final String path;
    private final boolean get;
    private final boolean post;
    private final Response options;
    private final Response notAllowed;

    Resource(String path, boolean get, boolean post) {
        this.path = path;
        this.get = get;
        this.post = post;
        String allow = (get ? "GET, HEAD, " : "") + (post ? "POST, " : "") + "OPTIONS";
        List<Header> allowField = List.of(new Header("Allow", allow));
        this.options = new Response(Status.OK, Response.TEXT_PLAIN, new byte[0], allowField);
        this.notAllowed = new Response(Status.METHOD_NOT_ALLOWED, Response.TEXT_PLAIN,
                Response.error(Status.METHOD_NOT_ALLOWED, "method not allowed; allowed: " + allow).body(), allowField);
    }

    /** The resource at {@code path}, or null when there is none. */
    static Resource at(String path) {
        return at(ByteView.of(path));
    }

    /** The resource at {@code path}, compared byte by byte, or null when there is none. */
    public static Resource at(ByteView path) {
        for (Resource r : VALUES) {
            if (r == JSON ? startsWith(path, r.path) : path.equalsAscii(r.path)) {
                return r;
            }
        }
        return null;
    }

    private static boolean startsWith(ByteView bytes, String prefix) {
        if (bytes.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes.byteAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The answer for {@code method} on the resource at {@code path} if it is decided here, or null for the endpoint. */
    static Response decide(String method, String path, Resource resource) {
        return switch (verdict(Method.of(ByteView.of(method)), resource)) {
            case NOT_IMPLEMENTED -> Response.error(Status.NOT_IMPLEMENTED, "method " + method + " is not implemented by this server");
            case NOT_FOUND -> Response.error(Status.NOT_FOUND, "no endpoint at " + path);
            case OPTIONS -> resource.options;
            case NOT_ALLOWED -> resource.notAllowed;
            case ENDPOINT -> null;
        };
    }

    /**
     * The decision of the diagram above for an implemented {@code method} (null when the server implements it
     * nowhere) on {@code resource} (null when there is none at the path).
     */
    public static Verdict verdict(Method method, Resource resource) {
        if (method == null) {
            return Verdict.NOT_IMPLEMENTED;
        }
        if (resource == null) {
            return Verdict.NOT_FOUND;
        }
        if (method == Method.OPTIONS) {
            return Verdict.OPTIONS;
        }
        return resource.allows(method) ? Verdict.ENDPOINT : Verdict.NOT_ALLOWED;
    }

    /** The 200 answer to OPTIONS on this resource, with {@code Allow}. */
    public Response optionsResponse() {
        return options;
    }

    /** The 405 answer, with {@code Allow}. */
    public Response notAllowedResponse() {
        return notAllowed;
    }

    private boolean allows(Method method) {
        return switch (method) {
            case GET, HEAD -> get;
            case POST -> post;
            case OPTIONS -> false;
        };
    }
}
// end::resource-methods[]
