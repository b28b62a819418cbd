# test_export.sh -- settlements exported as a ledger/hledger journal, a beancount file and CSV:
# each checked by the tools themselves (ledger --pedantic, hledger check --strict, bean-check),
# and the balances they report equal pactum's own totals to the cent, pair by pair.
. tests/cli/lib.sh

for tool in ledger hledger bean-check bean-query; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/deps.sh installs it)"
done

# A decimal ("-1,042.35 USD", " 930.00") as integer cents, by string; awk's doubles hold any
# integer below 2^53 exactly, far above the largest amount here (4.3e12 cents).
CENTS='function cents(v,  neg, a, n, c) {
  gsub(/[ ",]|USD/, "", v); neg = sub(/^-/, "", v); n = split(v, a, ".")
  c = a[1] * 100 + (n > 1 ? substr(a[2] "00", 1, 2) : 0)
  return neg ? -c : c
}
function show(c) { if (c == 0) c = 0; return sprintf("%.0f", c) }'

# An id as an account component: openai -> Openai, agi_declared -> Agi-declared.
component() { printf '%s' "$1" | sed 's/[^A-Za-z0-9]/-/g; s/^./\U&/'; }

# Each tool's balances, one "ACCOUNT CENTS" line per account.
ledger_balances() {
  ledger --args-only --pedantic -f "$1" bal --flat --no-total |
    awk "$CENTS"' { print $3, show(cents($1)) }'
}
hledger_balances() {
  hledger -f "$1" bal -N --flat -O csv | awk "$CENTS"' NR > 1 {
    gsub(/"/, ""); split($0, f, ","); print f[1], show(cents(f[2])) }'
}
beancount_balances() {
  bean-query -f csv "$1" 'SELECT account, sum(number) AS total GROUP BY account' |
    awk -F, "$CENTS"' NR > 1 { gsub(/[ \r]/, ""); print $1, show(cents($2)) }'
}

negate() { echo "$1" | awk "$CENTS"' { print show(-$1) }'; }

# subtree BALANCES ACCOUNT: the cents of an account and every account under it.
subtree() {
  printf '%s\n' "$1" | awk -v want="$2" "$CENTS"' $1 == want || index($1, want ":") == 1 {
    sum += $2 } END { print show(sum) }'
}

# check_export NAME ON AGREEMENT EVENTS...: exports in the three formats, has each checked by
# its tools, and compares every tool's balances with settle's and the statement's, per pair:
#   Expenses:Revenue-share:PAYER:PAYEE    = what the statement on that day says the payer owes
#                                           the payee (what had accrued by then)
#   Income:Revenue-share:PAYEE:PAYER      = minus that
#   Liabilities:Revenue-share:PAYER:PAYEE = overpaid - outstanding, as the statement says
#   Assets:Revenue-share:PAYEE:PAYER      = outstanding - overpaid
# and the CSV's obligation and payment rows add up to the same, summed by awk in cents.
check_export() {
  name=$1
  on=$2
  shift 2
  base=$TMPDIR/$name
  for format in ledger beancount csv; do
    "$PACTUM" export --format "$format" --on "$on" --agreement "$@" >"$base.$format" 2>/dev/null
    expect_eq "$name: export --format $format exits" "$?" 0
  done
  expect_status "$name: ledger --pedantic accepts the journal" 0 \
    ledger --args-only --pedantic -f "$base.ledger" bal
  expect_status "$name: hledger check --strict ordereddates" 0 \
    hledger -f "$base.ledger" check --strict ordereddates
  expect_eq "$name: hledger check says nothing" "$OUT" ""
  expect_status "$name: bean-check accepts the file" 0 bean-check "$base.beancount"
  expect_eq "$name: bean-check says nothing" "$OUT" ""

  stated=$("$PACTUM" statement --json --on "$on" --agreement "$@" 2>/dev/null)
  bal_ledger=$(ledger_balances "$base.ledger")
  bal_hledger=$(hledger_balances "$base.ledger")
  bal_beancount=$(beancount_balances "$base.beancount")
  expect_eq "$name: ledger and hledger agree" "$bal_hledger" "$bal_ledger"
  # Each party's books (Assets:Cash:P and the accounts under Revenue-share:P) balance alone.
  for tool in ledger hledger beancount; do
    eval "bal=\$bal_$tool"
    expect_eq "$name: $tool: each party's books balance" "$(printf '%s\n' "$bal" | awk "$CENTS"' {
      split($1, a, ":"); sum[a[3]] += $2 } END { for (p in sum) if (sum[p] != 0) print p, sum[p] }')" ""
  done

  pairs=$(printf '%s' "$stated" | jq -r '.balances[] | "\(.payer) \(.payee) \(.owed)"')
  expect_eq "$name: the statement has totals" "$([ -n "$pairs" ] && echo yes)" yes
  # (Loops read here-documents, not pipes, so that their counts stay in this shell.)
  while read -r payer payee amount; do
    p=$(component "$payer")
    q=$(component "$payee")
    owed=$(echo "$amount" | awk "$CENTS"' { print show(cents($1)) }')
    for tool in ledger hledger beancount; do
      eval "bal=\$bal_$tool"
      expect_eq "$name: $tool: $payer owes $payee" "$(subtree "$bal" "Expenses:Revenue-share:$p:$q")" "$owed"
      expect_eq "$name: $tool: $payee earns from $payer" \
        "$(subtree "$bal" "Income:Revenue-share:$q:$p")" "$(negate "$owed")"
    done
    csv=$(awk -F, -v p="$payer" -v q="$payee" "$CENTS"' $1 == "obligation" && $3 == p && $4 == q {
      sum += cents($13) } END { print show(sum) }' "$base.csv")
    expect_eq "$name: csv: $payer owes $payee" "$csv" "$owed"
  done <<EOF
$pairs
EOF

  # What is still owed, per pair, as the statement on the same day says it.
  balances=$(printf '%s' "$stated" |
    jq -r '.balances[] | "\(.payer) \(.payee) \(.outstanding) \(.overpaid) \(.paid)"')
  expect_eq "$name: the statement has balances" "$([ -n "$balances" ] && echo yes)" yes
  while read -r payer payee outstanding overpaid paid; do
      p=$(component "$payer")
      q=$(component "$payee")
      open=$(echo "$outstanding $overpaid" | awk "$CENTS"' { print show(cents($1) - cents($2)) }')
      counted=$(echo "$paid" | awk "$CENTS"' { print show(cents($1)) }')
      for tool in ledger hledger beancount; do
        eval "bal=\$bal_$tool"
        expect_eq "$name: $tool: $payee is owed by $payer" \
          "$(subtree "$bal" "Assets:Revenue-share:$q:$p")" "$open"
        expect_eq "$name: $tool: $payer's payable to $payee" \
          "$(subtree "$bal" "Liabilities:Revenue-share:$p:$q")" \
          "$(negate "$open")"
      done
      csv=$(awk -F, -v p="$payer" -v q="$payee" "$CENTS"' $1 == "payment" && $3 == p && $4 == q {
        sum += cents($13) } END { print show(sum) }' "$base.csv")
      expect_eq "$name: csv: $payer paid $payee by $on" "$csv" "$counted"
  done <<EOF
$balances
EOF

  # One CSV row per obligation (as the statement lists them) and a header; every journal balances.
  expect_eq "$name: csv obligation rows" "$(grep -c '^obligation,' "$base.csv")" \
    "$(printf '%s' "$stated" | jq '.obligations | length')"
  expect_eq "$name: csv header" "$(head -n 1 "$base.csv")" \
    "record,date,payer,payee,clause,version,period,first,last,base,rate,amount_before_cap,amount,cumulative,cap_binds,due,paid,outstanding,standing,event,currency"
  expect_eq "$name: ledger total is zero" "$(ledger --args-only -f "$base.ledger" bal | tail -n 1 | tr -d ' ')" 0
}

check_export amended 2024-12-01 tests/settle/amended.pact \
  --events tests/settle/amended.csv tests/settle/payments.csv
check_export amended-later 2025-09-01 tests/settle/amended.pact \
  --events tests/settle/amended.csv tests/settle/payments.csv
check_export tiers 2024-12-31 tests/settle/tiers.pact --events tests/settle/tiers.csv
check_export fiscal 2025-12-31 tests/settle/fiscal.pact --events tests/settle/fiscal.csv
check_export example 2026-11-27 "$AGREEMENT" --events examples/microsoft-openai/events.csv
check_export example-end 2031-01-01 "$AGREEMENT" --events examples/microsoft-openai/events.csv

# The bundled example's totals, pinned: once every period has ended (the events end in 2030),
# settle's figures are the journal's balances.
expect_eq "example: OpenAI's expense to Microsoft" \
  "$(subtree "$(hledger_balances "$TMPDIR/example-end.ledger")" Expenses:Revenue-share:Openai:Microsoft)" \
  4349333333333
expect_eq "example: Microsoft's expense to OpenAI" \
  "$(subtree "$(beancount_balances "$TMPDIR/example-end.beancount")" Expenses:Revenue-share:Microsoft:Openai)" \
  225058888890
# On 2026-11-27 the journal holds what had accrued by then, 2026-Q4 through that day, dated it.
expect_eq "example: nothing after the day" \
  "$(grep -E '^[0-9]{4}-' "$TMPDIR/example.ledger" | cut -c1-10 | sort | tail -n 1)" 2026-11-27

# Payments count up to the statement date: pay5 (2025-01-05) is in the later export only, and
# pay3 (to no party of the agreement) in none.
expect_eq "amended: payments by 2024-12-01" "$(grep '^payment,' "$TMPDIR/amended.csv" | cut -d, -f20 | tr '\n' ' ')" \
  "pay1 pay4 pay2 "
expect_eq "amended: payments by 2025-09-01" "$(grep '^payment,' "$TMPDIR/amended-later.csv" | cut -d, -f20 | tr '\n' ' ')" \
  "pay1 pay4 pay2 pay5 "

# Each obligation's paid and standing in the CSV are the statement's.
st=$("$PACTUM" statement --agreement tests/settle/amended.pact --events tests/settle/amended.csv \
  tests/settle/payments.csv --on 2024-12-01 --json 2>/dev/null)
expect_eq "amended: csv paid and standing are the statement's" \
  "$(grep '^obligation,' "$TMPDIR/amended.csv" | cut -d, -f7,6,17,19)" \
  "$(printf '%s' "$st" | jq -r '.obligations[] | "\(.version),\(.period),\(.paid),\(.standing)"')"

# Transactions in date order: obligations on their period's last day, payments on theirs; on
# 2024-12-01, 2024-Q4 is still running: what it accrued so far is dated that day, and no period
# after it is in the journal.
expect_eq "amended: journal dates" \
  "$(grep -E '^[0-9]{4}-' "$TMPDIR/amended.ledger" | cut -c1-10 | tr '\n' ' ')" \
  "2024-03-31 2024-05-01 2024-06-01 2024-06-30 2024-06-30 2024-08-20 2024-09-30 2024-12-01 "
expect_contains "amended: the accruing entry says so" "$(cat "$TMPDIR/amended.ledger")" \
  "globex -> acme: fee 2024-Q4 (v2), accrued so far: the period is still running"

# --from / --through choose the obligations, as in settle.
"$PACTUM" export --format csv --on 2025-09-01 --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv --from 2025-01-01 --through 2025-12-31 >"$TMPDIR/window.csv" 2>/dev/null
expect_eq "window: obligations" "$(grep '^obligation,' "$TMPDIR/window.csv" | cut -d, -f7,13 | tr '\n' ' ')" \
  "2025-Q1,0.00 2025-Q2,6.00 "

# A hand-made scenario: ids that need mapping (north_wind, agi_fee), two parties whose names
# map alike (Acme and acme), a negative obligation, a clause without a due date, and a payment
# id with a comma and quotes. Every line below is worked out by hand.
cat >"$TMPDIR/small.pact" <<'PACT'
agreement small {
  currency USD
  party north_wind "North Wind"
  party Acme "Acme Holdings"
  party acme "Acme Trading"
}

version v1 {
  effective 2024-01-01
  source contract "Licence, 2023-12-01"

  revenue-share agi_fee {
    says "North Wind pays Acme Trading 10% of its revenue."
    payer north_wind
    payee acme
    base revenue of north_wind
    rate 10%
    settle quarterly
    due 30 days after period end
  }

  revenue-share royalty {
    says "North Wind pays Acme Holdings 5% of its revenue."
    payer north_wind
    payee Acme
    base revenue of north_wind
    rate 5%
    settle half-yearly
  }
}
PACT
cat >"$TMPDIR/small.csv" <<'CSV'
id,kind,date,end,party,counterparty,amount,currency
r1,revenue,2024-01-01,2024-03-31,north_wind,,1000.00,USD
r2,revenue,2024-04-15,,north_wind,,-300.00,USD
"pay,""1""",payment,2024-04-10,,north_wind,acme,100.00,USD
p2,payment,2024-07-01,,north_wind,Acme,20.00,USD
CSV
small() {
  "$PACTUM" export --agreement "$TMPDIR/small.pact" --events "$TMPDIR/small.csv" --on 2024-12-31 \
    --format "$1" 2>/dev/null
}
small ledger >"$TMPDIR/small.ledger"
small beancount >"$TMPDIR/small.beancount"
expect_status "small: ledger --pedantic" 0 ledger --args-only --pedantic -f "$TMPDIR/small.ledger" bal
expect_status "small: hledger check --strict" 0 hledger -f "$TMPDIR/small.ledger" check --strict ordereddates
expect_status "small: bean-check" 0 bean-check "$TMPDIR/small.beancount"
expect_eq "small: bean-check says nothing" "$OUT" ""

j=$(cat "$TMPDIR/small.ledger")
expect_contains "ledger: accounts declared" "$j" "
account Assets:Cash:North-wind
account Assets:Cash:Acme
account Assets:Cash:Acme-2
account Assets:Revenue-share:Acme:North-wind
account Assets:Revenue-share:Acme-2:North-wind
account Liabilities:Revenue-share:North-wind:Acme
account Liabilities:Revenue-share:North-wind:Acme-2
account Income:Revenue-share:Acme:North-wind:Royalty
account Income:Revenue-share:Acme-2:North-wind:Agi-fee
account Expenses:Revenue-share:North-wind:Acme:Royalty
account Expenses:Revenue-share:North-wind:Acme-2:Agi-fee
"
expect_contains "ledger: commodity and tags declared" "$j" "commodity USD

tag from
"
expect_contains "ledger: an obligation" "$j" "
2024-03-31 * north_wind -> acme: agi_fee 2024-Q1 (v1)
    ; from: north_wind
    ; to: acme
    ; clause: agi_fee
    ; version: v1
    ; period: 2024-Q1
    ; first: 2024-01-01
    ; last: 2024-03-31
    ; base: 1000.00
    ; rate: 0.10
    ; amount_before_cap: 100.00
    ; cumulative: 100.00
    ; cap_binds: false
    ; due: 2024-04-30
    Expenses:Revenue-share:North-wind:Acme-2:Agi-fee   100.00 USD
    Liabilities:Revenue-share:North-wind:Acme-2       -100.00 USD
    Assets:Revenue-share:Acme-2:North-wind             100.00 USD
    Income:Revenue-share:Acme-2:North-wind:Agi-fee    -100.00 USD
"
expect_contains "ledger: a payment, its id kept on one line" "$j" "
2024-04-10 * north_wind -> acme: payment pay_\"1\"
    ; from: north_wind
    ; to: acme
    ; event: pay_\"1\"
    Liabilities:Revenue-share:North-wind:Acme-2        100.00 USD
    Assets:Cash:North-wind                            -100.00 USD
    Assets:Cash:Acme-2                                 100.00 USD
    Assets:Revenue-share:Acme-2:North-wind            -100.00 USD
"
expect_contains "ledger: an adjustment down" "$j" "
    ; due: 2024-07-30
    Expenses:Revenue-share:North-wind:Acme-2:Agi-fee   -30.00 USD
    Liabilities:Revenue-share:North-wind:Acme-2         30.00 USD
"
expect_contains "ledger: no due date, no due tag" "$j" "    ; cap_binds: false
    Expenses:Revenue-share:North-wind:Acme:Royalty      35.00 USD"

b=$(cat "$TMPDIR/small.beancount")
expect_contains "beancount: options" "$b" 'option "title" "small"
option "operating_currency" "USD"'
expect_contains "beancount: opened on the first day used" "$b" "
2024-03-31 commodity USD
2024-03-31 open Assets:Cash:North-wind USD
"
expect_contains "beancount: typed metadata" "$b" '
2024-06-30 * "north_wind -> acme: agi_fee 2024-Q2 (v1)"
  from: "north_wind"
  to: "acme"
  clause: "agi_fee"
  version: "v1"
  period: "2024-Q2"
  first: 2024-04-01
  last: 2024-04-15
  base: -300.00 USD
  rate: 0.10
  amount_before_cap: -30.00 USD
  cumulative: 70.00 USD
  cap_binds: FALSE
  due: 2024-07-30
  Expenses:Revenue-share:North-wind:Acme-2:Agi-fee   -30.00 USD
'
expect_contains "beancount: a quoted id" "$b" '
2024-04-10 * "north_wind -> acme: payment pay,\"1\""
  from: "north_wind"
  to: "acme"
  event: "pay,\"1\""
'
bq=$(bean-query -f csv "$TMPDIR/small.beancount" \
  "SELECT account, sum(number) AS total WHERE account ~ '^Liabilities' GROUP BY account ORDER BY account" |
  tr -d ' \r')
expect_eq "beancount: payables" "$bq" "account,total
Liabilities:Revenue-share:North-wind:Acme,-15.00
Liabilities:Revenue-share:North-wind:Acme-2,30.00"

expect_eq "csv: every row" "$(small csv)" 'record,date,payer,payee,clause,version,period,first,last,base,rate,amount_before_cap,amount,cumulative,cap_binds,due,paid,outstanding,standing,event,currency
obligation,2024-03-31,north_wind,acme,agi_fee,v1,2024-Q1,2024-01-01,2024-03-31,1000.00,0.10,100.00,100.00,100.00,false,2024-04-30,100.00,0.00,paid,,USD
payment,2024-04-10,north_wind,acme,,,,,,,,,100.00,,,,,,,"pay,""1""",USD
obligation,2024-06-30,north_wind,Acme,royalty,v1,2024-H1,2024-01-01,2024-04-15,700.00,0.05,35.00,35.00,35.00,false,,20.00,15.00,overdue,,USD
obligation,2024-06-30,north_wind,acme,agi_fee,v1,2024-Q2,2024-04-01,2024-04-15,-300.00,0.10,-30.00,-30.00,70.00,false,2024-07-30,0.00,-30.00,credit,,USD
payment,2024-07-01,north_wind,Acme,,,,,,,,,20.00,,,,,,,p2,USD'
expect_eq "csv: tiers" "$(grep '^obligation,.*royalty' "$TMPDIR/tiers.csv" | cut -d, -f7,11 | tr '\n' ' ')" \
  "2024-H1,tiers 2024-H2,tiers "

# No events: declarations only, still accepted.
printf 'id,kind,date,party,amount,currency\n' >"$TMPDIR/none.csv"
"$PACTUM" export --agreement "$TMPDIR/small.pact" --events "$TMPDIR/none.csv" --format beancount \
  >"$TMPDIR/none.beancount" 2>/dev/null
expect_status "no events: bean-check" 0 bean-check "$TMPDIR/none.beancount"
expect_eq "no events: csv is the header" "$("$PACTUM" export --agreement "$TMPDIR/small.pact" \
  --events "$TMPDIR/none.csv" --format csv 2>/dev/null | wc -l | tr -d ' ')" 1

# Usage errors.
expect_status "no format" 2 "$PACTUM" export --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv
expect_contains "no format" "$OUT" "pactum export: choose the format: --format ledger|beancount|csv"
expect_status "bad format" 2 "$PACTUM" export --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv --format xml
expect_contains "bad format" "$OUT" "pactum export: --format is ledger, beancount or csv, not 'xml'"
expect_status "format needs a value" 2 "$PACTUM" export --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv --format
expect_status "bad event file" 1 "$PACTUM" export --agreement tests/settle/amended.pact \
  --events "$TMPDIR/missing.csv" --format csv
# Output that cannot be written is a failure with its reason, not a short file taken for whole.
if [ -w /dev/full ]; then
  "$PACTUM" export --agreement tests/settle/amended.pact --events tests/settle/amended.csv --format csv >/dev/full 2>"$TMPDIR/full.err"
  expect_eq "export to a full disk" "$?" 1
  expect_contains "export to a full disk" "$(cat "$TMPDIR/full.err")" "pactum export: could not write the output"
fi
finish
