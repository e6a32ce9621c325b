package dev.httpcourse.common.http;

import java.nio.ByteBuffer;

// tag::chunked-states[]
/**
 * Decodes a chunked request body (RFC 9112 section 7.1) incrementally: feed it whatever bytes have
 * arrived, it hands the data to a {@link BodySink} and stops at the end of the trailer section,
 * leaving any pipelined request after it unread in the buffer.
 *
 * <pre>
 *            hex digit                     ';'                 CR
 *   ┌──────► SIZE ──────────────────────► EXTENSION ───────► SIZE_LF
 *   │         │ CR                                             │ LF
 *   │         └───────────────────────────────────────────────►│
 *   │                                    size > 0 ┌────────────┴───────────┐ size == 0
 *   │                                             ▼                        ▼
 *   │  LF           CR           all read                        ┌──► TRAILER_START ── CR ──► FINAL_LF ── LF ──► DONE
 *   └──── DATA_LF ◄──── DATA_CR ◄──────── DATA                   │         │ other
 *                                                                │         ▼
 *                                                                └─LF─ TRAILER_LINE (skipped, bounded)
 * </pre>
 *
 * Extensions and trailers are checked for control characters, bounded, and dropped. Sizes are
 * checked against the body limit digit by digit, so no size can overflow.
 */
public final class ChunkedDecoder {
    // end::chunked-states[]

    /** Receives body bytes: {@code data}'s position to limit. Valid only during the call. */
    @FunctionalInterface
    public interface BodySink {
        void accept(ByteBuffer data);
    }

    private enum State { SIZE_START, SIZE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER_START, TRAILER_LINE, TRAILER_LF, FINAL_LF, DONE }

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
            case SIZE_START, SIZE -> {
                int digit = HttpChars.hexValue(b);
                if (digit >= 0) {
                    countLine();
                    // check before shifting, so the size can never overflow, whatever the body limit
                    long room = maxBodyBytes - bodyBytes;
                    if (digit > room || chunkRemaining > (room - digit) / 16) {
                        throw new HttpException(Status.CONTENT_TOO_LARGE, "chunked body larger than " + maxBodyBytes + " bytes");
                    }
                    chunkRemaining = chunkRemaining * 16 + digit;
                    state = State.SIZE;
                } else if (state == State.SIZE && b == ';') {
                    countLine();
                    state = State.EXTENSION;
                } else if (state == State.SIZE && b == '\r') {
                    state = State.SIZE_LF;
                } else {
                    throw new HttpException(Status.BAD_REQUEST, "malformed chunk size");
                }
            }
            case EXTENSION -> {
                if (b == '\r') {
                    state = State.SIZE_LF;
                } else if (HttpChars.isFieldValue(b)) {
                    countLine();
                } else {
                    throw new HttpException(Status.BAD_REQUEST, "invalid character in chunk extension");
                }
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
