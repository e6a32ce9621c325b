#!/usr/bin/env bash
# System calls per request, per server and request shape, counted with strace or perf.
#
#   flock /tmp/httpcourse-load.lock ./bench/syscalls.sh                  # every default server
#   flock /tmp/httpcourse-load.lock ./bench/syscalls.sh --servers=stage02-nio-selector,stage04-io-uring
#   ./bench/syscalls.sh --help
#
# What it does, for each server and each shape:
#   1. starts the server from its jar with the command `./bench/run.sh --no-build --list` prints
#      (the toolchain's java, --enable-native-access=ALL-UNNAMED, a free port on 127.0.0.1);
#   2. warms it up with wrk (not counted), so the JIT has compiled the hot path;
#   3. attaches `strace -c -f -p PID` (or `perf stat`, see --tool below) to every thread of the
#      JVM, runs wrk for a fixed time, detaches, and divides each call count by the number of
#      responses wrk reports.
# Shapes: baseline = `GET /baseline11?a=13&b=42`, one request in flight per connection;
#         pipelined = `GET /pipeline`, 16 requests in flight per connection (a wrk Lua script);
#         limited-conn = baseline, but every tenth request says `Connection: close`, so wrk reconnects:
#         about ten requests per connection, as the driver's limited-conn profile (a wrk Lua script).
# --eventfd (strace only) adds, per server and shape, a second window traced call by call
# (`strace -f -y -e trace=read,write`), and counts the writes and reads on eventfd descriptors, which
# are an event loop's wake-ups (a selector's wakeup() writes one, the woken select reads it back),
# apart from the reads and writes of the requests: `strace -c` counts both under read and write.
# That window runs slower still than a counted one; read its figures as shares, not rates.
#
# What is counted: every system call of every thread of the server's JVM while the load ran, so
# the JVM's own threads (GC, JIT compiler, the periodic VM thread) show up too, mostly as futex,
# and so do the idle wake-ups before wrk starts. The tables therefore split the calls into
#   I/O calls: read, write, readv, writev, sendto, recvfrom, sendmsg, recvmsg, epoll_* (epoll_wait,
#              epoll_pwait, epoll_pwait2 in one column), io_uring_enter, accept/accept4, close,
#              shutdown, poll/ppoll -- the calls the request path makes;
#   futex:     thread parking and waking (virtual-thread hand-offs, but also the JVM's background);
#   other:     everything else (clock_gettime is in the vDSO and not a system call at all).
# strace stops the traced thread at every call, so the server runs far slower than usual; io_uring
# loops batch more completions per io_uring_enter when they are slowed down, so read the stage 04
# and netty-io_uring figures as what the design makes possible at this load, not as a constant.
# --tool=perf counts with `perf stat` on the kernel's syscall tracepoints instead: no stop per call,
# so the server runs near its normal speed (perf stat -p follows the threads that exist when it
# attaches; the servers start theirs before the warm-up). It needs perf and tracefs (root, or a low
# kernel.perf_event_paranoid); "other" is then every call minus the ones listed.
#
# Output: bench/results/<hostname>/syscalls.md and syscalls.adoc (a table each, with the command
# and settings), and the raw counts in bench/results/<hostname>/syscalls-raw/; with --tool=perf,
# syscalls-perf.md, syscalls-perf.adoc and syscalls-perf-raw/.
# Needs: strace (or perf), wrk, python3 (a free port), and the jars: build them first with
#   ./mvnw -q -B package -DskipTests -pl stage01-blocking,stage02-nio-selector,stage03-reuseport-workers,stage04-io-uring,stage05-zero-copy-parser,bench/peers,bench/load -am
# It is a load test: run it under the machine-wide lock, as above. Traffic goes to 127.0.0.1 only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

servers="stage01-virtual,stage02-nio-selector,stage03-reuseport,stage04-io-uring,stage05-zero-copy-parser,netty-epoll,netty-io_uring"
shapes="baseline,pipelined"
connections=16
warmup=3
duration=3
out="bench/results/$(hostname)"
tool=strace
eventfd=""

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
    cat <<EOF
Options (defaults in brackets):
  --servers=A,B,...   servers to measure, names as in ./bench/run.sh --no-build --list [$servers]
  --shapes=A,B        baseline, pipelined and/or limited-conn [$shapes]
  --connections=N     wrk connections, one wrk thread [$connections]
  --warmup=SECONDS    load before the counter attaches, not counted [$warmup]
  --duration=SECONDS  load while the counter counts [$duration]
  --out=DIR           where the tables go [$out]
  --tool=strace|perf  what counts the calls [$tool]
  --eventfd           also count eventfd writes and reads (wake-ups) in a traced window (strace only)
  --help              this text
EOF
}

for arg in "$@"; do
    case "$arg" in
        --servers=*) servers="${arg#*=}" ;;
        --shapes=*) shapes="${arg#*=}" ;;
        --connections=*) connections="${arg#*=}" ;;
        --warmup=*) warmup="${arg#*=}" ;;
        --duration=*) duration="${arg#*=}" ;;
        --out=*) out="${arg#*=}" ;;
        --tool=*) tool="${arg#*=}" ;;
        --eventfd) eventfd=1 ;;
        --help|-h) usage; exit 0 ;;
        *) echo "syscalls.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
    esac
done
for n in "$connections" "$warmup" "$duration"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "syscalls.sh: '$n' is not a positive whole number" >&2; exit 2; }
done
[[ "$tool" == strace || "$tool" == perf ]] || { echo "syscalls.sh: --tool is strace or perf, not '$tool'" >&2; exit 2; }
[[ -z "$eventfd" || "$tool" == strace ]] || { echo "syscalls.sh: --eventfd needs --tool=strace" >&2; exit 2; }
for needed in "$tool" wrk python3; do
    command -v "$needed" >/dev/null || { echo "syscalls.sh: $needed is not installed" >&2; exit 1; }
done
base="syscalls"
[[ "$tool" == perf ]] && base="syscalls-perf"
# The calls perf counts one by one (raw_syscalls:sys_enter counts them all).
perf_calls="read write readv writev sendto recvfrom sendmsg recvmsg epoll_wait epoll_pwait epoll_pwait2 epoll_ctl io_uring_enter accept accept4 close shutdown poll ppoll futex"

java_home="$(sed -n 's/^ *java\.home = //p' bench/load/target/java-home.txt 2>/dev/null | head -n 1)"
if [[ -z "$java_home" || ! -x "$java_home/bin/java" ]]; then
    echo "syscalls.sh: no toolchain JDK recorded in bench/load/target/java-home.txt; build first (see --help)" >&2
    exit 1
fi
java="$java_home/bin/java"

# The launch commands, exactly as the load driver discovers them.
listing="$(./bench/run.sh --no-build --list)"

work="$(mktemp -d /tmp/syscalls.XXXXXX)"
server_pid=""
counter_pid=""
cleanup() {
    [[ -n "$counter_pid" ]] && kill -INT "$counter_pid" 2>/dev/null || true
    [[ -n "$server_pid" ]] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/pipeline.lua" <<'EOF'
-- 16 requests written at once on each connection; wrk counts each response.
init = function(args)
    local r = {}
    for i = 1, 16 do r[i] = wrk.format("GET", "/pipeline") end
    req = table.concat(r)
end
request = function() return req end
EOF

cat > "$work/limited-conn.lua" <<'EOF'
-- Baseline requests; every tenth says Connection: close, the server closes, and wrk reconnects.
local n = 0
request = function()
    n = n + 1
    if n % 10 == 0 then
        return wrk.format("GET", "/baseline11?a=13&b=42", { ["Connection"] = "close" })
    end
    return wrk.format("GET", "/baseline11?a=13&b=42")
end
EOF

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_server() { # name port
    local line cmd
    line="$(awk -v n="$1" '$1 == n' <<< "$listing")"
    [[ -n "$line" ]] || { echo "syscalls.sh: no server named '$1' in ./bench/run.sh --no-build --list" >&2; return 1; }
    # "NAME KIND java ARGS... --port P ..." -> the toolchain java, native access, the chosen port.
    cmd="$(awk '{ $1 = ""; $2 = ""; print }' <<< "$line" | sed -e 's/^ *java /JAVA /' -e "s/--port P/--port $2/")"
    read -r -a argv <<< "$cmd"
    argv[0]="$java"
    "${argv[0]}" --enable-native-access=ALL-UNNAMED "${argv[@]:1}" > "$work/$1.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 300); do
        grep -q "ready on port $2" "$work/$1.log" && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "syscalls.sh: $1 did not start; its output:" >&2
    cat "$work/$1.log" >&2
    return 1
}

stop_server() {
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

run_wrk() { # shape port seconds -> wrk output
    if [[ "$1" == baseline ]]; then
        wrk -c "$connections" -t 1 -d "$3s" "http://127.0.0.1:$2/baseline11?a=13&b=42"
    elif [[ "$1" == limited-conn ]]; then
        wrk -c "$connections" -t 1 -d "$3s" -s "$work/limited-conn.lua" "http://127.0.0.1:$2/baseline11?a=13&b=42"
    else
        wrk -c "$connections" -t 1 -d "$3s" -s "$work/pipeline.lua" "http://127.0.0.1:$2/pipeline"
    fi
}

mkdir -p "$out/$base-raw"
rows="$work/rows.tsv"
: > "$rows"

IFS=, read -r -a server_list <<< "$servers"
IFS=, read -r -a shape_list <<< "$shapes"
for name in "${server_list[@]}"; do
    port="$(free_port)"
    echo "== $name on port $port" >&2
    start_server "$name" "$port"
    for shape in "${shape_list[@]}"; do
        [[ "$shape" == baseline || "$shape" == pipelined || "$shape" == limited-conn ]] \
            || { echo "syscalls.sh: unknown shape '$shape'" >&2; exit 2; }
        run_wrk "$shape" "$port" "$warmup" > /dev/null
        raw="$out/$base-raw/$name-$shape.txt"
        if [[ "$tool" == strace ]]; then
            strace -c -f -p "$server_pid" -o "$work/count.out" 2> "$work/count.err" &
        else
            events="raw_syscalls:sys_enter"
            for c in $perf_calls; do events="$events,syscalls:sys_enter_$c"; done
            perf stat -x, -e "$events" -p "$server_pid" -o "$work/count.out" 2> "$work/count.err" &
        fi
        counter_pid=$!
        sleep 1 # the counter attaches to every thread before the load starts
        if [[ "$tool" == strace ]]; then
            # strace says "Process N attached with T threads" (or one line per thread, or nothing for one thread).
            threads="$(sed -n 's/.*attached with \([0-9]*\) threads.*/\1/p' "$work/count.err" | head -n 1)"
            [[ -n "$threads" ]] || threads="$(grep -c 'attached' "$work/count.err" || true)"
        else
            threads="$(ls "/proc/$server_pid/task" | wc -l)"
        fi
        run_wrk "$shape" "$port" "$duration" > "$work/wrk.out"
        kill -INT "$counter_pid"
        wait "$counter_pid" || true
        counter_pid=""
        requests="$(awk '/requests in/ { print $1 }' "$work/wrk.out")"
        errors="$(awk '/Non-2xx|Socket errors/' "$work/wrk.out" | tr '\n' ' ')"
        { echo "# $name, $shape: $requests responses in ${duration}s, $connections connections, $threads threads attached ${errors:+($errors)}"
          cat "$work/wrk.out"; echo; cat "$work/count.err" "$work/count.out"; } > "$raw"
        # One "syscall calls" line each; TOTAL (perf only) counts every call, listed or not.
        if [[ "$tool" == strace ]]; then
            # strace -c lines: % time, seconds, usecs/call, calls, [errors,] syscall.
            awk '$1 ~ /^[0-9.]+$/ && NF >= 5 && $NF != "total" { print $NF, $4 }' "$work/count.out" > "$work/calls"
        else
            # perf stat -x, lines: count,unit,event,...; "<not counted>" is 0.
            awk -F, '$3 ~ /sys_enter/ { n = ($1 ~ /^[0-9]+$/) ? $1 : 0; e = $3
                sub(/^raw_syscalls:sys_enter$/, "TOTAL", e); sub(/^syscalls:sys_enter_/, "", e); print e, n }' \
                "$work/count.out" > "$work/calls"
        fi
        awk -v server="$name" -v shape="$shape" -v requests="$requests" -v threads="$threads" '
            $1 == "TOTAL" { everything = $2; next }
            {
                calls = $2; name = $1
                total += calls
                if (name == "read" || name == "write" || name == "sendto" || name == "recvfrom" || name == "io_uring_enter" || name == "epoll_ctl" || name == "futex") c[name] += calls
                else if (name ~ /^epoll_(p)?wait2?$/) c["epoll_wait"] += calls
                else if (name ~ /^(readv|writev|sendmsg|recvmsg|accept4?|close|shutdown|p?poll)$/) c["otherio"] += calls
                else c["other"] += calls
            }
            END {
                if (everything > 0) { c["other"] += everything - total; total = everything }
                io = c["read"] + c["write"] + c["sendto"] + c["recvfrom"] + c["epoll_wait"] + c["epoll_ctl"] + c["io_uring_enter"] + c["otherio"]
                printf "%s\t%s\t%d\t%d\t%.3f\t%.3f", server, shape, requests, threads, total / requests, io / requests
                split("read write sendto recvfrom epoll_wait epoll_ctl io_uring_enter otherio futex other", k, " ")
                for (i = 1; i <= 10; i++) printf "\t%.3f", c[k[i]] / requests
                printf "\n"
            }' "$work/calls" >> "$rows"
        tail -n 1 "$rows" >&2
        if [[ -n "$eventfd" ]]; then
            # every read and write, with what each descriptor is (-y): the eventfd ones are wake-ups
            strace -f -y -e trace=read,write -p "$server_pid" -o "$work/fds.out" 2> /dev/null &
            counter_pid=$!
            sleep 1
            run_wrk "$shape" "$port" "$duration" > "$work/wrk-fds.out"
            kill -INT "$counter_pid"
            wait "$counter_pid" || true
            counter_pid=""
            traced="$(awk '/requests in/ { print $1 }' "$work/wrk-fds.out")"
            ewrites="$(grep -c 'write([0-9]*<anon_inode:\[eventfd\]>' "$work/fds.out" || true)"
            ereads="$(grep -c 'read([0-9]*<anon_inode:\[eventfd\]>' "$work/fds.out" || true)"
            awk -v server="$name" -v shape="$shape" -v r="$traced" -v w="$ewrites" -v d="$ereads" \
                'BEGIN { printf "%s\t%s\t%d\t%d\t%d\t%.4f\t%.4f\n", server, shape, r, w, d, w / r, d / r }' \
                >> "$work/eventfd.tsv"
            { echo; echo "# eventfd, traced window: $traced responses, $ewrites eventfd writes, $ereads eventfd reads"
              cat "$work/wrk-fds.out"; } >> "$raw"
            tail -n 1 "$work/eventfd.tsv" >&2
        fi
    done
    stop_server
done

# The tables. Columns: per response, every thread of the server.
command="flock /tmp/httpcourse-load.lock ./bench/syscalls.sh --tool=$tool --servers=$servers --shapes=$shapes --connections=$connections --warmup=$warmup --duration=$duration${eventfd:+ --eventfd}"
if [[ "$tool" == strace ]]; then
    counter="strace $(strace -V | awk 'NR == 1 { print $4 }')"
    counted_by="strace -c -f -p PID"
else
    counter="$(perf --version)"
    counted_by="perf stat -e raw_syscalls:sys_enter,syscalls:sys_enter_... -p PID"
fi
settings="Kernel $(uname -r), $(nproc) cores, $counter, wrk with 1 thread and $connections connections, ${warmup} s warm-up, then ${duration} s counted; commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo +dirty), $(date -u +%Y-%m-%dT%H:%MZ)."
legend="System calls per response, over every thread of the server's JVM ($counted_by). I/O = read, write, sendto, recvfrom, epoll_wait/epoll_pwait, epoll_ctl, io_uring_enter and the rarer I/O calls (readv, writev, sendmsg, recvmsg, accept, close, shutdown, poll) in 'other I/O'. futex and 'other' (mprotect, madvise, sched_yield, ...) are mostly the JVM's own threads: GC, JIT, the VM thread."
header=(server shape responses threads total "I/O" read write sendto recvfrom "epoll_wait" "epoll_ctl" "io_uring_enter" "other I/O" futex other)
{
    echo "# System calls per request, counted by $tool"
    echo
    echo "$legend"
    echo
    echo "Command: \`$command\`"
    echo
    echo "$settings"
    echo
    (IFS='|'; echo "|${header[*]}|")
    printf '|'; for _ in "${header[@]}"; do printf -- '---|'; done; echo
    while IFS=$'\t' read -r -a f; do (IFS='|'; echo "|${f[*]}|"); done < "$rows"
    if [[ -n "$eventfd" ]]; then
        echo
        echo "Wake-ups, from a second window traced call by call (strace -f -y -e trace=read,write): writes and reads on eventfd descriptors, per response of that window."
        echo
        echo "|server|shape|responses|eventfd writes|eventfd reads|writes per response|reads per response|"
        echo "|---|---|---|---|---|---|---|"
        while IFS=$'\t' read -r -a f; do (IFS='|'; echo "|${f[*]}|"); done < "$work/eventfd.tsv"
    fi
} > "$out/$base.md"
{
    echo "// Generated by bench/syscalls.sh: do not edit; rerun it."
    echo "[#$base-table%autowidth,cols=\"2*<,14*>\",options=header]"
    echo ".System calls per request, counted by $tool ($(hostname), $(date -u +%Y-%m-%d))"
    echo "|==="
    (IFS=' '; for h in "${header[@]}"; do printf '|%s ' "$h"; done; echo)
    while IFS=$'\t' read -r -a f; do
        printf '|%s ' "${f[@]}"; echo
    done < "$rows"
    echo "|==="
    echo
    echo "$legend"
    echo "Command: \`$command\`."
    echo "$settings"
} > "$out/$base.adoc"
echo "wrote $out/$base.md and $out/$base.adoc" >&2
cat "$out/$base.md"
