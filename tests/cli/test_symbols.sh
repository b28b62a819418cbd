# test_symbols.sh -- only pactum.h leaves the library: libpactum.a and libpactum.so export the
# functions pactum.h declares, every one of them, and nothing else; the shared object has its
# soname; a program with names of its own that the library also uses inside links and runs.
. tests/cli/lib.sh

BUILD=$(dirname "$PACTUM")
grep -o '\bpact_[a-z0-9_]*(' include/pactum.h | tr -d '(' | sort -u >"$TMPDIR/declared"
[ -s "$TMPDIR/declared" ] && pass || fail "no function found in include/pactum.h"

# Global names defined by each form of the library (functions, data, thread-local data).
nm -g --defined-only "$BUILD/libpactum.a" | awk 'NF == 3 {print $3}' | sort -u >"$TMPDIR/static"
nm -D --defined-only "$BUILD/libpactum.so" | awk 'NF == 3 {print $3}' | sort -u >"$TMPDIR/shared"
for form in static shared; do
  expect_eq "$form: nothing exported but pactum.h's" "$(comm -13 "$TMPDIR/declared" "$TMPDIR/$form" | tr '\n' ' ')" ""
  expect_eq "$form: every function of pactum.h exported" "$(comm -23 "$TMPDIR/declared" "$TMPDIR/$form" | tr '\n' ' ')" ""
done
expect_contains "the soname" "$(readelf -d "$BUILD/libpactum.so" 2>&1)" "Library soname: [libpactum.so.0]"

# A program whose own str_eq, json_int and mem_malloc are names the library uses inside.
cat >"$TMPDIR/clash.c" <<'PROG'
#include <stdio.h>
#include <string.h>
#include "pactum.h"
int str_eq(const char *a, const char *b) { return strcmp(a, b) == 0; }
int json_int(int x) { return x + 1; }
void *mem_malloc(size_t n) { (void)n; return NULL; }
int main(void) {
  int64_t cents;
  if (pact_money_parse("1,234.56", 8, 2, &cents) != PACT_OK) return 1;
  printf("%lld %d %d\n", (long long)cents, str_eq("a", "a"), json_int(1));
  return mem_malloc(1) != NULL;
}
PROG
# The sanitizer build's library needs the sanitizers' runtime.
san=""
case $BUILD in *asan*) san="-fsanitize=address,undefined" ;; esac
# shellcheck disable=SC2086
if cc -std=c11 $san -Iinclude "$TMPDIR/clash.c" "$BUILD/libpactum.a" $(pkg-config --libs sqlite3) -pthread \
  -o "$TMPDIR/clash" 2>"$TMPDIR/clash.err"; then
  pass
  expect_eq "the program's names are its own" "$("$TMPDIR/clash")" "123456 1 2"
else
  fail "a program with its own str_eq does not link: $(head -c 400 "$TMPDIR/clash.err")"
fi
finish
