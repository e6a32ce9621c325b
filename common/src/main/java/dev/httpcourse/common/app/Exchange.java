package dev.httpcourse.common.app;

import dev.httpcourse.common.http.Response;
import java.nio.ByteBuffer;

// tag::exchange-flow[]
/**
 * One request in progress, from the moment its head is parsed: the server pushes the body to it in
 * whatever pieces arrive, then asks for the response. Push, not pull, so that non-blocking stages
 * can use it unchanged and a 20 MiB upload never has to sit in memory.
 *
 * <pre>
 *   head parsed ──► earlyResponse() ── non-null ──► send it; if a body was announced, close
 *                        │ null
 *                        ▼
 *                   body(data)*  ──►  end() ──► send the response
 * </pre>
 */
public interface Exchange {
    // end::exchange-flow[]

    /**
     * A response decided by the head alone (404, 405, a bad query, a body declared too large), or
     * null when the body is wanted. A server sends it without reading the body, so before any
     * {@code 100 Continue}.
     */
    default Response earlyResponse() {
        return null;
    }

    /** The next piece of the body: {@code data}'s position to limit, valid only during the call. */
    default void body(ByteBuffer data) {
    }

    /** The response, once the whole body has been passed to {@link #body}. */
    Response end();

    /** An exchange whose answer does not depend on the body. */
    static Exchange respond(Response response) {
        return new Exchange() {
            @Override
            public Response earlyResponse() {
                return response;
            }

            @Override
            public Response end() {
                return response;
            }
        };
    }
}
