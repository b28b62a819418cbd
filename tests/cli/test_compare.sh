# test_compare.sh -- pactum compare and the sides (--terms, --a, --b): figures worked by hand to
# the cent, compare against two settle runs, one reading equal to another however the events
# come (split, shuffled, from a ledger), proposed amendments good and broken, unknown sides.
. tests/cli/lib.sh

ev=examples/microsoft-openai/events.csv
cmp() { "$PACTUM" compare --agreement $AGREEMENT "$@"; }

# --- the example, 2026, worked by hand -----------------------------------------------------
# openai -> microsoft: OpenAI's 2026 revenue is 12 x 2,500,000,000.00 = 30,000,000,000.00, at
# 20% under both sides (as if 2025-10-28 stayed: its clause; actual: its clause through
# 2026-04-26, the 2026 clause from 2026-04-27, both 20%): 6,000,000,000.00 each.
# microsoft -> openai: Azure OpenAI 458,000,000.00 a month and Bing 152,666,666.67,
# 152,666,666.67, 152,666,666.66, 152,666,666.66 (January to April).
#   2026-Q1 on both sides: 20% x (3 x 458,000,000.00 + 458,000,000.00) = 366,400,000.00.
#   as if 2025-10-28 stayed (a): April whole, 20% x 610,666,666.66 = 122,133,333.332
#     -> 122,133,333.33; 2026: 488,533,333.33.
#   actual (b): the share ends 2026-04-26, so 26 of April's 30 days. 45,800,000,000 cents over
#     30 days: 1,526,666,666 each, the 20 cents left over to the first 20 days, so 26 days take
#     20 x 1,526,666,667 + 6 x 1,526,666,666 = 39,693,333,336 cents; Bing's 15,266,666,666 cents:
#     508,888,888 a day and 26 left over, so 26 days take 26 x 508,888,889 = 13,231,111,114.
#     Base 529,244,444.50, 20% = 105,848,888.90; 2026: 472,248,888.90.
#   difference 488,533,333.33 - 472,248,888.90 = 16,284,444.43.
out=$(cmp --events $ev --a 2025-10-28 --b actual --json)
jq_eq "example: labels" "$out" '[.a.label, .b.label]' \
  '["as if 2025-10-28 had stayed in force","actual"]'
jq_eq "example: 2026" "$out" '[.years[] | select(.year == 2026) | [.payer, .payee, .a, .b, .difference]]' \
  '[["openai","microsoft","6000000000.00","6000000000.00","0.00"],["microsoft","openai","488533333.33","472248888.90","16284444.43"]]'
# Under 2025-10-28 nothing caps or ends the share (no expert panel verifies AGI in the events):
# 2030 is 20% of 240,000,000,000.00 = 48,000,000,000.00; actual's cap was reached in 2029-Q1.
jq_eq "example: 2030" "$out" '[.years[] | select(.year == 2030 and .payer == "openai") | [.a, .b]]' \
  '[["48000000000.00","0.00"]]'
jq_eq "example: the cap binds on b only" "$out" \
  '[.caps[] | [.side, .clause, .version, .cap, .binds_from, .binds_through, .amount]]' \
  '[["b","openai-pays-microsoft","2026-04-27","38000000000.00","2029-Q1","2030-Q4","38000000000.00"]]'
jq_eq "example: keys" "$out" 'keys' \
  '["a","agreement","b","caps","clauses","currency","diagnostics","totals","years"]'
jq_eq "example: row keys" "$out" '[.totals[0], .years[0]] | map(keys)' \
  '[["a","b","difference","payee","payer"],["a","b","difference","payee","payer","year"]]'
jq_eq "example: clause keys" "$out" '.clauses[0] | keys' \
  '["a","b","clause","difference","only_in","payee","payer"]'
jq_eq "example: amounts are strings" "$out" '[.totals[], .years[], .clauses[] | .a, .b, .difference | type] | unique' '["string"]'
jq_eq "example: a - b" "$out" \
  '[.totals[], .years[], .clauses[] | select(((.a | tonumber) - (.b | tonumber) - (.difference | tonumber) | fabs) > 0.005)] | length' '0'
expect_status "example: text" 0 cmp --events $ev --a 2025-10-28 --b actual
expect_contains "text: the labels" "$OUT" "a: as if 2025-10-28 had stayed in force"
expect_contains "text: 2026" "$OUT" "2026  microsoft -> openai          488,533,333.33          472,248,888.90           16,284,444.43"
expect_contains "text: the cap" "$OUT" "b  openai-pays-microsoft (version 2026-04-27): the cap of USD 38,000,000,000.00 binds from 2029-Q1 through 2030-Q4"

# --- compare against two settle runs -------------------------------------------------------
# settle --by year lists its own years; a year it does not list owes 0.00 there.
against_settle() { # WHAT AGREEMENT A B EVENTS...
  what=$1 ag=$2 a=$3 b=$4
  shift 4
  c=$("$PACTUM" compare --agreement "$ag" --a "$a" --b "$b" --json "$@")
  sa=$("$PACTUM" settle --agreement "$ag" --terms "$a" --by year --json "$@")
  sb=$("$PACTUM" settle --agreement "$ag" --terms "$b" --by year --json "$@")
  got=$(jq -n -c --argjson c "$c" --argjson sa "$sa" --argjson sb "$sb" '
    def cell($s; $r): [$s.years[] | select(.year == $r.year) | .pairs[]
      | select(.payer == $r.payer and .payee == $r.payee) | .amount][0] // "0.00";
    def total($s; $r): [$s.totals[] | select(.payer == $r.payer and .payee == $r.payee)
      | .amount][0] // "0.00";
    [($c.years[] | select(.a != cell($sa; .) or .b != cell($sb; .))),
     ($c.totals[] | select(.a != total($sa; .) or .b != total($sb; .)))] | length')
  expect_eq "$what: rows unlike settle" "$got" 0
  n=$(printf '%s' "$c" | jq '.years | length')
  [ "$n" -gt 0 ] && pass || fail "$what: no years"
}
against_settle "example 2025-10-28/actual" $AGREEMENT 2025-10-28 actual --events $ev
against_settle "example 2019-07-22/proposed" $AGREEMENT 2019-07-22 tests/compare/rate-15.pact --events $ev
against_settle "amended v1/v2" tests/settle/amended.pact v1 v2 --events tests/settle/amended.csv
against_settle "handover v1/actual" tests/settle/handover.pact v1 actual \
  --events tests/settle/amended.csv
against_settle "all-versions v1/actual" tests/settle/all-versions.pact v1 actual \
  --events tests/settle/all-versions.csv
db="$TMPDIR/ledger.db"
"$PACTUM" init --ledger "$db" >/dev/null 2>&1
"$PACTUM" import --ledger "$db" $ev >/dev/null 2>&1
against_settle "ledger 2025-10-28/actual" $AGREEMENT 2025-10-28 actual --ledger "$db"
from_ledger=$(cmp --ledger "$db" --a 2025-10-28 --b actual --json)
expect_eq "the ledger gives what the events give" "$from_ledger" "$out"

# --- one reading, however the events come --------------------------------------------------
head -1 $ev >"$TMPDIR/first.csv"
head -1 $ev >"$TMPDIR/second.csv"
tail -n +2 $ev | awk 'NR % 2 == 1' >>"$TMPDIR/first.csv"
tail -n +2 $ev | awk 'NR % 2 == 0' >>"$TMPDIR/second.csv"
head -1 $ev >"$TMPDIR/shuffled.csv"
tail -n +2 $ev | awk '{ print (NR * 7919) % 1009 "\t" $0 }' | sort -n | cut -f2- >>"$TMPDIR/shuffled.csv"
drop_files() { jq -c 'del(.diagnostics)'; }
want=$(printf '%s' "$out" | drop_files)
got=$(cmp --events "$TMPDIR/first.csv" "$TMPDIR/second.csv" --a 2025-10-28 --b actual --json | drop_files)
expect_eq "split in two files" "$got" "$want"
got=$(cmp --events "$TMPDIR/shuffled.csv" --a 2025-10-28 --b actual --json | drop_files)
expect_eq "shuffled" "$got" "$want"
got=$(cmp --events $ev $ev --a 2025-10-28 --b actual --json | drop_files)
expect_eq "given twice" "$got" "$want"

# --- a proposed amendment: 15% from 2026-07-01 ---------------------------------------------
# 2026 under the proposal: Q1 and Q2 at 20% of 7,500,000,000.00 = 1,500,000,000.00 each, Q3
# and Q4 at 15% = 1,125,000,000.00 each: 5,250,000,000.00, 750,000,000.00 less than actual's
# 6,000,000,000.00. 2027: 15% of 62,000,000,000.00 = 9,300,000,000.00 against 12,400,000,000.00.
out=$(cmp --events $ev --a actual --b tests/compare/rate-15.pact --json)
jq_eq "proposed: label" "$out" '.b.label' '"proposed: tests/compare/rate-15.pact"'
jq_eq "proposed: 2026 and 2027" "$out" \
  '[.years[] | select(.payer == "openai" and (.year == 2026 or .year == 2027)) | [.year, .a, .b, .difference]]' \
  '[[2026,"6000000000.00","5250000000.00","750000000.00"],[2027,"12400000000.00","9300000000.00","3100000000.00"]]'
jq_eq "proposed: its cap" "$out" '[.caps[] | select(.side == "b") | [.version, .binds_from]]' \
  '[["proposed-rate-15","2029-Q4"]]'
out=$("$PACTUM" settle --agreement $AGREEMENT --events $ev --terms tests/compare/rate-15.pact --by year --json)
jq_eq "settle --terms proposed: 2026" "$out" \
  '[.years[] | select(.year == 2026) | .pairs[] | select(.payer == "openai") | .amount]' '["5250000000.00"]'

expect_status "amends an earlier version" 1 cmp --events $ev --a actual --b tests/compare/amends-earlier.pact
expect_contains "amends an earlier version" "$OUT" \
  "tests/compare/amends-earlier.pact:8:10: error[E0605]: a proposed amendment amends the latest version, '2026-04-27', not '2025-10-28'"
expect_status "a typo in a keyword" 1 cmp --events $ev --a actual --b tests/compare/keyword-typo.pact
expect_contains "a typo in a keyword" "$OUT" "tests/compare/keyword-typo.pact:17:5: error[E0204]: unknown term 'rat'"
expect_contains "a typo in a keyword" "$OUT" "did you mean 'rate'?"
expect_status "two versions in one amendment" 1 cmp --events $ev --a actual --b tests/compare/two-versions.pact
expect_contains "two versions in one amendment" "$OUT" "error[E0606]: a proposed amendment holds one version block"
out=$(cmp --events $ev --a actual --b tests/compare/amends-earlier.pact --json)
jq_eq "broken amendment: diagnostics in JSON" "$out" '[.diagnostics[] | [.code, .file, .line]]' \
  '[["E0605","tests/compare/amends-earlier.pact",8]]'

# --- sides that name nothing -----------------------------------------------------------------
expect_status "unknown side" 2 cmp --events $ev --a 2025-10-82 --b actual
expect_contains "unknown side" "$OUT" "--a: no version of the agreement and no file is named '2025-10-82'; did you mean '2025-10-28'?"
expect_contains "unknown side: the versions" "$OUT" "(2019-07-22, 2023-01-23, 2025-01-21, 2025-10-28, 2026-04-27)"
expect_status "unknown --terms" 2 "$PACTUM" settle --agreement $AGREEMENT --events $ev --terms v9
expect_contains "unknown --terms" "$OUT" "--terms: no version"
expect_status "one side only" 2 cmp --events $ev --a actual
expect_contains "one side only" "$OUT" "name both sides"

# --- event diagnostics both sides raise are said once ----------------------------------------
printf 'id,kind,date,end,party,counterparty,stream,subject,amount,currency,ref,note\n' >"$TMPDIR/odd.csv"
printf 'r1,revenue,2026-01-01,2026-01-31,openai,,chatgpt,,100.00,EUR,,\n' >>"$TMPDIR/odd.csv"
out=$(cmp --events "$TMPDIR/odd.csv" --a 2025-10-28 --b actual --json)
n=$(printf '%s' "$out" | jq '[.diagnostics[] | select(.line == 2)] | length')
one=$("$PACTUM" settle --agreement $AGREEMENT --events "$TMPDIR/odd.csv" --json | jq '[.diagnostics[] | select(.line == 2)] | length')
expect_eq "a diagnostic of both sides once" "$n" "$one"


# --- compare --format svg: side a against side b in pictures ---------------------------------
command -v xmllint >/dev/null || fail "xmllint is not installed (scripts/deps.sh installs libxml2-utils)"
expect_status "svg: exit" 0 cmp --events $ev --a 2025-10-28 --b actual --format svg
printf '%s\n' "$OUT" >"$TMPDIR/compare.svg"
expect_status "svg: well-formed" 0 xmllint --noout "$TMPDIR/compare.svg"
svg=$(cat "$TMPDIR/compare.svg")
# One bar chart per pair, a bar for each side in each year: the years of compare's by year.
years=$(cmp --events $ev --a 2025-10-28 --b actual --json | jq '[.years[].year] | unique | length')
expect_eq "svg: the example's years" "$years" 10
expect_eq "svg: a bar per side per pair per year" "$(grep -c 'class="bar"' "$TMPDIR/compare.svg")" \
  $((2 * 2 * years))
expect_contains "svg: a pair's chart" "$svg" ">openai -&gt; microsoft, year by year: side a against side b</text>"
expect_contains "svg: its totals in the subtitle" "$svg" \
  "in total a 204,459,999,999.99, b 43,493,333,333.33, a - b 160,966,666,666.66"
expect_contains "svg: a bar of side a" "$svg" \
  "<title>a: as if 2025-10-28 had stayed in force, 2030: USD 48,000,000,000.00</title>"
expect_contains "svg: the same year on side b" "$svg" "<title>b: actual, 2030: USD 0.00</title>"
expect_contains "svg: 2026 of the other pair, by hand" "$svg" \
  "<title>b: actual, 2026: USD 472,248,888.90</title>"
# The cap of 2026-04-27 is in b's terms only and binds there only, from 2029-Q1.
expect_contains "svg: the cap's chart" "$svg" \
  ">openai-pays-microsoft (version 2026-04-27): owed under its cap, side a against side b</text>"
expect_contains "svg: binding on one side only, said" "$svg" \
  "the cap of USD 38,000,000,000.00 is in side b&#39;s terms only; it binds on b only, from 2029-Q1 through 2030-Q4"
expect_contains "svg: the cap line" "$svg" ">cap USD 38,000,000,000.00</text>"
expect_contains "svg: b's binding marked" "$svg" ">b: cap binds 2029-Q1</text>"
expect_eq "svg: no mark on side a" "$(grep -c '>a: cap binds' "$TMPDIR/compare.svg")" 0
# b owes 38,000,000,000.00 under the cap at the end of 2030; a, with no cap, owes on past it:
# from 2026-Q2 (its whole quarter) 20% of the revenue, 6,000,000,000.00 / 4 a quarter in 2026...
expect_contains "svg: b held at its cap" "$svg" "b: actual, 2030-12-31: USD 38,000,000,000.00"
a_end=$(cmp --events $ev --a 2025-10-28 --b actual --json | jq -r \
  '[.years[] | select(.payer == "openai" and .year >= 2026 and .year <= 2030) | .a | tonumber] | add')
# a's line over the cap's periods (2026-Q2 .. 2030-Q4): its 2026..2030 less 2026-Q1's 1.5 billion
want=$(awk -v t="$a_end" 'BEGIN {printf "%.2f", t - 1500000000}' | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
expect_contains "svg: a past the cap" "$svg" "a: as if 2025-10-28 had stayed in force, 2030-12-31: USD $want"
cmp --events $ev --a 2025-10-28 --b actual --format svg >"$TMPDIR/again.svg"
expect_status "svg: the same bytes on every run" 0 command cmp "$TMPDIR/compare.svg" "$TMPDIR/again.svg"
expect_eq "svg: no script, no outside reference" \
  "$(grep -ci 'script\|href\|http://[^w]' "$TMPDIR/compare.svg")" 0
# A proposed amendment: the proposal's own cap is b's only; 2026-04-27's is on both sides and
# binds on a (actual) only, since b's 2026-04-27 wording ends on 2026-06-30.
out=$(cmp --events $ev --a actual --b tests/compare/rate-15.pact --format svg)
printf '%s\n' "$out" >"$TMPDIR/proposed.svg"
expect_status "svg proposed: well-formed" 0 xmllint --noout "$TMPDIR/proposed.svg"
expect_contains "svg proposed: 2026-04-27 binds on a" "$out" \
  "is in both sides&#39; terms; it binds on a only, from 2029-Q1"
expect_contains "svg proposed: its own cap" "$out" \
  "is in side b&#39;s terms only; it binds on b only, from 2029-Q4"
expect_contains "svg proposed: marked" "$out" ">b: cap binds 2029-Q4</text>"
for case in tests/settle/amended.pact:v1:v2:tests/settle/amended.csv \
  tests/settle/all-versions.pact:v1:actual:tests/settle/all-versions.csv; do
  IFS=: read -r ag a b evs <<EOF_CASE
$case
EOF_CASE
  "$PACTUM" compare --agreement "$ag" --events "$evs" --a "$a" --b "$b" --format svg >"$TMPDIR/f.svg" 2>/dev/null
  expect_eq "svg $ag $a/$b: exit" "$?" 0
  expect_status "svg $ag $a/$b: well-formed" 0 xmllint --noout "$TMPDIR/f.svg"
done
a=$(cmp --events $ev --a 2025-10-28 --b actual --json)
b=$(cmp --events $ev --a 2025-10-28 --b actual --format json)
expect_eq "--format json is --json" "$b" "$a"
a=$(cmp --events $ev --a 2025-10-28 --b actual)
b=$(cmp --events $ev --a 2025-10-28 --b actual --format text)
expect_eq "--format text is the table" "$b" "$a"
expect_status "--format svg --json" 2 cmp --events $ev --a 2025-10-28 --b actual --format svg --json
expect_contains "--format svg --json: said" "$OUT" "--json is --format json"
expect_status "--format png" 2 cmp --events $ev --a 2025-10-28 --b actual --format png
expect_contains "--format png: said" "$OUT" "--format is text, json or svg, not 'png'"
expect_status "svg of events with an error" 1 cmp --events "$TMPDIR/odd.csv" --a 2025-10-28 --b actual --format svg

finish
