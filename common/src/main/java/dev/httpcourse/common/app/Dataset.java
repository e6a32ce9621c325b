package dev.httpcourse.common.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The items behind {@code GET /json/{count}}: the bundled, generated 50 items, or a file of the same
 * shape given with {@code --dataset}. Loading is strict so that a wrong file fails at start-up with
 * one clear line instead of serving zeros.
 */
public record Dataset(List<Item> items) {
    /** The resource {@link DatasetGenerator} writes and every stage serves by default. */
    public static final String BUNDLED_RESOURCE = "/dataset.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    public Dataset {
        items = List.copyOf(items);
    }

    public static Dataset bundled() {
        try (InputStream in = Dataset.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new DatasetException("bundled data set " + BUNDLED_RESOURCE + " is missing from the class path");
            }
            return parse(in.readAllBytes(), BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new DatasetException("cannot read bundled data set: " + e.getMessage(), e);
        }
    }

    public static Dataset load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new DatasetException("data set " + file + " does not exist", e);
        } catch (IOException e) {
            throw new DatasetException("cannot read data set " + file + ": " + e.getMessage(), e);
        }
    }

    static Dataset parse(byte[] json, String source) {
        Item[] items;
        try {
            items = MAPPER.readValue(json, Item[].class);
        } catch (JsonProcessingException e) {
            throw new DatasetException("data set " + source + " is not an array of items: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new DatasetException("cannot read data set " + source + ": " + e.getMessage(), e);
        }
        if (items == null || items.length == 0) {
            throw new DatasetException("data set " + source + " has no items");
        }
        for (Item item : items) {
            if (item == null || item.name() == null || item.category() == null || item.tags() == null
                    || item.rating() == null || item.tags().contains(null)) {
                throw new DatasetException("data set " + source + " has an item with a missing field");
            }
        }
        return new Dataset(List.of(items));
    }
}
