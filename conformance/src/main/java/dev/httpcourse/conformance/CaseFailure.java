package dev.httpcourse.conformance;

import java.util.List;

/**
 * A request case that failed, carrying what a person needs to see why: the bytes the client sent,
 * write by write, the answer the case expects, and what came back. Its message is the suite's usual
 * first line followed by those three, so a test report shows them too; {@code bin/course check}
 * prints them for the first failing case of a step.
 */
public final class CaseFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final String caseName;
    private final String headline;
    private final List<byte[]> sent;
    private final long sentTotal;
    private final String expected;
    private final String received;

    private CaseFailure(String caseName, String headline, List<byte[]> sent, long sentTotal, String expected,
                        String received, Throwable cause) {
        super(headline + "\n  sent: " + indent(render(sent, sentTotal)) + "\n  expected: " + indent(expected)
                + "\n  received: " + indent(received), cause);
        this.caseName = caseName;
        this.headline = headline;
        this.sent = sent;
        this.sentTotal = sentTotal;
        this.expected = expected;
        this.received = received;
    }

    /** A case run against a server: what went over its connection. */
    static CaseFailure onConnection(RequestCase c, String headline, Transcript transcript, Throwable cause) {
        String received = Bytes.lines(transcript.received(), 0, transcript.received().length);
        if (transcript.receivedTotal() > transcript.received().length) {
            received += "…(" + transcript.receivedTotal() + " bytes in all)";
        }
        if (received.isEmpty()) {
            received = "nothing";
        }
        String ending = transcript.ending();
        received += "\n(" + (ending == null ? "the connection was still open" : ending) + ")";
        return new CaseFailure(c.name(), headline, transcript.writes(), transcript.writtenTotal(), c.expectation(),
                received, cause);
    }

    /** A case's head given to the stage's parser alone: no connection, the parser's answer. */
    static CaseFailure onParser(RequestCase c, String headline, String expected, String outcome) {
        return new CaseFailure(c.name(), headline, List.of(c.request()), c.request().length, expected, outcome, null);
    }

    /** The case's name, the behaviour it checks: {@code refusesObsFoldWithSpace}. */
    public String caseName() {
        return caseName;
    }

    /** The suite's one-line message: the case, how it was run, what went wrong. */
    public String headline() {
        return headline;
    }

    /** The bytes sent, one entry per write, control bytes escaped, a line break after each LF. */
    public String sent() {
        return render(sent, sentTotal);
    }

    /** The answer the case expects, in words. */
    public String expected() {
        return expected;
    }

    /** What came back, escaped like {@link #sent()}, and how the connection ended. */
    public String received() {
        return received;
    }

    private static String render(List<byte[]> writes, long total) {
        var out = new StringBuilder();
        long shown = 0;
        for (int i = 0; i < writes.size(); i++) {
            byte[] w = writes.get(i);
            if (writes.size() > 1) {
                out.append(i == 0 ? "" : "\n").append("[write ").append(i + 1).append("]\n");
            }
            out.append(Bytes.lines(w, 0, w.length));
            shown += w.length;
        }
        if (total > shown) {
            out.append("…(").append(total).append(" bytes in all)");
        }
        return out.toString();
    }

    private static String indent(String text) {
        return text.contains("\n") ? "\n    " + text.replace("\n", "\n    ") : text;
    }
}
