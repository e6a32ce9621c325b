#!/usr/bin/env bash
# Holds N idle keep-alive connections to a server on 127.0.0.1 until Ctrl-C or --duration, and says
# how many are open: for the exercises at 4,096 connections. Runs IdleConnections from the driver's
# jar, building bench/load first only when that jar is missing (--no-build as the first option skips it).
#
#   bench/idle.sh --connections 4096 --port 8080
#   bench/idle.sh --help
set -euo pipefail
load="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/load/target"
if [[ "${1:-}" != --no-build && -f "$load/bench.jar" && -f "$load/java-home.txt" ]]; then
    set -- --no-build "$@"
fi
BENCH_MAIN=dev.httpcourse.bench.load.IdleConnections BENCH_MODULES=bench/load \
    exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" "$@"
