package dev.httpcourse.course;

import dev.httpcourse.common.server.Server;
import dev.httpcourse.common.server.ServerConfig;
import dev.httpcourse.conformance.HeadParser;
import dev.httpcourse.conformance.HttpConformanceSuite;

/**
 * The suite's binding for {@code bin/course check --command}: every server it asks for is the
 * command, started as a process ({@link CommandServer}). There is no parser to call on its own, so
 * the parser's tests are not selected in this mode.
 */
public class CommandServerConformance extends HttpConformanceSuite {
    static volatile String command;

    @Override
    protected Server newServer(ServerConfig config) {
        return new CommandServer(command, config);
    }

    @Override
    protected HeadParser headParser() {
        throw new UnsupportedOperationException("a server started as a command has no head parser to call");
    }
}
