package dev.httpcourse.stage05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.ResponseEncoder;
import dev.httpcourse.stage02.Http1Protocol;
import dev.httpcourse.stage02.ResponseOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exercise 5.8, "Error answers from templates": {@code InPlaceProtocol} answers an error from a
 * template of its status, in off-heap memory, with the message's bytes as the body, instead of
 * through {@code Closing.fail} and {@code common}'s encoder; and every error answer is still, byte
 * for byte but the Date, what stage 02's protocol sends. Two parts: what the protocol's code calls,
 * read from its class file, and its answers to malformed requests, with no ring (as
 * {@code InPlaceProtocolTest}). {@code bin/course exercise 5.8} runs it; it fails on the course's
 * code, and its name keeps it out of {@code ./mvnw verify}.
 */
class Exercise5_8Check {
    private final Arena arena = Arena.ofConfined();
    private final InPlaceAnswers answers = new InPlaceAnswers(App.withBundledDataset(), Limits.defaults(),
            new ResponseEncoder(), arena);
    private final SendQueue out = new SendQueue(new SendQueue.Pool(arena, answers.sendChunkSize()));
    private final InPlaceProtocol protocol = new InPlaceProtocol(answers, out);

    @AfterEach
    void free() {
        arena.close();
    }

    @Test
    void errorsNoLongerGoThroughClosingAndTheEncoder() throws IOException {
        List<String> calls = new ArrayList<>();
        byte[] bytes;
        try (InputStream in = InPlaceProtocol.class.getResourceAsStream("InPlaceProtocol.class")) {
            bytes = in.readAllBytes();
        }
        for (MethodModel method : ClassFile.of().parse(bytes).methods()) {
            method.findAttribute(Attributes.code()).ifPresent(code -> {
                for (var element : (CodeModel) code) {
                    if (element instanceof InvokeInstruction invoke) {
                        calls.add(invoke.owner().asInternalName().replaceAll(".*/", "") + "." + invoke.name().stringValue());
                    }
                }
            });
        }
        assertTrue(!calls.contains("Closing.fail"), "InPlaceProtocol still answers errors with Closing.fail, "
                + "which has common's ResponseEncoder make the answer on the heap: write the status's template "
                + "(ResponseTemplates) and the message's bytes into the send queue, then close (Closing.stop)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET / HTTP/1.1\r\nHost : t\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/2.0\r\nHost: t\r\n\r\n",
        "BREW / HTTP/1.1\r\nHost: t\r\n\r\n",
        "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n",
        "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "GET / HTTP/1.1\r\nHost: t\r\nX: a\u0001b\r\n\r\n",
    })
    void everyErrorAnswerIsStage02s(String request) {
        MemorySegment in = arena.allocate(request.length());
        MemorySegment.copy(request.getBytes(StandardCharsets.ISO_8859_1), 0, in, ValueLayout.JAVA_BYTE, 0,
                request.length());
        protocol.process(in, in.asByteBuffer(), 0, in.byteSize(), false, System.nanoTime());
        var stage02Out = new Collected();
        new Http1Protocol(App.withBundledDataset(), Limits.defaults(), new ResponseEncoder(), stage02Out)
                .process(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)), false);
        assertEquals(withoutDate(stage02Out.bytes.toString(StandardCharsets.ISO_8859_1)), withoutDate(sent()),
                "the error answer should not change: " + request.replace("\r\n", "\\r\\n"));
    }

    @Test
    void aLongErrorMessageIsStillAnsweredWhole() {
        // a 501 whose message names a 6,000-byte method: a body longer than a small response's room
        everyErrorAnswerIsStage02s("X".repeat(6000) + " / HTTP/1.1\r\nHost: t\r\n\r\n");
    }

    private static String withoutDate(String text) {
        return text.replaceAll("Date: [^\r]*\r\n", "Date: (now)\r\n");
    }

    private String sent() {
        var bytes = new ByteArrayOutputStream();
        while (!out.isEmpty()) {
            int n = out.sendLength();
            byte[] chunk = new byte[n];
            MemorySegment.copy(out.sendBuffer(), ValueLayout.JAVA_BYTE, out.sendStart(), chunk, 0, n);
            bytes.writeBytes(chunk);
            out.sent(n);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private static final class Collected implements ResponseOutput {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void append(byte[] b) {
            bytes.writeBytes(b);
        }

        @Override
        public boolean backedUp() {
            return false;
        }
    }
}
