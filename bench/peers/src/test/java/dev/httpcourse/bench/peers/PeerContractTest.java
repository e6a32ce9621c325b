package dev.httpcourse.bench.peers;

import dev.httpcourse.conformance.EndpointContract;
import java.util.HashMap;
import java.util.Map;

/**
 * What every peer must answer: the conformance suite's endpoint cases, with its own client and its
 * own checks ({@link EndpointContract}), bound to each peer by a subclass that says how to start it.
 * A peer is held to the endpoints, not to the course's strict HTTP rules: it is a product, measured
 * as it ships. Where it answers a case otherwise by design, the binding says which and why, and the
 * case is skipped with that reason.
 */
abstract class PeerContractTest extends EndpointContract {
    /**
     * The one difference every peer shares. The stages close a connection after answering a request
     * whose body they did not read (the early answers: 404, 405, 501, a bad query, a body on GET); the
     * peers' frameworks read the body on and drop it, and keep the connection, which RFC 9110 section
     * 10.1.1 allows ("close the connection or continue reading and discarding the request content").
     */
    private static final String DRAINS_UNREAD_BODY =
            "reads on and drops a body the application did not want, and keeps the connection (RFC 9110 section "
                    + "10.1.1 allows either); the stages close";
    private static final Map<String, String> EVERY_PEER = Map.of(
            "closesAfter501WithUnreadBody", DRAINS_UNREAD_BODY,
            "closesAfterNotFoundWithUnreadBody", DRAINS_UNREAD_BODY,
            "closesAfterNotFoundWithUnreadChunkedBody", DRAINS_UNREAD_BODY,
            "closesAfterNotAllowedWithUnreadBody", DRAINS_UNREAD_BODY,
            "closesAfterBadQueryWithUnreadBody", DRAINS_UNREAD_BODY,
            "closesAfterGetWithUnreadBody", DRAINS_UNREAD_BODY);

    @Override
    protected final Map<String, String> knownDifferences() {
        var all = new HashMap<>(EVERY_PEER);
        all.putAll(productDifferences());
        return all;
    }

    /** The cases this product alone answers otherwise, with the reason; none unless a binding says so. */
    Map<String, String> productDifferences() {
        return Map.of();
    }
}
