package dev.httpcourse.conformance;

import static dev.httpcourse.conformance.ExpectedResponse.ok;
import static dev.httpcourse.conformance.ExpectedResponse.status;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Clients that stream, stall and reset, as a careful user tried them on every stage: a pipeline deeper
 * than any buffer of a server, heads that follow each other across the header timeout, a trickle of
 * empty lines, lines that fill an input buffer, clients that send and never read beside one that
 * does, thousands of connections reset in the middle of something. Each method is one check; the
 * suite's categories call them.
 */
final class StreamingClients {
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private StreamingClients() {
    }

    /**
     * {@code depth} requests of {@code GET /pipeline} in one write, far more than a server holds in
     * any buffer of its own, read as they come; with {@code pauseEvery} > 0 the client stops for
     * {@code pause} after every that many responses, and its small receive buffer makes the server's
     * output back up again and again. Every request must be answered, in order.
     */
    static void deepPipeline(int port, int depth, int pauseEvery, Duration pause) throws Exception {
        byte[] requests = new byte[CaseRunner.PIPELINE_REQUEST.length * depth];
        for (int i = 0; i < depth; i++) {
            System.arraycopy(CaseRunner.PIPELINE_REQUEST, 0, requests, i * CaseRunner.PIPELINE_REQUEST.length,
                    CaseRunner.PIPELINE_REQUEST.length);
        }
        String context = depth + " pipelined GET /pipeline in one write" + (pauseEvery > 0
                ? ", read with a pause of " + pause.toMillis() + " ms every " + pauseEvery + " responses" : "");
        try (Client client = Client.connect(port, Duration.ofSeconds(10), 16 * 1024)) {
            Future<Void> sending = HostileTraffic.sendInBackground(client, requests, new byte[0], 0);
            ExpectedResponse ok = ok("ok");
            for (int i = 0; i < depth; i++) {
                RawResponse response;
                try {
                    response = client.read();
                } catch (AssertionError e) {
                    throw new AssertionError(context + ": " + i + " of " + depth + " answered, then: "
                            + e.getMessage(), e);
                }
                ok.assertMatches(response, context + ", response " + (i + 1));
                if (pauseEvery > 0 && (i + 1) % pauseEvery == 0) {
                    Thread.sleep(pause.toMillis());
                }
            }
            sending.get(10, TimeUnit.SECONDS);
            CaseRunner.assertAnswers(client, context + ", then one more request");
        }
    }

    /**
     * A client that, every {@code every}, completes one head and begins the next in the same write,
     * for longer than the header timeout: each head is young when it completes, so each is answered.
     * The header timeout measures the head being read, not the first unfinished head of a streak.
     */
    static void headStreak(int port, Duration headerTimeout, Duration every) throws Exception {
        int writes = (int) (headerTimeout.toMillis() * 3 / every.toMillis()) + 1;
        String context = "a head completed and the next begun in one write every " + every.toMillis()
                + " ms, header timeout " + headerTimeout.toMillis() + " ms";
        try (Client client = Client.connect(port, headerTimeout.multipliedBy(3))) {
            client.send("GET /pipeline HTTP/1.1\r\nHo");
            for (int i = 1; i <= writes; i++) {
                Thread.sleep(every.toMillis());
                client.send("st: t\r\n\r\nGET /pipeline HTTP/1.1\r\nHo");
                RawResponse response = client.read();
                ResponseRules.assertWellFormed(response, context);
                ok("ok").assertMatches(response, context + ", head " + i + " of " + writes + " (after "
                        + i * every.toMillis() + " ms)");
            }
            client.send("st: t\r\n\r\n");
            ok("ok").assertMatches(client.read(), context + ", the last head");
        }
    }

    /**
     * Empty lines (bare CRLF) every {@code every} for longer than the header timeout: RFC 9112
     * section 2.2 lets a server skip them before a request line, but they are the start of a head
     * and the header timeout runs from the first, so the trickle gets 408 and a close (or a plain
     * close) instead of holding the connection for ever.
     */
    static void crlfTrickle(int port, Duration headerTimeout, Duration every) throws Exception {
        String context = "a bare CRLF every " + every.toMillis() + " ms, header timeout " + headerTimeout.toMillis()
                + " ms";
        Duration patience = headerTimeout.multipliedBy(3);
        try (Client client = Client.connect(port, patience)) {
            long start = System.nanoTime();
            Thread trickler = Thread.ofVirtual().start(() -> {
                while (client.sendQuietly(CRLF, 0, CRLF.length) == null
                        && System.nanoTime() - start < patience.toNanos()) {
                    try {
                        Thread.sleep(every.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                RawResponse response = client.readOrClose();
                if (response != null) {
                    ResponseRules.assertWellFormed(response, context);
                    status(408).assertMatches(response, context);
                    CaseRunner.assertCloses(client, response, context);
                }
            } catch (AssertionError e) {
                throw new AssertionError(context + ": the connection was still open after " + patience.toMillis()
                        + " ms (" + e.getMessage() + ")", e);
            } finally {
                trickler.interrupt();
                trickler.join();
            }
        }
    }

    private static final byte[] CRLF = Bytes.latin1("\r\n");

    /**
     * A line of {@code lineBytes} (a request target or one header field), long enough to fill a
     * server's input buffer, then the rest of a request: the status the limit calls for, then the
     * close every error gets, a FIN after the server has read what was sent, never a reset that
     * can destroy the answer before the client reads it (RFC 9112 section 9.6).
     */
    static void overlongLine(int port, boolean inTarget, int lineBytes) throws Exception {
        String request = inTarget
                ? "GET /" + "t".repeat(lineBytes) + " HTTP/1.1\r\nHost: t\r\n\r\n"
                : "GET / HTTP/1.1\r\nHost: t\r\nX-Long: " + "v".repeat(lineBytes) + "\r\n\r\n";
        int expected = inTarget ? 414 : 431;
        String context = "a " + lineBytes + "-byte " + (inTarget ? "request target" : "header field");
        for (int attempt = 0; attempt < 3; attempt++) { // the reset, when it comes, races the read
            try (Client client = Client.connect(port)) {
                IOException sendFailure = client.sendQuietly(Bytes.latin1(request), 0, request.length());
                Thread.sleep(100); // the answer and the close are on their way before the client reads
                RawResponse response;
                try {
                    response = client.read();
                } catch (AssertionError e) {
                    throw new AssertionError(context + ": no answer to read (" + e.getMessage() + ")"
                            + (sendFailure == null ? "" : "; the send failed: " + sendFailure), e);
                }
                ResponseRules.assertWellFormed(response, context);
                status(expected).assertMatches(response, context);
                if (!response.saysClose()) {
                    throw new AssertionError(context + ": the answer must say Connection: close: " + response);
                }
                client.assertServerClosesGracefully(context);
            }
        }
    }

    /**
     * Greedy clients that pipeline and never read ({@code jsonClients} send {@code jsonDepth}
     * {@code GET /json/50} each, costly answers; {@code pipelineClients} send {@code pipelineDepth}
     * {@code GET /pipeline} each, more request bytes than a loop's buffers hold), while one polite
     * client asks {@code GET /} on a new connection every 100 ms: its answers stay prompt (a loop turn
     * does bounded work per connection, and no greedy client keeps memory the others need), and once
     * the greedy clients are stalled the server does not spin (its process uses well under a core).
     */
    static void unreadPipelinersBesideAPoliteClient(int port, int jsonClients, int jsonDepth, int pipelineClients,
                                                    int pipelineDepth) throws Exception {
        byte[] json = Bytes.latin1("GET /json/50 HTTP/1.1\r\nHost: t\r\n\r\n".repeat(jsonDepth));
        byte[] pipeline = Bytes.latin1("GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\n".repeat(pipelineDepth));
        int greedy = jsonClients + pipelineClients;
        List<SocketChannel> channels = new ArrayList<>();
        List<Thread> writers = new ArrayList<>();
        try {
            for (int i = 0; i < greedy; i++) {
                byte[] requests = i < jsonClients ? json : pipeline;
                SocketChannel channel = SocketChannel.open(new InetSocketAddress(Client.HOST, port));
                channels.add(channel);
                writers.add(Thread.ofVirtual().start(() -> {
                    try {
                        channel.write(java.nio.ByteBuffer.wrap(requests)); // blocks once the server stops reading
                    } catch (IOException ignored) {
                        // closed at the end of the test
                    }
                }));
            }
            Duration patience = Duration.ofSeconds(3); // the unfair loops took longer; a loaded CI machine needs room
            for (int i = 0; i < 20; i++) {
                String context = "request " + (i + 1) + " of a client asking GET / every 100 ms beside clients that "
                        + "pipeline and read nothing (" + jsonClients + " × " + jsonDepth + " GET /json/50, "
                        + pipelineClients + " × " + pipelineDepth + " GET /pipeline)";
                try (Client polite = Client.connect(port, patience)) {
                    polite.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
                    RawResponse response;
                    try {
                        response = polite.read();
                    } catch (AssertionError e) {
                        throw new AssertionError(context + ": " + e.getMessage(), e);
                    }
                    ok("Hello, World!").assertMatches(response, context);
                }
                Thread.sleep(100);
            }
            assertDoesNotSpin(Duration.ofSeconds(2), greedy + " clients that pipeline and read nothing, stalled");
        } finally {
            for (SocketChannel channel : channels) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                channel.close();
            }
            for (Thread writer : writers) {
                writer.join();
            }
        }
    }

    /**
     * Over {@code window}, after a settling second, this process (the server under test and the
     * suite, now idle) uses less than half a core: a loop that re-arms a receive that fails at once,
     * or retries work that cannot progress, uses a whole one.
     */
    private static void assertDoesNotSpin(Duration window, String while_) throws InterruptedException {
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Thread.sleep(1000);
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        Thread.sleep(window.toMillis());
        double share = (double) (os.getProcessCpuTime() - cpuBefore) / (System.nanoTime() - wallBefore);
        if (share > 0.5) {
            throw new AssertionError(while_ + ": the process used " + Math.round(share * 100)
                    + "% of a core over " + window.toMillis() + " ms with nothing to do: the server spins");
        }
    }

    /**
     * Rounds of {@code perRound} connections reset in the middle of a head, of an upload and of an
     * echo; after each round and a full collection, heap and direct (off-heap) memory are back near
     * where they were after the first round: nothing a reset connection held stays held.
     */
    static void memoryAfterResets(int port, int rounds, int perRound) throws Exception {
        long[] heap = new long[rounds];
        long[] direct = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < perRound; i++) {
                Client client = Client.connect(port);
                switch (i % 3) {
                    case 0 -> client.send("GET / HTTP/1.1\r\nHost: t\r\nX-Half: " + "h".repeat(i % 200));
                    case 1 -> client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n"
                            + "u".repeat(1000 + i % 5000));
                    default -> client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n"
                            + "e".repeat(1000 + i % 5000));
                }
                client.reset();
            }
            HostileTraffic.assertStillServes(port, "after round " + (round + 1) + " of " + perRound + " resets");
            Thread.sleep(200); // the server notices the last resets
            long[] used = memoryAfterFullCollection();
            heap[round] = used[0];
            direct[round] = used[1];
        }
        // the first round warms pools up to what such traffic needs; later rounds must not go beyond it
        long heapSlack = 8L << 20;
        long directSlack = 4L << 20;
        for (int round = 2; round < rounds; round++) {
            if (heap[round] > heap[1] + heapSlack || direct[round] > direct[1] + directSlack) {
                throw new AssertionError("memory grows with connections reset mid-request: after each round of "
                        + perRound + ", heap " + mib(heap) + " MiB, direct " + mib(direct) + " MiB");
            }
        }
    }

    private static long[] memoryAfterFullCollection() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct = pool.getMemoryUsed(); // FFM's native segments are counted here too
            }
        }
        return new long[] {memory.getHeapMemoryUsage().getUsed(), direct};
    }

    private static String mib(long[] bytes) {
        var out = new StringBuilder();
        for (long b : bytes) {
            out.append(out.isEmpty() ? "" : ", ").append(b >> 20);
        }
        return out.toString();
    }

    /**
     * Requests to every endpoint on one connection, then the same again once the clock has passed a
     * second: the second answers carry a Date no earlier than the second each request was sent in,
     * so a Date taken once per connection (or per anything but the clock) shows.
     */
    static void dateFollowsTheClock(int port) throws Exception {
        String[] requests = {
            "GET / HTTP/1.1\r\nHost: t\r\n\r\n",
            "GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\n",
            "GET /baseline11?a=1&b=2 HTTP/1.1\r\nHost: t\r\n\r\n",
            "POST /baseline11?a=1&b=2 HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\n3",
            "GET /json/3?m=2 HTTP/1.1\r\nHost: t\r\n\r\n",
            "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nup",
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi",
            "GET /nowhere HTTP/1.1\r\nHost: t\r\n\r\n",
        };
        try (Client client = Client.connect(port)) {
            for (int round = 0; round < 2; round++) {
                if (round == 1) {
                    Instant next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
                    Thread.sleep(Duration.between(Instant.now(), next).toMillis() + 1100);
                }
                for (String request : requests) {
                    Instant sentIn = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                    client.send(request);
                    RawResponse response = client.read();
                    String context = request.lines().findFirst().orElseThrow() + ", round " + (round + 1);
                    ResponseRules.assertWellFormed(response, context);
                    Instant date = IMF_FIXDATE.parse(response.header("Date"), Instant::from);
                    if (date.isBefore(sentIn)) {
                        throw new AssertionError(context + ": Date " + response.header("Date")
                                + " is older than the second the request was sent in ("
                                + IMF_FIXDATE.format(sentIn) + "): a stale Date");
                    }
                }
            }
        }
    }
}
