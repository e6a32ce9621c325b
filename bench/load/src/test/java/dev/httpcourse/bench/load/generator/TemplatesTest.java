package dev.httpcourse.bench.load.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    @Test
    void baselineSendsHttpArenasThreeRequests() {
        List<RequestTemplate> t = Profile.BASELINE.templates("localhost:8080");
        assertEquals("GET /baseline11?a=13&b=42 HTTP/1.1\r\nHost: localhost:8080\r\n\r\n", t.get(0).text());
        assertEquals("POST /baseline11?a=13&b=42 HTTP/1.1\r\nHost: localhost:8080\r\nContent-Length: 2\r\n\r\n20",
                t.get(1).text());
        assertEquals("POST /baseline11?a=13&b=42 HTTP/1.1\r\nHost: localhost:8080\r\nTransfer-Encoding: chunked"
                + "\r\n\r\n2\r\n20\r\n0\r\n\r\n", t.get(2).text());
        assertEquals(List.of("55", "75", "75"), t.stream().map(x -> x.check().toString()).toList());
    }

    @Test
    void jsonCoversTheSevenCountAndMultiplierPairs() {
        List<String> targets = Profile.JSON.templates("h").stream().map(t -> t.text().split(" ")[1]).toList();
        assertEquals(List.of("/json/1?m=3", "/json/5?m=7", "/json/10?m=2", "/json/15?m=5", "/json/25?m=4",
                "/json/40?m=8", "/json/50?m=6"), targets);
    }

    @Test
    void uploadBodiesHaveTheirDeclaredLength() {
        for (RequestTemplate t : Profile.UPLOAD.templates("h")) {
            ByteBuffer b = t.repeated(1);
            String head = t.text();
            long declared = Long.parseLong(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
            assertEquals(head.length() + declared, b.remaining());
            assertEquals(declared + "", t.check().toString());
        }
    }

    @Test
    void repeatsTheRequestForPipelining() {
        RequestTemplate t = Profile.PIPELINED.templates("h").getFirst();
        ByteBuffer b = t.repeated(3);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        assertEquals(t.text().repeat(3), new String(bytes, StandardCharsets.US_ASCII));
    }

    @Test
    void addsConnectionCloseForWrk() {
        RequestTemplate t = Profile.BASELINE.templates("h").get(1).withConnectionClose();
        assertEquals("POST /baseline11?a=13&b=42 HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nConnection: close"
                + "\r\n\r\n20", t.text());
    }

    @Test
    void checksJsonAgainstTheResponseItself() {
        var check = new BodyCheck.JsonItems(2, 3);
        String good = "{\"items\":[{\"id\":1,\"price\":2,\"quantity\":5,\"total\":30},"
                + "{\"id\":2,\"price\":1,\"quantity\":1,\"total\":3}],\"count\":2}";
        String wrongTotal = good.replace("\"total\":30", "\"total\":31");
        String wrongCount = good.replace("\"count\":2", "\"count\":3");
        assertTrue(check.matches(good.getBytes(StandardCharsets.UTF_8), good.length()));
        assertFalse(check.matches(wrongTotal.getBytes(StandardCharsets.UTF_8), wrongTotal.length()));
        assertFalse(check.matches(wrongCount.getBytes(StandardCharsets.UTF_8), wrongCount.length()));
        assertFalse(check.matches("not json".getBytes(StandardCharsets.UTF_8), 8));
    }

    @Test
    void wrkScriptCarriesTemplatesAndEmulations() {
        var spec = LoadSpec.timed(new java.net.InetSocketAddress("127.0.0.1", 8080), Profile.UPLOAD, 256, 2,
                java.time.Duration.ZERO, java.time.Duration.ofSeconds(1), 1);
        String lua = WrkGenerator.script(spec);
        assertTrue(lua.contains("local every = 5"));
        assertTrue(lua.contains("Content-Length: 10485760\\r\\n\\r\\n\" .. string.rep(\"x\", 10485760)"));
        assertTrue(lua.contains("Connection: close"));
        assertEquals(32, spec.connections());
    }
}
