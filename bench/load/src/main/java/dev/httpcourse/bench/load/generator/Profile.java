package dev.httpcourse.bench.load.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * HttpArena's HTTP/1.1 profiles, scaled to a small machine. Each says what the connections send
 * (templates; connection i keeps template i mod n), how many requests each keeps in flight, and
 * after how many responses it closes with a reset and reconnects (0: never).
 *
 * <pre>
 * profile       templates                         pipeline  reconnect  stresses
 * baseline      GET, POST Content-Length, chunked      1        -      parsing, keep-alive
 * pipelined     GET /pipeline                         16        -      batching reads and writes
 * limited-conn  as baseline                            1       10      accept, connection set-up
 * json          seven /json/{count}?m=M                1       25      serialising per request
 * upload        0.5, 2 and 10 MiB bodies               1        5      streaming request bodies
 * </pre>
 */
public enum Profile {
    BASELINE("baseline", 1, 0),
    PIPELINED("pipelined", 16, 0),
    LIMITED_CONN("limited-conn", 1, 10),
    JSON("json", 1, 25),
    UPLOAD("upload", 1, 5);

    /** Each upload body is large, so far fewer connections than elsewhere (HttpArena uses 32). */
    public static final int UPLOAD_CONNECTIONS = 32;
    static final int[][] JSON_COUNT_AND_M = {{1, 3}, {5, 7}, {10, 2}, {15, 5}, {25, 4}, {40, 8}, {50, 6}};
    static final long[] UPLOAD_BYTES = {512 * 1024, 2 * 1024 * 1024, 10 * 1024 * 1024};

    private final String id;
    private final int pipeline;
    private final int reconnectEvery;

    Profile(String id, int pipeline, int reconnectEvery) {
        this.id = id;
        this.pipeline = pipeline;
        this.reconnectEvery = reconnectEvery;
    }

    /** The name on the command line and in the report. */
    public String id() {
        return id;
    }

    public int pipeline() {
        return pipeline;
    }

    public int reconnectEvery() {
        return reconnectEvery;
    }

    /** Connections this profile opens when {@code requested} are asked for. */
    public int connections(int requested) {
        return this == UPLOAD ? Math.min(requested, UPLOAD_CONNECTIONS) : requested;
    }

    /** A path that answers 200 on a server that serves this profile (used to probe readiness). */
    public String probePath() {
        return this == PIPELINED ? "/pipeline" : "/baseline11?a=1&b=1";
    }

    public static Profile byId(String id) {
        for (Profile p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + id + "'; known: " + ids());
    }

    public static String ids() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Profile::id).toList());
    }

    /** The request templates, with {@code host} in their Host header. */
    public List<RequestTemplate> templates(String host) {
        String baseline = "/baseline11?a=13&b=42";
        return switch (this) {
            case BASELINE, LIMITED_CONN -> List.of(
                    RequestTemplate.get("get", host, baseline, BodyCheck.Exact.of("55")),
                    new RequestTemplate("post-cl", "POST " + baseline + " HTTP/1.1\r\nHost: " + host
                            + "\r\nContent-Length: 2\r\n\r\n20", 0, BodyCheck.Exact.of("75")),
                    new RequestTemplate("post-chunked", "POST " + baseline + " HTTP/1.1\r\nHost: " + host
                            + "\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n20\r\n0\r\n\r\n", 0, BodyCheck.Exact.of("75")));
            case PIPELINED -> List.of(RequestTemplate.get("pipeline", host, "/pipeline", BodyCheck.Exact.of("ok")));
            case JSON -> {
                var list = new ArrayList<RequestTemplate>();
                for (int[] cm : JSON_COUNT_AND_M) {
                    list.add(RequestTemplate.get("json-" + cm[0], host, "/json/" + cm[0] + "?m=" + cm[1],
                            new BodyCheck.JsonItems(cm[0], cm[1])));
                }
                yield List.copyOf(list);
            }
            case UPLOAD -> {
                var list = new ArrayList<RequestTemplate>();
                for (long bytes : UPLOAD_BYTES) {
                    list.add(new RequestTemplate("upload-" + bytes, "POST /upload HTTP/1.1\r\nHost: " + host
                            + "\r\nContent-Length: " + bytes + "\r\n\r\n", bytes, BodyCheck.Exact.of(Long.toString(bytes))));
                }
                yield List.copyOf(list);
            }
        };
    }
}
