#!/bin/sh
# run.sh -- runs every test against each build given (the normal one, the sanitizer one):
# the unit-test programs, the golden diagnostics in tests/check, the command-line tests in
# tests/cli and the scenario tests of tests/pact (pactum test), then (with FUZZ_SECONDS and
# FUZZ_TARGETS set) a short run of each fuzz target.
# The last line is "N passed, N failed". UPDATE=1 rewrites the golden files.
set -u
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Adds the counts of a "N passed, M failed" line; a program that failed without one counts 1.
add_summary() { # label status output-file
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$3" | tail -n 1)
  if [ -n "$line" ]; then
    p=${line%% passed*}
    f=${line#*passed, }
    f=${f%% failed*}
  else
    p=0
    f=1
  fi
  if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$f" -ne 0 ]; then
    echo "FAIL $1" >&2
    sed -n '1,60p' "$3" >&2
  fi
}

for build in "$@"; do
  echo "== $build"
  for t in "$build"/tests/unit/test_* "$build"/tests/api/test_*; do
    [ -x "$t" ] || continue
    "$t" >"$tmp/out" 2>&1
    add_summary "$t" $? "$tmp/out"
  done

  # Golden diagnostics: stderr, then stdout, then the exit status, exactly.
  n_golden=0
  for case in tests/check/*.pact tests/check/*/; do
    [ -e "$case" ] || continue
    case=${case%/}
    expected=${case%.pact}.expected
    "$build/pactum" check "$case" >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    { cat "$tmp/stderr"; echo "--- stdout"; cat "$tmp/stdout"; echo "--- exit $status"; } >"$tmp/actual"
    if [ "${UPDATE:-0}" = 1 ]; then cp "$tmp/actual" "$expected"; fi
    if [ -f "$expected" ] && cmp -s "$tmp/actual" "$expected"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "FAIL golden $case" >&2
      diff -u "$expected" "$tmp/actual" 2>&1 | sed -n '1,40p' >&2
    fi
    n_golden=$((n_golden + 1))
  done

  for script in tests/cli/test_*.sh; do
    [ -f "$script" ] || continue
    # The crash test kills 20 imports in the plain build; 5 suffice under the sanitizers.
    kills=20
    case $build in *asan*) kills=5 ;; esac
    CRASH_KILLS=$kills PACTUM="$build/pactum" TMPDIR="$tmp" sh "$script" >"$tmp/out" 2>&1
    add_summary "$script" $? "$tmp/out"
  done

  # The scenario tests (tests/pact, docs/testing.md): every expectation counts one.
  "$build/pactum" test tests/pact >"$tmp/out" 2>&1
  add_summary "pactum test tests/pact" $? "$tmp/out"
done

# The layers of the library (docs/architecture.md): no include upward, no cycle of modules.
python3 tests/check_layers.py >"$tmp/out" 2>&1
add_summary "tests/check_layers.py" $? "$tmp/out"

# A short run of every fuzz target (each counts as one test); FUZZ_SECONDS=0 skips it.
if [ "${FUZZ_SECONDS:-0}" -gt 0 ] && [ -n "${FUZZ_TARGETS:-}" ]; then
  echo "== fuzzing, $FUZZ_SECONDS s per target"
  # shellcheck disable=SC2086
  scripts/fuzz.sh "$FUZZ_SECONDS" $FUZZ_TARGETS >"$tmp/out" 2>&1
  add_summary "scripts/fuzz.sh" $? "$tmp/out"
  grep -v -E '^[0-9]+ passed' "$tmp/out" | tail -n 8
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
