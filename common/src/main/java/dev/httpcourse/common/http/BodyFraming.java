package dev.httpcourse.common.http;

/** How the end of a request body is found (RFC 9112 section 6.3). */
public sealed interface BodyFraming {
    /** No Content-Length and no Transfer-Encoding: the request has no body. */
    record None() implements BodyFraming {
    }

    /** {@code Content-Length: n}: exactly n bytes follow the head. */
    record Length(long bytes) implements BodyFraming {
    }

    /** {@code Transfer-Encoding: chunked}: chunks until a zero-size chunk and the trailer section. */
    record Chunked() implements BodyFraming {
    }

    BodyFraming NONE = new None();
    BodyFraming CHUNKED = new Chunked();

    /** True when body bytes follow the head. */
    default boolean hasBody() {
        return switch (this) {
            case None n -> false;
            case Length l -> l.bytes() > 0;
            case Chunked c -> true;
        };
    }
}
