# test_fmt.sh -- fmt writes one canonical layout, twice changes nothing, and never half-writes.
. tests/cli/lib.sh

for f in "$AGREEMENT"/*.pact tests/check/ok-minimal.pact; do
  expect_status "bundled $f is canonical" 0 "$PACTUM" fmt --check "$f"
  cp "$f" "$TMPDIR/once.pact"
  "$PACTUM" fmt "$TMPDIR/once.pact" >/dev/null
  cp "$TMPDIR/once.pact" "$TMPDIR/twice.pact"
  "$PACTUM" fmt "$TMPDIR/twice.pact" >/dev/null
  expect_eq "fmt is idempotent on $f" "$(cmp -s "$TMPDIR/once.pact" "$TMPDIR/twice.pact"; echo $?)" 0
done

# A messy layout comes back to the canonical one.
src=tests/check/ok-minimal.pact
sed -e 's/^  //' -e 's/ {$/{/' -e 's/ *$/   /' -e 's/models, products/models ,products/' "$src" |
  awk '{print} /^ *$/{print ""; print "  "}' >"$TMPDIR/messy.pact"
printf '\t\n' >>"$TMPDIR/messy.pact"
expect_status "messy needs formatting" 1 "$PACTUM" fmt --check "$TMPDIR/messy.pact"
expect_contains "messy needs formatting" "$OUT" "would be reformatted"
before=$(cksum <"$TMPDIR/messy.pact")
expect_eq "--check changes nothing" "$(cksum <"$TMPDIR/messy.pact")" "$before"
expect_status "fmt rewrites" 0 "$PACTUM" fmt "$TMPDIR/messy.pact"
expect_contains "fmt rewrites" "$OUT" "formatted"
expect_eq "messy comes back canonical" "$(cmp "$TMPDIR/messy.pact" "$src" 2>&1; echo $?)" 0

# Comments stay where they were.
cat >"$TMPDIR/comments.pact" <<'PACT'
# head comment
agreement c {   # trailing on the block line
    currency USD


    # before a party
  party a "A" # after a party
} # after the block
PACT
"$PACTUM" fmt "$TMPDIR/comments.pact" >/dev/null
expect_eq "comments kept" "$(cat "$TMPDIR/comments.pact")" '# head comment
agreement c { # trailing on the block line
  currency USD

  # before a party
  party a "A" # after a party
} # after the block'

# A file that does not parse is reported and left exactly as it was.
printf 'agreement x {\n  currency USD\n' >"$TMPDIR/broken.pact"
before=$(cksum <"$TMPDIR/broken.pact")
expect_status "broken file" 1 "$PACTUM" fmt "$TMPDIR/broken.pact"
expect_contains "broken file" "$OUT" "error[E0202]: the block of 'agreement' is not closed before the end of the file"
expect_eq "broken file untouched" "$(cksum <"$TMPDIR/broken.pact")" "$before"
expect_status "missing file" 1 "$PACTUM" fmt "$TMPDIR/nope.pact"
expect_contains "missing file" "$OUT" "error[E0001]: cannot read"
expect_status "no files" 2 "$PACTUM" fmt
finish
