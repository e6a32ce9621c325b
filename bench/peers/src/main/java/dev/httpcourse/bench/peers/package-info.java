/**
 * The peers: servers the course did not write, measured in the same run as the stages so that every
 * figure can be a ratio. {@link dev.httpcourse.bench.peers.JdkHttpServerPeer} is the JDK's own
 * {@code com.sun.net.httpserver} on virtual threads; {@link dev.httpcourse.bench.peers.NettyPeer} is
 * Netty 4.2 over epoll, io_uring or NIO; {@link dev.httpcourse.bench.peers.HelidonSePeer} is Helidon SE
 * 4.5, blocking handlers on virtual threads (stage 01's model as a product);
 * {@link dev.httpcourse.bench.peers.VertxPeer} is Vert.x 5, a verticle per event loop on Netty's native
 * transport. Each class's Javadoc names the settings it changes from its product's defaults, and why.
 *
 * <p>All leave HTTP (parsing, framing, keep-alive, chunked bodies) to their framework and hand each
 * request to the course's {@link dev.httpcourse.common.app.App}, as the stages do: the application
 * work is identical (the JSON is the same Jackson encoding), so a comparison measures the servers, not
 * two versions of the endpoints.
 */
package dev.httpcourse.bench.peers;
