package dev.httpcourse.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.httpcourse.common.app.Dataset;
import dev.httpcourse.common.app.Item;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code GET /json/{count}?m=M} must answer, built from the bundled data set independently of
 * the application's encoder, and compared as JSON trees: field order and spacing are free.
 */
final class JsonBodies {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<Item> ITEMS = Dataset.bundled().items();
    private static final Map<String, JsonNode> EXPECTED = new ConcurrentHashMap<>();

    private JsonBodies() {
    }

    static void assertMatches(byte[] body, int count, long multiplier, String context) {
        JsonNode actual;
        try {
            actual = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(context + ": body is not JSON: " + Bytes.printable(body), e);
        }
        JsonNode expected = EXPECTED.computeIfAbsent(count + "*" + multiplier, k -> expected(count, multiplier));
        if (!expected.equals(actual)) {
            throw new AssertionError(context + ": expected JSON " + expected + "\n but got " + actual);
        }
    }

    /** The first {@code count} items (at most all of them), each with {@code "total": price * quantity * m}. */
    private static JsonNode expected(int count, long multiplier) {
        int n = Math.min(count, ITEMS.size());
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode items = root.putArray("items");
        for (Item item : ITEMS.subList(0, n)) {
            ObjectNode node = MAPPER.valueToTree(item);
            node.put("total", (long) item.price() * item.quantity() * multiplier);
            items.add(node);
        }
        root.put("count", n);
        try {
            // a round trip gives numbers the node types the parser gives the server's body
            return MAPPER.readTree(MAPPER.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
