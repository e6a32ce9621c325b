#!/usr/bin/env bash
# The load comparison: builds the stages, the peers and the driver, then runs every server under
# every profile and writes the report (bench/results/<hostname>/ unless --out says otherwise).
#
#   ./bench/run.sh                      # the full comparison with default settings
#   ./bench/run.sh --help               # every option, with its default
#   ./bench/run.sh --no-build [options] # skip the Maven build (first argument only)
#
# The driver runs on the JDK that Maven's toolchain selects (JDK 25), asked of Maven rather than
# taken from JAVA_HOME, and starts the JVM servers with that same java.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

build=1
if [[ "${1:-}" == "--no-build" ]]; then
    build=0
    shift
fi
# Asking for help, the list of servers or a re-render changes nothing: no build for those,
# once something has been built to answer them.
for arg in "$@"; do
    case "$arg" in
        -h|--help|--list|--render|--render=*) [[ -f bench/load/target/java-home.txt ]] && build=0 ;;
    esac
done

if (( build )); then
    # Every stage module (so a new one joins without a change here), the peers and the driver,
    # with what they depend on; not the book.
    # BENCH_MODULES narrows it for a tool that needs only the driver's jar (bench/idle.sh).
    modules="${BENCH_MODULES:-}"
    if [[ -z "$modules" ]]; then
        modules="bench/load,bench/peers"
        for pom in stage*/pom.xml; do
            [[ -e "$pom" ]] && modules="$modules,$(dirname "$pom")"
        done
    fi
    echo "Building $modules (tests skipped; ./mvnw verify runs them)..."
    ./mvnw -q -B package -DskipTests -pl "$modules" -am
fi

jar="bench/load/target/bench.jar"
if [[ ! -f "$jar" ]]; then
    echo "run.sh: $jar is missing; run without --no-build" >&2
    exit 1
fi

# Which java the toolchain selected: the build of bench/load wrote its properties beside the jar.
java_home="$(sed -n 's/^ *java\.home = //p' bench/load/target/java-home.txt 2>/dev/null | head -n 1)"
if [[ -z "$java_home" || ! -x "$java_home/bin/java" ]]; then
    echo "run.sh: no toolchain JDK recorded in bench/load/target/java-home.txt; run without --no-build" >&2
    exit 1
fi

# BENCH_MAIN runs another tool of the same jar (bench/loop-stall.sh, bench/alloc.sh, bench/idle.sh set it).
exec "$java_home/bin/java" -Xmx1g -cp "$jar" "${BENCH_MAIN:-dev.httpcourse.bench.load.Main}" "$@"
