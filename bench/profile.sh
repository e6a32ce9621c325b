#!/usr/bin/env bash
# A CPU flame graph of one server under one load profile: the server started and loaded as run.sh
# does, sampled during one window after a warm-up, drawn as a self-contained HTML file. Builds like
# run.sh (same first option: --no-build), then runs FlameGraph.
#
#   ./bench/profile.sh stage05-zero-copy-parser pipelined   # bench/results/<hostname>/flame/stage05-zero-copy-parser-pipelined.html
#   ./bench/profile.sh --no-build native-floor limited-conn --out /tmp/flames
#   ./bench/profile.sh --help                               # options: window, warm-up, connections, interval, engine
#
# JVM servers are sampled by async-profiler (Maven Central, unpacked by bench/load's build), or by
# JFR where it has no library for the machine; the native floor by perf. A load test: take the lock.
set -euo pipefail
BENCH_MAIN=dev.httpcourse.bench.load.FlameGraph exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" "$@"
