package dev.httpcourse.stage04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.conformance.ExerciseClient;
import dev.httpcourse.stage04.uring.RequiresIoUring;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercise 4.6, "Cancel one operation": a closing connection cancels its {@code RECV} and its
 * {@code SEND} by their {@code user_data} ({@code Ring.prepCancel}), not everything on its
 * descriptor ({@code prepCancelAll}). Two parts: what the code calls, read from its class file; and
 * what a client sees, which must not change: connections the server closes with a {@code RECV} armed
 * (an idle timeout) or a {@code SEND} in flight (a client that does not read) are closed, and the
 * server counts none open afterwards, which happens only once every cancelled operation has
 * completed. {@code bin/course exercise 4.6} runs it; it fails on the course's code, which cancels
 * all, so its name keeps it out of {@code ./mvnw verify}.
 */
@Timeout(60)
@ExtendWith(RequiresIoUring.class)
class Exercise4_6Check {
    private static final Limits LIMITS = Limits.defaults().withIdleTimeout(Duration.ofSeconds(1));

    @Test
    void closeCancelsTheRecvAndTheSendByTheirUserData() throws IOException {
        List<String> calls = ringCallsOf(RingConnection.class);
        assertFalse(calls.contains("prepCancelAll"), "RingConnection still cancels everything on its descriptor "
                + "(Ring.prepCancelAll, in close()): cancel the RECV and the SEND that are in flight by their "
                + "user_data, with Ring.prepCancel(target, userData(OP_CANCEL))");
        assertTrue(calls.contains("prepCancel"), "RingConnection calls Ring.prepCancel nowhere: close() must "
                + "cancel what it has in flight, or it waits for ever for their completions");
    }

    @Test
    void idleConnectionsClosedWithARecvArmedAreAllClosed() throws Exception {
        try (var server = new IoUringServer(ServerConfig.ephemeral().withWorkers(2).withLimits(LIMITS))) {
            server.start();
            List<ExerciseClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    var c = ExerciseClient.connect(server.port());
                    clients.add(c);
                    assertEquals(200, c.send("GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\n").read(Duration.ofSeconds(5))
                            .status());
                }
                for (ExerciseClient c : clients) { // the idle timeout (1 s) closes each, its RECV cancelled
                    if (!(c.await(Duration.ofSeconds(5)) instanceof ExerciseClient.Closed)) {
                        fail("an idle connection was not closed within 5 s of its 1 s idle timeout: its close "
                                + "waits for a RECV that was never cancelled");
                    }
                }
                awaitNoneOpen(server, "20 connections closed at their idle timeout");
            } finally {
                for (ExerciseClient c : clients) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aConnectionClosedWithASendInFlightIsClosed() throws Exception {
        try (var server = new IoUringServer(ServerConfig.ephemeral().withWorkers(1).withLimits(LIMITS));
             var socket = new Socket()) {
            server.start();
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            // far more answer than the socket buffers hold, and never read: a SEND stays in flight until
            // the write-stall clock (the idle timeout) closes the connection
            byte[] request = "GET /json/50 HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            var many = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 2000; i++) {
                many.write(request);
            }
            socket.getOutputStream().write(many.toByteArray());
            Thread.sleep(2500);
            awaitNoneOpen(server, "a connection closed by its write-stall clock with a SEND in flight");
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            try {
                while (in.read(new byte[65536]) >= 0) {
                    // what was sent before the close; then the end, or a reset
                }
            } catch (IOException reset) {
                // closed with unread input: a reset is an end too
            }
        }
    }

    private static void awaitNoneOpen(IoUringServer server, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.openConnections(), what + ": the server still counts them open, so the close "
                + "never finished: finishClose runs only once the cancelled operations' completions are in");
    }

    /** The names of the {@code Ring} methods {@code type}'s code calls. */
    private static List<String> ringCallsOf(Class<?> type) throws IOException {
        byte[] bytes;
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            bytes = in.readAllBytes();
        }
        ClassModel model = ClassFile.of().parse(bytes);
        List<String> calls = new ArrayList<>();
        for (MethodModel method : model.methods()) {
            method.findAttribute(java.lang.classfile.Attributes.code()).ifPresent(code -> {
                for (var element : (CodeModel) code) {
                    if (element instanceof InvokeInstruction invoke
                            && invoke.owner().asInternalName().endsWith("/Ring")) {
                        calls.add(invoke.name().stringValue());
                    }
                }
            });
        }
        return calls;
    }
}
