package dev.httpcourse.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The case tables and the suite's categories agree, so no table reaches the parser checks without reaching a server. */
class RequestCasesTest {

    @Test
    void everyCaseTableRunsInExactlyOneNestedCategory() throws ReflectiveOperationException {
        var suite = new HttpConformanceSuite() { // never run: only its categories are built
            @Override
            protected Server newServer(ServerConfig config) {
                throw new UnsupportedOperationException();
            }

            @Override
            protected HeadParser headParser() {
                throw new UnsupportedOperationException();
            }
        };
        List<RequestCases> run = new ArrayList<>();
        for (Class<?> type : HttpConformanceSuite.class.getDeclaredClasses()) {
            if (HttpConformanceSuite.CaseCategory.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                assertTrue(type.isAnnotationPresent(Nested.class), type.getSimpleName() + " is not @Nested: JUnit never runs it");
                var category = (HttpConformanceSuite.CaseCategory) type.getDeclaredConstructor(HttpConformanceSuite.class)
                        .newInstance(suite);
                run.add(category.table());
            }
        }
        assertEquals(List.of(RequestCases.values()), run.stream().sorted().toList(),
                "each constant of RequestCases needs one @Nested CaseCategory in HttpConformanceSuite");
    }
}
