package dev.httpcourse.bench.load;

import dev.httpcourse.bench.load.generator.Profile;
import dev.httpcourse.common.server.Server;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A server in the comparison: its name in the report, what kind it is, which profiles it can
 * serve, and how to start it.
 */
record ServerSpec(String name, Kind kind, Set<Profile> profiles, String note, Launch launch) {

    enum Kind { STAGE, PEER, NATIVE, NGINX, IN_PROCESS }

    ServerSpec {
        profiles = Set.copyOf(profiles);
    }

    static Set<Profile> allProfiles() {
        return EnumSet.allOf(Profile.class);
    }

    /** How the server starts. */
    sealed interface Launch {
        /** {@code java [options] <target...> --port P <args...>}, for example {@code -jar stage01-blocking.jar}. */
        record Jvm(List<String> target, List<String> args) implements Launch {
            public Jvm {
                target = List.copyOf(target);
                args = List.copyOf(args);
            }
        }

        /** A native program that takes {@code --port P} and prints the ready line as the stages do. */
        record Native(Path binary, List<String> args) implements Launch {
            public Native {
                args = List.copyOf(args);
            }
        }

        /** nginx with a configuration made from a template. */
        record Nginx(Path binary, Path template) implements Launch {
        }

        /**
         * A stage inside the driver's own JVM, built for a given port (0: any): for tests where no
         * jar is built. Its CPU, memory and GC cannot be told apart from the generator's.
         */
        record InProcess(IntFunction<Server> factory) implements Launch {
        }
    }

    /** The command line, for the report. */
    String describe() {
        return switch (launch) {
            case Launch.Jvm j -> "java " + String.join(" ", j.target()) + " --port P"
                    + (j.args().isEmpty() ? "" : " " + String.join(" ", j.args()));
            case Launch.Native n -> n.binary() + " --port P" + (n.args().isEmpty() ? "" : " " + String.join(" ", n.args()));
            case Launch.Nginx n -> n.binary() + " -c <" + n.template().getFileName() + " with port P> -g 'daemon off;'";
            case Launch.InProcess i -> "in-process";
        };
    }
}
