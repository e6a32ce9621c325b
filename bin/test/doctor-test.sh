#!/usr/bin/env bash
# Tests bin/doctor on the machine that runs the build, in the situations a fresh machine is in:
# a user with nothing downloaded, and an empty Maven cache. Run by ./mvnw verify (the root
# project's test phase) and by hand: bin/test/doctor-test.sh. Prints one line per failed check.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failed=0

check() { # description, then a command that must succeed
    local what="$1"; shift
    if ! "$@"; then
        echo "doctor-test: FAILED: $what" >&2
        failed=$((failed + 1))
    fi
}

# doctor [NAME=value...] [-- option...]: runs bin/doctor so; sets out, err and code.
doctor() {
    local vars=()
    while (( $# )) && [[ "$1" != -- ]]; do vars+=("$1"); shift; done
    (( $# )) && shift
    env ${vars[@]+"${vars[@]}"} bin/doctor "$@" >"$scratch/out" 2>"$scratch/err" # (bash 3.2: no empty "${a[@]}" under set -u)
    code=$?
    out="$(cat "$scratch/out")" err="$(cat "$scratch/err")"
}

# What every run must keep: a header, the two groups, item lines only, and an exit code that
# says whether a FAIL line was printed.
well_formed() {
    local fails
    fails="$(grep -c '^  FAIL  ' <<<"$out")"
    grep -q '^Required$' <<<"$out" && grep -q '^Optional' <<<"$out" \
        && ! grep -vqE '^(bin/doctor: |Required$|Optional |  (OK  |FAIL|WARN)  [^ ]|Ready: |Not ready: )' <<<"$out" \
        && { (( fails == 0 && code == 0 )) || (( fails > 0 && code == 1 )); }
}
has() { grep -qE "$1" <<<"$out"; }

doctor -- --help
check "--help prints a usage" has '^Usage: bin/doctor'
check "--help exits 0" test "$code" = 0

doctor -- --frobnicate
check "a bad option exits 2" test "$code" = 2
check "a bad option is one line on stderr" test "$(wc -l <<<"$err")" = 1
check "a bad option names itself" grep -q "unknown option '--frobnicate'" <<<"$err"

# A user who has downloaded nothing: no Maven, so no Maven cache either; and the check must not
# download Maven to find out.
mkdir -p "$scratch/home"
doctor HOME="$scratch/home" MAVEN_USER_HOME= JAVA25_HOME= MAVEN_ARGS=
check "fresh user: well formed" well_formed
check "fresh user: exit 1" test "$code" = 1
check "fresh user: the wrapper's Maven is missing" has '^  FAIL  Maven \(wrapper\) +3\.9\.[0-9]+ is not downloaded yet: run ./mvnw verify once while online$'
check "fresh user: the Maven cache is not ready" has '^  FAIL  Maven cache '
check "fresh user: nothing downloaded" test ! -e "$scratch/home/.m2"

# An empty local repository: Maven is there, nothing it needs is, and offline it cannot get it.
doctor MAVEN_ARGS="-Dmaven.repo.local=$scratch/repo"
check "empty cache: well formed" well_formed
check "empty cache: exit 1" test "$code" = 1
check "empty cache: names a missing artifact" has '^  FAIL  Maven cache +not ready offline: [^ ]+:[^ ]+ \(and maybe more\) is not cached; run ./mvnw verify once while online$'
check "empty cache: nothing downloaded" test -z "$(find "$scratch/repo" -name '*.jar' 2>/dev/null)"

# This machine, as it is: whatever it lacks, the lines and the exit code agree.
doctor
check "this machine: well formed" well_formed
every_required_item() {
    local name
    for name in 'JDK 25' 'Maven \(wrapper\)' 'Maven cache' built io_uring 'open files'; do
        has "^  (OK  |FAIL)  $name " || return 1
    done
}
check "this machine: every required item has a line" every_required_item

if (( failed > 0 )); then
    echo "doctor-test: $failed checks failed; bin/doctor printed:" >&2
    echo "$out" >&2
    exit 1
fi
echo "doctor-test: all checks passed"
