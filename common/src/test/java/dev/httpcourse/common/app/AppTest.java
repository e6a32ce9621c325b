package dev.httpcourse.common.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.httpcourse.common.http.ByteView;
import dev.httpcourse.common.http.Header;
import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.RequestHead;
import dev.httpcourse.common.http.RequestRules;
import dev.httpcourse.common.http.Response;
import dev.httpcourse.common.http.Status;
import dev.httpcourse.common.http.Version;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The endpoint contract, without any server: head in, body pieces in, response out. */
class AppTest {
    private final App app = App.withBundledDataset();

    private static RequestHead head(String method, String target, String... fields) {
        List<Header> headers = new ArrayList<>(List.of(new Header("Host", "t")));
        for (int i = 0; i < fields.length; i += 2) {
            headers.add(new Header(fields[i], fields[i + 1]));
        }
        return RequestRules.validate(method, target, Version.HTTP_1_1, headers, Limits.defaults());
    }

    private Response exchange(RequestHead head, String... bodyPieces) {
        Exchange exchange = app.open(head);
        if (exchange.earlyResponse() != null) {
            return exchange.earlyResponse();
        }
        for (String piece : bodyPieces) {
            exchange.body(ByteBuffer.wrap(piece.getBytes(StandardCharsets.UTF_8)));
        }
        return exchange.end();
    }

    private static String body(Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void helloAndPipeline() {
        assertEquals("Hello, World!", body(exchange(head("GET", "/"))));
        assertEquals("ok", body(exchange(head("HEAD", "/pipeline"))));
    }

    @Test
    void baselineAddsQueryAndBody() {
        assertEquals("55", body(exchange(head("GET", "/baseline11?a=13&b=42"))));
        assertEquals("75", body(exchange(head("POST", "/baseline11?a=13&b=42", "Content-Length", "2"), "2", "0")));
        assertEquals("-5", body(exchange(head("POST", "/baseline11?a=-3&b=-4", "Content-Length", "2"), "2")));
    }

    @Test
    void baselineBodyMayHaveWhitespaceAroundItsDigits() {
        assertEquals("75", body(exchange(head("POST", "/baseline11?a=13&b=42", "Content-Length", "5"), " 2", "0\r\n")));
        assertEquals(20, App.baselineBody(ByteView.of("\t20 ")));
        assertEquals(-7, App.baselineBody(ByteView.of("-7\n")));
        assertThrows(HttpException.class, () -> App.baselineBody(ByteView.of(" 2 0 ")));
        assertThrows(HttpException.class, () -> App.baselineBody(ByteView.of("  ")));
    }

    @Test
    void baselineRefusesWhatIsNotAnInteger() {
        assertEquals(Status.BAD_REQUEST, exchange(head("GET", "/baseline11?a=1")).status());
        assertEquals(Status.BAD_REQUEST, exchange(head("GET", "/baseline11?a=x&b=1")).status());
        assertEquals(Status.BAD_REQUEST, exchange(head("GET", "/baseline11?a=+1&b=1")).status());
        assertEquals(Status.BAD_REQUEST, exchange(head("GET", "/baseline11?a=9223372036854775807&b=1")).status());
        var e = assertThrows(HttpException.class,
                () -> exchange(head("POST", "/baseline11?a=1&b=1", "Content-Length", "3"), "abc"));
        assertEquals(Status.BAD_REQUEST, e.status());
    }

    @Test
    void uploadCountsBytesAcrossPieces() {
        assertEquals("11", body(exchange(head("POST", "/upload", "Content-Length", "11"), "hello", " ", "world")));
    }

    @Test
    void echoReturnsBodyAndType() {
        Response r = exchange(head("POST", "/echo", "Content-Type", "application/x-test", "Content-Length", "4"), "ab", "cd");
        assertEquals("abcd", body(r));
        assertEquals("application/x-test", r.contentType());
        assertEquals("application/octet-stream",
                exchange(head("POST", "/echo", "Content-Length", "1"), "x").contentType());
        assertEquals(Status.CONTENT_TOO_LARGE,
                exchange(head("POST", "/echo", "Content-Length", "" + (Echo.MAX_BYTES + 1))).status());
    }

    @Test
    void jsonAppendsTotalsAndCount() throws Exception {
        Response r = exchange(head("GET", "/json/5?m=7"));
        assertEquals(Response.APPLICATION_JSON, r.contentType());
        JsonNode json = new ObjectMapper().readTree(r.body());
        assertEquals(5, json.get("count").asInt());
        assertEquals(5, json.get("items").size());
        for (int i = 0; i < 5; i++) {
            Item item = Dataset.bundled().items().get(i);
            JsonNode node = json.get("items").get(i);
            assertEquals(item.id(), node.get("id").asInt());
            assertEquals(item.name(), node.get("name").asText());
            assertEquals((long) item.price() * item.quantity() * 7, node.get("total").asLong());
        }
        assertEquals(50, new ObjectMapper().readTree(exchange(head("GET", "/json/5000")).body()).get("count").asInt());
        assertEquals(0, new ObjectMapper().readTree(exchange(head("GET", "/json/0")).body()).get("items").size());
    }

    @Test
    void jsonRefusesBadCountOrMultiplier() {
        assertEquals(Status.BAD_REQUEST, exchange(head("GET", "/json/")).status());
        assertEquals(Status.BAD_REQUEST, exchange(head("GET", "/json/-1")).status());
        assertEquals(Status.BAD_REQUEST, exchange(head("GET", "/json/x")).status());
        assertEquals(Status.BAD_REQUEST, exchange(head("GET", "/json/1?m=x")).status());
        assertEquals(Status.BAD_REQUEST, exchange(head("GET", "/json/1?m=9223372036854775807")).status());
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithAllow() {
        assertEquals(Status.NOT_FOUND, exchange(head("GET", "/nope")).status());
        Response r = exchange(head("POST", "/json/2"));
        assertEquals(Status.METHOD_NOT_ALLOWED, r.status());
        assertEquals(List.of(new Header("Allow", "GET, HEAD, OPTIONS")), r.headers());
        assertEquals("POST, OPTIONS", exchange(head("GET", "/upload")).headers().getFirst().value());
        assertNull(app.open(head("POST", "/upload", "Content-Length", "1")).earlyResponse());
    }

    @Test
    void methodImplementedNowhereIs501WhateverThePath() {
        for (String method : new String[] {"DELETE", "PUT", "PATCH", "CONNECT", "BREW", "get"}) {
            assertEquals(Status.NOT_IMPLEMENTED, exchange(head(method, "/baseline11?a=1&b=2")).status(), method);
            assertEquals(Status.NOT_IMPLEMENTED, exchange(head(method, "/nope")).status(), method);
        }
    }

    @Test
    void optionsListsTheMethodsOfTheResourceOrOfTheServer() {
        Response server = exchange(head("OPTIONS", "*"));
        assertEquals(Status.OK, server.status());
        assertEquals(0, server.body().length);
        assertEquals(List.of(new Header("Allow", "GET, HEAD, POST, OPTIONS")), server.headers());
        assertEquals("GET, HEAD, POST, OPTIONS", exchange(head("OPTIONS", "/baseline11")).headers().getFirst().value());
        assertEquals("GET, HEAD, OPTIONS", exchange(head("OPTIONS", "/")).headers().getFirst().value());
        assertEquals("POST, OPTIONS", exchange(head("OPTIONS", "/echo")).headers().getFirst().value());
        assertEquals(Status.NOT_FOUND, exchange(head("OPTIONS", "/nope")).status());
    }

    @Test
    void headIsAllowedWhereverGetIs() {
        for (String target : new String[] {"/", "/pipeline", "/baseline11?a=1&b=2", "/json/3"}) {
            assertEquals(Status.OK, exchange(head("HEAD", target)).status(), target);
            assertEquals(exchange(head("GET", target)).contentType(), exchange(head("HEAD", target)).contentType(), target);
        }
    }

    @Test
    void countsEveryRequestRouted() {
        long before = app.requestsServed();
        exchange(head("GET", "/"));
        exchange(head("GET", "/nope"));
        assertEquals(before + 2, app.requestsServed());
    }

    /** With HttpArena's own data set the totals are HttpArena's (shared/data, beside the clone). */
    @Test
    void servesHttpArenasExampleWithTheirDataSet() throws Exception {
        Path arena = Path.of("../../shared/data/httparena-dataset.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(arena), "shared/data not beside this clone");
        App arenaApp = new App(Dataset.load(arena));
        Response r = arenaApp.open(head("GET", "/json/1?m=3")).earlyResponse();
        assertEquals("""
                {"items":[{"id":1,"name":"Alpha Widget","category":"electronics","price":328,"quantity":15,"active":true,\
                "tags":["sale","heavy-duty","popular"],"rating":{"score":48,"count":53},"total":14760}],"count":1}""",
                body(r));
    }
}
