package dev.httpcourse.common.http;

import java.nio.ByteBuffer;

// tag::chunked-states[]
/**
 * Decodes a chunked request body (RFC 9112 section 7.1) incrementally: feed it whatever bytes have
 * arrived, it hands the data to a {@link BodySink} and stops at the end of the trailer section,
 * leaving any pipelined request after it unread in the buffer.
 *
 * <pre>
 *            hex digit                ';' (after optional BWS)            CR
 *   ┌──────► SIZE ──────────────────────────────► EXTENSIONS ──────────► SIZE_LF
 *   │         │ CR                                                         │ LF
 *   │         └───────────────────────────────────────────────────────────►│
 *   │                                              size > 0 ┌──────────────┴─────────┐ size == 0
 *   │                                                       ▼                        ▼
 *   │  LF           CR           all read                          ┌──► TRAILER_START ── CR ──► FINAL_LF ── LF ──► DONE
 *   └──── DATA_LF ◄──── DATA_CR ◄──────── DATA                     │         │ other
 *                                                                  │         ▼
 *                                                                  └─LF─ TRAILER_LINE (skipped, bounded)
 * </pre>
 *
 * EXTENSIONS stands for the states that check {@code *( BWS ";" BWS token [ BWS "=" BWS ( token /
 * quoted-string ) ] )}, so {@code 5;} or {@code 5;a[=x} is a 400, not something skipped. Extensions
 * and trailers are bounded and dropped. A size that does not fit in 63 bits is malformed (400); a
 * size that fits but passes the body limit is too large (413), decided when its last digit is read.
 */
public final class ChunkedDecoder {
    // end::chunked-states[]

    /** Receives body bytes: {@code data}'s position to limit. Valid only during the call. */
    @FunctionalInterface
    public interface BodySink {
        void accept(ByteBuffer data);
    }

    private enum State {
        SIZE_START, SIZE,
        /** Whitespace after the size or after an extension: only ';' may follow. */
        BWS_BEFORE_SEMICOLON,
        EXT_NAME_START, EXT_NAME, EXT_NAME_BWS, EXT_VALUE_START, EXT_TOKEN, EXT_QUOTED, EXT_QUOTED_PAIR, EXT_QUOTED_END,
        SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER_START, TRAILER_LINE, TRAILER_LF, FINAL_LF, DONE
    }

    private final long maxBodyBytes;
    private final int maxTrailerBytes;
    private State state = State.SIZE_START;
    private long chunkRemaining;
    private long bodyBytes;
    private int lineBytes;
    private int trailerBytes;

    public ChunkedDecoder(Limits limits) {
        this.maxBodyBytes = limits.maxBodyBytes();
        this.maxTrailerBytes = limits.maxHeaderBytes();
    }

    /** Makes the decoder ready for the next body. */
    public void reset() {
        state = State.SIZE_START;
        chunkRemaining = 0;
        bodyBytes = 0;
        lineBytes = 0;
        trailerBytes = 0;
    }

    public boolean isDone() {
        return state == State.DONE;
    }

    /** The body bytes decoded so far. */
    public long bodyBytes() {
        return bodyBytes;
    }

    /**
     * Consumes bytes from {@code in} (position onward) until the body ends or the input runs out.
     *
     * @return true when the whole body, trailers included, has been read
     * @throws HttpException 400 for malformed framing, 413 for a body over the limit, 431 for trailers over it
     */
    public boolean decode(ByteBuffer in, BodySink sink) {
        while (in.hasRemaining() && state != State.DONE) {
            if (state == State.DATA) {
                int n = (int) Math.min(chunkRemaining, in.remaining());
                int start = in.position();
                int limit = in.limit();
                in.limit(start + n);
                sink.accept(in);
                in.limit(limit);
                in.position(start + n);
                chunkRemaining -= n;
                if (chunkRemaining == 0) {
                    state = State.DATA_CR;
                }
                continue;
            }
            step(in.get());
        }
        return state == State.DONE;
    }

    private void step(byte b) {
        switch (state) {
            case SIZE_START, SIZE -> size(b);
            case BWS_BEFORE_SEMICOLON, EXT_NAME_START, EXT_NAME, EXT_NAME_BWS, EXT_VALUE_START, EXT_TOKEN, EXT_QUOTED,
                 EXT_QUOTED_PAIR, EXT_QUOTED_END -> {
                countLine();
                extension(b);
            }
            case SIZE_LF -> {
                expect(b, '\n', "chunk size line not ended by CRLF");
                bodyBytes += chunkRemaining;
                lineBytes = 0;
                state = chunkRemaining == 0 ? State.TRAILER_START : State.DATA;
            }
            case DATA_CR -> {
                expect(b, '\r', "chunk data not followed by CRLF");
                state = State.DATA_LF;
            }
            case DATA_LF -> {
                expect(b, '\n', "chunk data not followed by CRLF");
                state = State.SIZE_START;
            }
            case TRAILER_START -> {
                if (b == '\r') {
                    state = State.FINAL_LF;
                } else {
                    state = State.TRAILER_LINE;
                    trailerByte(b);
                }
            }
            case TRAILER_LINE -> {
                if (b == '\r') {
                    state = State.TRAILER_LF;
                } else {
                    trailerByte(b);
                }
            }
            case TRAILER_LF -> {
                expect(b, '\n', "trailer line not ended by CRLF");
                state = State.TRAILER_START;
            }
            case FINAL_LF -> {
                expect(b, '\n', "chunked body not ended by CRLF");
                state = State.DONE;
            }
            case DATA, DONE -> throw new IllegalStateException(state.name());
        }
    }

    // tag::chunk-size[]
    /** {@code chunk-size = 1*HEXDIG}: checked before each shift, so a size can never wrap around. */
    private void size(byte b) {
        int digit = HttpChars.hexValue(b);
        if (digit >= 0) {
            countLine();
            if (chunkRemaining > (Long.MAX_VALUE - digit) >>> 4) {
                throw new HttpException(Status.BAD_REQUEST, "chunk size is not a number this server can represent");
            }
            chunkRemaining = chunkRemaining * 16 + digit;
            state = State.SIZE;
            return;
        }
        if (state == State.SIZE_START) {
            throw new HttpException(Status.BAD_REQUEST, "malformed chunk size");
        }
        // the size is complete: only now is it known whether it is too large or merely long
        if (chunkRemaining > maxBodyBytes - bodyBytes) {
            throw new HttpException(Status.CONTENT_TOO_LARGE, "chunked body larger than " + maxBodyBytes + " bytes");
        }
        switch (b) {
            case '\r' -> state = State.SIZE_LF;
            case ';' -> state = State.EXT_NAME_START;
            case ' ', '\t' -> state = State.BWS_BEFORE_SEMICOLON;
            default -> throw new HttpException(Status.BAD_REQUEST, "malformed chunk size");
        }
        countLine();
    }
    // end::chunk-size[]

    /** {@code chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )} (RFC 9112 section 7.1.1). */
    private void extension(byte b) {
        boolean ws = HttpChars.isWhitespace(b);
        boolean token = HttpChars.isToken(b);
        state = switch (state) {
            case BWS_BEFORE_SEMICOLON -> ws ? state : b == ';' ? State.EXT_NAME_START : malformedExtension();
            case EXT_NAME_START -> ws ? state : token ? State.EXT_NAME : malformedExtension();
            case EXT_NAME -> token ? state : ws ? State.EXT_NAME_BWS : afterExtension(b, true);
            case EXT_NAME_BWS -> ws ? state : b == '=' ? State.EXT_VALUE_START
                    : b == ';' ? State.EXT_NAME_START : malformedExtension();
            case EXT_VALUE_START -> ws ? state : b == '"' ? State.EXT_QUOTED : token ? State.EXT_TOKEN : malformedExtension();
            case EXT_TOKEN -> token ? state : ws ? State.BWS_BEFORE_SEMICOLON : afterExtension(b, false);
            // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text (RFC 9110 section 5.6.4)
            case EXT_QUOTED -> b == '"' ? State.EXT_QUOTED_END : b == '\\' ? State.EXT_QUOTED_PAIR
                    : HttpChars.isFieldValue(b) ? state : malformedExtension();
            case EXT_QUOTED_PAIR -> HttpChars.isFieldValue(b) ? State.EXT_QUOTED : malformedExtension();
            case EXT_QUOTED_END -> ws ? State.BWS_BEFORE_SEMICOLON : afterExtension(b, false);
            default -> throw new IllegalStateException(state.name());
        };
    }

    /** What may end an extension name or value: the next extension, the end of the line, or (after a name) a value. */
    private State afterExtension(byte b, boolean valueMayFollow) {
        return switch (b) {
            case ';' -> State.EXT_NAME_START;
            case '\r' -> State.SIZE_LF;
            case '=' -> valueMayFollow ? State.EXT_VALUE_START : malformedExtension();
            default -> malformedExtension();
        };
    }

    private static State malformedExtension() {
        throw new HttpException(Status.BAD_REQUEST, "malformed chunk extension");
    }

    private void countLine() {
        if (++lineBytes > Limits.MAX_CHUNK_LINE_BYTES) {
            throw new HttpException(Status.BAD_REQUEST, "chunk size line too long");
        }
    }

    private void trailerByte(byte b) {
        if (!HttpChars.isFieldValue(b)) {
            throw new HttpException(Status.BAD_REQUEST, "invalid character in trailer");
        }
        if (++trailerBytes > maxTrailerBytes) {
            throw new HttpException(Status.REQUEST_HEADER_FIELDS_TOO_LARGE, "trailer section too large");
        }
    }

    private static void expect(byte actual, char expected, String message) {
        if (actual != expected) {
            throw new HttpException(Status.BAD_REQUEST, message);
        }
    }
}
