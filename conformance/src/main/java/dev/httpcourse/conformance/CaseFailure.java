package dev.httpcourse.conformance;

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
    private final String sent;
    private final String expected;
    private final String received;

    private CaseFailure(String caseName, String headline, String sent, String expected, String received,
                        Throwable cause) {
        super(headline + "\n  sent: " + indent(sent) + "\n  expected: " + indent(expected) + "\n  received: "
                + indent(received), cause);
        this.caseName = caseName;
        this.headline = headline;
        this.sent = sent;
        this.expected = expected;
        this.received = received;
    }

    /** A case run against a server: what went over its connection. */
    static CaseFailure onConnection(RequestCase c, String headline, Transcript transcript, Throwable cause) {
        return new CaseFailure(c.name(), headline, transcript.sentText(), c.expectation(), transcript.receivedText(),
                cause);
    }

    /** A case's head given to the stage's parser alone: no connection, the parser's answer. */
    static CaseFailure onParser(RequestCase c, String headline, String expected, String outcome) {
        return new CaseFailure(c.name(), headline, Bytes.lines(c.request(), 0, c.request().length), expected, outcome,
                null);
    }

    /** The case's name, the behaviour it checks: {@code refusesObsFoldWithSpace}. */
    public String caseName() {
        return caseName;
    }

    /** The suite's one-line message: the case, how it was run, what went wrong. */
    public String headline() {
        return headline;
    }

    /** The bytes sent, write by write, control bytes escaped, a line break after each LF. */
    public String sent() {
        return sent;
    }

    /** The answer the case expects, in words. */
    public String expected() {
        return expected;
    }

    /** What came back, escaped like {@link #sent()}, and how the connection ended. */
    public String received() {
        return received;
    }

    private static String indent(String text) {
        return text.contains("\n") ? "\n    " + text.replace("\n", "\n    ") : text;
    }
}
