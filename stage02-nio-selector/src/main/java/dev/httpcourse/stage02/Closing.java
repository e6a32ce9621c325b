package dev.httpcourse.stage02;

import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;

// tag::s02-closing[]
/**
 * When and how a connection ends (RFC 9112 section 9): after a response that does not keep it
 * alive; after any error, with the error's answer, since after a malformed request nothing that
 * follows can be trusted; on a timeout (408, or nothing for an idle connection); at the end of the
 * client's input; or at once, with a 503, over the connection limit. A protocol owns one and asks
 * it; the rules are the same whatever the protocol parses and however it answers.
 */
public final class Closing {
    private final ResponseEncoder encoder;
    private final ResponseOutput out;
    private Protocol.Close close;

    public Closing(ResponseEncoder encoder, ResponseOutput out) {
        this.encoder = encoder;
        this.out = out;
    }

    /** How the connection ends, once decided; null while it goes on. */
    public Protocol.Close how() {
        return close;
    }

    public boolean decided() {
        return close != null;
    }

    /** A response went out: unless it kept the connection alive, close once it is sent, lingering. */
    public void afterResponse(boolean keptAlive) {
        if (!keptAlive) {
            stop();
        }
    }

    /** Take no further request: what is queued goes out, then the connection closes, lingering. */
    public void stop() {
        if (close == null) {
            close = Protocol.Close.LINGER;
        }
    }

    /** Answers with an error and closes. The answer is HTTP/1.1 and says {@code Connection: close}. */
    public void fail(Status status, String message) {
        Response error = Response.error(status, message);
        out.append(encoder.head(error, Version.HTTP_1_1, false));
        out.append(error.body());
        close = Protocol.Close.LINGER;
    }

    /** The deadline passed: an idle connection just closes; one in the middle of a request gets 408. */
    public void timedOut(boolean idle) {
        if (close == null) {
            if (idle) {
                close = Protocol.Close.SILENT;
            } else {
                fail(Status.REQUEST_TIMEOUT, "request not received in time");
            }
        }
    }

    /** No further request can arrive: close once what is queued is sent. */
    public void endOfInput() {
        if (close == null) {
            close = Protocol.Close.SILENT;
        }
    }

    public void refuse() {
        fail(Status.SERVICE_UNAVAILABLE, "too many connections");
    }
}
// end::s02-closing[]
