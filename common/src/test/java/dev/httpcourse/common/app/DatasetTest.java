package dev.httpcourse.common.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
    @TempDir
    Path dir;

    @Test
    void bundledFileIsExactlyWhatTheGeneratorWrites() throws IOException {
        try (InputStream in = Dataset.class.getResourceAsStream(Dataset.BUNDLED_RESOURCE)) {
            assertArrayEquals(DatasetGenerator.toJson(DatasetGenerator.generate()), in.readAllBytes(),
                    "regenerate with DatasetGenerator common/src/main/resources/dataset.json");
        }
    }

    @Test
    void bundledDataSetHasFiftyItemsInOrder() {
        Dataset data = Dataset.bundled();
        assertEquals(50, data.items().size());
        for (int i = 0; i < 50; i++) {
            Item item = data.items().get(i);
            assertEquals(i + 1, item.id());
            assertTrue(item.tags().size() >= 1 && item.tags().size() <= 4);
            assertTrue(item.price() > 0 && item.quantity() > 0);
        }
    }

    @Test
    void loadsAFileOfTheSameShape() throws IOException {
        Path file = dir.resolve("items.json");
        Files.writeString(file, """
                [{"id":7,"name":"n","category":"c","price":2,"quantity":3,"active":false,"tags":["t"],"rating":{"score":1,"count":2}}]
                """);
        Dataset data = Dataset.load(file);
        assertEquals(1, data.items().size());
        assertFalse(data.items().getFirst().active());
    }

    @Test
    void refusesMalformedFilesWithOneLine() throws IOException {
        String[] bad = {
            "not json",
            "{}",
            "[]",
            "[{\"id\":1}]",
            "[{\"id\":1,\"name\":\"n\",\"category\":\"c\",\"price\":2.5,\"quantity\":3,\"active\":true,\"tags\":[],\"rating\":{\"score\":1,\"count\":2}}]",
            "[{\"id\":1,\"name\":\"n\",\"category\":\"c\",\"price\":2,\"quantity\":3,\"active\":true,\"tags\":[],\"rating\":{\"score\":1,\"count\":2},\"extra\":1}]",
            "[{\"id\":1,\"name\":null,\"category\":\"c\",\"price\":2,\"quantity\":3,\"active\":true,\"tags\":[],\"rating\":{\"score\":1,\"count\":2}}]",
        };
        for (String content : bad) {
            Path file = dir.resolve("bad.json");
            Files.writeString(file, content, StandardCharsets.UTF_8);
            var e = assertThrows(DatasetException.class, () -> Dataset.load(file), content);
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
        var missing = assertThrows(DatasetException.class, () -> Dataset.load(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().contains("does not exist"));
    }
}
