#!/bin/sh
# fuzz.sh SECONDS TARGET... -- builds each libFuzzer target fuzz/fuzz_TARGET.c with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer against every library source (src/*/*.c, not the
# CLI), and runs it for SECONDS seconds on a working corpus seeded from fuzz/corpus and from the
# reproducers in fuzz/regressions.
#
# Prints one line per target and a final "N passed, N failed" line; exits non-zero when any
# target failed to build or its run found a crash, leak, timeout, out-of-memory or sanitizer
# report. libFuzzer's log and any reproducer it wrote are kept under build/fuzz/.
#
# Environment: CLANG (default clang), FUZZ_FLAGS (extra libFuzzer flags, e.g. -seed=1),
# FUZZ_TIMEOUT (seconds one input may take before it counts as a hang; default 10),
# FUZZ_CFLAGS (extra flags for the targets' own sources, e.g. -DNDEBUG).
#
#   scripts/fuzz.sh 30 agreement format      # what `make fuzz FUZZ_SECONDS=30` runs
set -eu

usage() {
  echo "usage: scripts/fuzz.sh SECONDS TARGET...   (targets: the names after fuzz/fuzz_, e.g. agreement format)" >&2
  exit 2
}

[ $# -ge 2 ] || usage
seconds=$1
shift
case $seconds in '' | *[!0-9]*) usage ;; esac

script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/.."

CLANG=${CLANG:-clang}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-10}
FUZZ_FLAGS=${FUZZ_FLAGS:-}
FUZZ_CFLAGS=${FUZZ_CFLAGS:-}
out=build/fuzz
mkdir -p "$out"

if ! command -v "$CLANG" >/dev/null 2>&1; then
  echo "fuzz.sh: $CLANG not found (scripts/deps.sh installs clang and libclang-rt-14-dev)" >&2
  exit 2
fi

# PACT_DEBUG: an invariant that does not hold stops the run (src/base/invariant.h), a crash found.
CFLAGS="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -DPACT_DEBUG -Iinclude -Isrc"

# The library sources (src/*/*.c and src/*/*/*.c; the CLI in src/cli is left out), compiled into
# build/fuzz/lib with the same flags (at compile time -fsanitize=fuzzer only adds coverage
# instrumentation) and recompiled when a source, a header or this script is newer than the
# object. An object is named by its source's path under src/ (engine_decide_index.o), so that
# files of the same name in two folders do not share one.
mkdir -p "$out/lib"
lib_objs=""
for src in src/*/*.c src/*/*/*.c; do
  [ -f "$src" ] || continue
  case $src in src/cli/*) continue ;; esac
  obj=${src#src/}
  obj="$out/lib/$(printf '%s' "${obj%.c}" | tr '/' '_').o"
  if [ ! -f "$obj" ] || [ -n "$(find "$src" "$script" -newer "$obj")" ] ||
     [ -n "$(find include src -name '*.h' -newer "$obj")" ]; then
    # shellcheck disable=SC2086
    if ! $CLANG $CFLAGS -c "$src" -o "$obj"; then
      echo "fuzz.sh: failed to compile $src" >&2
      exit 1
    fi
  fi
  lib_objs="$lib_objs $obj"
done

# The libraries the library links against (SQLite, for the ledger).
LIBS=$(pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3)

passed=0
failed=0

for target in "$@"; do
  name=fuzz_$target
  src=fuzz/$name.c
  bin=$out/$name
  log=$out/$name.log
  corpus=$out/corpus-$target
  artifacts=$out/artifacts-$target/
  if [ ! -f "$src" ]; then
    echo "$name: FAILED (no such target: $src)"
    failed=$((failed + 1))
    continue
  fi

  # shellcheck disable=SC2086
  if ! $CLANG $CFLAGS $FUZZ_CFLAGS "$src" $lib_objs -o "$bin" $LIBS 2>"$out/$name.build.log"; then
    cat "$out/$name.build.log" >&2
    echo "$name: FAILED (build; see $out/$name.build.log)"
    failed=$((failed + 1))
    continue
  fi

  mkdir -p "$corpus" "$artifacts"
  # Seed the working corpus with the seeds and every reproducer of a bug found before (so a
  # bug that comes back fails the run at start-up); files from earlier runs are kept.
  # Event-file targets (events_*) start from event files, decide_* from batch query lines; the
  # others from agreement files.
  case $target in
    events_*) seeds="fuzz/corpus-events/*" ;;
    decide_*) seeds="fuzz/corpus-decide/*" ;;
    pacttest) seeds="fuzz/corpus-pacttest/*" ;;
    settle | rights) seeds="fuzz/corpus-settle/*" ;;
    *) seeds="fuzz/corpus/* fuzz/regressions/*.pact" ;;
  esac
  for seed in $seeds; do
    if [ -f "$seed" ]; then cp -p "$seed" "$corpus/"; fi
  done
  dict=""
  case $target in
    events_* | decide_* | settle | rights) ;;
    *) [ -f fuzz/pact.dict ] && dict="-dict=fuzz/pact.dict" ;;
  esac

  echo "$name: fuzzing for ${seconds}s (log: $log)" >&2
  rc=0
  # shellcheck disable=SC2086
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:symbolize=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}" \
    "$bin" -max_total_time="$seconds" -max_len=65536 -timeout="$FUZZ_TIMEOUT" -rss_limit_mb=2048 \
      -detect_leaks=1 -print_final_stats=1 $dict -artifact_prefix="$artifacts" \
      $FUZZ_FLAGS "$corpus" >"$log" 2>&1 || rc=$?

  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1)
  units=$(find "$corpus" -type f | wc -l | tr -d ' ')
  found=$(grep -E -m 1 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY: ' "$log" || true)
  artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
  if [ "$rc" -eq 0 ] && [ -z "$found" ]; then
    echo "$name: ok (${seconds}s, ${execs:-?} runs, ${cov:-cov: ?}, corpus $units)"
    passed=$((passed + 1))
  else
    echo "$name: FAILED (exit $rc${found:+: $found}${artifact:+; reproducer $artifact}; log $log)"
    failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
