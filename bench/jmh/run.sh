#!/usr/bin/env bash
# Runs every JMH benchmark of the course with -prof gc and writes
#   bench/results/jmh/jmh.json   JMH's own result file (-rf json), which the report and the book read
#   bench/results/jmh/jmh.md     a Markdown table of it: benchmark, parameters, ns/op, B/op
#   bench/results/jmh/jmh.adoc   the same table in AsciiDoc, which the book includes
#
# Usage: bench/jmh/run.sh [JMH arguments]
#   bench/jmh/run.sh                                  everything, with the settings in the classes
#                                                     (1 fork, 3 warm-up and 3 measured iterations of 1 s)
#   bench/jmh/run.sh Bench01_                         only the parsers (a regular expression over names)
#   bench/jmh/run.sh -f 3 -wi 5 -i 5 -r 2s            longer and steadier, for a quiet machine
#   bench/jmh/run.sh Bench01_ -p requests=browser-chrome-page   one request of the corpus
#   bench/jmh/run.sh -h                               JMH's own options
#
# JMH_BUILD=module builds only bench/jmh, against the modules installed in ~/.m2 (see below).
# JMH_RESULTS=<dir> (absolute, or relative to the repository root) writes the two files elsewhere:
# a trial run should not overwrite the committed ones.
# Nobody sets JAVA_HOME: Maven's toolchain picks the JDK 25 that builds the jar, and the build
# writes that JDK's java.home to target/java-home.txt; JMH forks its benchmark JVMs from the same java.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
results="${JMH_RESULTS:-$root/bench/results/jmh}"
jar="$root/bench/jmh/target/benchmarks.jar"

# Tests are skipped here (compiled, not run: stage 05 needs stage 04's test jar); ./mvnw verify runs them. By default -am builds common and the stages
# from this checkout too, so a fresh clone needs no prior install and the figures are always those
# of the sources in front of you. JMH_BUILD=module builds bench/jmh alone against the modules
# installed in ~/.m2 (faster; and usable while another module of the checkout does not compile).
if [[ "${JMH_BUILD:-all}" == module ]]; then
  echo "== building bench/jmh against the installed modules"
  ./mvnw -q -pl bench/jmh package -Dmaven.test.skip=true
else
  echo "== building bench/jmh and the modules it benchmarks"
  ./mvnw -q -pl bench/jmh -am package -DskipTests
fi

java_home="$(sed -n 's/^ *java\.home = //p' "$root/bench/jmh/target/java-home.txt")"
java="$java_home/bin/java"
if [[ ! -x "$java" ]]; then
  echo "run.sh: no java found at '$java' (see bench/jmh/target/java-home.txt)" >&2
  exit 1
fi
if ! "$java_home/bin/jar" tf "$jar" | grep -qx 'META-INF/BenchmarkList'; then
  echo "run.sh: $jar has no META-INF/BenchmarkList: the JMH annotation processor did not run" >&2
  exit 1
fi

mkdir -p "$results"
# JMH writes its file only at the end of a run; a new file replaces the old only then, so an
# interrupted run, -l or -h leaves the last results alone.
partial="$results/jmh.json.partial"
rm -f "$partial"
echo "== running JMH on $java_home"
"$java" --sun-misc-unsafe-memory-access=allow -jar "$jar" \
  -prof gc -rf json -rff "$partial" "$@"

if [[ ! -s "$partial" ]]; then
  echo "== JMH wrote no results; $results left as it was"
  exit 0
fi
mv "$partial" "$results/jmh.json"
echo "== summary ($results/jmh.md)"
"$java" -cp "$jar" dev.httpcourse.bench.jmh.JmhSummary "$results/jmh.json" "$results/jmh.md" "$results/jmh.adoc"
