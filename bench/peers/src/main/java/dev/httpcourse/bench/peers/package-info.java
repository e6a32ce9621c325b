/**
 * The peers: servers the course did not write, measured in the same run as the stages so that every
 * figure can be a ratio. {@link dev.httpcourse.bench.peers.JdkHttpServerPeer} is the JDK's own
 * {@code com.sun.net.httpserver} on virtual threads; {@link dev.httpcourse.bench.peers.NettyPeer} is
 * Netty 4.2 over epoll, io_uring or NIO.
 *
 * <p>Both leave HTTP (parsing, framing, keep-alive, chunked bodies) to their framework and hand each
 * request to the course's {@link dev.httpcourse.common.app.App}, as the stages do: the application
 * work is identical, so a comparison measures the servers, not two versions of the endpoints.
 */
package dev.httpcourse.bench.peers;
