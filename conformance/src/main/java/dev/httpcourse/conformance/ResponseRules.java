package dev.httpcourse.conformance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.Locale;

/** What every response of every stage carries, whatever the request (DESIGN.md, "HTTP/1.1 rules"). */
final class ResponseRules {
    /** RFC 9110 section 5.6.7; STRICT also checks that the day name matches the date. */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC)
            .withResolverStyle(ResolverStyle.STRICT);
    /** The server runs in this JVM: its clock is ours, and its Date is cached for at most a second. */
    private static final Duration DATE_SLACK = Duration.ofMinutes(1);
    private static final byte[] CONTINUE = Bytes.latin1("HTTP/1.1 100 Continue\r\n\r\n");

    private ResponseRules() {
    }

    /** A final response has a current IMF-fixdate Date, a Server, one Content-Length and a Content-Type. */
    static void assertWellFormed(RawResponse response, String context) {
        String date = response.header("Date");
        if (date == null) {
            throw new AssertionError(context + ": response without Date: " + response);
        }
        try {
            Instant at = IMF_FIXDATE.parse(date, Instant::from);
            if (Duration.between(at, Instant.now()).abs().compareTo(DATE_SLACK) > 0) {
                throw new AssertionError(context + ": Date is not the current time: " + response);
            }
        } catch (DateTimeParseException e) {
            throw new AssertionError(context + ": Date is not an IMF-fixdate: " + response, e);
        }
        String server = response.header("Server");
        if (server == null || server.isBlank()) {
            throw new AssertionError(context + ": response without Server: " + response);
        }
        String length = response.header("Content-Length");
        if (length == null || !length.matches("[0-9]+")) {
            throw new AssertionError(context + ": response without a valid Content-Length: " + response);
        }
        String type = response.header("Content-Type");
        if (type == null || type.isBlank()) {
            throw new AssertionError(context + ": response without Content-Type: " + response);
        }
    }

    /** The interim response exactly as the course's servers send it. */
    static void assertContinue(RawResponse response, String context) {
        if (!Arrays.equals(CONTINUE, response.head())) {
            throw new AssertionError(context + ": expected HTTP/1.1 100 Continue with no fields but got: " + response);
        }
    }
}
