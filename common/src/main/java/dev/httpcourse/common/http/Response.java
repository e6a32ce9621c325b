package dev.httpcourse.common.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A complete response of the application: status, content type, body and any extra fields.
 * Framing fields ({@code Content-Length}, {@code Connection}), {@code Date} and {@code Server} are
 * the connection's business and are added by {@link ResponseEncoder}.
 */
public record Response(Status status, String contentType, byte[] body, List<Header> headers) {
    public static final String TEXT_PLAIN = "text/plain";
    public static final String APPLICATION_JSON = "application/json";

    public static Response text(String body) {
        return new Response(Status.OK, TEXT_PLAIN, body.getBytes(StandardCharsets.UTF_8), List.of());
    }

    public static Response of(Status status, String contentType, byte[] body) {
        return new Response(status, contentType, body, List.of());
    }

    /** A short plain-text error whose body says why, so a person with curl sees the reason. */
    public static Response error(Status status, String message) {
        return new Response(status, TEXT_PLAIN, (message + "\n").getBytes(StandardCharsets.UTF_8), List.of());
    }

    public static Response error(HttpException e) {
        return error(e.status(), e.getMessage());
    }

    public Response withHeader(String name, String value) {
        var all = new ArrayList<>(headers);
        all.add(new Header(name, value));
        return new Response(status, contentType, body, List.copyOf(all));
    }
}
