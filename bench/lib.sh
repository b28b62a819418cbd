# bench/lib.sh -- what the benchmark scripts share. Sourced, not run.

# write_section REPORT SECTION BEGIN END: puts the file SECTION into REPORT between the lines
# BEGIN and END (replacing what was there), appends it when REPORT has no such markers, or
# starts REPORT with it. The rest of REPORT is kept as it is.
write_section() {
  if [ ! -f "$1" ]; then
    {
      echo "# Benchmarks"
      echo
      echo "Measured by \`make bench\`. Each section below is written by one benchmark script and"
      echo "replaced, between its marker comments, each time that benchmark runs; edit around them."
      echo
      cat "$2"
    } >"$1"
  elif grep -qF "$3" "$1" && grep -qF "$4" "$1"; then
    awk -v begin="$3" -v end="$4" -v section="$2" '
      $0 == begin { while ((getline line < section) > 0) print line; skipping = 1; next }
      skipping && $0 == end { skipping = 0; next }
      !skipping { print }' "$1" >"$1.tmp"
    mv "$1.tmp" "$1"
  else
    { echo; cat "$2"; } >>"$1"
  fi
}
