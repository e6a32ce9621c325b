package dev.httpcourse.stage05;

import dev.httpcourse.conformance.HeadParser;
import dev.httpcourse.conformance.HeadParserConformance;

// tag::s05-parser-binding[]
/** The suite's head-parsing cases and fuzz properties, against the in-place parser over off-heap memory. */
class InPlaceParserConformanceTest extends HeadParserConformance {
    @Override
    protected HeadParser headParser() {
        return new OffHeapHeadParser();
    }
}
// end::s05-parser-binding[]
