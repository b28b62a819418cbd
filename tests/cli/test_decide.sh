# test_decide.sh -- pactum decide over the reference agreement: where a product may launch and
# whether a party may use a subject, version by version, with offers, answers (in time, late, by
# the wrong party, naming nothing), silence, launches, grants and AGI milestones. Each scenario's
# events are in tests/decide/*.csv, explained in their note column.
. tests/cli/lib.sh

CLOUDS=tests/decide/clouds.csv
LICENCES=tests/decide/licences.csv
AGI=tests/decide/agi.csv
EV="--agreement $AGREEMENT --events $CLOUDS $LICENCES"

# launch PRODUCT PROVIDER DATE [more options]: the JSON answer, in $J
launch() {
  p=$1 x=$2 on=$3
  shift 3
  J=$("$PACTUM" decide launch $EV "$@" --product "$p" --provider "$x" --on "$on" --json 2>/dev/null)
}
use() {
  l=$1 s=$2 on=$3
  shift 3
  J=$("$PACTUM" decide use $EV "$@" --licensee "$l" --subject "$s" --on "$on" --json 2>/dev/null)
}
head_of='[.decision, .clause, .version, .exception, .due]'
use_head='[.decision, .exclusive, .until, .clause, .version]'

# 2019 and 2023: Azure is exclusive for all workloads.
launch chatgpt amazon 2020-06-01
jq_eq "2020: exclusive Azure" "$J" "$head_of" '["not_permitted","azure-cloud","2019-07-22",null,null]'
jq_eq "2020: exclusive Azure, why" "$J" '.reason | test("exclusive cloud for openai.s all workloads.*only on microsoft, not on amazon")' true
launch chatgpt microsoft 2020-06-01
jq_eq "2020: on Azure" "$J" "$head_of" '["permitted","azure-cloud","2019-07-22",null,null]'
launch chatgpt oracle 2024-01-10
jq_eq "2024: still exclusive" "$J" "$head_of" '["not_permitted","azure-cloud","2023-01-23",null,null]'

# 2025-01-21: a right of first refusal on new capacity; research and training are carved out.
launch frontier-cluster oracle 2025-03-20
jq_eq "2025-03: unable" "$J" "$head_of" '["permitted","azure-cloud","2025-01-21","microsoft unable",null]'
jq_eq "2025-03: unable, events" "$J" '[.events[] | [.id, .kind, .date, .file, .line]]' \
  '[["o-frontier","offer","2025-03-01","tests/decide/clouds.csv",3],["r-frontier","response","2025-03-10","tests/decide/clouds.csv",4]]'
launch frontier-cluster oracle 2025-03-05
jq_eq "2025-03: before the answer, pending" "$J" "$head_of" '["pending","azure-cloud","2025-01-21",null,"2025-03-31"]'
launch frontier-cluster microsoft 2025-03-05
jq_eq "2025-03: on the holder" "$J" '.decision' '"permitted"'
launch vision-cluster google 2025-04-10
jq_eq "2025-04: unwilling is no exception here" "$J" "$head_of" '["not_permitted","azure-cloud","2025-01-21",null,null]'
jq_eq "2025-04: unwilling, why" "$J" '.reason | test("answered unwilling.*yields to no such answer")' true
launch late-cluster coreweave 2025-06-20
jq_eq "late answer: silence waived" "$J" "$head_of" '["permitted","azure-cloud","2025-01-21","silence waives",null]'
jq_eq "late answer: why" "$J" '.reason | test("r-late.*came after the window closed on 2025-05-31: late, and silence had already waived the right")' true
launch late-cluster coreweave 2025-05-20
jq_eq "within the window: pending" "$J" "$head_of" '["pending","azure-cloud","2025-01-21",null,"2025-05-31"]'
launch wrong-cluster oracle 2025-07-10
jq_eq "wrong party: ignored, pending" "$J" "$head_of" '["pending","azure-cloud","2025-01-21",null,"2025-07-31"]'
jq_eq "wrong party: why" "$J" '.reason | test("r-wrong. is by .openai., not by microsoft, to whom the offer was made: ignored")' true
launch wrong-cluster oracle 2025-08-01
jq_eq "wrong party: then silence" "$J" '[.decision, .exception]' '["permitted","silence waives"]'
launch research-cluster oracle 2025-08-02
jq_eq "research: carved out" "$J" "$head_of" '["permitted","azure-cloud","2025-01-21","carve-out research",null]'
launch pending-cluster amazon 2025-09-15
jq_eq "pending offer and its deadline" "$J" "$head_of" '["pending","azure-cloud","2025-01-21",null,"2025-10-10"]'
jq_eq "a response naming no offer" "$J" '.reason | test("r-stray. names .o-nothing. in ref, which is no offer: ignored")' true
expect_status "a response naming no offer: warned" 0 "$PACTUM" decide launch $EV --product pending-cluster --provider amazon --on 2025-09-15
expect_contains "a response naming no offer: warned" "$OUT" "clouds.csv:13: warning[W1301]: response 'r-stray' answers 'o-nothing', which no event is; ignored"
launch ghost-cluster oracle 2025-09-15
jq_eq "nothing offered" "$J" '[.decision, (.reason | test("has not been offered to microsoft.*no event names product .ghost-cluster."))]' '["not_permitted",true]'

# 2025-10-28: API products stay on Azure until AGI is verified; the rest may go anywhere.
launch responses-api amazon 2025-12-10
jq_eq "Dec 2025: API product elsewhere" "$J" "$head_of" '["not_permitted","azure-api","2025-10-28",null,null]'
launch sora-app amazon 2025-12-10
jq_eq "Dec 2025: non-API product elsewhere" "$J" "$head_of" '["permitted","azure-cloud","2025-10-28",null,null]'
launch gov-api amazon 2025-12-10
jq_eq "Dec 2025: national security" "$J" "$head_of" '["permitted","azure-api","2025-10-28","carve-out national-security",null]'
launch vision-cluster google 2025-12-10
jq_eq "Dec 2025: no first refusal any more" "$J" '[.decision, .clause]' '["permitted","azure-cloud"]'
launch new-api amazon 2025-12-10 --subject api
jq_eq "--subject gives a product's type" "$J" '[.decision, .clause]' '["not_permitted","azure-api"]'

# Offered on 2026-04-20 under the October 2025 terms, launched on Azure 2026-05-02 under 2026's.
launch atlas google 2026-04-21
jq_eq "atlas, Oct 2025 terms" "$J" "$head_of" '["permitted","azure-cloud","2025-10-28",null,null]'
launch atlas google 2026-05-01
jq_eq "atlas, 2026 terms: pending" "$J" "$head_of" '["pending","azure-cloud","2026-04-27",null,"2026-05-20"]'
jq_eq "atlas, 2026 terms: the offer" "$J" '[.events[].id]' '["o-atlas"]'
launch atlas google 2026-05-03
jq_eq "atlas, launched on Azure" "$J" "$head_of" '["permitted","azure-cloud","2026-04-27",null,null]'
jq_eq "atlas, launched on Azure: why" "$J" '.reason | test("launched on microsoft on 2026-05-02.*may also be delivered on google")' true

# 2026-04-27: a new product launches first on Azure unless Microsoft is unable or unwilling.
launch codex-cloud amazon 2026-06-10
jq_eq "2026: accepted" "$J" "$head_of" '["not_permitted","azure-cloud","2026-04-27",null,null]'
jq_eq "2026: accepted, why" "$J" '.reason | test("must launch first on microsoft")' true
launch agent-kit amazon 2026-06-04
jq_eq "2026: unwilling" "$J" "$head_of" '["permitted","azure-cloud","2026-04-27","microsoft unwilling",null]'
launch quiet-app amazon 2026-06-01
jq_eq "2026: silence" "$J" "$head_of" '["permitted","azure-cloud","2026-04-27","silence waives",null]'
launch sora-app google 2026-07-01
jq_eq "2026: launched before, no new product" "$J" '[.decision, (.reason | test("it is no new product"))]' '["permitted",true]'
launch responses-api google 2026-07-01
jq_eq "2026: a new API product offered only to amazon" "$J" '.decision' '"not_permitted"'
launch ghost amazon 2026-07-01
jq_eq "2026: nobody offered it" "$J" '[.decision, (.reason | test("no event names product .ghost."))]' '["not_permitted",true]'

# Milestones: only the expert panel verifies AGI; under the 2026 terms AGI changes nothing.
launch responses-api amazon 2026-02-01 $AGI
jq_eq "AGI by the wrong party" "$J" "$head_of" '["not_permitted","azure-api","2025-10-28",null,null]'
jq_eq "AGI by the wrong party: why" "$J" '.reason | test("recorded by .openai-board. on 2026-01-05 .*is ignored: only expert-panel may declare agi-verified on 2026-01-05, as version 2025-10-28 words it")' true
launch responses-api amazon 2026-03-10 $AGI
jq_eq "AGI verified ends API exclusivity" "$J" '[.decision, .clause, (.reason | test("ended when agi-verified was recorded on 2026-03-01"))]' '["permitted","azure-api",true]'
use microsoft model:gpt-5 2026-02-01 $AGI
jq_eq "licence exclusive until verified AGI" "$J" "$use_head" '[ "permitted", true, "2026-02-28", "ip-licence", "2025-10-28"]'
use microsoft model:gpt-5 2026-03-10 $AGI
jq_eq "licence after verified AGI" "$J" "$use_head" '[ "permitted", false, "2032-12-31", "ip-licence", "2025-10-28"]'
use microsoft model:gpt-5 2026-06-01 $AGI
jq_eq "2026: AGI changes nothing" "$J" "$use_head" '[ "permitted", false, "2032-12-31", "ip-licence", "2026-04-27"]'
use microsoft model:gpt-4 2024-06-10 $AGI
jq_eq "2024: declared by the wrong party" "$J" "$use_head" '[ "permitted", true, "agi-declared", "ip-licence", "2023-01-23"]'
jq_eq "2024: declared by the wrong party, why" "$J" '.reason | test("recorded by .microsoft. on 2024-02-01.*ignored: only openai-board may declare agi-declared on 2024-02-01, as version 2023-01-23 words it")' true

# Licences and grants: a grant to Amazon in 2024 breaches; in 2027 it is permitted.
use amazon model:gpt-4 2024-06-10
jq_eq "2024: grant to Amazon" "$J" "$use_head" '["not_permitted", false, null, "ip-licence", "2023-01-23"]'
jq_eq "2024: grant to Amazon, why" "$J" '.reason | test("grant of .model:gpt-4. to amazon on 2024-05-01 .*breaches it")' true
jq_eq "2024: grant to Amazon, events" "$J" '[.events[].id]' '["g-2024","u-2024"]'
use microsoft model:gpt-4 2024-06-10
jq_eq "2024: Microsoft's licence" "$J" "$use_head" '["permitted", true, "agi-declared", "ip-licence", "2023-01-23"]'
jq_eq "2024: the breach, from Microsoft's side" "$J" '.reason | test("g-2024.*breaches that exclusivity")' true
use amazon model:gpt-6 2027-02-01
jq_eq "2027: grant to Amazon" "$J" "$use_head" '["permitted", false, null, "ip-licence", "2026-04-27"]'
use amazon model:gpt-7 2027-02-01
jq_eq "2027: nothing granted" "$J" '[.decision, .clause]' '["not_permitted","ip-licence"]'
use microsoft research:methods 2027-02-01
jq_eq "2027: research IP stays exclusive" "$J" "$use_head" '["permitted", true, "2030-12-31", "research-ip", "2026-04-27"]'
use microsoft research:methods 2027-02-01 $AGI
jq_eq "2027: research IP ended at verified AGI" "$J" '[.decision, .clause]' '["not_permitted","research-ip"]'
use microsoft hardware:device 2027-02-01
jq_eq "2027: hardware excluded" "$J" '[.decision, .clause, (.reason | test("excludes hardware"))]' '["not_permitted","ip-licence",true]'
use openai model:gpt-6 2027-02-01
jq_eq "the licensor" "$J" '.decision' '"permitted"'

# The readable form.
expect_status "text: launch" 0 "$PACTUM" decide launch $EV --product atlas --provider google --on 2026-05-01
expect_contains "text: launch" "$OUT" "pending: 'atlas' on google, 2026-05-01"
expect_contains "text: launch" "$OUT" "clause     azure-cloud (primary), version 2026-04-27"
expect_contains "text: launch" "$OUT" "deadline   2026-05-20"
expect_contains "text: launch" "$OUT" "o-atlas offer 2026-04-20  tests/decide/clouds.csv:17"
expect_status "text: use" 0 "$PACTUM" decide use $EV --licensee microsoft --subject model:gpt-4 --on 2024-06-10
expect_contains "text: use" "$OUT" "permitted: microsoft using 'model:gpt-4', 2024-06-10"
expect_contains "text: use" "$OUT" "exclusive  yes"
expect_contains "text: use" "$OUT" "until      agi-declared"

# Batch: every answer line equals the one-at-a-time answer; bad lines are located errors.
"$PACTUM" decide $EV --batch tests/decide/queries.jsonl >"$TMPDIR/batch.out" 2>"$TMPDIR/batch.err"
expect_eq "batch: exit 1 for bad lines" "$?" 1
expect_eq "batch: one answer per line" "$(wc -l <"$TMPDIR/batch.out" | tr -d ' ')" "$(wc -l <tests/decide/queries.jsonl | tr -d ' ')"
n=0
same=0
while IFS= read -r q; do
  n=$((n + 1))
  kind=$(printf '%s' "$q" | jq -r '.decide' 2>/dev/null) || continue
  on=$(printf '%s' "$q" | jq -r '.on')
  case $kind in
    launch) one=$("$PACTUM" decide launch $EV --product "$(printf '%s' "$q" | jq -r .product)" \
              --provider "$(printf '%s' "$q" | jq -r .provider)" --on "$on" --json 2>/dev/null) ;;
    use) one=$("$PACTUM" decide use $EV --licensee "$(printf '%s' "$q" | jq -r .licensee)" \
              --subject "$(printf '%s' "$q" | jq -r .subject)" --on "$on" --json 2>/dev/null) ;;
  esac
  [ $? -eq 0 ] || continue
  # A single answer is a whole document; a batch line is the answer alone, its frame taken off.
  expect_eq "batch line $n: one at a time, framed" "$(printf '%s' "$one" | jq -c '[.agreement, .currency]')" '["microsoft-openai","USD"]'
  one=$(printf '%s' "$one" | jq -c 'del(.agreement, .currency, .diagnostics)')
  if [ "$one" = "$(sed -n "${n}p" "$TMPDIR/batch.out")" ]; then same=$((same + 1)); else fail "batch line $n: $one"; fi
done <tests/decide/queries.jsonl
expect_eq "batch: answers equal one at a time" "$same" 11
expect_contains "batch: bad date" "$(sed -n 12p "$TMPDIR/batch.out")" '{"error":"tests/decide/queries.jsonl:12: '
expect_contains "batch: before the agreement" "$(sed -n 13p "$TMPDIR/batch.out")" "queries.jsonl:13: no version of the agreement is in force on 2018-01-01"
expect_contains "batch: broken JSON" "$(sed -n 14p "$TMPDIR/batch.out")" "queries.jsonl:14: expected ',' or '}' after a value"
expect_contains "batch: summary" "$(cat "$TMPDIR/batch.err")" "3 of the queries in tests/decide/queries.jsonl could not be answered"

# The ledger gives the same answers as the files.
"$PACTUM" init --ledger "$TMPDIR/decide.db" >/dev/null
"$PACTUM" import --ledger "$TMPDIR/decide.db" "$CLOUDS" "$LICENCES" >/dev/null 2>&1
"$PACTUM" decide --agreement "$AGREEMENT" --ledger "$TMPDIR/decide.db" --batch tests/decide/queries.jsonl >"$TMPDIR/ledger.out" 2>/dev/null
expect_eq "ledger: same answers" "$(cmp -s "$TMPDIR/batch.out" "$TMPDIR/ledger.out"; echo $?)" 0

# A new user's mistakes: clear messages, exit 1 for the input, 2 for usage.
expect_status "before the agreement" 1 "$PACTUM" decide launch $EV --product atlas --provider google --on 2018-05-01
expect_contains "before the agreement" "$OUT" "no version of the agreement is in force on 2018-05-01; its first version takes effect on 2019-07-22"
expect_status "missing --provider" 2 "$PACTUM" decide launch $EV --product atlas --on 2026-05-01
expect_contains "missing --provider" "$OUT" "decide launch needs --product P and --provider X"
expect_status "missing --on" 2 "$PACTUM" decide use $EV --licensee microsoft --subject models
expect_status "missing launch or use" 2 "$PACTUM" decide $EV --product atlas --on 2026-05-01
expect_contains "missing launch or use" "$OUT" "decide what?"
expect_status "no events" 2 "$PACTUM" decide launch --agreement "$AGREEMENT" --product atlas --provider google --on 2026-05-01
launch atlas ibm 2026-05-03
jq_eq "a provider nobody named" "$J" '[.decision, (.reason | test("no event names provider .ibm."))]' '["permitted",true]'

# Limits (docs/decide.md, Limits; src/base/limits.h): an answer that needs more room than it has
# says so, in the text and in the JSON, and is otherwise the same.
words=$(seq 1 40 | sed 's/^/w/' | tr '\n' ' ')
launch new-api amazon 2025-12-10 --subject "$words api"
jq_eq "tags: past 32 words, the rest not read" "$J" '[.decision, .clause, (.reason | endswith("; only the first 32 words of the product'"'"'s type were read"))]' '["permitted","azure-cloud",true]'
launch new-api amazon 2025-12-10 --subject "$(seq 1 30 | sed 's/^/w/' | tr '\n' ' ') w1 w2 w3 w4 api"
jq_eq "tags: a word twice is read once" "$J" '[.decision, (.reason | test("words of the product"))]' '["not_permitted",false]'
launch new-api amazon 2025-12-10 --subject "api $words"
jq_eq "tags: the first 32 words decide" "$J" '[.decision, .clause]' '["not_permitted","azure-api"]'
expect_status "tags: said in the text" 0 "$PACTUM" decide launch $EV --product new-api --provider amazon --on 2025-12-10 --subject "$words api"
expect_contains "tags: said in the text" "$OUT" "only the first 32 words of the product's type were read"

# An offer and fifteen responses that answer nothing: sixteen events, twelve listed.
{
  echo 'id,kind,date,party,counterparty,stream,subject,ref,note'
  echo 'o-many,offer,2026-05-01,openai,microsoft,many,capacity,,'
  for i in $(seq 1 15); do echo "r-$i,response,2026-05-02,microsoft,,many,unable,o-none-$i,"; done
} >"$TMPDIR/orphans.csv"
J=$("$PACTUM" decide launch --agreement "$AGREEMENT" --events "$TMPDIR/orphans.csv" --product many --provider google --on 2026-05-20 --json 2>/dev/null)
jq_eq "events: twelve listed" "$J" '[.decision, (.events | length), .events[0].id, .events[11].id]' '["pending",12,"o-many","r-11"]'
jq_eq "events: the rest counted" "$J" '.reason | endswith("; 4 more events not listed (an answer lists at most 12)")' true
expect_status "events: said in the text" 0 "$PACTUM" decide launch --agreement "$AGREEMENT" --events "$TMPDIR/orphans.csv" --product many --provider google --on 2026-05-20
expect_contains "events: said in the text" "$OUT" "; 4 more events not listed (an answer lists at most 12)"
expect_contains "events: the text lists twelve" "$OUT" "r-11 response 2026-05-02"

# A reason longer than its room is cut at a whole character, and says so.
long=x$(for i in $(seq 1 700); do printf 'é'; done)
J=$("$PACTUM" decide launch $EV --product "$long" --provider amazon --on 2025-12-10 --json 2>/dev/null)
jq_eq "reason: cut, and says so" "$J" '[.decision, (.reason | endswith("é ... (cut: a reason holds at most 2047 bytes)")), (.reason | utf8bytelength)]' '["permitted",true,2047]'
expect_status "reason: the text quotes the question whole" 0 "$PACTUM" decide launch $EV --product "$long" --provider amazon --on 2025-12-10
expect_contains "reason: the text quotes the question whole" "$OUT" "permitted: '$long' on amazon, 2025-12-10"
expect_contains "reason: cut in the text" "$OUT" " ... (cut: a reason holds at most 2047 bytes)"

# Names longer than an exception's or an until's room: cut with "...", whole in the reason.
provider=provider-$(printf '%0100d' 0)
milestone=milestone-$(printf '%0100d' 0)
cat >"$TMPDIR/long-names.pact" <<PACT
agreement long-names {
  currency USD
  party $provider "A provider"
  party customer "A customer"
  party board "A board"
}

version v1 {
  effective 2024-01-01
  source contract "the test"
  says "Terms with long names."

  milestone $milestone {
    says "A milestone."
    declared by board
  }

  cloud capacity {
    says "The provider has a first refusal."
    provider $provider
    customer customer
    mode first-refusal
    scope new-capacity
    unless $provider unable
    window 30 days
  }

  licence models {
    says "The customer licenses its models to the provider."
    licensor customer
    licensee $provider
    covers models
    non-exclusive
    until $milestone
  }
}
PACT
printf 'id,kind,date,party,counterparty,stream,subject,ref\no-1,offer,2024-02-01,customer,%s,big,capacity,\nr-1,response,2024-02-05,%s,,,unable,o-1\n' "$provider" "$provider" >"$TMPDIR/long-names.csv"
LONG="--agreement $TMPDIR/long-names.pact --events $TMPDIR/long-names.csv"
J=$("$PACTUM" decide launch $LONG --product big --provider other --on 2024-02-10 --json 2>/dev/null)
jq_eq "exception: cut with ..." "$J" '[.decision, (.exception | utf8bytelength), (.exception | endswith("000...")), (.reason | contains("'"$provider"' answered unable"))]' '["permitted",95,true,true]'
J=$("$PACTUM" decide use $LONG --licensee "$provider" --subject models --on 2024-02-10 --json 2>/dev/null)
jq_eq "until: cut with ..." "$J" '[.decision, (.until | utf8bytelength), (.until | endswith("000...")), (.reason | contains("until '"$milestone"' is recorded"))]' '["permitted",95,true,true]'

# A batch line's message quotes at most what fits, cut with "...", and keeps its end.
key=$(printf '%03000d' 0)
printf '{"decide":"use","licensee":"a","subject":"b","on":"2025-01-01","%s":"x"}\n' "$key" >"$TMPDIR/long-key.jsonl"
"$PACTUM" decide $EV --batch "$TMPDIR/long-key.jsonl" >"$TMPDIR/long-key.out" 2>/dev/null
jq_eq "batch: a long key, cut" "$(cat "$TMPDIR/long-key.out")" '.error | ltrimstr("'"$TMPDIR"'/long-key.jsonl:1: ") | [startswith("unknown key '"'"'000"), endswith("000...'"'"' (a query has decide, product, provider, subject, licensee, on)"), utf8bytelength]' '[true,true,2047]'

finish
