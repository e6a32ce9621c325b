package dev.httpcourse.bench.load.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Clients that misbehave beside the well-behaved load, as the hostile cases of the conformance suite
 * do one at a time, but for minutes: a fixed number of clients, each with one connection at a time,
 * each connection misbehaving in one {@link Kind} (a client takes the kinds in turn), and never more
 * than a fixed number of new connections a second in all. Loopback only. What they get back (mostly
 * 408 and 400) is expected, and counted here, apart from the load's errors.
 *
 * <p>Each client runs on a virtual thread over a non-blocking channel polled every few milliseconds,
 * so that no write to a server that has stopped reading can hang it, and {@link #stop()} ends every
 * connection at once with a reset.
 */
public final class HostileClients {
    /** How long a slow client waits for the server to end it: past the stages' 10 s header timeout. */
    static final long SLOW_CAP_NANOS = TimeUnit.SECONDS.toNanos(15);
    /** How long a client that sent garbage waits for the answer and the close. */
    static final long ANSWER_CAP_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** A write that makes no progress this long means the server stopped reading. */
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;
    private static final int POLL_MILLIS = 10;

    /** The ways a connection misbehaves; each says what a healthy server does with it. */
    public enum Kind {
        SLOWLORIS("slowloris", "a head that gains one header line a second and never ends; the header timeout ends it (408)"),
        CRLF_TRICKLE("bare CRLF trickle", "an empty line every half second, never a request line; a timeout ends it"),
        GARBAGE("garbage", "bytes that are no request (random, or a malformed line or framing): an error answer, then a close"),
        RESET_MID_HEAD("reset mid-head", "half a head, then a reset"),
        RESET_MID_UPLOAD("reset mid-upload", "POST /upload announcing 8 MiB, a reset after 256 KiB"),
        RESET_MID_ECHO("reset mid-echo", "POST /echo of 1 MB, none of the answer read, then a reset"),
        UNREAD_PIPELINE("unread pipeline", "GET /json/50 pipelined until the server stops reading (at most 256 KiB), "
                + "nothing read, a reset a second later");

        private final String label;
        private final String description;

        Kind(String label, String description) {
            this.label = label;
            this.description = description;
        }

        public String label() {
            return label;
        }

        public String description() {
            return description;
        }

        /** Whether a healthy server ends this connection itself (the others end with the client's reset). */
        public boolean serverEndsIt() {
            return this == SLOWLORIS || this == CRLF_TRICKLE || this == GARBAGE;
        }
    }

    /** How a connection ended. */
    enum Ending { CLOSED_BY_SERVER, RESET_BY_CLIENT, HELD_TO_CAP, CONNECT_FAILED, STOPPED }

    /**
     * One kind's connections: the status of each first answer, by count, and how they ended:
     * {@code stopped} counts those {@link #stop()} cut short, whatever their state then.
     */
    public record Count(Kind kind, long connections, Map<Integer, Long> answers, long closedByServer,
                        long resetByClient, long heldToCap, long connectFailed, long stopped) {
        public Count {
            answers = Map.copyOf(answers);
        }

        /** "408 ×120, 400 ×3", by status; "none" when nothing was answered. */
        public String answersText() {
            if (answers.isEmpty()) {
                return "none";
            }
            var parts = new ArrayList<String>();
            new TreeMap<>(answers).forEach((status, n) -> parts.add((status == 0 ? "not HTTP" : status) + " ×" + n));
            return String.join(", ", parts);
        }
    }

    /** What the clients saw, kept across their pauses (the soak stops them for every sample). */
    public static final class Tally {
        private final Map<Kind, LongAdder[]> endings = new EnumMap<>(Kind.class);
        private final Map<Kind, Map<Integer, LongAdder>> answers = new EnumMap<>(Kind.class);

        public Tally() {
            for (Kind k : Kind.values()) {
                var adders = new LongAdder[Ending.values().length];
                for (int i = 0; i < adders.length; i++) {
                    adders[i] = new LongAdder();
                }
                endings.put(k, adders);
                answers.put(k, new ConcurrentHashMap<>());
            }
        }

        void record(Kind kind, Ending ending, int status) {
            endings.get(kind)[ending.ordinal()].increment();
            if (status >= 0) {
                answers.get(kind).computeIfAbsent(status, s -> new LongAdder()).increment();
            }
        }

        public List<Count> counts() {
            var list = new ArrayList<Count>();
            for (Kind k : Kind.values()) {
                LongAdder[] e = endings.get(k);
                long closed = e[Ending.CLOSED_BY_SERVER.ordinal()].sum();
                long reset = e[Ending.RESET_BY_CLIENT.ordinal()].sum();
                long held = e[Ending.HELD_TO_CAP.ordinal()].sum();
                long failed = e[Ending.CONNECT_FAILED.ordinal()].sum();
                long stopped = e[Ending.STOPPED.ordinal()].sum();
                var byStatus = new TreeMap<Integer, Long>();
                answers.get(k).forEach((status, n) -> byStatus.put(status, n.sum()));
                list.add(new Count(k, closed + reset + held + failed + stopped, byStatus, closed, reset, held, failed,
                        stopped));
            }
            return list;
        }

        /** Connections counted so far, of every kind. */
        public long connections() {
            return counts().stream().mapToLong(Count::connections).sum();
        }
    }

    private final InetSocketAddress address;
    private final Tally tally;
    private final long spacingNanos;
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    private HostileClients(InetSocketAddress address, double perSecond, Tally tally) {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("hostile clients go to loopback only, not " + address);
        }
        if (perSecond <= 0) {
            throw new IllegalArgumentException("a rate must be positive: " + perSecond);
        }
        this.address = address;
        this.tally = tally;
        this.spacingNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    }

    /** Starts {@code clients} clients; client i begins with kind i mod 7, so all kinds run from the start. */
    public static HostileClients start(InetSocketAddress address, int clients, double perSecond, Tally tally) {
        var hostile = new HostileClients(address, perSecond, tally);
        for (int i = 0; i < clients; i++) {
            int index = i;
            hostile.threads.add(Thread.ofVirtual().name("hostile-" + i).start(() -> hostile.client(index)));
        }
        return hostile;
    }

    /** Ends every connection with a reset and waits for the clients to finish. */
    public void stop() throws InterruptedException {
        stopped = true;
        for (SocketChannel ch : open) {
            reset(ch);
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    private void client(int index) {
        Kind[] kinds = Kind.values();
        var random = new Random(index);
        for (int turn = index; !stopped; turn++) {
            try {
                pace();
            } catch (InterruptedException e) {
                return;
            }
            if (stopped) {
                return;
            }
            Kind kind = kinds[turn % kinds.length];
            var c = new Connection(random);
            Ending ending = c.run(kind);
            tally.record(kind, ending, c.status);
        }
    }

    /** Waits for this client's turn: connections start at most one per spacing, all clients together. */
    private void pace() throws InterruptedException {
        long now = System.nanoTime();
        long slot = Math.max(now, nextSlot.getAndAccumulate(now, (next, t) -> Math.max(next, t) + spacingNanos));
        long left;
        while (!stopped && (left = slot - System.nanoTime()) > 0) {
            Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
        }
    }

    private static void reset(SocketChannel ch) {
        try {
            ch.setOption(StandardSocketOptions.SO_LINGER, 0); // close sends RST
        } catch (IOException | RuntimeException ignored) {
            // not connected, or closed already
        }
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final byte[] SLOW_HEAD = ascii("GET / HTTP/1.1\r\nHost: localhost\r\n");
    private static final byte[] SLOW_LINE = ascii("X-Slow: x\r\n");
    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] CUT_HEAD = ascii("GET /baseline11?a=1&b=2 HTTP/1.1\r\nHost: localhost\r\nX-Cut: ");
    private static final byte[] UPLOAD_HEAD = ascii("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
            + 8 * 1024 * 1024 + "\r\n\r\n");
    private static final int UPLOAD_SENT = 256 * 1024;
    private static final int ECHO_BODY = 1_000_000;
    private static final byte[] ECHO_HEAD = ascii("POST /echo HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/octet-stream\r\nContent-Length: " + ECHO_BODY + "\r\n\r\n");
    private static final byte[] JSON_REQUEST = ascii("GET /json/50?m=1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
    private static final int PIPELINE_CAP = 256 * 1024;
    /** Garbage with a shape: each is an error a parser must answer, not random noise it skips. */
    private static final List<byte[]> MALFORMED = List.of(
            ascii("GET  / HTTP/1.1\r\nHost: localhost\r\n\r\n"),
            ascii("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
            ascii("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            ascii("GET / HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n"),
            ascii("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n"),
            ascii("GET /\u0001 HTTP/1.1\r\nHost: a\r\n\r\n"));

    /** One misbehaving connection; {@code status} is that of the first answer, -1 if none came. */
    private final class Connection {
        private final Random random;
        private final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private final byte[] statusLine = new byte[12];
        private int statusBytes;
        private SocketChannel channel;
        int status = -1;

        Connection(Random random) {
            this.random = random;
        }

        Ending run(Kind kind) {
            try {
                channel = SocketChannel.open();
                open.add(channel);
                if (stopped) {
                    return Ending.STOPPED;
                }
                channel.socket().connect(address, CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                close();
                return stopped ? Ending.STOPPED : Ending.CONNECT_FAILED;
            }
            try {
                channel.configureBlocking(false);
                Ending ending = switch (kind) {
                    case SLOWLORIS -> trickle(SLOW_HEAD, SLOW_LINE, 1000);
                    case CRLF_TRICKLE -> trickle(new byte[0], CRLF, 500);
                    case GARBAGE -> {
                        write(garbage());
                        yield awaitClose(ANSWER_CAP_NANOS);
                    }
                    case RESET_MID_HEAD -> {
                        write(CUT_HEAD);
                        yield pauseThenReset(20);
                    }
                    case RESET_MID_UPLOAD -> {
                        write(UPLOAD_HEAD);
                        write(new byte[UPLOAD_SENT]);
                        yield pauseThenReset(20);
                    }
                    case RESET_MID_ECHO -> {
                        write(ECHO_HEAD);
                        write(new byte[ECHO_BODY]);
                        yield pauseThenReset(50);
                    }
                    case UNREAD_PIPELINE -> {
                        byte[] many = new byte[PIPELINE_CAP / JSON_REQUEST.length * JSON_REQUEST.length];
                        for (int i = 0; i < many.length; i += JSON_REQUEST.length) {
                            System.arraycopy(JSON_REQUEST, 0, many, i, JSON_REQUEST.length);
                        }
                        write(many);
                        yield pauseThenReset(1000);
                    }
                };
                return stopped ? Ending.STOPPED : ending;
            } catch (IOException e) {
                // The server reset the connection, or stop() closed it.
                return stopped ? Ending.STOPPED : Ending.CLOSED_BY_SERVER;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Ending.STOPPED;
            } finally {
                close();
            }
        }

        /** Sends {@code first}, then {@code tick} every {@code everyMillis} until the server answers or closes. */
        private Ending trickle(byte[] first, byte[] tick, long everyMillis) throws IOException, InterruptedException {
            write(first);
            long deadline = System.nanoTime() + SLOW_CAP_NANOS;
            long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(everyMillis);
            while (!stopped) {
                if (!poll()) {
                    return Ending.CLOSED_BY_SERVER;
                }
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    return Ending.HELD_TO_CAP;
                }
                // once answered, it only waits for the close
                if (status < 0 && now - next >= 0) {
                    write(tick);
                    next += TimeUnit.MILLISECONDS.toNanos(everyMillis);
                }
                Thread.sleep(POLL_MILLIS);
            }
            return Ending.STOPPED;
        }

        private Ending awaitClose(long capNanos) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + capNanos;
            while (!stopped) {
                if (!poll()) {
                    return Ending.CLOSED_BY_SERVER;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return Ending.HELD_TO_CAP;
                }
                Thread.sleep(POLL_MILLIS);
            }
            return Ending.STOPPED;
        }

        /** Waits, then ends the connection with a reset, unless the server has closed it meanwhile. */
        private Ending pauseThenReset(long millis) throws IOException, InterruptedException {
            Thread.sleep(millis);
            return poll() ? Ending.RESET_BY_CLIENT : Ending.CLOSED_BY_SERVER;
        }

        /** Reads what has arrived, noting the first answer's status; false once the server has closed. */
        private boolean poll() throws IOException {
            while (true) {
                in.clear();
                int n = channel.read(in);
                if (n < 0) {
                    return false;
                }
                if (n == 0) {
                    return true;
                }
                noteStatus(n);
            }
        }

        private void noteStatus(int n) {
            for (int i = 0; i < n && statusBytes < statusLine.length; i++) {
                statusLine[statusBytes++] = in.get(i);
            }
            if (status < 0 && statusBytes == statusLine.length) {
                String line = new String(statusLine, StandardCharsets.ISO_8859_1);
                status = line.startsWith("HTTP/1.") && line.charAt(8) == ' ' ? parseStatus(line.substring(9, 12)) : 0;
            }
        }

        /**
         * Writes all of {@code bytes} unless the server stops reading them ({@link #STALL_NANOS} without
         * progress) or the clients are stopped; reads nothing meanwhile.
         */
        private void write(byte[] bytes) throws IOException, InterruptedException {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long lastProgress = System.nanoTime();
            while (b.hasRemaining() && !stopped) {
                if (channel.write(b) > 0) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                    return;
                } else {
                    Thread.sleep(POLL_MILLIS);
                }
            }
        }

        private byte[] garbage() {
            int pick = random.nextInt(MALFORMED.size() + 2);
            if (pick < MALFORMED.size()) {
                return MALFORMED.get(pick);
            }
            // noise: any byte but CR and LF, then the end of a head
            byte[] noise = new byte[32 + random.nextInt(224) + 4];
            for (int i = 0; i < noise.length - 4; i++) {
                int b;
                do {
                    b = 1 + random.nextInt(255);
                } while (b == '\r' || b == '\n');
                noise[i] = (byte) b;
            }
            System.arraycopy(ascii("\r\n\r\n"), 0, noise, noise.length - 4, 4);
            return noise;
        }

        private void close() {
            if (channel != null) {
                reset(channel);
                open.remove(channel);
            }
        }
    }

    private static int parseStatus(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
