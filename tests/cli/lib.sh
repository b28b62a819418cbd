# lib.sh -- assertions for the command-line tests; each test script ends with `finish`.
# PACTUM names the program under test; TMPDIR a scratch folder of the run's own.
PASS=0
FAIL=0
# A fresh folder for each script and each build, so that no run sees another's files.
TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/cli.XXXXXX")
AGREEMENT=agreements/microsoft-openai

pass() { PASS=$((PASS + 1)); }
fail() {
  FAIL=$((FAIL + 1))
  echo "FAIL: $*"
}

# expect_eq WHAT ACTUAL EXPECTED
expect_eq() {
  if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', expected '$3'"; fi
}

# expect_contains WHAT TEXT NEEDLE
expect_contains() {
  case "$2" in
    *"$3"*) pass ;;
    *) fail "$1: '$3' not found in: $(printf '%s' "$2" | head -c 600)" ;;
  esac
}

# expect_status WHAT EXPECTED COMMAND... (the command's output is kept in $OUT)
expect_status() {
  what=$1
  want=$2
  shift 2
  OUT=$("$@" 2>&1)
  got=$?
  if [ "$got" -eq "$want" ]; then pass; else fail "$what: exit $got, expected $want: $OUT"; fi
}

# jq_eq WHAT JSON FILTER EXPECTED
jq_eq() {
  got=$(printf '%s' "$2" | jq -c "$3" 2>&1)
  want=$(printf '%s' "$4" | jq -c . 2>/dev/null) || want=$4
  expect_eq "$1 ($3)" "$got" "$want"
}

finish() {
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ]
}
