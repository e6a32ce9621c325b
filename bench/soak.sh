#!/usr/bin/env bash
# The soak: one server for N minutes (default 10) under the five profiles in turn, with hostile
# clients beside them; every round (30 s) the server's RSS, heap after a full GC, native memory
# (NMT), threads and file descriptors, sampled at rest; at the end a verdict per series, flat or
# growing. Builds like run.sh (same first option: --no-build), then runs Soak; writes
# bench/results/<hostname>/soak-<server>.{md,adoc}. Exit code 1 when a series grows or the
# well-behaved load saw errors. It is a load test: on a shared machine, run it under the load lock.
#
#   ./bench/soak.sh --server stage05-zero-copy-parser      # 10 minutes
#   ./bench/soak.sh --server stage02-nio-selector --minutes 2
#   ./bench/soak.sh --help
set -euo pipefail
BENCH_MAIN=dev.httpcourse.bench.load.Soak exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" "$@"
