package dev.httpcourse.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

// tag::idle-doc[]
/**
 * Holds N idle keep-alive connections to a server on this machine, for the exercises that ask what
 * a connection costs (threads, heap, resident set at 4,096 connections) or what idle connections
 * cost the busy ones beside a load. Each connection sends one request and reads its answer's head,
 * so the server has seen it through one exchange and now keeps it waiting; then all of them sit
 * still until Ctrl-C or the end of {@code --duration}. Connections the server closes meanwhile (its
 * idle timeout, say) are counted and reported.
 *
 * <pre>
 *   bench/idle.sh --connections 4096 --port 8080                  # until Ctrl-C
 *   bench/idle.sh --connections 4096 --port 8080 --duration 60s
 * </pre>
 */
@Command(name = "idle", sortOptions = false, usageHelpWidth = 100,
        description = {"Opens N keep-alive connections to a server on 127.0.0.1, sends one request on each, "
                + "and holds them idle until Ctrl-C or the end of --duration, reporting how many are open.", ""},
        footer = {"", "The stages close a connection idle for --idle-timeout (30 s by default) and one that sends "
                + "nothing for --header-timeout (10 s): start the server with, say, --idle-timeout 3600 to hold "
                + "connections longer. Exit code 0 when every connection opened and stayed open.", ""})
public final class IdleConnections implements Callable<Integer> {
    // end::idle-doc[]
    static final int MAX_CONNECTIONS = 65_536;
    /**
     * Connects in flight at once. All 4,096 at once would be a burst of SYNs past a listen backlog
     * (net.core.somaxconn), and the ones dropped would wait a second for their retry.
     */
    static final int MAX_PENDING = 128;
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /** An answer's head larger than this is not what the stages send; it is counted as a failure. */
    static final int MAX_HEAD = 16 * 1024;
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Option(names = "--connections", defaultValue = "4096", paramLabel = "N",
            description = "Connections to open and hold, 1 to " + MAX_CONNECTIONS + " (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "The server's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Hold them this long, then close them and exit (default: until Ctrl-C).")
    Duration duration;

    @Option(names = "--path", defaultValue = "/", paramLabel = "PATH",
            description = "The request each connection sends first: GET PATH (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--no-request",
            description = "Send nothing: connections accepted but never used (the stages close them after "
                    + "--header-timeout).")
    boolean noRequest;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    private final PrintStream log;
    private volatile boolean stopping;
    private final CountDownLatch closed = new CountDownLatch(1);

    IdleConnections(PrintStream log) {
        this.log = log;
    }

    public static void main(String[] args) {
        SideTool.main("idle", new IdleConnections(System.out), args);
    }

    /** One connection: its channel, where it is, and the answer's head so far. */
    private static final class Held {
        final SocketChannel channel;
        final long startedNanos;
        byte[] head = new byte[0];
        boolean open;

        Held(SocketChannel channel, long startedNanos) {
            this.channel = channel;
            this.startedNanos = startedNanos;
        }
    }

    /** What became of the connections: open ones by their answer, the others by why they ended. */
    static final class Tally {
        int open;
        final Map<String, Integer> answers = new TreeMap<>();
        final Map<String, Integer> failures = new LinkedHashMap<>();
        int closedByServer;

        void failed(String reason) {
            failures.merge(reason, 1, Integer::sum);
        }

        int failedCount() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Override
    public Integer call() throws Exception {
        validate();
        var address = new InetSocketAddress("127.0.0.1", port);
        byte[] request = noRequest ? null : ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        var tally = new Tally();
        try (Selector selector = Selector.open()) {
            // Ctrl-C: the hook asks the loop to stop and waits until it has closed every connection
            Thread hook = Thread.ofPlatform().unstarted(() -> {
                stopping = true;
                selector.wakeup();
                try {
                    closed.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                log.println("idle: opening " + count(connections) + " connections to " + address.getHostString() + ":"
                        + port + (noRequest ? ", sending nothing" : ", each sending GET " + path + " first"));
                open(selector, address, request, tally);
                if (tally.open == 0) {
                    String why = tally.failures.keySet().stream().findFirst().orElse("interrupted");
                    log.println("idle: no connection to " + address.getHostString() + ":" + port + ": " + why
                            + (why.equals("connection refused") ? " (is a server listening on that port?)" : ""));
                    return 1;
                }
                log.println("idle: " + summary(tally, connections) + "; holding them "
                        + (duration == null ? "until Ctrl-C" : "for " + seconds(duration)));
                hold(selector, tally);
                return tally.open == connections && !stopping ? 0 : 1;
            } finally {
                int held = closeAll(selector);
                if (held > 0) {
                    log.println("idle: closed " + count(held) + " connection" + (held == 1 ? "" : "s"));
                }
                closed.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down (Ctrl-C): the hook is what waits for us
                }
            }
        }
    }

    private void validate() {
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw usage("--connections must be between 1 and " + MAX_CONNECTIONS + ", not " + connections);
        }
        if (port < 1 || port > 65_535) {
            throw usage("--port must be between 1 and 65535, not " + port);
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw usage("--duration must be positive");
        }
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw usage("--path must start with / and hold no spaces or control characters, not '"
                    + path + "'");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Opens the connections, at most {@link #MAX_PENDING} in flight (the very first alone, so that
     * a port where nothing listens costs one refusal, not thousands), until each is open (answered,
     * or connected when it sends nothing) or has failed.
     */
    private void open(Selector selector, InetSocketAddress address, byte[] request, Tally tally) throws IOException {
        var pending = new ArrayDeque<Held>();
        var buffer = ByteBuffer.allocate(MAX_HEAD);
        int started = 0;
        long reported = System.nanoTime();
        while ((started < connections || !pending.isEmpty()) && !stopping) {
            int resolved = tally.open + tally.failedCount();
            int limit = resolved == 0 ? 1 : MAX_PENDING;
            while (started < connections && pending.size() < limit) {
                started++;
                Held h = connect(selector, address, request, tally);
                if (h != null) {
                    pending.add(h);
                }
            }
            if (resolved == 0 && tally.failedCount() > 0) {
                return; // the first one failed before it was even pending
            }
            selector.select(100);
            for (SelectionKey key : selector.selectedKeys()) {
                Held h = (Held) key.attachment();
                if (key.isValid() && key.isConnectable()) {
                    connected(key, h, request, tally);
                } else if (key.isValid() && key.isReadable()) {
                    answered(key, h, buffer, tally);
                }
            }
            selector.selectedKeys().clear();
            long now = System.nanoTime();
            pending.removeIf(h -> h.open || !h.channel.isOpen());
            while (!pending.isEmpty() && now - pending.peek().startedNanos > ANSWER_TIMEOUT.toNanos()) {
                Held late = pending.poll();
                if (late.channel.isConnected()) {
                    // connected, but no answer: the server holds it all the same, so it is kept
                    late.open = true;
                    tally.open++;
                    tally.answers.merge("no answer in " + seconds(ANSWER_TIMEOUT), 1, Integer::sum);
                } else {
                    tally.failed("not connected in " + seconds(ANSWER_TIMEOUT));
                    late.channel.keyFor(selector).cancel();
                    closeQuietly(late.channel);
                }
            }
            if (tally.open == 0 && tally.failedCount() > 0) {
                return; // the first connection failed: nothing listens, or nothing can connect
            }
            if (now - reported > REPORT_EVERY_NANOS) {
                reported = now;
                log.println("idle: " + count(tally.open) + " of " + count(connections) + " open"
                        + (tally.failedCount() == 0 ? "" : ", " + count(tally.failedCount()) + " failed") + "...");
            }
        }
    }

    private Held connect(Selector selector, InetSocketAddress address, byte[] request, Tally tally) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            var h = new Held(channel, System.nanoTime());
            SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT, h);
            if (channel.connect(address)) { // connected at once: no OP_CONNECT will come
                connected(key, h, request, tally);
            }
            return h;
        } catch (IOException e) {
            tally.failed(reason(e));
            closeQuietly(channel);
            return null;
        }
    }

    private void connected(SelectionKey key, Held h, byte[] request, Tally tally) {
        try {
            h.channel.finishConnect();
            if (request != null) {
                ByteBuffer out = ByteBuffer.wrap(request);
                h.channel.write(out);
                if (out.hasRemaining()) { // a request of a few dozen bytes into an empty socket buffer
                    throw new IOException("the request did not fit the socket's buffer");
                }
                key.interestOps(SelectionKey.OP_READ);
            } else {
                key.interestOps(SelectionKey.OP_READ);
                h.open = true;
                tally.open++;
                tally.answers.merge("connected", 1, Integer::sum);
            }
        } catch (IOException e) {
            tally.failed(reason(e));
            key.cancel();
            closeQuietly(h.channel);
        }
    }

    /** Reads the answer's head and records its status; the body, if any, is read and dropped while idle. */
    private void answered(SelectionKey key, Held h, ByteBuffer buffer, Tally tally) {
        if (h.open) {
            drain(key, h, buffer, tally);
            return;
        }
        try {
            buffer.clear();
            int n = h.channel.read(buffer);
            if (n < 0) {
                throw new IOException("closed by the server before answering");
            }
            int old = h.head.length;
            h.head = Arrays.copyOf(h.head, Math.min(MAX_HEAD, old + n));
            System.arraycopy(buffer.array(), 0, h.head, old, h.head.length - old);
            String status = status(h.head);
            if (status != null) {
                h.open = true;
                h.head = null;
                tally.open++;
                tally.answers.merge(status, 1, Integer::sum);
            } else if (h.head.length == MAX_HEAD) {
                throw new IOException("an answer's head over " + MAX_HEAD + " bytes");
            }
        } catch (IOException e) {
            tally.failed(reason(e));
            key.cancel();
            closeQuietly(h.channel);
        }
    }

    /** The status code of a complete head ({@code HTTP/1.1 200 OK\r\n...\r\n\r\n}), or null while incomplete. */
    static String status(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return null;
        }
        String[] statusLine = text.substring(0, text.indexOf("\r\n")).split(" ", 3);
        return statusLine.length >= 2 && statusLine[0].startsWith("HTTP/") ? statusLine[1] : "a malformed answer";
    }

    /**
     * Waits with the connections open, reading only to see which ones the server closes; a change
     * is reported once it has had a second to settle, so that an idle timeout that closes them all
     * within a few milliseconds is one line, not one per connection.
     */
    private void hold(Selector selector, Tally tally) throws IOException {
        long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        var buffer = ByteBuffer.allocate(MAX_HEAD);
        int reportedOpen = tally.open;
        long changedAt = 0;
        while (!stopping && tally.open > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            selector.select(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 250)));
            for (SelectionKey key : selector.selectedKeys()) {
                if (key.isValid() && key.isReadable()) {
                    drain(key, (Held) key.attachment(), buffer, tally);
                }
            }
            selector.selectedKeys().clear();
            long now = System.nanoTime();
            if (tally.open != reportedOpen && changedAt == 0) {
                changedAt = now;
            }
            if (changedAt != 0 && now - changedAt >= REPORT_EVERY_NANOS && tally.open > 0) {
                reportedOpen = tally.open;
                changedAt = 0;
                log.println("idle: " + count(tally.open) + " open; " + count(tally.closedByServer)
                        + " closed by the server (an idle timeout?)");
            }
        }
        if (tally.open == 0 && !stopping) {
            log.println("idle: the server closed every connection (the stages close idle ones after "
                    + "--idle-timeout, 30 s by default)");
        }
    }

    private void drain(SelectionKey key, Held h, ByteBuffer buffer, Tally tally) {
        try {
            buffer.clear();
            if (h.channel.read(buffer) >= 0) {
                return; // the rest of a body, or an answer the server sent before closing
            }
        } catch (IOException e) {
            // a reset: closed by the server all the same
        }
        key.cancel();
        closeQuietly(h.channel);
        tally.open--;
        tally.closedByServer++;
    }

    private static int closeAll(Selector selector) {
        int n = 0;
        try {
            for (SelectionKey key : selector.keys()) {
                if (key.channel().isOpen()) {
                    n += key.isValid() && ((Held) key.attachment()).open ? 1 : 0;
                    closeQuietly((SocketChannel) key.channel());
                }
            }
        } catch (ClosedSelectorException e) {
            // nothing left to close
        }
        return n;
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
        }
    }

    /** Why a connection failed, in the words a user can act on. */
    static String reason(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof ConnectException && message.contains("refused")) {
            return "connection refused";
        }
        if (message.contains("Too many open files")) {
            return "too many open files (raise ulimit -n; bin/doctor says how)";
        }
        if (e instanceof BindException || message.contains("Cannot assign requested address")) {
            return "no ephemeral port left (net.ipv4.ip_local_port_range)";
        }
        if (message.contains("reset")) {
            return "reset by the server before answering";
        }
        return message;
    }

    /** {@code 4,096 open: 4,096 answered 200}, and the failures by reason. */
    static String summary(Tally tally, int asked) {
        var s = new StringBuilder(count(tally.open)).append(" of ").append(count(asked)).append(" open");
        if (!tally.answers.isEmpty()) {
            s.append(" (").append(tally.answers.entrySet().stream()
                    .map(e -> count(e.getValue()) + " " + (e.getKey().matches("\\d{3}") ? "answered " + e.getKey()
                            : e.getKey()))
                    .collect(Collectors.joining(", "))).append(')');
        }
        if (!tally.failures.isEmpty()) {
            s.append("; failed: ").append(tally.failures.entrySet().stream()
                    .map(e -> count(e.getValue()) + " " + e.getKey()).collect(Collectors.joining(", ")));
        }
        return s.toString();
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }
}
