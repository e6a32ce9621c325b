package dev.httpcourse.bench.peers;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.app.Exchange;
import dev.httpcourse.common.http.BodyFraming;
import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;

/**
 * One connection's requests, after {@code HttpServerCodec} has split the bytes into a head and body
 * pieces: the head to the course's {@link App}, each {@link HttpContent} pushed to the exchange as it
 * arrives (no aggregator, so a 20 MiB upload is counted, not held), the response written at the last
 * piece.
 *
 * <p>Responses are written in {@link #channelRead} and flushed once in {@link #channelReadComplete}:
 * sixteen pipelined requests that arrive in one read leave in one write, the usual Netty idiom.
 *
 * <pre>
 *   HttpRequest ──► app.open ── early response? ──yes──► write it; drop this request's body
 *                                   │ no
 *                                   ▼
 *   HttpContent* ──► exchange.body ──► LastHttpContent ──► exchange.end() ──► write
 * </pre>
 */
final class NettyExchangeHandler extends ChannelInboundHandlerAdapter {
    private static final AsciiString SERVER = AsciiString.cached("netty");

    private final App app;
    private final long maxBodyBytes;

    /** The request whose body is arriving, or null (none, or its early response has been sent). */
    private Exchange exchange;
    /** Set when the body was refused part-way; sent at the last piece instead of the exchange's answer. */
    private Response refused;
    private long bodyBytes;
    private boolean keepAlive;
    private boolean http10;
    private boolean isHead;
    /** A response with {@code Connection: close} is queued: whatever the client pipelined after it is dropped. */
    private boolean closing;

    NettyExchangeHandler(App app, long maxBodyBytes) {
        this.app = app;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (closing) {
                return;
            }
            if (msg instanceof HttpRequest request) {
                onHead(ctx, request);
            }
            if (msg instanceof HttpContent content && !closing) {
                onContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            keepAlive = false;
            http10 = false;
            isHead = false;
            write(ctx, Response.error(statusOf(request.decoderResult()), "malformed request"));
            return;
        }
        keepAlive = HttpUtil.isKeepAlive(request);
        http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        isHead = request.method().equals(HttpMethod.HEAD);
        HttpHeaders headers = request.headers();
        BodyFraming framing = HttpUtil.isTransferEncodingChunked(request) ? BodyFraming.CHUNKED
                : HttpUtil.isContentLengthSet(request) ? new BodyFraming.Length(HttpUtil.getContentLength(request, 0L))
                : BodyFraming.NONE;
        RequestHead head = RequestHeads.of(request.method().name(), request.uri(), http10 ? Version.HTTP_1_0 : Version.HTTP_1_1,
                headers.get(HttpHeaderNames.CONTENT_TYPE), framing, keepAlive, HttpUtil.is100ContinueExpected(request));
        if (framing instanceof BodyFraming.Length(long declared) && declared > maxBodyBytes) {
            keepAlive = false; // the body would follow; closing is cheaper than reading it
            write(ctx, Response.error(Status.CONTENT_TOO_LARGE, "body larger than " + maxBodyBytes + " bytes"));
            return;
        }
        Exchange opened = app.open(head);
        Response early = opened.earlyResponse();
        if (early != null) {
            write(ctx, early); // the codec still frames the body that may follow; it is dropped piece by piece
            return;
        }
        exchange = opened;
        refused = null;
        bodyBytes = 0;
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (content.decoderResult().isFailure()) { // a bad chunk size, say: the codec discards the rest
            exchange = null;
            keepAlive = false;
            write(ctx, Response.error(statusOf(content.decoderResult()), "malformed body"));
            return;
        }
        if (exchange == null) {
            return;
        }
        ByteBuf data = content.content();
        if (refused == null && data.isReadable()) {
            bodyBytes += data.readableBytes();
            try {
                if (bodyBytes > maxBodyBytes) {
                    keepAlive = false;
                    throw new HttpException(Status.CONTENT_TOO_LARGE, "body larger than " + maxBodyBytes + " bytes");
                }
                for (ByteBuffer piece : data.nioBuffers()) {
                    exchange.body(piece);
                }
            } catch (HttpException e) {
                refused = Response.error(e);
            }
        }
        if (content instanceof LastHttpContent) {
            Response response = refused;
            if (response == null) {
                try {
                    response = exchange.end();
                } catch (HttpException e) {
                    response = Response.error(e);
                }
            }
            exchange = null;
            write(ctx, response);
        }
    }

    private void write(ChannelHandlerContext ctx, Response response) {
        byte[] body = response.body();
        ByteBuf content = isHead || body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status().code()), content);
        HttpHeaders headers = out.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, contentType(response.contentType()));
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.set(HttpHeaderNames.DATE, DateValue.now());
        headers.set(HttpHeaderNames.SERVER, SERVER);
        for (Header extra : response.headers()) {
            headers.add(extra.name(), extra.value());
        }
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            closing = true;
            ctx.write(out).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (http10) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE); // RFC 9112 section 9.3 for 1.0 clients
        }
        ctx.write(out);
    }

    private static CharSequence contentType(String type) {
        return switch (type) {
            case Response.TEXT_PLAIN -> HttpHeaderValues.TEXT_PLAIN;
            case Response.APPLICATION_JSON -> HttpHeaderValues.APPLICATION_JSON;
            default -> type;
        };
    }

    private static Status statusOf(DecoderResult result) {
        return switch (result.cause()) {
            case TooLongHttpLineException e -> Status.URI_TOO_LONG;
            case TooLongHttpHeaderException e -> Status.REQUEST_HEADER_FIELDS_TOO_LARGE;
            case null, default -> Status.BAD_REQUEST;
        };
    }

    /** The idle timeout ({@code IdleStateHandler} in front of the codec) ends a connection quietly. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    /** A reset or a failed write ends the connection; that is normal under load (RST after -r N), not worth a log line. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
