package dev.httpcourse.conformance;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Runs a {@link RequestCase} the three ways every case runs, each on fresh connections, and checks
 * what comes back: the responses in order (status, listed fields, body, the fields every response
 * carries), then whether the connection closes or still answers.
 */
final class CaseRunner {
    static final byte[] PIPELINE_REQUEST = Bytes.latin1("GET /pipeline HTTP/1.1\r\nHost: t\r\n\r\n");
    private static final ExpectedResponse PIPELINE_OK = ExpectedResponse.ok("ok");
    /**
     * Split connections in flight at once: enough to be quick, few enough that the server's threads get
     * a core within the pause, so that it reads the first part before the second arrives.
     */
    private static final int SPLIT_CONCURRENCY = 8;
    private static final long SPLIT_PAUSE_MILLIS = 1;

    private CaseRunner() {
    }

    // tag::conformance-run-modes[]
    /** The whole case in one write. */
    static void whole(int port, RequestCase c) throws IOException {
        try (Client client = Client.connect(port)) {
            IOException sendFailure = client.sendQuietly(c.request(), 0, c.request().length);
            verify(client, c, "whole", sendFailure);
        }
    }

    /**
     * The case in two writes, split after byte k, for every k, each on its own connection: the first
     * part leaves as its own segment (TCP_NODELAY), and the second after a pause, so the server's
     * parser must stop and resume at every point of the request. Each connection first has one
     * request answered, so that the server is already waiting in a read when the first part comes:
     * on a fresh connection a thread or a selector registration still starting would often find
     * both parts there at once, and the split would test nothing.
     */
    static void splitAtEveryByte(int port, RequestCase c) throws InterruptedException {
        Queue<AssertionError> failures = new ConcurrentLinkedQueue<>();
        var permits = new Semaphore(SPLIT_CONCURRENCY);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int k = 1; k < c.request().length && failures.isEmpty(); k++) {
                permits.acquire();
                int splitAt = k;
                threads.execute(() -> {
                    try {
                        splitAt(port, c, splitAt);
                    } catch (AssertionError e) {
                        failures.add(e);
                    } catch (IOException | InterruptedException e) {
                        failures.add(new AssertionError(c.name() + " [split after byte " + splitAt + "]: " + e, e));
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        if (!failures.isEmpty()) {
            AssertionError first = failures.remove();
            failures.forEach(first::addSuppressed);
            throw first;
        }
    }

    /** The case right behind {@code GET /pipeline}, both in one write: the server must parse past a request. */
    static void pipelined(int port, RequestCase c) throws IOException {
        try (Client client = Client.connect(port)) {
            byte[] both = new byte[PIPELINE_REQUEST.length + c.request().length];
            System.arraycopy(PIPELINE_REQUEST, 0, both, 0, PIPELINE_REQUEST.length);
            System.arraycopy(c.request(), 0, both, PIPELINE_REQUEST.length, c.request().length);
            IOException sendFailure = client.sendQuietly(both, 0, both.length);
            String context = c.name() + " [pipelined behind GET /pipeline]";
            try {
                PIPELINE_OK.assertMatches(client.read(), context);
            } catch (AssertionError e) {
                throw failure(client, c, context + ", the response to GET /pipeline: " + e.getMessage(), e);
            }
            verify(client, c, "pipelined behind GET /pipeline", sendFailure);
        }
    }
    // end::conformance-run-modes[]

    private static void splitAt(int port, RequestCase c, int at) throws IOException, InterruptedException {
        byte[] request = c.request();
        try (Client client = Client.connect(port)) {
            String before = c.name() + " [split after byte " + at + "], GET /pipeline before the case";
            try {
                assertAnswers(client, before);
            } catch (AssertionError e) {
                throw failure(client, c, e.getMessage().startsWith(before) ? e.getMessage() : before + ": "
                        + e.getMessage(), e);
            }
            IOException sendFailure = client.sendQuietly(request, 0, at);
            Thread.sleep(SPLIT_PAUSE_MILLIS);
            if (sendFailure == null) {
                sendFailure = client.sendQuietly(request, at, request.length - at);
            }
            verify(client, c, "split after byte " + at + ", \"" + Bytes.printable(request, Math.max(0, at - 12), at)
                    + "\" | \"" + Bytes.printable(request, at, Math.min(request.length, at + 12)) + "\"", sendFailure);
        }
    }

    /**
     * Reads the case's responses and checks how the connection ends.
     *
     * @param sendFailure why a write failed, if one did: a server may answer and close before a request
     *                    is all sent, and the response matters more than the write
     */
    static void verify(Client client, RequestCase c, String mode, IOException sendFailure) throws IOException {
        String context = c.name() + " [" + mode + "]";
        try {
            RawResponse last = null;
            for (ExpectedResponse expected : c.responses()) {
                RawResponse response = client.read(expected.headRequest());
                if (response.status() == 100) {
                    if (!c.continueAllowed()) {
                        throw new AssertionError(context + ": unexpected 100 Continue (expected " + expected + ")");
                    }
                    ResponseRules.assertContinue(response, context);
                    response = client.read(expected.headRequest());
                }
                ResponseRules.assertWellFormed(response, context);
                expected.assertMatches(response, context);
                last = response;
            }
            if (last == null) {
                throw new IllegalStateException(c.name() + " lists no response");
            }
            boolean closes = switch (c.ending()) {
                case CLOSES -> true;
                case KEEPS_OPEN -> false;
                case CLOSES_IF_IT_SAYS_SO -> last.saysClose();
            };
            if (closes) {
                assertCloses(client, last, context);
            } else {
                assertStaysOpen(client, last, context);
            }
        } catch (AssertionError e) {
            String headline = e.getMessage() != null && e.getMessage().startsWith(c.name()) ? e.getMessage()
                    : context + ": " + e.getMessage();
            AssertionError failure = failure(client, c, headline, e);
            if (sendFailure != null) {
                failure.addSuppressed(sendFailure);
            }
            throw failure;
        }
    }

    /** The failure of case {@code c} on this connection, with the bytes that went over it. */
    private static CaseFailure failure(Client client, RequestCase c, String headline, AssertionError cause) {
        if (cause instanceof CaseFailure already) {
            return already;
        }
        client.settle();
        return CaseFailure.onConnection(c, headline, client.transcript(), cause);
    }

    static void assertCloses(Client client, RawResponse last, String context) throws IOException {
        if (!last.saysClose()) {
            throw new AssertionError(context + ": the response before a close must say Connection: close: " + last);
        }
        client.assertServerCloses();
    }

    /** The connection is open and in step: the next request on it is answered. */
    static void assertStaysOpen(Client client, RawResponse last, String context) throws IOException {
        if (last.saysClose()) {
            throw new AssertionError(context + ": expected the connection to stay open, but: " + last);
        }
        assertAnswers(client, context + ", then GET /pipeline on the same connection");
    }

    /** {@code GET /pipeline} on this connection is answered. */
    static void assertAnswers(Client client, String context) throws IOException {
        client.send(PIPELINE_REQUEST);
        RawResponse response = client.read();
        ResponseRules.assertWellFormed(response, context);
        PIPELINE_OK.assertMatches(response, context);
    }
}
