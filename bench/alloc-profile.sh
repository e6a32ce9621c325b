#!/usr/bin/env bash
# Where a server allocates under load: JFR's allocation samples (jdk.ObjectAllocationSample), each
# weighted by the bytes its thread allocated since its previous sample, summed by class and by site.
# bench/alloc.sh says how many bytes a request costs; this says which code allocates them.
#
#   flock /tmp/httpcourse-load.lock ./bench/alloc-profile.sh     # stage04-io-uring: baseline, pipelined, json
#   flock /tmp/httpcourse-load.lock ./bench/alloc-profile.sh --server=stage02-nio-selector --profiles=baseline
#   options: --server=NAME --profiles=A,B --duration=20s --jvm-args="EXTRA SERVER JVM OPTIONS" --out=FILE
#
# For each profile: the driver (./bench/run.sh --no-build, so build first) runs the server alone for
# one window, with a JFR recording started in the server after the warm-up (allocation-profiling=high,
# 1,000 samples a second at most; the JVM samples when a thread takes a new TLAB). A thread's first
# sample is dropped: its weight is everything the thread allocated before the recording began.
# A site is the first frame of the project's code (dev.httpcourse) on the sample's stack, with the
# frame that allocated; bytes per request are the sampled bytes over the window's requests.
# Output: bench/results/<hostname>/<server>-allocation-profile.txt, or --out=FILE. A load test: take the lock.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

server=stage04-io-uring profiles=baseline,pipelined,json warmup=10 duration=20 top=25 out="" jvm_args=""
for arg in "$@"; do
    case "$arg" in
        --server=*) server="${arg#*=}" ;;
        --profiles=*) profiles="${arg#*=}" ;;
        --duration=*) duration="${arg#*=}"; duration="${duration%s}" ;;
        --out=*) out="${arg#*=}" ;;
        --jvm-args=*) jvm_args="${arg#*=} " ;;
        -h|--help) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "alloc-profile: unknown option '$arg' (see --help)" >&2; exit 2 ;;
    esac
done
java_home="$(sed -n 's/^ *java\.home = //p' bench/load/target/java-home.txt 2>/dev/null | head -n 1)"
[[ -x "$java_home/bin/jfr" ]] || { echo "alloc-profile: no JDK recorded by the build of bench/load; build it first" >&2; exit 1; }
out="${out:-bench/results/$(hostname)/$server-allocation-profile.txt}"
work="$(mktemp -d /tmp/alloc-profile.XXXXXX)"

{
    echo "# $0 $*"
    echo "# per profile: ./bench/run.sh --no-build --servers $server --profiles P --warmup ${warmup}s --duration ${duration}s --repetitions 1"
    echo "#   --server-jvm-args \"$jvm_args-XX:StartFlightRecording:delay=$((warmup + 2))s,allocation-profiling=high,dumponexit=true,filename=P.jfr\""
    echo "# then: jfr print --json --stack-depth 64 --events jdk.ObjectAllocationSample P.jfr, summed as below"
    echo "# $("$java_home/bin/java" -version 2>&1 | sed -n 2p); $(uname -sr); $(nproc) CPUs"
    echo "# A sample stands for a whole TLAB (about 2 MiB here). Where every request allocates the same bytes in the"
    echo "# same order (pipelined), the refills can lock onto one allocation: trust a varied profile's sites (baseline, json)."
} > "$work/report.txt"
for profile in ${profiles//,/ }; do
    # The delay counts from the JVM's start: start-up (1 to 4 s here) plus most of the warm-up.
    ./bench/run.sh --no-build --servers "$server" --profiles "$profile" --warmup "${warmup}s" \
        --duration "${duration}s" --repetitions 1 --out "$work/$profile" \
        --server-jvm-args "$jvm_args-XX:StartFlightRecording:delay=$((warmup + 2))s,allocation-profiling=high,dumponexit=true,filename=$work/$profile.jfr" \
        > "$work/$profile.log"
    "$java_home/bin/jfr" print --json --stack-depth 64 --events jdk.ObjectAllocationSample "$work/$profile.jfr" \
        > "$work/$profile.json"
    python3 - "$work/$profile.json" "$work/$profile/report.json" "$profile" "$top" >> "$work/report.txt" <<'PY'
import json, sys
from collections import Counter
samples, report, profile, top = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
run = json.load(open(report))["runs"][0]
events = sorted(json.load(open(samples))["recording"]["events"], key=lambda e: e["values"]["startTime"])
name = lambda f: f["method"]["type"]["name"].replace("/", ".").split(".")[-1] + "." + f["method"]["name"]
seen, by_class, by_site, total, n = set(), Counter(), Counter(), 0, 0
for e in events:
    v = e["values"]
    thread = v["eventThread"]["javaThreadId"]
    if thread not in seen:  # its weight reaches back before the recording
        seen.add(thread)
        continue
    frames = v["stackTrace"]["frames"] if v["stackTrace"] else []
    own = next((f for f in frames if f["method"]["type"]["name"].startswith("dev/httpcourse/")), None)
    site = "(no project frame)" if own is None else name(own) + ":" + str(own["lineNumber"])
    if frames and frames[0] is not own:
        site += "  <- " + name(frames[0])
    cls = v["objectClass"]["name"].replace("/", ".")
    cls = {"[B": "byte[]", "[C": "char[]", "[I": "int[]", "[J": "long[]"}.get(cls, cls)
    cls = cls[2:-1] + "[]" if cls.startswith("[L") else cls
    by_class[cls] += v["weight"]; by_site[(site, cls)] += v["weight"]; total += v["weight"]; n += 1
print(f"\n## {profile}: {run['requests']:,} requests in {run['seconds']:.0f} s ({run['requestsPerSecond']:,.0f}/s), "
      f"{n:,} samples, {total / 2**20:,.0f} MiB sampled, about {total / run['requests']:,.0f} bytes per request")
print(f"\n{'bytes/req':>9} {'share':>6}  class")
for cls, w in by_class.most_common(10):
    print(f"{w / run['requests']:9,.0f} {100 * w / total:5.1f}%  {cls}")
print(f"\n{'bytes/req':>9} {'share':>6}  site (first frame of dev.httpcourse <- frame that allocated)  class")
for (site, cls), w in by_site.most_common(top):
    print(f"{w / run['requests']:9,.0f} {100 * w / total:5.1f}%  {site}  {cls}")
PY
done
mkdir -p "$(dirname "$out")"
cp "$work/report.txt" "$out"
cat "$out"
echo "Written: $out; recordings and logs: $work"
