#!/bin/sh
# Writes examples/microsoft-openai/events.csv from the small tables below (see README.md for
# where each figure comes from). POSIX sh and awk only; the output is the same on every run.
#
#   sh examples/microsoft-openai/make-events.sh          write events.csv beside this script
#   sh examples/microsoft-openai/make-events.sh -o -     write to standard output
#   sh examples/microsoft-openai/make-events.sh -o FILE  write to FILE
#
# Money is handled in integer cents (exact in awk's doubles far beyond these sums). A total is
# split over its months as evenly as possible, the leftover cents going to the earliest months,
# so every year's months add up exactly to the figure in the table.

set -eu
LC_ALL=C
export LC_ALL

dir=$(cd "$(dirname "$0")" && pwd)
out="$dir/events.csv"
case "${1:-}" in
  -o) [ $# -eq 2 ] || { echo "usage: $0 [-o FILE|-]" >&2; exit 2; }; out=$2 ;;
  "") ;;
  *) echo "usage: $0 [-o FILE|-]" >&2; exit 2 ;;
esac

generate() {
awk -F'|' '
# ---- helpers ---------------------------------------------------------------------------------
function cents(s,   p, n) {            # "1234.56" -> 123456 (two decimals required)
  n = split(s, p, ".")
  if (n != 2 || length(p[2]) != 2) { print "bad amount " s > "/dev/stderr"; exit 1 }
  return p[1] * 100 + p[2]
}
function usd(c,   d) {                 # 123456 -> "1234.56" (c >= 0)
  d = int(c / 100)
  return sprintf("%.0f.%02d", d, c - d * 100)
}
function mdays(y, m) {
  if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
  return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31
}
function ym(y, m) { return sprintf("%04d-%02d", y, m) }
function csv(s) {                      # RFC 4180: quote a value holding a comma or a quote
  if (s ~ /[",]/) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
  return s
}
function row(id, kind, date, end, party, cparty, stream, subject, amount, cur, ref, note) {
  print csv(id) "," kind "," date "," end "," party "," cparty "," stream "," subject "," \
        amount "," cur "," ref "," csv(note)
}
# Half-even rounding of rate_pct% of a base in cents (rate a whole percentage).
function share(base, pct,   num, q, r) {
  num = base * pct; q = int(num / 100); r = num - q * 100
  if (r > 50 || (r == 50 && q % 2 == 1)) q++
  return q
}
# The part of a month amount c (cents) that falls on days d1..d2 of a month of n days, split
# by day as pactum splits spans: floor(c/n) each, the leftover cents to the earliest days.
function dayshare(c, n, d1, d2,   each, left, extra) {
  each = int(c / n); left = c - each * n
  extra = left - (d1 - 1); if (extra < 0) extra = 0; if (extra > d2 - d1 + 1) extra = d2 - d1 + 1
  return each * (d2 - d1 + 1) + extra
}
# Emit `months` monthly revenue spans from year y, month m, splitting total cents evenly.
function spans(prefix, party, stream, y, m, months, total, note,   each, left, i, c) {
  each = int(total / months); left = total - each * months
  for (i = 0; i < months; i++) {
    c = each + (i < left ? 1 : 0)
    row(prefix "-" ym(y, m), "revenue", ym(y, m) "-01", ym(y, m) "-" sprintf("%02d", mdays(y, m)),
        party, "", stream, "", usd(c), "USD", "", note)
    month[party, stream, ym(y, m)] = c
    if (++m > 12) { m = 1; y++ }
  }
}
# What the 2026 clause owes for a quarter of 2026 (20% of OpenAI revenue from 2026-04-27).
function owed2026(q,   y, m, b, c) {
  y = 2026; b = 0
  for (m = 3 * q - 2; m <= 3 * q; m++) {
    c = month["openai", "chatgpt-and-api", ym(y, m)]
    if (y == 2026 && m == 4) c = dayshare(c, 30, 27, 30)
    else if (y == 2026 && m < 4) c = 0
    b += c
  }
  return share(b, 20)
}

# ---- tables ----------------------------------------------------------------------------------
/^[ \t]*(#|$)/ { next }
$1 == "openai" {                        # openai|year|annual total|note
  spans("rev-openai", "openai", "chatgpt-and-api", $2 + 0, 1, 12, cents($3), $4); next
}
$1 == "msft" {                          # msft|stream|first month|months|period total|note
  split($3, a, "-")
  spans("rev-msft-" $2, "microsoft", $2, a[1] + 0, a[2] + 0, $4 + 0, cents($5), $6); next
}
$1 == "pay" {                           # pay|id|date|quarter of 2026|short by|note
  amt = owed2026($4 + 0) - cents($5)
  row($2, "payment", $3, "", "openai", "microsoft", "", "openai-pays-microsoft", usd(amt), "USD",
      "", $6); next
}
$1 == "milestone" {                     # milestone|id|date|party|subject|note
  row($2, "milestone", $3, "", $4, "", "", $5, "", "", "", $6); next
}
{ print "make-events.sh: bad table line: " $0 > "/dev/stderr"; exit 1 }

BEGIN { print "id,kind,date,end,party,counterparty,stream,subject,amount,currency,ref,note" }
' <<'EOF'
# OpenAI revenue, one line per year: openai|year|annual total (USD)|note on every month's row.
openai|2023|1000000000.00|reported: 2023 about USD 1B (The Information; Fortune); month = 1/12 of the year
openai|2024|3700000000.00|reported: 2024 USD 3.7B (The Information; Fortune); month = 1/12 of the year
openai|2025|13100000000.00|reported: 2025 about USD 13.1B (The Information; Fortune); month = 1/12 of the year
openai|2026|30000000000.00|projection (reported): 2026 USD 30B (The Information; Fortune 2025-26); month = 1/12 of the year
openai|2027|62000000000.00|projection (reported): 2027 USD 62B (The Information; Fortune 2025-26); month = 1/12 of the year
openai|2028|80000000000.00|interpolated by pactum: 2028 USD 80B between the 2027 (62B) and 2029 (112.5B) projections; month = 1/12 of the year
openai|2029|112500000000.00|projection (reported): 2029 USD 112.5B = midpoint of 100-125B (The Information; Fortune 2025-26); month = 1/12 of the year
openai|2030|240000000000.00|projection (reported): 2030 USD 240B = midpoint of 200-280B (The Information; Fortune 2025-26); month = 1/12 of the year
openai|2031|240000000000.00|extrapolated by pactum: 2031 held flat at the 2030 projection (USD 240B); month = 1/12 of the year
openai|2032|240000000000.00|extrapolated by pactum: 2032 held flat at the 2030 projection (USD 240B); month = 1/12 of the year

# Microsoft's Azure OpenAI and Bing revenue in the Microsoft -> OpenAI share: pactum's estimates,
# not reported figures. msft|stream|first month|months|total over those months (USD)|note.
# 2024 and 2025-01..09 are derived from the leaked net figures (README.md); the split between
# the two streams (75% Azure OpenAI, 25% Bing) is assumed.
msft|azure-openai|2023-01|12|249525000.00|estimate by pactum (not reported): 2023 at the 2024 ratio to OpenAI revenue; 75% of the two streams; see README
msft|bing|2023-01|12|83175000.00|estimate by pactum (not reported): 2023 at the 2024 ratio to OpenAI revenue; 25% of the two streams; see README
msft|azure-openai|2024-01|12|923250000.00|estimate by pactum (not reported): from the leaked 2024 net of USD 493.8M (TechCrunch 2025-11); 75% of the two streams; see README
msft|bing|2024-01|12|307750000.00|estimate by pactum (not reported): from the leaked 2024 net of USD 493.8M (TechCrunch 2025-11); 25% of the two streams; see README
msft|azure-openai|2025-01|9|4122000000.00|estimate by pactum (not reported): from the leaked 2025 Q1-Q3 net of USD 865.8M (TechCrunch 2025-11); 75% of the two streams; see README
msft|bing|2025-01|9|1374000000.00|estimate by pactum (not reported): from the leaked 2025 Q1-Q3 net of USD 865.8M (TechCrunch 2025-11); 25% of the two streams; see README
msft|azure-openai|2025-10|7|3206000000.00|estimate by pactum (not reported): held at the 2025 Q1-Q3 monthly average; 75% of the two streams; see README
msft|bing|2025-10|7|1068666666.67|estimate by pactum (not reported): held at the 2025 Q1-Q3 monthly average; 25% of the two streams; see README

# Payments by OpenAI under the 2026 clause: pay|id|date|quarter of 2026|short by (USD)|note.
# The amount is what the 2026 terms owe for the quarter (computed here as pactum computes it)
# less the shortfall; each is paid on the quarter's due date (45 days after it ends).
pay|pay-2026-q2|2026-08-14|2|0.00|illustrative payment: 2026-Q2 under the 2026 terms (from 2026-04-27) in full
pay|pay-2026-q3|2026-11-14|3|0.00|illustrative payment: 2026-Q3 under the 2026 terms in full
pay|pay-2026-q4|2027-02-14|4|100000000.00|illustrative payment: 2026-Q4 under the 2026 terms paid USD 100M short

milestone|agi-2028|2028-06-30|openai-board|agi_declared|hypothetical: OpenAI's board declares AGI; under the 2026 terms no payment depends on AGI so this changes nothing
EOF
}

if [ "$out" = "-" ]; then
  generate
else
  tmp="$out.tmp.$$"
  trap 'rm -f "$tmp"' EXIT
  generate > "$tmp"
  mv "$tmp" "$out"
  trap - EXIT
fi
