package dev.httpcourse.bench.load;

import picocli.CommandLine.Option;

/** {@code -h, --help}, the same in every bench tool: {@code @Mixin HelpOption help;} */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help, then exit.")
    boolean help;
}
