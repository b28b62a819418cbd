# test_ledger_snapshot.sh -- every report reads one snapshot of the ledger: settles run while
# another process imports a chain of restatements never count a restatement beside the event it
# replaces. Each file restates the one before with the same 100.00, so every consistent reading
# owes 10% x 100.00 = 10.00 for 2024-Q1; a reading that saw a restatement but not what it
# supersedes would owe 20.00. The race is narrow: tests/unit/test_ledger.c (snapshot_reads) commits
# an import between two readings of one open report, deterministically.
. tests/cli/lib.sh

db=$TMPDIR/snap.db
"$PACTUM" init --ledger "$db" >/dev/null
# r0 and 20,000 events of initech (a party no clause takes) that make each reading take a while.
{
  printf 'id,kind,date,party,amount,currency,ref\nr0,revenue,2024-02-01,globex,100.00,USD,\n'
  awk 'BEGIN { for (i = 1; i <= 20000; i++) printf "f%05d,revenue,2024-03-01,initech,1.00,USD,\n", i }'
} >"$TMPDIR/r0.csv"
"$PACTUM" import --ledger "$db" "$TMPDIR/r0.csv" >/dev/null
n=30
k=1
while [ $k -le $n ]; do
  printf 'id,kind,date,party,amount,currency,ref\nr%d,revenue,2024-02-01,globex,100.00,USD,r%d\n' $k $((k - 1)) >"$TMPDIR/r$k.csv"
  k=$((k + 1))
done
(
  k=1
  while [ $k -le $n ]; do
    "$PACTUM" import --ledger "$db" "$TMPDIR/r$k.csv" >/dev/null 2>"$TMPDIR/import.err" || echo "import $k failed" >>"$TMPDIR/failures"
    k=$((k + 1))
  done
  touch "$TMPDIR/imports.done"
) &
settles=0
wrong=0
while [ ! -e "$TMPDIR/imports.done" ] || [ $settles -lt 5 ]; do
  got=$("$PACTUM" settle --agreement tests/settle/amended.pact --ledger "$db" --json 2>/dev/null | jq -r '.totals[0].amount')
  settles=$((settles + 1))
  [ "$got" = "10.00" ] || { wrong=$((wrong + 1)); echo "settle $settles: $got" >>"$TMPDIR/wrong"; }
done
wait
expect_eq "snapshot: every import landed" "$(cat "$TMPDIR/failures" 2>/dev/null)" ""
echo "snapshot: $settles settles during $n imports"
expect_eq "snapshot: settles during imports that were wrong" "$wrong" 0
# The last restatement is the one in force.
expect_eq "snapshot: the chain's end" "$("$PACTUM" explain --agreement tests/settle/amended.pact --ledger "$db" --clause fee --period 2024-Q1 --json 2>/dev/null | jq -r '[.explanations[0].events[].id] | join(",")')" "r$n"

finish
