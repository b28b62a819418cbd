#!/bin/sh
# bench/decide.sh -- the benchmark of `pactum decide --batch` and `pactum audit` (issue: decide
# and audit at scale), run by `make bench` after bench/settle.sh.
#
# Targets, against a ledger of 1 million events for the reference agreement:
#   - `pactum decide --agreement agreements/microsoft-openai --ledger L --batch QUERIES.jsonl`
#     answers at least 500,000 launch and licence queries per second. The target is about
#     answering, so it is judged on the answering alone: (median time of the batch of all the
#     queries - median time of a batch of one query, which is reading the ledger and the
#     agreement) / queries. Queries per second including that load are reported beside it;
#   - its answers are identical, byte for byte, to one-at-a-time `pactum decide launch|use ...
#     --json` on a sample of the queries (spread evenly over the file);
#   - `pactum audit --agreement agreements/microsoft-openai --ledger L --on 2032-12-31 --json`
#     over the 1 million events takes under 2 seconds (the whole command).
# The import of the events into a fresh ledger is timed too (for information).
#
# The files are made (once per seed, sizes and generator) by bench/gen_decide into build/bench/:
# decide-events-N.csv, decide-queries-Q.jsonl. Each figure is a hyperfine median (the files and
# the ledger sit in the page cache: this measures computing, not the disk); peak RSS comes from
# one separate run under /usr/bin/time. The results go to this benchmark's section of
# BENCHMARKS.md (between the bench:decide markers; the rest of the file is kept).
#
# Exit status: 0 every target met, 1 a target missed or an answer differs (the report is
# written all the same), 2 the benchmark could not run.
#
# Settings (environment):
#   BENCH_SEED=42                    generator seed
#   BENCH_DECIDE_EVENTS=1000000      events in the ledger
#   BENCH_DECIDE_QUERIES=1000000     queries in the batch
#   BENCH_DECIDE_SAMPLE=300          answers checked against one-at-a-time decide (each run
#                                    reads the whole ledger: about a second each, on all CPUs)
#   BENCH_DECIDE_RUNS=5              hyperfine runs of each command (after a warm-up)
#   BENCH_IMPORT_RUNS=3              hyperfine runs of the import (fresh ledger each run)
#   BENCH_TIMEOUT_SECONDS=900        a single run taking longer is stopped
#   BENCH_REPORT=BENCHMARKS.md
set -eu

cd "$(dirname "$0")/.."
. bench/lib.sh

PACTUM=build/pactum
AGREEMENT=agreements/microsoft-openai
DIR=build/bench
SEED=${BENCH_SEED:-42}
EVENTS=${BENCH_DECIDE_EVENTS:-1000000}
QUERIES=${BENCH_DECIDE_QUERIES:-1000000}
SAMPLE=${BENCH_DECIDE_SAMPLE:-300}
RUNS=${BENCH_DECIDE_RUNS:-5}
IMPORT_RUNS=${BENCH_IMPORT_RUNS:-3}
TIMEOUT=${BENCH_TIMEOUT_SECONDS:-900}
REPORT=${BENCH_REPORT:-BENCHMARKS.md}
BEGIN='<!-- bench:decide begin -->'
END='<!-- bench:decide end -->'
ON=2032-12-31          # the audit's day: every event counts
RECORDED_ON=2025-01-01 # the import's day (fixed, so the ledger is the same each time)
TARGET_QPS=500000
TARGET_AUDIT=2

# The commit measured: read now, since the tree may move while the benchmark runs.
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$COMMIT" != unknown ] && [ -n "$(git status --porcelain -- src include Makefile 2>/dev/null)" ]; then
  COMMIT="$COMMIT with uncommitted changes to src/"
fi

say() { printf '%s\n' "bench: $*" >&2; }
die() { say "$*"; exit 2; }
grouped() { awk -v x="$1" 'BEGIN {s = sprintf("%.0f", x); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); print s}'; }

case "$SEED$EVENTS$QUERIES$SAMPLE$RUNS$IMPORT_RUNS" in
  *[!0-9]*) die "BENCH_SEED, BENCH_DECIDE_EVENTS, BENCH_DECIDE_QUERIES, BENCH_DECIDE_SAMPLE and the run counts are whole numbers" ;;
esac
[ "$QUERIES" -ge 2 ] || die "BENCH_DECIDE_QUERIES is at least 2"
[ -x "$PACTUM" ] || die "$PACTUM is missing; run: make"
for tool in hyperfine jq awk timeout sqlite3 ${CC:-cc}; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing; run: make deps (scripts/deps.sh)"
done
TIME=""
[ -x /usr/bin/time ] && /usr/bin/time -f '%M' true >/dev/null 2>&1 && TIME=/usr/bin/time
CPUS=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "-")
mkdir -p "$DIR"
RESULTS=$DIR/decide-results.txt   # key median min max mean cpu runs kb
NOTES=$DIR/decide-notes.txt
: >"$RESULTS"
: >"$NOTES"
note() { printf -- '- %s\n' "$*" >>"$NOTES"; }

# ---- the generator and pactum (copied: a rebuild while the benchmark runs changes nothing)
GEN_SUM=$(cksum <bench/gen_decide.c | cut -d' ' -f1)
if [ ! -x "$DIR/gen_decide" ] || [ "$(cat "$DIR/gen_decide.sum" 2>/dev/null)" != "$GEN_SUM" ]; then
  say "building $DIR/gen_decide"
  ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -o "$DIR/gen_decide" bench/gen_decide.c ||
    die "cannot build $DIR/gen_decide"
  echo "$GEN_SUM" >"$DIR/gen_decide.sum"
fi
cp "$PACTUM" "$DIR/pactum-decide.tmp" && mv "$DIR/pactum-decide.tmp" "$DIR/pactum-decide" || die "cannot copy $PACTUM"
PACTUM=$DIR/pactum-decide

# ---- the files: made once per seed, sizes and generator
EV=$DIR/decide-events-$EVENTS.csv
QF=$DIR/decide-queries-$QUERIES.jsonl
STAMP="seed=$SEED events=$EVENTS queries=$QUERIES generator=$GEN_SUM"
if [ -f "$EV" ] && [ -f "$QF" ] && [ "$(cat "$EV.stamp" 2>/dev/null)" = "$STAMP" ]; then
  say "$EV and $QF: up to date"
else
  say "generating $EV ($(grouped "$EVENTS") events) and $QF ($(grouped "$QUERIES") queries), seed $SEED"
  rm -f "$EV.stamp"
  "$DIR/gen_decide" "$SEED" "$EVENTS" "$EV.tmp" "$QUERIES" "$QF.tmp" || die "gen_decide failed"
  mv "$EV.tmp" "$EV"
  mv "$QF.tmp" "$QF"
  echo "$STAMP" >"$EV.stamp"
fi
[ "$(($(wc -l <"$EV") - 1))" = "$EVENTS" ] || die "$EV does not hold $EVENTS events"
[ "$(wc -l <"$QF" | tr -d ' ')" = "$QUERIES" ] || die "$QF does not hold $QUERIES queries"
Q1=$DIR/decide-queries-1.jsonl
head -n 1 "$QF" >"$Q1"
KINDS=$(cut -d, -f2 "$EV" | sed 1d | sort | uniq -c | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1}')
LAUNCHES=$(grep -c '"decide":"launch"' "$QF" || true)

# ---- one run under /usr/bin/time: PROBE_SEC PROBE_KB PROBE_STATUS
# probe NAME OUT -- command...   (standard error into $DIR/NAME.err)
probe() {
  pb_name=$1 pb_out=$2
  shift 3
  pb_status=0
  if [ -n "$TIME" ]; then
    "$TIME" -f 'BENCH-TIME %e %M' -o "$DIR/$pb_name.time" timeout "$TIMEOUT" "$@" \
      >"$pb_out" 2>"$DIR/$pb_name.err" || pb_status=$?
    awk -v s="$pb_status" '/^BENCH-TIME/ {t = $2; m = $3} END {print (t == "" ? "-" : t), (m == "" ? "-" : m), s}' \
      "$DIR/$pb_name.time" >"$DIR/$pb_name.probe" 2>/dev/null || echo "- - $pb_status" >"$DIR/$pb_name.probe"
    rm -f "$DIR/$pb_name.time"
  else
    timeout "$TIMEOUT" "$@" >"$pb_out" 2>"$DIR/$pb_name.err" || pb_status=$?
    echo "- - $pb_status" >"$DIR/$pb_name.probe"
  fi
  read -r PROBE_SEC PROBE_KB PROBE_STATUS <"$DIR/$pb_name.probe"
}

# ---- hyperfine: appends "key median min max mean cpu runs kb" to $RESULTS
# timed KEY KB WARMUP RUNS [--prepare CMD] COMMAND
timed() {
  tm_key=$1 tm_kb=$2 tm_warmup=$3 tm_runs=$4
  shift 4
  say "$tm_key: hyperfine --warmup $tm_warmup --runs $tm_runs"
  if [ "$1" = "--prepare" ]; then
    hyperfine -N --style basic --warmup "$tm_warmup" --runs "$tm_runs" --export-json "$DIR/$tm_key.hyperfine.json" \
      --command-name "$tm_key" --output null --prepare "$2" "$3" >&2 || die "hyperfine failed for $tm_key"
  else
    hyperfine -N --style basic --warmup "$tm_warmup" --runs "$tm_runs" --export-json "$DIR/$tm_key.hyperfine.json" \
      --command-name "$tm_key" --output null "$1" >&2 || die "hyperfine failed for $tm_key"
  fi
  jq -r --arg key "$tm_key" --arg runs "$tm_runs" --arg kb "$tm_kb" \
    '.results[0] | "\($key) \(.median) \(.min) \(.max) \(.mean) \(.user + .system) \($runs) \($kb)"' \
    "$DIR/$tm_key.hyperfine.json" >>"$RESULTS"
}

# ---- 1. import into a fresh ledger (the ledger the rest reads is the last run's)
DB=$DIR/decide-$EVENTS.db
IMPORT="sh -c '$PACTUM init --ledger $DB >/dev/null && $PACTUM import --ledger $DB --recorded-on $RECORDED_ON --backdated-because bench $EV'"
rm -f "$DB" "$DB-wal" "$DB-shm"
say "import of $EV into $DB: one run (check, peak memory)"
probe decide-import "$DIR/decide-import.out" -- sh -c "$PACTUM init --ledger $DB >/dev/null && $PACTUM import --ledger $DB --recorded-on $RECORDED_ON --backdated-because bench $EV"
[ "$PROBE_STATUS" -eq 0 ] || { head -n 20 "$DIR/decide-import.err" >&2; die "pactum import failed on $EV"; }
timed import "$PROBE_KB" 0 "$IMPORT_RUNS" --prepare "rm -f $DB $DB-wal $DB-shm" "$IMPORT"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM events')" = "$EVENTS" ] || die "the ledger does not hold $EVENTS events"
L="--agreement $AGREEMENT --ledger $DB"

# ---- 2. decide --batch: every line answered; a batch of one query (the load) and of all
ANSWERS=$DIR/decide-answers.jsonl
say "decide --batch of $QF: one run (check, peak memory)"
probe decide-batch "$ANSWERS" -- "$PACTUM" decide $L --batch "$QF"
if [ "$PROBE_STATUS" -ne 0 ]; then
  head -n 20 "$DIR/decide-batch.err" >&2
  die "pactum decide --batch failed (exit status $PROBE_STATUS); every generated query must be answered"
fi
BATCH_KB=$PROBE_KB
[ "$(wc -l <"$ANSWERS" | tr -d ' ')" = "$QUERIES" ] || die "decide --batch wrote $(wc -l <"$ANSWERS") answers for $QUERIES queries"
! grep -q '^{"error"' "$ANSWERS" || die "decide --batch answered some queries with an error"
WARNINGS=$(grep -c 'warning\[' "$DIR/decide-batch.err" || true)
DECISIONS=$(jq -r .decision "$ANSWERS" | sort | uniq -c | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1}')
probe decide-load "$DIR/decide-load.out" -- "$PACTUM" decide $L --batch "$Q1"
[ "$PROBE_STATUS" -eq 0 ] || die "pactum decide --batch of one query failed"
timed decide-1 "$PROBE_KB" 1 "$RUNS" "$PACTUM decide $L --batch $Q1"
timed decide-all "$BATCH_KB" 1 "$RUNS" "$PACTUM decide $L --batch $QF"

# ---- 3. a sample of the answers against one-at-a-time decide --json
SAMPLE_Q=$DIR/decide-sample.jsonl
SAMPLE_A=$DIR/decide-sample-batch.jsonl
SAMPLE_DIR=$DIR/decide-one
rm -rf "$SAMPLE_DIR"
mkdir -p "$SAMPLE_DIR"
MISMATCH=0
CHECKED=0
if [ "$SAMPLE" -gt 0 ]; then
  step=$(( QUERIES / SAMPLE ))
  [ "$step" -ge 1 ] || step=1
  awk -v s="$step" -v n="$SAMPLE" '(NR - 1) % s == 0 && c < n {print; c++}' "$QF" >"$SAMPLE_Q"
  awk -v s="$step" -v n="$SAMPLE" '(NR - 1) % s == 0 && c < n {print; c++}' "$ANSWERS" >"$SAMPLE_A"
  CHECKED=$(wc -l <"$SAMPLE_Q" | tr -d ' ')
  say "checking $CHECKED answers against one-at-a-time decide --json ($CPUS at a time)"
  # One command per query, its options from the query's fields (quoted for sh by jq).
  jq -r --arg p "$PACTUM" --arg l "$L" --arg d "$SAMPLE_DIR" '
    [input_line_number] as $n |
    (if .decide == "launch" then
       "launch --product \(.product | @sh) --provider \(.provider | @sh)" +
       (if .subject then " --subject \(.subject | @sh)" else "" end)
     else "use --licensee \(.licensee | @sh) --subject \(.subject | @sh)" end) as $args |
    "\($p) decide \($args) \($l) --on \(.on | @sh) --json >\($d)/\($n[0]).json 2>/dev/null"' \
    "$SAMPLE_Q" >"$SAMPLE_DIR/commands.sh"
  split -n "l/$CPUS" "$SAMPLE_DIR/commands.sh" "$SAMPLE_DIR/part-"
  for part in "$SAMPLE_DIR"/part-*; do sh "$part" & done
  wait
  i=1
  : >"$SAMPLE_DIR/all.jsonl"
  while [ "$i" -le "$CHECKED" ]; do
    # A single answer is a whole document (agreement, currency, diagnostics around it); a batch
    # line is the answer alone.
    jq -c 'del(.agreement, .currency, .diagnostics)' "$SAMPLE_DIR/$i.json" >>"$SAMPLE_DIR/all.jsonl" 2>/dev/null || true
    i=$((i + 1))
  done
  if ! cmp -s "$SAMPLE_DIR/all.jsonl" "$SAMPLE_A"; then
    MISMATCH=1
    say "one-at-a-time decide DIFFERS from the batch:"
    diff "$SAMPLE_A" "$SAMPLE_DIR/all.jsonl" | head -n 6 >&2 || true
    note "**One-at-a-time \`decide --json\` differs from the batch** on the sample (\`diff\`, \`<\` the batch, first lines): $(diff "$SAMPLE_A" "$SAMPLE_DIR/all.jsonl" | head -n 2 | cut -c 1-300 | tr '\n' ' ')"
  else
    say "the $CHECKED sampled answers are identical, byte for byte, once their frame is taken off"
  fi
fi

# ---- 4. audit over the ledger
AUDIT_OUT=$DIR/decide-audit.json
say "audit of $DB on $ON: one run (check, peak memory)"
probe decide-audit "$AUDIT_OUT" -- "$PACTUM" audit $L --on "$ON" --json
[ "$PROBE_STATUS" -eq 0 ] || { head -n 20 "$DIR/decide-audit.err" >&2; die "pactum audit failed (exit status $PROBE_STATUS)"; }
AUDIT_KB=$PROBE_KB
FINDINGS=$(jq -r '[(.obligations[] | .kind), (.breaches[] | .kind)] | group_by(.) | map("\(.[0]) \(length)") | join(", ")' "$AUDIT_OUT")
AUDIT_BYTES=$(wc -c <"$AUDIT_OUT" | tr -d ' ')
timed audit "$AUDIT_KB" 1 "$RUNS" "$PACTUM audit $L --on $ON --json"

# ---- the report
MEM_KB=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null || echo 0)
MACHINE_ARCH=$(uname -m)
MACHINE_KERNEL="$(uname -s) $(uname -r)"
MACHINE_CPU=$(awk -F': *' '/^(model name|Model|cpu model|Hardware)[ \t]*:/ {print $2; exit}' /proc/cpuinfo 2>/dev/null)
[ -n "$MACHINE_CPU" ] || MACHINE_CPU="unknown CPU"
MACHINE_MEM=$(awk -v m="$MEM_KB" 'BEGIN {printf "%.1f GiB", m / 1048576}')
NOW=$(date -u '+%Y-%m-%d %H:%M UTC')
CC_VERSION=$(${CC:-cc} --version 2>/dev/null | head -n 1)
TOOLS="hyperfine $(hyperfine --version | awk '{print $2}'); sqlite3 $(sqlite3 --version | awk '{print $1}'); jq $(jq --version 2>/dev/null | sed 's/^jq-//')"
[ -n "$TIME" ] || note "Peak RSS not measured: /usr/bin/time (GNU time) is missing."
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "-")
if awk -v l="${LOAD_START%% *}" 'BEGIN {exit !(l + 0 > 0.5)}'; then
  note "The machine was not idle: load average $LOAD_START when the benchmark began (and $LOAD_END at its end), so other processes shared its $CPUS CPUs. Rerun on an idle machine for figures to keep."
fi

SECTION=$DIR/decide-section.md
awk -v events="$EVENTS" -v queries="$QUERIES" -v launches="$LAUNCHES" -v seed="$SEED" -v arch="$MACHINE_ARCH" \
    -v cpus="$CPUS" -v cpu="$MACHINE_CPU" -v mem="$MACHINE_MEM" -v kernel="$MACHINE_KERNEL" -v now="$NOW" \
    -v commit="$COMMIT" -v ccv="$CC_VERSION" -v tools="$TOOLS" -v begin="$BEGIN" -v end="$END" \
    -v notes="$NOTES" -v runs="$RUNS" -v import_runs="$IMPORT_RUNS" -v load="$LOAD_START" \
    -v kinds="$KINDS" -v decisions="$DECISIONS" -v warnings="$WARNINGS" -v findings="$FINDINGS" \
    -v audit_bytes="$AUDIT_BYTES" -v checked="$CHECKED" -v mismatch="$MISMATCH" -v on="$ON" \
    -v target_qps="$TARGET_QPS" -v target_audit="$TARGET_AUDIT" -v recorded_on="$RECORDED_ON" \
    -v verdict="$DIR/decide-verdict.txt" '
function group(x,   s) {
  s = sprintf("%.0f", x)
  while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
  return s
}
function secs(t) { return t == "" || t == "-" ? "-" : t < 1 ? sprintf("%.0f ms", t * 1000) : sprintf("%.2f s", t) }
function rss(kb) { return kb == "-" || kb == "" ? "-" : kb < 1048576 ? sprintf("%.1f MiB", kb / 1024) : sprintf("%.2f GiB", kb / 1048576) }
function rate(n, t) { return t > 0 ? (n / t >= 1e6 ? sprintf("%.2f M", n / t / 1e6) : sprintf("%.0f k", n / t / 1e3)) : "-" }
function row(key, what, how, n, unit) {
  if (!(key in med)) return
  printf "| %s | `%s` | %s | %s | %s | %s | %s | %s |\n", what, how, nruns[key], secs(med[key]), secs(lo[key]), \
    secs(hi[key]), (n > 0 ? rate(n, med[key]) " " unit "/s" : "-"), rss(kb[key])
}
function verdict_line(label, measured, ok) {
  printf "| %s | %s | %s |\n", label, measured, ok ? "PASS" : "FAIL"
  if (!ok) fail++
}
BEGIN {
  while ((getline line < ARGV[1]) > 0) {
    split(line, f, " ")
    k = f[1]; med[k] = f[2]; lo[k] = f[3]; hi[k] = f[4]; nruns[k] = f[7]; kb[k] = f[8]
  }
  ARGV[1] = ""
  print begin
  print "## pactum decide --batch and audit (issue: decide and audit at scale)"
  print ""
  print "Written by `bench/decide.sh` (`make bench`); rerun it rather than editing this section."
  print ""
  printf "- Machine: %s, %s CPUs, %s, %s memory, %s; load average %s at the start\n", arch, cpus, cpu, mem, kernel, load
  printf "- Date: %s; pactum %s (build/pactum, copied to build/bench/pactum-decide when the benchmark began); %s, `-O2`\n", now, commit, ccv
  printf "- Tools: %s\n", tools
  printf "- Events: `bench/gen_decide %s %s ...`: %s events over 2019-01-01..2032-12-31 for the reference agreement (%s): products (cluster, app, api:svc, research, train, gov, browser, tool, agent) with their type in their offers'"'"' subject, offers by openai mostly to microsoft, responses by microsoft (7%% late, 3%% by the wrong party, a few naming no offer), launches on azure (60%%) and amazon, oracle, google or coreweave; grants by openai of `model:gpt-N`, `product:...`, `research:...`, `hardware:...` and whole kinds to some 400 licensees (about 40 per subject; while the licence to microsoft is exclusive most go to it), uses of them (most by a holder of a grant); three AGI milestones (microsoft'"'"'s declaration, ignored; the board'"'"'s in 2029; the panel'"'"'s verification in 2031); revenue, payments and purchases. Imported with `--recorded-on %s --backdated-because bench` into a fresh ledger. Reading it, decide warns %s times (W1301: responses naming no offer).\n", seed, events, group(events), kinds, recorded_on, warnings
  printf "- Queries: %s lines, %s launch and %s use queries (docs/decide.md'"'"'s Batch form) on days 2019-07-22..2032-12-31: products, providers, licensees and subjects that the events name (about 90%%) and some they do not; 10%% of the launch queries give the product'"'"'s type. Decisions: %s.\n", group(queries), group(launches), group(queries - launches), decisions
  printf "- Timing: hyperfine medians (`-N`, %s runs after a warm-up; the import %s runs, each into a fresh ledger made by `--prepare`), output discarded. The files and the ledger sit in the page cache, so this measures computing, not the disk. Peak RSS is from one separate run under `/usr/bin/time -f %%M`.\n", runs, import_runs
  print ""
  print "| what | command | runs | median | min | max | rate | peak RSS |"
  print "|---|---|--:|--:|--:|--:|--:|--:|"
  row("import", "pactum init + import", "pactum import --ledger L --recorded-on " recorded_on " --backdated-because bench decide-events-" events ".csv", events, "events")
  row("decide-1", "decide, a batch of 1 query (the load)", "pactum decide --agreement agreements/microsoft-openai --ledger L --batch decide-queries-1.jsonl", 0, "")
  row("decide-all", "**decide --batch**", "pactum decide --agreement agreements/microsoft-openai --ledger L --batch decide-queries-" queries ".jsonl", queries, "queries")
  row("audit", "**audit**", "pactum audit --agreement agreements/microsoft-openai --ledger L --on " on " --json", events, "events")
  answering = med["decide-all"] - med["decide-1"]
  print ""
  printf "Answering alone: %s queries in %s (%s - %s) = **%s queries/s**; including the load of the ledger, %s queries/s.\n", \
    group(queries), secs(answering), secs(med["decide-all"]), secs(med["decide-1"]), rate(queries - 1, answering), rate(queries, med["decide-all"])
  printf "The audit on %s finds: %s (%s MiB of JSON).\n", on, findings, sprintf("%.0f", audit_bytes / 1048576)
  print ""
  print "| target | measured | result |"
  print "|---|--:|:-:|"
  fail = 0
  verdict_line("decide --batch answers at least " group(target_qps) " queries/s against " group(events) " events (answering: batch of all minus batch of one)", rate(queries - 1, answering) " queries/s", answering > 0 && (queries - 1) / answering >= target_qps)
  if (checked > 0) verdict_line("its answers equal one-at-a-time `decide launch` or `decide use ... --json`, byte for byte", checked " of " checked " sampled" (mismatch ? ": DIFFER" : ""), !mismatch)
  verdict_line("audit over " group(events) " events in under " target_audit " s (the whole command)", secs(med["audit"]), med["audit"] < target_audit)
  printf "| (for information) decide --batch including the load of the ledger | %s queries/s | |\n", rate(queries, med["decide-all"])
  nl = 0
  while ((getline line < notes) > 0) { if (!nl++) { print ""; print "Notes:"; print "" } print line }
  print ""
  print end
  print (fail ? "FAIL" : "PASS") > verdict
}' "$RESULTS" >"$SECTION"

write_section "$REPORT" "$SECTION" "$BEGIN" "$END"

say "wrote $REPORT:"
sed -n '/^| what/,/^| (for information)/p' "$SECTION" >&2
[ "$(cat "$DIR/decide-verdict.txt")" = PASS ] || exit 1
exit 0
