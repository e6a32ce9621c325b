#!/usr/bin/env bash
# The loop-stall measurement of chapters 2 and 3: the p99 of /pipeline alone and beside clients of
# /json/50, per server. Builds like run.sh (same options: --no-build first), then runs LoopStall.
#
#   ./bench/loop-stall.sh               # stage01-virtual, stage02-nio-selector, stage03-reuseport
#   ./bench/loop-stall.sh --help
set -euo pipefail
BENCH_MAIN=dev.httpcourse.bench.load.LoopStall exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" "$@"
