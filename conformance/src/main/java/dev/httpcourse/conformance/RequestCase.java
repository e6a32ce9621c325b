package dev.httpcourse.conformance;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One request case of the suite: the exact bytes a client sends, the responses it must get, in order,
 * and what the connection does afterwards. {@link CaseRunner} runs every case whole, split at every
 * byte, and pipelined; {@link HttpConformanceSuite.HeadParsing} also hands its bytes to the stage's
 * parser.
 *
 * @param name            the behaviour, for the test report ({@code refusesDoubleSpaceAfterMethod})
 * @param request         the bytes to send, from a text block with explicit CRLFs
 * @param responses       the responses, in order; 100 Continue is not listed
 * @param ending          what the server does with the connection after the last response
 * @param continueAllowed whether a {@code 100 Continue} may precede a final response
 * @param parserStatus    what {@link HeadParser} must make of the bytes: {@link #PARSES}, the status of
 *                        the {@code HttpException} it must throw, or {@link #UNCHECKED}
 */
record RequestCase(String name, byte[] request, List<ExpectedResponse> responses, Ending ending,
                   boolean continueAllowed, int parserStatus) {

    static final int UNCHECKED = -1;
    static final int PARSES = 0;

    enum Ending {
        /** A request on the same connection is answered afterwards. */
        KEEPS_OPEN,
        /** The last response says {@code Connection: close} and the server closes. */
        CLOSES,
        /** Either, as long as the last response says which. */
        CLOSES_IF_IT_SAYS_SO
    }

    /** A case that, until told otherwise, expects its responses on a connection that stays open. */
    static RequestCase of(String name, String request) {
        return new RequestCase(name, Bytes.latin1(request), List.of(), Ending.KEEPS_OPEN, false, UNCHECKED);
    }

    RequestCase answers(ExpectedResponse... expected) {
        return new RequestCase(name, request, List.of(expected), ending, continueAllowed, parserStatus);
    }

    RequestCase thenCloses() {
        return new RequestCase(name, request, responses, Ending.CLOSES, continueAllowed, parserStatus);
    }

    RequestCase thenMayClose() {
        return new RequestCase(name, request, responses, Ending.CLOSES_IF_IT_SAYS_SO, continueAllowed, parserStatus);
    }

    /** RFC 9110 section 10.1.1: a server may skip 100 Continue when the body has arrived already. */
    RequestCase allowingContinue() {
        return new RequestCase(name, request, responses, ending, true, parserStatus);
    }

    /** The head is valid: the parser returns it, and returns null for every proper prefix of it. */
    RequestCase headParses() {
        return new RequestCase(name, request, responses, ending, continueAllowed, PARSES);
    }

    /** The parser refuses the head with this status. */
    RequestCase headRefused(int status) {
        return new RequestCase(name, request, responses, ending, continueAllowed, status);
    }

    /** A head the parser must refuse with {@code status}, which the server answers and then closes. */
    static RequestCase refused(String name, int status, String request) {
        return of(name, request).answers(ExpectedResponse.status(status)).thenCloses().headRefused(status);
    }

    /** What the server must answer, in words, for a failure report. */
    String expectation() {
        var out = new StringBuilder();
        if (continueAllowed) {
            out.append("(a 100 Continue may come first) ");
        }
        out.append(responses.stream().map(ExpectedResponse::describe).collect(Collectors.joining(";\nthen ")));
        out.append(switch (ending) {
            case KEEPS_OPEN -> ";\nthen the connection stays open: GET /pipeline on it is answered 200 \"ok\"";
            case CLOSES -> ", with Connection: close;\nthen the server closes the connection";
            case CLOSES_IF_IT_SAYS_SO -> ";\nthen the server may close the connection, if the response says Connection: close";
        });
        out.append("\n(and every response carries Date, Server, Content-Length and Content-Type)");
        return out.toString();
    }

    @Override
    public String toString() {
        String statuses = responses.stream().map(ExpectedResponse::toString).collect(Collectors.joining(", "));
        return name + " → " + statuses + switch (ending) {
            case KEEPS_OPEN -> "";
            case CLOSES -> ", close";
            case CLOSES_IF_IT_SAYS_SO -> ", close if announced";
        };
    }
}
