package dev.httpcourse.common.app;

import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.Status;
import java.util.List;
import java.util.Set;

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
 * as a whole. The answers are built once: refusing a method costs no allocation.
 */
enum Resource {
    ROOT(true, false),
    PIPELINE(true, false),
    BASELINE(true, true),
    JSON(true, false),
    UPLOAD(false, true),
    ECHO(false, true),
    /** {@code OPTIONS *}: the server itself, which implements every method any resource allows. */
    SERVER(true, true);

    /** Every method the server implements somewhere; any other is 501 whatever the target. */
    static final Set<String> IMPLEMENTED = Set.of("GET", "HEAD", "POST", "OPTIONS");

    private final boolean get;
    private final boolean post;
    private final Response options;
    private final Response notAllowed;

    Resource(boolean get, boolean post) {
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
        return switch (path) {
            case "/" -> ROOT;
            case "/pipeline" -> PIPELINE;
            case "/baseline11" -> BASELINE;
            case "/upload" -> UPLOAD;
            case "/echo" -> ECHO;
            case "*" -> SERVER;
            default -> path.startsWith(JsonEndpoint.PREFIX) ? JSON : null;
        };
    }

    /** The answer for {@code method} on the resource at {@code path} if it is decided here, or null for the endpoint. */
    static Response decide(String method, String path, Resource resource) {
        if (!IMPLEMENTED.contains(method)) {
            return Response.error(Status.NOT_IMPLEMENTED, "method " + method + " is not implemented by this server");
        }
        if (resource == null) {
            return Response.error(Status.NOT_FOUND, "no endpoint at " + path);
        }
        if (method.equals("OPTIONS")) {
            return resource.options;
        }
        return resource.allows(method) ? null : resource.notAllowed;
    }

    private boolean allows(String method) {
        return switch (method) {
            case "GET", "HEAD" -> get;
            case "POST" -> post;
            default -> false;
        };
    }
}
// end::resource-methods[]
