#!/usr/bin/env bash
# Bytes allocated per request under load, per server and profile, counted by JFR in the server
# (jdk.ThreadAllocationStatistics around an exact number of requests). Builds like run.sh (same
# first option: --no-build), then runs AllocationPerRequest; writes bench/results/<hostname>/alloc.{md,adoc}.
#
#   ./bench/alloc.sh          # stages 01 (virtual threads), 02, 03 (reuseport), 04 and 05
#   ./bench/alloc.sh --help
set -euo pipefail
BENCH_MAIN=dev.httpcourse.bench.load.AllocationPerRequest exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" "$@"
