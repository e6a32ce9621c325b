package dev.httpcourse.common.app;

import dev.httpcourse.common.http.BodyFraming;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.Status;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * {@code POST /echo}: the body back with the request's Content-Type. The body is held whole to be
 * sent with a Content-Length, so it has its own small cap, {@link #MAX_BYTES}, below the server's
 * body limit, so what echo holds is bounded by connections times 1 MiB rather than by the body limit.
 */
final class Echo implements Exchange {
    public static final int MAX_BYTES = 1024 * 1024;
    static final String DEFAULT_TYPE = "application/octet-stream";

    private final String contentType;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private Echo(String contentType) {
        this.contentType = contentType;
    }

    static Exchange open(RequestHead head) {
        if (head.framing() instanceof BodyFraming.Length(long bytes) && bytes > MAX_BYTES) {
            return Exchange.respond(Response.error(Status.CONTENT_TOO_LARGE, "echo takes at most " + MAX_BYTES + " bytes"));
        }
        String type = head.header("Content-Type");
        return new Echo(type == null ? DEFAULT_TYPE : type);
    }

    @Override
    public void body(ByteBuffer data) {
        if (body.size() + data.remaining() > MAX_BYTES) {
            throw new HttpException(Status.CONTENT_TOO_LARGE, "echo takes at most " + MAX_BYTES + " bytes");
        }
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        body.writeBytes(chunk);
    }

    @Override
    public Response end() {
        return Response.of(Status.OK, contentType, body.toByteArray());
    }
}
