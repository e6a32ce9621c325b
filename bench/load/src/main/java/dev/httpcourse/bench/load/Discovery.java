package dev.httpcourse.bench.load;

import dev.httpcourse.bench.load.generator.Profile;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds what can be compared, so a new stage or peer joins with no change here: every
 * {@code stageNN-name/target/stageNN-name.jar} (with the variants its {@code bench-variants} file
 * lists, one {@code name args...} a line), the peers that {@code bench/peers/target/peers.jar} lists
 * in its {@code bench-peers} entry (one {@code name | main class | args | note} a line, the note naming
 * the product's version and settings for the report), the native floor when a C compiler and
 * liburing are there to build it, and nginx when it is installed.
 */
final class Discovery {
    static final String VARIANTS_FILE = "bench-variants";
    static final String PEERS_JAR = "bench/peers/target/peers.jar";
    /** The entry of {@link #PEERS_JAR} that lists the peers (bench/peers/src/main/resources/bench-peers). */
    static final String PEERS_LIST = "bench-peers";
    static final String NGINX_TEMPLATE = "bench/nginx/nginx.conf.template";
    private static final String PEERS = "dev.httpcourse.bench.peers.";

    /** The profiles the native floor answers: the others need endpoints it does not have. */
    static final Set<Profile> FLOOR_PROFILES = EnumSet.of(Profile.BASELINE, Profile.PIPELINED, Profile.LIMITED_CONN);

    /** What was found, and notes on what was not (a stage not built yet, no nginx). */
    record Found(List<ServerSpec> servers, List<String> notes) {
    }

    private Discovery() {
    }

    static Found discover(Path root) throws IOException {
        var servers = new ArrayList<ServerSpec>();
        var notes = new ArrayList<String>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> Files.isDirectory(d) && d.getFileName().toString().startsWith("stage"))
                    .sorted().toList()) {
                stage(dir, servers, notes);
            }
        }
        Path peers = root.resolve(PEERS_JAR);
        if (Files.isRegularFile(peers)) {
            peers(peers, servers, notes);
        } else {
            notes.add("Peers not built (no " + PEERS_JAR + "): JDK httpserver, Netty, Helidon and Vert.x left out.");
        }
        NativeFloor.Build floor = NativeFloor.build(root);
        if (floor.ok()) {
            servers.add(new ServerSpec(NativeFloor.NAME, ServerSpec.Kind.NATIVE, FLOOR_PROFILES,
                    "(the native floor: C on io_uring through liburing, no real header parsing; see "
                            + "bench/native-floor/README.md) answers only /pipeline, / and /baseline11, so it takes "
                            + "part in the baseline, pipelined and limited-conn profiles only",
                    new ServerSpec.Launch.Native(floor.binary(), List.of())));
        } else {
            notes.add("The native floor (" + NativeFloor.SOURCE + ") left out: " + floor.missing() + ".");
        }
        Optional<Path> nginx = onPath("nginx");
        Path template = root.resolve(NGINX_TEMPLATE);
        if (nginx.isPresent() && Files.isRegularFile(template)) {
            servers.add(new ServerSpec("nginx", ServerSpec.Kind.NGINX, EnumSet.of(Profile.PIPELINED),
                    "answers only /pipeline and / (fixed text), so it takes part in the pipelined profile only",
                    new ServerSpec.Launch.Nginx(nginx.get(), template)));
        } else if (nginx.isPresent()) {
            notes.add("nginx is installed but " + NGINX_TEMPLATE + " is missing: nginx left out.");
        } else {
            notes.add("nginx is not installed: left out.");
        }
        return new Found(servers, notes);
    }

    private static void stage(Path dir, List<ServerSpec> servers, List<String> notes) throws IOException {
        String module = dir.getFileName().toString();
        Path jar = dir.resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            notes.add(module + " is not built (no target/" + module + ".jar): left out.");
            return;
        }
        Path variants = dir.resolve(VARIANTS_FILE);
        if (!Files.isRegularFile(variants)) {
            servers.add(stageSpec(module, jar, List.of()));
            return;
        }
        for (String line : Files.readAllLines(variants)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> words = Arrays.asList(trimmed.split("\\s+"));
            servers.add(stageSpec(words.getFirst(), jar, words.subList(1, words.size())));
        }
    }

    private static ServerSpec stageSpec(String name, Path jar, List<String> args) {
        return new ServerSpec(name, ServerSpec.Kind.STAGE, ServerSpec.allProfiles(), null,
                new ServerSpec.Launch.Jvm(List.of("-jar", jar.toString()), args));
    }

    /** The peers {@code jar}'s {@link #PEERS_LIST} names, in its order. */
    private static void peers(Path jar, List<ServerSpec> servers, List<String> notes) throws IOException {
        List<String> lines;
        try (var zip = new ZipFile(jar.toFile())) {
            ZipEntry list = zip.getEntry(PEERS_LIST);
            if (list == null) {
                notes.add(PEERS_JAR + " lists no peers (no " + PEERS_LIST + " in it; an old build?): peers left out.");
                return;
            }
            try (var in = zip.getInputStream(list)) {
                lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
        }
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\|", -1);
            if (fields.length != 4) {
                throw new IOException(PEERS_LIST + " in " + PEERS_JAR + ": not name | main | args | note: " + line);
            }
            String args = fields[2].strip();
            servers.add(new ServerSpec(fields[0].strip(), ServerSpec.Kind.PEER, ServerSpec.allProfiles(),
                    fields[3].strip(), new ServerSpec.Launch.Jvm(List.of("-cp", jar.toString(),
                    PEERS + fields[1].strip()), args.isEmpty() ? List.of() : Arrays.asList(args.split("\\s+")))));
        }
    }

    static Optional<Path> onPath(String program) {
        var dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin")); // nginx lives in sbin, often not on a user's PATH
        for (String dir : dirs) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
