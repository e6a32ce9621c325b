package dev.httpcourse.stage05;

import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import java.lang.foreign.Arena;

/**
 * The responses stage 05 answers in place, as templates in a worker's own off-heap memory, built
 * once when the worker starts: hello and {@code ok} (fixed bodies), plain-text numbers and JSON
 * (bodies written per request). Each comes in the three {@code Connection} variants, picked by
 * {@link #variant}. Every other answer (OPTIONS, 405, the errors) is rare, and made by
 * {@code common}'s encoder as in stages 01 to 04.
 */
public final class ResponseTemplates {
    private static final int VARIANTS = 3;

    private final ResponseTemplate[] hello = new ResponseTemplate[VARIANTS];
    private final ResponseTemplate[] pipelineOk = new ResponseTemplate[VARIANTS];
    private final ResponseTemplate[] text = new ResponseTemplate[VARIANTS];
    private final ResponseTemplate[] json = new ResponseTemplate[VARIANTS];

    public ResponseTemplates(Arena arena) {
        for (int v = 0; v < VARIANTS; v++) {
            Version version = versionOf(v);
            boolean keepAlive = keepAliveOf(v);
            hello[v] = ResponseTemplate.fixed(arena, Response.text("Hello, World!"), version, keepAlive);
            pipelineOk[v] = ResponseTemplate.fixed(arena, Response.text("ok"), version, keepAlive);
            text[v] = ResponseTemplate.variable(arena, Response.text(""), version, keepAlive);
            json[v] = ResponseTemplate.variable(arena, Response.of(Status.OK, Response.APPLICATION_JSON, new byte[0]),
                    version, keepAlive);
        }
    }

    /** Which {@code Connection} field the response needs, as {@code ResponseEncoder} decides it (RFC 9112 section 9.3). */
    public static int variant(Version version, boolean keepAlive) {
        return !keepAlive ? 1 : version == Version.HTTP_1_0 ? 2 : 0;
    }

    private static Version versionOf(int variant) {
        return variant == 2 ? Version.HTTP_1_0 : Version.HTTP_1_1;
    }

    private static boolean keepAliveOf(int variant) {
        return variant != 1;
    }

    public ResponseTemplate hello(int variant) {
        return hello[variant];
    }

    public ResponseTemplate pipelineOk(int variant) {
        return pipelineOk[variant];
    }

    /** 200 {@code text/plain} with a body written per request (the baseline sums, upload counts). */
    public ResponseTemplate text(int variant) {
        return text[variant];
    }

    public ResponseTemplate json(int variant) {
        return json[variant];
    }
}
