# test_report.sh -- pictures: settle --format svg (by period and by year) and pactum report.
# Every SVG is well-formed XML (xmllint) and the same bytes on every run; the charts of the
# example carry the figures settle --by year prints (its cap, the quarter the cap binds, a bar
# per payer and payee per year); the report is well-formed XHTML, holds the terms, the
# settlement and an explanation per obligation, escapes what the agreement says, lands whole or
# not at all, and renders in headless Chromium to a page that is not blank.
. tests/cli/lib.sh

command -v xmllint >/dev/null || fail "xmllint is not installed (scripts/deps.sh installs libxml2-utils)"
EVENTS=examples/microsoft-openai/events.csv

# --- settle --by year --format svg of the example.
expect_status "settle --by year --format svg" 0 \
  "$PACTUM" settle --agreement "$AGREEMENT" --events "$EVENTS" --by year --format svg
printf '%s\n' "$OUT" >"$TMPDIR/years.svg"
expect_status "the yearly charts are well-formed" 0 xmllint --noout "$TMPDIR/years.svg"
svg=$(cat "$TMPDIR/years.svg")
expect_contains "the cap, exactly" "$svg" '>cap USD 38,000,000,000.00</text>'
expect_contains "the quarter it binds" "$svg" '>cap binds 2029-Q1</text>'
expect_contains "the subtitle says it" "$svg" \
  'openai -&gt; microsoft; the cap of USD 38,000,000,000.00 first binds in 2029-Q1'
# settle --by year prints 2023..2030 for two pairs: 16 bars, each with its exact amount.
years=$("$PACTUM" settle --agreement "$AGREEMENT" --events "$EVENTS" --by year --json)
pairs=$(printf '%s' "$years" | jq '.totals | length')
rows=$(printf '%s' "$years" | jq '.years | length')
expect_eq "bars: pairs x years" "$(grep -c 'class="bar"' "$TMPDIR/years.svg")" $((pairs * rows))
expect_eq "bars of the example" "$((pairs * rows))" 16
expect_contains "a bar's exact amount" "$svg" \
  '<title>openai -&gt; microsoft, 2028: USD 16,000,000,000.00</title>'
expect_contains "the axis in short money" "$svg" '>USD 15B</text>'
expect_eq "no script, no outside reference" "$(grep -ci 'script\|href\|http://[^w]' "$TMPDIR/years.svg")" 0
"$PACTUM" settle --agreement "$AGREEMENT" --events "$EVENTS" --by year --format svg >"$TMPDIR/again.svg"
expect_status "the same bytes on every run" 0 cmp "$TMPDIR/years.svg" "$TMPDIR/again.svg"

# --- settle --format svg: the running totals, for the example and every settle fixture.
for case in "$AGREEMENT:$EVENTS" tests/settle/amended.pact:tests/settle/amended.csv \
  tests/settle/all-versions.pact:tests/settle/all-versions.csv \
  tests/settle/fiscal.pact:tests/settle/fiscal.csv tests/settle/tiers.pact:tests/settle/tiers.csv \
  tests/settle/royalty-free.pact:tests/settle/royalty-free.csv; do
  ag=${case%%:*}
  ev=${case#*:}
  for by in "" "--by year"; do
    # shellcheck disable=SC2086
    "$PACTUM" settle --agreement "$ag" --events "$ev" $by --format svg >"$TMPDIR/f.svg" 2>"$TMPDIR/err"
    expect_eq "settle $ag $by --format svg: exit" "$?" 0
    expect_status "settle $ag $by --format svg: well-formed" 0 xmllint --noout "$TMPDIR/f.svg"
  done
done
svg=$("$PACTUM" settle --agreement "$AGREEMENT" --events "$EVENTS" --format svg)
expect_contains "by period: the running total each way" "$svg" \
  "What each payer owes each payee, running total"
expect_contains "by period: the cap too" "$svg" ">cap binds 2029-Q1</text>"

# --- --format text|json|svg, and --json kept.
a=$("$PACTUM" settle --agreement "$AGREEMENT" --events "$EVENTS" --by year --json)
b=$("$PACTUM" settle --agreement "$AGREEMENT" --events "$EVENTS" --by year --format json)
expect_eq "--format json is --json" "$b" "$a"
a=$("$PACTUM" settle --agreement "$AGREEMENT" --events "$EVENTS")
b=$("$PACTUM" settle --agreement "$AGREEMENT" --events "$EVENTS" --format text)
expect_eq "--format text is the table" "$b" "$a"
expect_status "--format svg --json" 2 \
  "$PACTUM" settle --agreement "$AGREEMENT" --events "$EVENTS" --format svg --json
expect_contains "--format svg --json: said" "$OUT" "--json is --format json"
expect_status "--format png" 2 "$PACTUM" settle --agreement "$AGREEMENT" --events "$EVENTS" --format png
expect_contains "--format png: said" "$OUT" "--format is text, json or svg, not 'png'"

# --- pactum report.
expect_status "report" 0 "$PACTUM" report --agreement "$AGREEMENT" --events "$EVENTS" \
  --on 2026-06-01 -o "$TMPDIR/report.html"
expect_eq "report: nothing said" "$OUT" ""
expect_status "report: well-formed XHTML" 0 xmllint --noout "$TMPDIR/report.html"
# libxml2's HTML parser knows HTML 4 only: its one complaint is the HTML5 tags it has not heard of.
other=$(xmllint --html --noout "$TMPDIR/report.html" 2>&1 | grep 'error' | grep -vc 'Tag [a-z]* invalid')
expect_eq "report: no HTML error but unknown HTML5 tags" "$other" 0
page=$(cat "$TMPDIR/report.html")
expect_contains "report: the title" "$page" "<h1>Microsoft and OpenAI partnership</h1>"
expect_contains "report: the terms on the day" "$page" "<h2>Terms in force on 2026-06-01</h2>"
expect_contains "report: the terms as show says them" "$page" \
  "version 2026-04-27: Primary cloud, non-exclusive licence, capped revenue share"
expect_contains "report: the versions" "$page" "<td>2019-07-22</td><td>2019-07-22</td><td>2023-01-22</td>"
expect_contains "report: the summary" "$page" "2029                  5,533,333,333.34"
expect_contains "report: the chart of the cap" "$page" ">cap binds 2029-Q1</text>"
obligations=$("$PACTUM" settle --agreement "$AGREEMENT" --events "$EVENTS" --json | jq '.obligations | length')
expect_eq "report: a row per obligation" "$(grep -c '^<tr.*<td class="n">' "$TMPDIR/report.html")" "$obligations"
# one <details> per obligation, and one for the history
expect_eq "report: an explanation per obligation" "$(grep -c '^<details>' "$TMPDIR/report.html")" \
  $((obligations + 1))
expect_contains "report: an explanation as explain says it" "$page" \
  "<summary>2029-Q1 openai-pays-microsoft (version 2026-04-27): USD 5,533,333,333.34, cut by its cap</summary>"
expect_contains "report: no diagnostics" "$page" "None: the agreement checked clean"
expect_eq "report: no script" "$(grep -ci '<script' "$TMPDIR/report.html")" 0
"$PACTUM" report --agreement "$AGREEMENT" --events "$EVENTS" --on 2026-06-01 -o - >"$TMPDIR/stdout.html"
expect_status "report -o -: the same page on standard output" 0 cmp "$TMPDIR/stdout.html" "$TMPDIR/report.html"
expect_eq "report: nothing else left beside it" "$(ls "$TMPDIR" | grep -c 'tmp-')" 0
expect_contains "report: the explanation's cap" "$page" \
  "owed before this period 32,466,666,666.66, room 5,533,333,333.34"

# --- Whole or not at all: a folder that is not there, events with an error.
expect_status "report into a missing folder" 1 "$PACTUM" report --agreement "$AGREEMENT" \
  --events "$EVENTS" -o "$TMPDIR/missing/report.html"
expect_contains "missing folder: located" "$OUT" \
  "$TMPDIR/missing/report.html: error[E1401]: the report cannot be written: No such file or directory"
expect_eq "missing folder: nothing made" "$(ls -d "$TMPDIR/missing" 2>/dev/null)" ""
printf 'id,kind,date,party,amount,currency\nr1,revenue,2024-02-30,acme,10.00,USD\n' >"$TMPDIR/bad.csv"
expect_status "report of events with an error" 1 "$PACTUM" report \
  --agreement tests/settle/amended.pact --events "$TMPDIR/bad.csv" -o "$TMPDIR/bad.html"
expect_contains "events with an error: said" "$OUT" "bad.csv:2"
expect_eq "events with an error: no page, no temporary" "$(ls "$TMPDIR" | grep -c 'bad.html')" 0
expect_status "report without -o" 2 "$PACTUM" report --agreement "$AGREEMENT" --events "$EVENTS"
expect_contains "report without -o: said" "$OUT" "say where to write the page: -o report.html"
expect_status "report on a day before the first version" 1 "$PACTUM" report \
  --agreement "$AGREEMENT" --events "$EVENTS" --on 2001-01-01 -o "$TMPDIR/early.html"
expect_contains "before the first version: E1130" "$OUT" "error[E1130]"
expect_eq "before the first version: no page" "$(ls "$TMPDIR" | grep -c 'early.html')" 0

# --- What the agreement says is escaped, in the page and in the charts.
sed 's/title "Amended reseller agreement"/title "<script>alert(1)<\/script> \& \\"Co\\" <b>"/' \
  tests/settle/amended.pact >"$TMPDIR/odd.pact"
expect_status "report of an odd title" 0 "$PACTUM" report --agreement "$TMPDIR/odd.pact" \
  --events tests/settle/amended.csv --on 2024-06-01 -o "$TMPDIR/odd.html"
expect_status "odd title: still well-formed" 0 xmllint --noout "$TMPDIR/odd.html"
expect_eq "odd title: no script" "$(grep -ci '<script' "$TMPDIR/odd.html")" 0
expect_contains "odd title: escaped" "$(cat "$TMPDIR/odd.html")" \
  '<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; &lt;b&gt;</h1>'

# --- The report with a comparison (--a, --b) and under other terms (--terms).
expect_status "report with a comparison" 0 "$PACTUM" report --agreement "$AGREEMENT" \
  --events "$EVENTS" --on 2026-06-01 --a 2025-10-28 --b actual -o "$TMPDIR/compare.html"
expect_eq "comparison: nothing said" "$OUT" ""
expect_status "comparison: well-formed XHTML" 0 xmllint --noout "$TMPDIR/compare.html"
cpage=$(cat "$TMPDIR/compare.html")
expect_contains "comparison: its section" "$cpage" \
  '<section id="compare">
<h2>Comparison: side a against side b</h2>'
expect_contains "comparison: linked from the heading" "$cpage" '<a href="#compare">Comparison: side a against side b</a>'
expect_contains "comparison: the sides" "$cpage" \
  "<b>a</b>, as if 2025-10-28 had stayed in force; <b>b</b>, actual"
# The figures of pactum compare: openai -> microsoft owes 204,459,999,999.99 as if 2025-10-28
# had stayed in force against 43,493,333,333.33 as it is (the 38 billion cap binds from
# 2029-Q1, and the share ends with 2030), a difference of 160,966,666,666.66.
expect_contains "comparison: openai -> microsoft in total" "$cpage" \
  '<tr><td>openai -&gt; microsoft</td><td class="n">204,459,999,999.99</td><td class="n">43,493,333,333.33</td><td class="n">160,966,666,666.66</td></tr>'
# Every row of compare's totals and by year tables is a row of the page's, figure for figure.
"$PACTUM" compare --agreement "$AGREEMENT" --events "$EVENTS" --a 2025-10-28 --b actual |
  awk '/^totals$/ {t = 1; next} /^by year$/ {t = 0; y = 1; next} /^clauses$/ {y = 0}
    (t || y) && / -> / && !/payer -> payee/ {
      i = y ? 2 : 1
      row = "<tr>" (y ? "<td>" $1 "</td>" : "") "<td>" $i " -&gt; " $(i + 2) "</td>"
      for (k = i + 3; k <= NF; k++) row = row "<td class=\"n\">" $k "</td>"
      print row "</tr>"
    }' >"$TMPDIR/compare-rows"
expect_eq "comparison: compare's rows (2 totals, 2 pairs x 10 years)" "$(wc -l <"$TMPDIR/compare-rows")" 22
expect_eq "comparison: each of them in the page" \
  "$(grep -cxFf "$TMPDIR/compare-rows" "$TMPDIR/compare.html")" 22
expect_contains "comparison: 2026 worked by hand (docs/compare.md)" "$cpage" \
  '<tr><td>2026</td><td>microsoft -&gt; openai</td><td class="n">488,533,333.33</td><td class="n">472,248,888.90</td><td class="n">16,284,444.43</td></tr>'
expect_contains "comparison: by clause" "$cpage" \
  '<tr><td>openai-pays-microsoft</td><td>openai -&gt; microsoft</td><td class="n">204,459,999,999.99</td><td class="n">43,493,333,333.33</td><td class="n">160,966,666,666.66</td><td></td></tr>'
expect_contains "comparison: the cap binds on b" "$cpage" \
  '<tr><td>b</td><td>openai-pays-microsoft</td><td>2026-04-27</td><td>openai -&gt; microsoft</td><td class="n">USD 38,000,000,000.00</td><td>2029-Q1</td><td>2030-Q4</td><td class="n">8</td><td class="n">38,000,000,000.00</td><td class="n">102,966,666,666.66</td></tr>'
expect_contains "comparison: its charts" "$cpage" ">b: cap binds 2029-Q1</text>"
expect_contains "comparison: a pair's bars" "$cpage" \
  "<title>a: as if 2025-10-28 had stayed in force, 2030: USD 48,000,000,000.00</title>"
# The report's own settlement is still actual's: the page without --a, --b holds it the same.
expect_contains "comparison: the report's settlement as before" "$cpage" "2029                  5,533,333,333.34"
"$PACTUM" report --agreement "$AGREEMENT" --events "$EVENTS" --on 2026-06-01 --a 2025-10-28 \
  --b actual -o - >"$TMPDIR/compare-stdout.html"
expect_status "comparison: the same bytes on every run" 0 cmp "$TMPDIR/compare-stdout.html" "$TMPDIR/compare.html"
# --terms: the page settled as if 2025-10-28 had stayed in force: no cap cuts 2029.
expect_status "report --terms" 0 "$PACTUM" report --agreement "$AGREEMENT" --events "$EVENTS" \
  --on 2026-01-01 --terms 2025-10-28 -o "$TMPDIR/terms.html"
expect_status "report --terms: well-formed" 0 xmllint --noout "$TMPDIR/terms.html"
tpage=$(cat "$TMPDIR/terms.html")
want=$("$PACTUM" settle --agreement "$AGREEMENT" --events "$EVENTS" --terms 2025-10-28 --by year |
  grep '^2030 ')
expect_contains "report --terms: the summary as settle --terms says it" "$tpage" "$want"
expect_eq "report --terms: no cap cut" "$(grep -c ', cut by its cap</summary>' "$TMPDIR/terms.html")" 0
expect_status "report --terms on a day after the side's end" 0 "$PACTUM" report \
  --agreement "$AGREEMENT" --events "$EVENTS" --on 2026-06-01 --terms 2025-10-28 -o "$TMPDIR/t2.html"
expect_contains "report --terms: its terms are 2025-10-28's" "$(cat "$TMPDIR/t2.html")" \
  "version 2025-10-28"
expect_status "report --a without --b" 2 "$PACTUM" report --agreement "$AGREEMENT" \
  --events "$EVENTS" --a 2025-10-28 -o "$TMPDIR/one.html"
expect_contains "--a without --b: said" "$OUT" "a comparison names both sides: --a SIDE --b SIDE"
expect_status "report --b an unknown side" 2 "$PACTUM" report --agreement "$AGREEMENT" \
  --events "$EVENTS" --a actual --b 2025-10-82 -o "$TMPDIR/unknown.html"
expect_contains "unknown side: said" "$OUT" "did you mean '2025-10-28'?"
expect_status "report with a broken amendment" 1 "$PACTUM" report --agreement "$AGREEMENT" \
  --events "$EVENTS" --a actual --b tests/compare/amends-earlier.pact -o "$TMPDIR/broken.html"
expect_contains "broken amendment: located" "$OUT" "tests/compare/amends-earlier.pact:8:10: error[E0605]"
expect_eq "no page for a failed comparison" "$(ls "$TMPDIR" | grep -c 'one.html\|unknown.html\|broken.html')" 0

# --- With --scenario: a forecast after the events, both sides over the same paths; its cap row
# is what pactum forecast says with the same seed and paths.
expect_status "report with a scenario and two sides" 0 "$PACTUM" report --agreement "$AGREEMENT" \
  --events examples/microsoft-openai/actual.csv --on 2026-12-31 --a 2025-10-28 --b actual \
  --scenario examples/microsoft-openai/reported.pact --paths 300 --seed 7 -o "$TMPDIR/forecast.html"
xmllint --noout "$TMPDIR/forecast.html" 2>"$TMPDIR/xmllint.err" && pass ||
  fail "the report with a forecast is not well-formed: $(head -3 "$TMPDIR/xmllint.err")"
page=$(cat "$TMPDIR/forecast.html")
expect_contains "the forecast section" "$page" '<section id="forecast">'
expect_contains "the comparison section too" "$page" '<section id="compare">'
"$PACTUM" forecast --agreement "$AGREEMENT" --events examples/microsoft-openai/actual.csv \
  --a 2025-10-28 --b actual --scenario examples/microsoft-openai/reported.pact --paths 300 --seed 7 \
  --json >"$TMPDIR/forecast.json"
cap=$(jq -r '.caps[] | select(.side == "b" and .clause == "openai-pays-microsoft")
  | "<td>b</td><td>openai-pays-microsoft</td><td>\(.version)</td><td class=\"num\">\(.probability)</td><td>\(.quarter_p10)</td><td>\(.quarter_p50)</td><td>\(.quarter_p90)</td>"' \
  "$TMPDIR/forecast.json")
expect_contains "the forecast's cap row is pactum forecast's" "$page" "$cap"
expect_status "report of a scenario alone" 0 "$PACTUM" report --agreement "$AGREEMENT" \
  --scenario examples/microsoft-openai/reported.pact --paths 50 --on 2026-12-31 -o "$TMPDIR/alone.html"
xmllint --noout "$TMPDIR/alone.html" 2>/dev/null && pass || fail "the report of a scenario alone is not well-formed"
page=$(cat "$TMPDIR/alone.html")
expect_contains "a scenario alone: its forecast" "$page" '<section id="forecast">'
expect_contains "a scenario alone: no events, said" "$page" "none: the scenario alone, from nothing that happened"
expect_contains "a scenario alone: no obligation settled" "$page" "Every obligation (0)"
expect_status "report with neither events nor a scenario" 2 "$PACTUM" report --agreement "$AGREEMENT" \
  -o "$TMPDIR/neither.html"
expect_contains "neither: said" "$OUT" "give the events: --events FILE... or --ledger FILE"
expect_status "--paths without --scenario" 2 "$PACTUM" report --agreement "$AGREEMENT" \
  --events "$EVENTS" --paths 5 -o "$TMPDIR/paths.html"
expect_contains "--paths without --scenario: said" "$OUT" "--paths, --seed and --threads go with --scenario FILE"
expect_status "report with a missing scenario" 1 "$PACTUM" report --agreement "$AGREEMENT" \
  --events "$EVENTS" --scenario "$TMPDIR/none.pact" -o "$TMPDIR/none.html"
expect_contains "missing scenario: said" "$OUT" "error[E1504]"
[ ! -e "$TMPDIR/none.html" ] && pass || fail "a page was written for a missing scenario"

# --- It renders: one screenshot in headless Chromium, which must not be blank.
if ! command -v chromium >/dev/null; then
  echo "SKIP: chromium is not installed, the report was not rendered (scripts/deps.sh installs it)"
elif ! timeout 120 chromium --headless --no-sandbox --disable-gpu --window-size=1200,2000 \
  --screenshot="$TMPDIR/report.png" "file://$(cd "$TMPDIR" && pwd)/report.html" \
  >"$TMPDIR/chromium.log" 2>&1 || [ ! -s "$TMPDIR/report.png" ]; then
  echo "SKIP: chromium cannot run here, the report was not rendered: $(tail -n 2 "$TMPDIR/chromium.log")"
else
  set -- $(python3 tests/cli/png_ink.py "$TMPDIR/report.png")
  expect_eq "screenshot: its size" "$1x$2" "1200x2000"
  [ "$3" -gt 50 ] && pass || fail "screenshot: only $3 colours"
  # text, tables and boxes ink a good part of the page; a blank page inks nothing
  [ "$4" -gt 100000 ] && pass || fail "screenshot: only $4 pixels not white"
fi
finish
