package dev.httpcourse.conformance;

/**
 * What went over a connection when a response could not be read as expected (none came, or a
 * malformed one, or the connection ended halfway): attached as the cause of the suite's
 * {@code AssertionError}, so that a failing test that is not a request case still shows the bytes
 * sent and received. {@code bin/course check} prints them.
 */
public final class ConnectionEvidence extends Exception {
    private static final long serialVersionUID = 1L;

    private final String sent;
    private final String received;

    ConnectionEvidence(Transcript transcript) {
        this(transcript.sentText(), transcript.receivedText());
    }

    private ConnectionEvidence(String sent, String received) {
        super("on this connection, the client sent:\n    " + sent.replace("\n", "\n    ")
                + "\n  and received:\n    " + received.replace("\n", "\n    "), null, false, false);
        this.sent = sent;
        this.received = received;
    }

    /** The bytes sent, write by write, escaped, a line break after each LF. */
    public String sent() {
        return sent;
    }

    /** The bytes received, escaped the same way, and how the connection ended. */
    public String received() {
        return received;
    }
}
