# hledger_settle.awk -- the settlement `pactum settle --agreement agreements/microsoft-openai`
# computes, from hledger's report of the same events, as a peer for bench/settle.sh:
#
#   hledger -f EVENTS.journal bal revenue -D -O csv -o DAILY.csv
#   awk -f bench/hledger_settle.awk bench/settle_terms.csv DAILY.csv
#
# hledger does the reading and the summing: the balance of each revenue:PARTY:STREAM account
# for each day (the journal, written by bench/gen_events, splits a monthly invoice over its days
# with posting dates). A daily report, not a quarterly one (-Q): the clause wordings change
# within quarters (2025-01-21, 2025-10-28, 2026-04-27), and hledger's report intervals are
# regular. This script then adds the days up into each wording's quarters (bench/settle_terms.csv)
# and does the rest as bench/duckdb_settle.mjs does: rate x base rounded half-even to the cent,
# the cap period after period. Amounts are integer cents (exact in awk's doubles below 2^53).
#
# Prints, tab-separated, amounts in cents:
#   O clause version period first last base amount_before_cap amount
#   T payer payee amount amount_without_cap
BEGIN { FS = "," }

function unquote(s) { gsub(/"/, "", s); return s }
function cents(s,   neg, n, p) {
  s = unquote(s)
  neg = substr(s, 1, 1) == "-"
  if (neg) s = substr(s, 2)
  n = split(s, p, ".")
  s = p[1] * 100 + (n > 1 ? substr(p[2] "00", 1, 2) + 0 : 0)
  return neg ? -s : s
}
function quarter_of(d,   m) { m = substr(d, 6, 2) + 0; return substr(d, 1, 4) "-Q" int((m + 2) / 3) }
function quarter_first(d,   m) { m = substr(d, 6, 2) + 0; return sprintf("%s-%02d-01", substr(d, 1, 4), int((m - 1) / 3) * 3 + 1) }
function quarter_last(d,   m) {
  m = int((substr(d, 6, 2) + 2) / 3)
  return substr(d, 1, 4) (m == 1 ? "-03-31" : m == 2 ? "-06-30" : m == 3 ? "-09-30" : "-12-31")
}
function next_quarter(d,   y, m) {
  y = substr(d, 1, 4) + 0; m = int((substr(d, 6, 2) - 1) / 3) * 3 + 4
  if (m > 12) { m = 1; y++ }
  return sprintf("%04d-%02d-01", y, m)
}
function max2(a, b) { return a > b ? a : b }
function min2(a, b) { return a < b ? a : b }
function print_cents(x) { return sprintf("%.0f", x) }

# The terms: clause,version,payer,payee,measure,party,streams,rate_num,rate_den,first,last,cap_cents,cap_group
FNR == NR {
  if (FNR == 1) next
  t = ++terms
  clause[t] = $1; version[t] = $2; payer[t] = $3; payee[t] = $4; measure[t] = $5; party[t] = $6
  streams[t] = $7; rate_num[t] = $8 + 0; rate_den[t] = $9 + 0; first[t] = $10; last[t] = $11
  cap[t] = $12; group[t] = $13
  next
}

# hledger's report: the header names the days, each row one account.
FNR == 1 {
  days = NF
  for (i = 2; i <= NF; i++) day[i] = unquote($i)
  next
}
{
  account = unquote($1)
  if (account !~ /^revenue:/) next
  split(account, part, ":")
  who = part[2]; stream = part[3] == "unattributed" ? "" : part[3]
  for (t = 1; t <= terms; t++) {
    takes[t] = measure[t] == "revenue" && party[t] == who && \
               (streams[t] == "" || (stream != "" && index(streams[t], "|" stream "|") > 0))
  }
  for (i = 2; i <= days; i++) {
    if ($i == "\"0\"" || $i == "0") continue
    v = cents($i)
    for (t = 1; t <= terms; t++)
      if (takes[t] && day[i] >= first[t] && (last[t] == "" || day[i] <= last[t]))
        base[t, quarter_of(day[i])] += v
  }
}

END {
  lo = day[2]; hi = day[days]
  for (t = 1; t <= terms; t++) {
    start = max2(first[t], lo)
    end = last[t] == "" ? hi : min2(last[t], hi)
    for (q = quarter_first(start); start <= end && q <= end; q = next_quarter(q)) {
      p_lo = max2(q, start); p_hi = min2(quarter_last(q), end)
      b = base[t, quarter_of(q)] + 0
      num = b * rate_num[t]
      fq = int(num / rate_den[t]); fr = num - fq * rate_den[t]
      while (fr < 0) { fq--; fr += rate_den[t] }
      while (fr >= rate_den[t]) { fq++; fr -= rate_den[t] }
      before = fq + (2 * fr > rate_den[t] || (2 * fr == rate_den[t] && fq % 2 != 0) ? 1 : 0)
      amount = before
      if (cap[t] != "" && before > cap[t] - paid[group[t]]) amount = max2(cap[t] - paid[group[t]], 0)
      paid[group[t]] += amount
      printf "O\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", clause[t], version[t], quarter_of(q), p_lo, p_hi,
        print_cents(b), print_cents(before), print_cents(amount)
      pair = payer[t] "\t" payee[t]
      if (!(pair in total)) { pairs[++pair_count] = pair; total[pair] = 0; uncapped[pair] = 0 }
      total[pair] += amount; uncapped[pair] += before
    }
  }
  for (k = 1; k <= pair_count; k++)
    printf "T\t%s\t%s\t%s\n", pairs[k], print_cents(total[pairs[k]]), print_cents(uncapped[pairs[k]])
}
