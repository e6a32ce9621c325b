package dev.httpcourse.common.app;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.httpcourse.common.http.ByteView;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /json/{count}?m=M}: the first {@code count} items, each with
 * {@code "total": price * quantity * M} appended, serialised per request with Jackson's streaming
 * generator (no pre-serialised bodies: the point of the profile is the encoding work).
 */
public final class JsonEndpoint {
    public static final String PREFIX = "/json/";

    private static final JsonFactory FACTORY = new JsonFactory();

    private final List<Item> items;

    public JsonEndpoint(Dataset dataset) {
        this.items = dataset.items();
    }

    Exchange open(RequestHead head) {
        int count = count(ByteView.of(head.path().substring(PREFIX.length())), items.size());
        String m = head.queryParam("m");
        long multiplier = m == null ? 1 : App.parseInteger(m, "query parameter m");
        return Exchange.respond(Response.of(Status.OK, Response.APPLICATION_JSON, encode(count, multiplier)));
    }

    /**
     * The {@code count} of {@code /json/{count}}: one to nine digits, at most {@code available} items
     * served; anything else is the client's mistake (400). Over bytes, so stage 05 shares the rule.
     */
    public static int count(ByteView digits, int available) {
        if (digits.isEmpty() || digits.length() > 9) {
            throw new HttpException(Status.BAD_REQUEST, "count must be a non-negative integer");
        }
        int count = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.byteAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new HttpException(Status.BAD_REQUEST, "count must be a non-negative integer");
            }
            count = count * 10 + d;
        }
        return Math.min(count, available);
    }

    // tag::json-encode[]
    /** {@code {"items":[…],"count":n}}, compact; totals are exact (they overflow to 400, never wrap). */
    public byte[] encode(int count, long multiplier) {
        var out = new ByteArrayOutputStream(256 + count * 200);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("items");
            for (int i = 0; i < count; i++) {
                Item item = items.get(i);
                json.writeStartObject();
                json.writeNumberField("id", item.id());
                json.writeStringField("name", item.name());
                json.writeStringField("category", item.category());
                json.writeNumberField("price", item.price());
                json.writeNumberField("quantity", item.quantity());
                json.writeBooleanField("active", item.active());
                json.writeArrayFieldStart("tags");
                for (String tag : item.tags()) {
                    json.writeString(tag);
                }
                json.writeEndArray();
                json.writeObjectFieldStart("rating");
                json.writeNumberField("score", item.rating().score());
                json.writeNumberField("count", item.rating().count());
                json.writeEndObject();
                json.writeNumberField("total", Math.multiplyExact((long) item.price() * item.quantity(), multiplier));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("count", count);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }
    // end::json-encode[]
}
