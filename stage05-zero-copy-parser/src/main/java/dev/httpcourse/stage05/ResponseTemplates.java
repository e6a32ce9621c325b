package dev.httpcourse.stage05;

import dev.httpcourse.common.app.Resource;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import java.lang.foreign.Arena;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every response a stage 05 worker sends, as templates in its own off-heap memory, built once when
 * the worker starts: hello, {@code ok}, the OPTIONS and 405 answers of every resource (fixed
 * bodies); plain-text sums, JSON and errors (variable bodies). Each comes in the three
 * {@code Connection} variants, picked by {@link #variant}.
 */
public final class ResponseTemplates {
    private static final int VARIANTS = 3;

    private final ResponseTemplate[] hello = new ResponseTemplate[VARIANTS];
    private final ResponseTemplate[] pipelineOk = new ResponseTemplate[VARIANTS];
    private final ResponseTemplate[] text = new ResponseTemplate[VARIANTS];
    private final ResponseTemplate[] json = new ResponseTemplate[VARIANTS];
    private final Map<Resource, ResponseTemplate[]> options = new EnumMap<>(Resource.class);
    private final Map<Resource, ResponseTemplate[]> notAllowed = new EnumMap<>(Resource.class);
    private final Map<Status, ResponseTemplate[]> errors = new EnumMap<>(Status.class);

    public ResponseTemplates(Arena arena) {
        for (int v = 0; v < VARIANTS; v++) {
            Version version = versionOf(v);
            boolean keepAlive = keepAliveOf(v);
            hello[v] = ResponseTemplate.fixed(arena, Response.text("Hello, World!"), version, keepAlive);
            pipelineOk[v] = ResponseTemplate.fixed(arena, Response.text("ok"), version, keepAlive);
            text[v] = ResponseTemplate.variable(arena, Response.text(""), version, keepAlive);
            json[v] = ResponseTemplate.variable(arena, Response.of(Status.OK, Response.APPLICATION_JSON, new byte[0]),
                    version, keepAlive);
            for (Resource r : Resource.values()) {
                options.computeIfAbsent(r, k -> new ResponseTemplate[VARIANTS])[v] =
                        ResponseTemplate.fixed(arena, r.optionsResponse(), version, keepAlive);
                notAllowed.computeIfAbsent(r, k -> new ResponseTemplate[VARIANTS])[v] =
                        ResponseTemplate.fixed(arena, r.notAllowedResponse(), version, keepAlive);
            }
            for (Status s : Status.values()) {
                if (s.isError()) {
                    errors.computeIfAbsent(s, k -> new ResponseTemplate[VARIANTS])[v] =
                            ResponseTemplate.variable(arena, Response.error(s, ""), version, keepAlive);
                }
            }
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

    public ResponseTemplate options(Resource resource, int variant) {
        return options.get(resource)[variant];
    }

    public ResponseTemplate notAllowed(Resource resource, int variant) {
        return notAllowed.get(resource)[variant];
    }

    /** {@code text/plain} with this error status, for a one-line reason written per request. */
    public ResponseTemplate error(Status status, int variant) {
        return errors.get(status)[variant];
    }
}
