package dev.httpcourse.conformance;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one response must be: its status, the fields listed, its body. Anything not listed (a
 * reason phrase, an error message, the Date) is free, except the fields every response must carry,
 * which {@link ResponseRules} checks.
 *
 * @param status    the status code
 * @param mediaType the Content-Type without parameters, or null for any
 * @param fields    fields that must be present with exactly these values
 * @param body      what the body must be
 * @param headRequest the request is HEAD: no body, and a Content-Length as if there were one
 */
record ExpectedResponse(int status, String mediaType, Map<String, String> fields, Body body,
                        boolean headRequest) {

    /** How a body is checked. */
    sealed interface Body {
        record Any() implements Body {
        }

        record Exactly(byte[] bytes) implements Body {
        }

        record Json(int count, long multiplier) implements Body {
        }
    }

    static ExpectedResponse ok(String text) {
        return new ExpectedResponse(200, "text/plain", Map.of(), new Body.Exactly(Bytes.latin1(text)), false);
    }

    /** A response with this status and any body: errors say why in their own words. */
    static ExpectedResponse status(int code) {
        return new ExpectedResponse(code, null, Map.of(), new Body.Any(), false);
    }

    /** A successful OPTIONS: no content, and the methods in {@code Allow}, in this order. */
    static ExpectedResponse allows(String allow) {
        return ok("").with("Allow", allow);
    }

    static ExpectedResponse notAllowed(String allow) {
        return status(405).with("Allow", allow);
    }

    static ExpectedResponse json(int count, long multiplier) {
        return new ExpectedResponse(200, "application/json", Map.of(), new Body.Json(count, multiplier), false);
    }

    /** {@code POST /echo}: the body back, typed exactly as the request was. */
    static ExpectedResponse echo(String contentType, String body) {
        return new ExpectedResponse(200, null, Map.of("Content-Type", contentType),
                new Body.Exactly(Bytes.latin1(body)), false);
    }

    ExpectedResponse with(String name, String value) {
        var all = new LinkedHashMap<>(fields);
        all.put(name, value);
        return new ExpectedResponse(status, mediaType, Map.copyOf(all), body, headRequest);
    }

    /** The same response to a HEAD request. */
    ExpectedResponse toHead() {
        return new ExpectedResponse(status, mediaType, fields, body, true);
    }

    void assertMatches(RawResponse actual, String context) {
        if (actual.status() != status) {
            throw new AssertionError(context + ": expected status " + status + " but got: " + actual);
        }
        if (mediaType != null) {
            String type = actual.header("Content-Type");
            String media = type == null ? null : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!mediaType.equals(media)) {
                throw new AssertionError(context + ": expected Content-Type " + mediaType + " but got: " + actual);
            }
        }
        fields.forEach((name, value) -> {
            if (!value.equals(actual.header(name))) {
                throw new AssertionError(context + ": expected " + name + ": " + value + " but got: " + actual);
            }
        });
        if (headRequest) {
            assertHeadLength(actual, context);
            return;
        }
        switch (body) {
            case Body.Any any -> {
            }
            case Body.Exactly(byte[] bytes) -> {
                if (!Arrays.equals(bytes, actual.body())) {
                    throw new AssertionError(context + ": expected body \"" + Bytes.printable(bytes) + "\" but got: "
                            + actual);
                }
            }
            case Body.Json(int count, long multiplier) -> JsonBodies.assertMatches(actual.body(), count, multiplier,
                    context);
        }
    }

    /** RFC 9110 section 9.3.2: a response to HEAD carries the Content-Length a GET would have had. */
    private void assertHeadLength(RawResponse actual, String context) {
        String length = actual.header("Content-Length");
        boolean right = switch (body) {
            case Body.Exactly(byte[] bytes) -> Integer.toString(bytes.length).equals(length);
            case Body.Json json -> length != null && length.matches("[1-9][0-9]*");
            case Body.Any any -> true;
        };
        if (!right) {
            throw new AssertionError(context + ": wrong Content-Length for a response to HEAD: " + actual);
        }
    }

    /** In words, for a failure report: {@code 200, Content-Type text/plain, body "Hello, World!"}. */
    String describe() {
        var out = new StringBuilder().append(status);
        if (mediaType != null) {
            out.append(", Content-Type ").append(mediaType);
        }
        fields.forEach((name, value) -> out.append(", ").append(name).append(": ").append(value));
        if (headRequest) {
            out.append(switch (body) {
                case Body.Exactly(byte[] bytes) -> ", Content-Length " + bytes.length;
                case Body.Json json -> ", the Content-Length of the JSON body";
                case Body.Any any -> "";
            }).append(", and no body (a response to HEAD)");
        } else {
            out.append(switch (body) {
                case Body.Any any -> ", any body";
                case Body.Exactly(byte[] bytes) -> ", body \"" + Bytes.printable(bytes) + "\"";
                case Body.Json(int count, long multiplier) -> ", body {\"items\":[the first " + count
                        + " items, each with \"total\": price × quantity × " + multiplier + "],\"count\":"
                        + Math.min(count, 50) + "}";
            });
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return Integer.toString(status);
    }
}
