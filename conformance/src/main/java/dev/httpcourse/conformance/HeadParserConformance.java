package dev.httpcourse.conformance;

import dev.httpcourse.common.http.HttpException;
import dev.httpcourse.common.http.RequestHead;
import java.util.Arrays;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The part of the suite that needs no server: a stage's request-head parser alone, held to the
 * statuses of every request case ({@link HeadParsing}) and fuzzed by three jqwik properties.
 * {@link HttpConformanceSuite} extends it, so every stage's binding runs it; a parser whose server
 * does not exist yet (stage 05's in-place parser, before its ring) binds this class alone, with one
 * method, and meets exactly the same tests.
 */
@TestInstance(Lifecycle.PER_CLASS)
public abstract class HeadParserConformance {

    /** The stage's request-head parser, for the fuzz properties and {@link HeadParsing}. */
    protected abstract HeadParser headParser();

    /** The stage's parser on its own: every valid head of the cases, and every refused one. */
    @Nested
    class HeadParsing {
        static Stream<RequestCase> validHeads() {
            return RequestCases.all().filter(c -> c.parserStatus() == RequestCase.PARSES);
        }

        static Stream<RequestCase> refusedHeads() {
            return RequestCases.all().filter(c -> c.parserStatus() > 0);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("validHeads")
        void parsesCompleteHeadAndNoPrefixOfIt(RequestCase c) {
            byte[] request = c.request();
            String text = Bytes.latin1(request);
            String line = text.strip().lines().findFirst().orElseThrow();
            String[] parts = line.split(" ");
            String expected = "the parser returns the head (" + parts[0] + " " + parts[1]
                    + "), and null (incomplete) for every shorter prefix of it";
            RequestHead head = headParser().parse(request.clone(), SuiteLimits.CASES);
            if (head == null) {
                throw CaseFailure.onParser(c, c.name() + ": a complete head parsed as incomplete", expected,
                        "null (incomplete)");
            }
            if (!head.method().equals(parts[0]) || !head.target().equals(parts[1])) {
                throw CaseFailure.onParser(c, c.name() + ": parsed " + head.method() + " " + head.target()
                        + " from " + line, expected, "a head with " + head.method() + " " + head.target());
            }
            int headEnd = text.indexOf("\r\n\r\n", text.indexOf(line)) + 4;
            for (int n = 0; n < headEnd; n++) {
                RequestHead partial = headParser().parse(Arrays.copyOf(request, n), SuiteLimits.CASES);
                if (partial != null) {
                    throw CaseFailure.onParser(c, c.name() + ": a head parsed from its first " + n + " bytes only",
                            expected, "a head from the first " + n + " bytes: \""
                                    + Bytes.printable(request, 0, n) + "\"");
                }
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("refusedHeads")
        void refusesHeadWithTheStatusTheServerAnswers(RequestCase c) {
            String expected = "the parser refuses it: an HttpException with status " + c.parserStatus();
            RequestHead head;
            try {
                head = headParser().parse(c.request().clone(), SuiteLimits.CASES);
            } catch (HttpException e) {
                if (e.status().code() != c.parserStatus()) {
                    throw CaseFailure.onParser(c, c.name() + ": expected " + c.parserStatus()
                            + " but the parser refused with " + e.status().code() + " (" + e.getMessage() + ")",
                            expected, "refused with " + e.status().code() + " (" + e.getMessage() + ")");
                }
                return;
            }
            String outcome = head == null ? "null (incomplete)" : head.toString();
            throw CaseFailure.onParser(c, c.name() + ": expected " + c.parserStatus() + " but the parser returned "
                    + outcome, expected, "returned " + outcome);
        }
    }

    // tag::conformance-fuzz[]
    /** Requests of every case, mutated: each outcome is a head, null (incomplete), or a 4xx, 501 or 505. */
    @Property(tries = 12_000)
    void parserSurvivesMutatedRequests(@ForAll("mutatedRequests") byte[] input) {
        HeadFuzzing.assertSafeOutcome(headParser(), input, SuiteLimits.CASES);
    }

    @Provide
    Arbitrary<byte[]> mutatedRequests() {
        return HeadFuzzing.mutationsOf(RequestCases.corpus());
    }
    // end::conformance-fuzz[]

    @Property(tries = 4_000)
    void parserSurvivesRandomBytes(@ForAll @Size(max = 300) byte[] input) {
        HeadFuzzing.assertSafeOutcome(headParser(), input, SuiteLimits.CASES);
    }

    @Property(tries = 4_000, edgeCases = EdgeCasesMode.NONE) // the parts are hand-picked edge cases already
    void parserSurvivesAssembledRequests(@ForAll("assembledRequests") byte[] input) {
        HeadFuzzing.assertSafeOutcome(headParser(), input, SuiteLimits.CASES);
    }

    @Provide
    Arbitrary<byte[]> assembledRequests() {
        return HeadFuzzing.randomRequests();
    }
}
