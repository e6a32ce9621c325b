package dev.httpcourse.bench.load.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a correct response body to one request template looks like. The generator checks a sample
 * of responses (the first on each connection, not again after a reconnect, then one in a hundred), so a server that
 * answers fast but wrong is caught rather than ranked.
 */
public sealed interface BodyCheck {

    boolean matches(byte[] body, int length);

    /** The body must be exactly these bytes ({@code 55}, {@code ok}, an upload's byte count). */
    record Exact(byte[] expected) implements BodyCheck {
        public static Exact of(String text) {
            return new Exact(text.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public boolean matches(byte[] body, int length) {
            return Arrays.equals(body, 0, length, expected, 0, expected.length);
        }

        @Override
        public String toString() {
            return new String(expected, StandardCharsets.US_ASCII);
        }
    }

    /**
     * {@code /json/{count}?m=M}: {@code count} items, each with {@code total = price * quantity * M},
     * and {@code "count": count}. Checked against the response itself, not a copy of the data set,
     * so a server started with {@code --dataset} passes too; formatting is free.
     */
    record JsonItems(int count, int m) implements BodyCheck {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public boolean matches(byte[] body, int length) {
            try {
                JsonNode root = JSON.readTree(body, 0, length);
                JsonNode items = root.path("items");
                if (root.path("count").asLong(-1) != count || !items.isArray() || items.size() != count) {
                    return false;
                }
                for (JsonNode item : items) {
                    long expected = item.path("price").asLong() * item.path("quantity").asLong() * m;
                    if (!item.path("total").canConvertToLong() || item.path("total").asLong() != expected) {
                        return false;
                    }
                }
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return "json with " + count + " items, total = price*quantity*" + m;
        }
    }
}
