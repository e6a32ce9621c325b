package dev.httpcourse.stage05;

import dev.httpcourse.common.app.App;
import dev.httpcourse.common.http.Limits;
import dev.httpcourse.common.http.ResponseEncoder;
import java.lang.foreign.Arena;

// tag::s05-answers[]
/**
 * What answers a request where it lies, shared by the connections of one loop: the router, the
 * response templates in off-heap memory, the JSON writer; and, for the requests no benchmark sends,
 * {@code common}'s {@link App} and encoder, as in stages 01 to 04. Nothing here needs a ring, so the
 * protocol runs the same in a test or a benchmark as in the server.
 */
final class InPlaceAnswers {
    // end::s05-answers[]
    final App app;
    final Limits limits;
    final ResponseEncoder encoder;
    final Router router = new Router();
    final ResponseTemplates templates;
    final JsonWriter json;

    /** @param arena where the templates live: the loop's, or a test's */
    InPlaceAnswers(App app, Limits limits, ResponseEncoder encoder, Arena arena) {
        this.app = app;
        this.limits = limits;
        this.encoder = encoder;
        this.templates = new ResponseTemplates(arena);
        this.json = new JsonWriter(app.dataset());
    }

    /**
     * The size of a send chunk: the in-place path writes a response whole into one, and the longest
     * is a JSON answer of every item with the largest multiplier, plus room for the smaller answers
     * that share its chunk; in whole pages.
     */
    int sendChunkSize() {
        int longest = (int) templates.json(0).headLength(json.maxBytes()) + json.maxBytes();
        int size = Math.max(16 * 1024, longest + 1024);
        return (size + 4095) / 4096 * 4096;
    }
}
