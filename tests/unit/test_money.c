/*
** test_money.c -- unit tests of exact money: rounding, decimals, parsing, formatting, splitting.
** Every case a clause depends on is pinned here, including the edges of int64.
*/
#include "base/invariant.h"
#include "base/money.h"
#include "pactum.h"
#include "unit.h"

#define TEXT(s) (s), (sizeof(s) - 1)

enum { SENTINEL = 4242 };

static PactDecimal dec(int64_t units, uint8_t scale) {
  PactDecimal value = {units, scale};
  return value;
}

/* Formatting helpers return a static buffer so that CHECK_EQ_STR reads like the domain. */
static const char *money_text(int64_t minor, uint8_t digits) {
  static char buf[64];
  size_t len = pact_money_format(minor, digits, buf, sizeof buf);
  CHECK_EQ_INT(len, strlen(buf));
  return buf;
}

static const char *money_text_grouped(int64_t minor, uint8_t digits) {
  static char buf[64];
  size_t len = pact_money_format_grouped(minor, digits, buf, sizeof buf);
  CHECK_EQ_INT(len, strlen(buf));
  return buf;
}

static const char *decimal_text(int64_t units, uint8_t scale) {
  static char buf[64];
  size_t len = pact_decimal_format(dec(units, scale), buf, sizeof buf);
  CHECK_EQ_INT(len, strlen(buf));
  return buf;
}

static const char *rate_text(int64_t units, uint8_t scale) {
  static char buf[64];
  size_t len = pact_rate_format(dec(units, scale), buf, sizeof buf);
  CHECK_EQ_INT(len, strlen(buf));
  return buf;
}

static const char *percent_text(int64_t units, uint8_t scale) {
  static char buf[64];
  size_t len = pact_rate_format_percent(dec(units, scale), buf, sizeof buf);
  CHECK_EQ_INT(len, strlen(buf));
  return buf;
}

/* ------------------------------------------------------------------ status */

static void test_status_names(void) {
  CHECK_EQ_STR(pact_status_name(PACT_OK), "ok");
  CHECK_EQ_STR(pact_status_name(PACT_ERR_SYNTAX), "syntax");
  CHECK_EQ_STR(pact_status_name(PACT_ERR_RANGE), "range");
  CHECK_EQ_STR(pact_status_name(PACT_ERR_OVERFLOW), "overflow");
  CHECK_EQ_STR(pact_status_name(PACT_ERR_PRECISION), "precision");
  CHECK_EQ_STR(pact_status_name(PACT_ERR_NOMEM), "nomem");
  CHECK_EQ_STR(pact_status_name(PACT_ERR_IO), "io");
  CHECK_EQ_STR(pact_status_name(PACT_ERR_INVALID), "invalid");
  CHECK_EQ_STR(pact_status_name(PACT_ERR_MISUSE), "misuse");
  CHECK_EQ_STR(pact_status_name((PactStatus)99), "unknown");
}

/* -------------------------------------------------------------- currencies */

/* Every entry of the table can be found (which also proves it sorted, since the search halves
** it), codes are three capitals in strictly rising order, and minor units are 0 to 4. */
static void test_currency_table(void) {
  size_t count;
  const PactCurrency *table = money_currency_table(&count);
  CHECK(count > 150);
  int missing = 0, disorder = 0, odd = 0;
  for (size_t i = 0; i < count; i++) {
    PactCurrency found = {"", 99};
    if (!pact_currency_find(table[i].code, 3, &found) ||
        found.minor_digits != table[i].minor_digits)
      missing++;
    if (i > 0 && strcmp(table[i - 1].code, table[i].code) >= 0) disorder++;
    for (int k = 0; k < 3; k++) odd += table[i].code[k] < 'A' || table[i].code[k] > 'Z';
    odd += table[i].minor_digits > 4 || table[i].code[3] != '\0';
  }
  CHECK_EQ_INT(missing, 0);
  CHECK_EQ_INT(disorder, 0);
  CHECK_EQ_INT(odd, 0);
}

static int currency_digits(const char *code) {
  PactCurrency found = {"", 99};
  if (!pact_currency_find(code, strlen(code), &found)) return -1;
  CHECK_EQ_STR(found.code, code);
  return found.minor_digits;
}

static void test_currency_common(void) {
  CHECK_EQ_INT(currency_digits("USD"), 2);
  CHECK_EQ_INT(currency_digits("EUR"), 2);
  CHECK_EQ_INT(currency_digits("GBP"), 2);
  CHECK_EQ_INT(currency_digits("JPY"), 0);
  CHECK_EQ_INT(currency_digits("KRW"), 0);
  CHECK_EQ_INT(currency_digits("VND"), 0);
  CHECK_EQ_INT(currency_digits("ISK"), 0);
  CHECK_EQ_INT(currency_digits("CLP"), 0);
  CHECK_EQ_INT(currency_digits("UYI"), 0);
  CHECK_EQ_INT(currency_digits("HUF"), 2);
  CHECK_EQ_INT(currency_digits("KWD"), 3);
  CHECK_EQ_INT(currency_digits("BHD"), 3);
  CHECK_EQ_INT(currency_digits("OMR"), 3);
  CHECK_EQ_INT(currency_digits("JOD"), 3);
  CHECK_EQ_INT(currency_digits("TND"), 3);
  CHECK_EQ_INT(currency_digits("IQD"), 3);
  CHECK_EQ_INT(currency_digits("LYD"), 3);
  CHECK_EQ_INT(currency_digits("CLF"), 4);
  CHECK_EQ_INT(currency_digits("UYW"), 4);
  /* the first and last entries: the edges of the binary search */
  CHECK_EQ_INT(currency_digits("AED"), 2);
  CHECK_EQ_INT(currency_digits("ZWG"), 2);
}

static void test_currency_rejects(void) {
  PactCurrency found = {"ABC", 7};
  CHECK(!pact_currency_find("usd", 3, &found));
  CHECK(!pact_currency_find("Usd", 3, &found));
  CHECK(!pact_currency_find("US", 2, &found));
  CHECK(!pact_currency_find("USDX", 4, &found));
  CHECK(!pact_currency_find("USD", 2, &found));
  CHECK(!pact_currency_find("", 0, &found));
  CHECK(!pact_currency_find(NULL, 3, &found));
  CHECK(!pact_currency_find("US1", 3, &found));
  CHECK(!pact_currency_find("AAA", 3, &found)); /* before the first entry */
  CHECK(!pact_currency_find("ZZZ", 3, &found)); /* after the last */
  CHECK(!pact_currency_find("XAU", 3, &found)); /* gold: ISO gives it no minor unit */
  CHECK(!pact_currency_find("XXX", 3, &found)); /* "no currency" */
  CHECK_EQ_STR(found.code, "ABC");              /* untouched by every failure */
  CHECK_EQ_INT(found.minor_digits, 7);
  CHECK(pact_currency_find("USDX", 3, NULL)); /* only len bytes are read; out is optional */
}

/* ---------------------------------------------------------------- rounding */

static void test_rounding_names(void) {
  static const char *const names[] = {"half-even", "half-up", "half-down", "down",
                                      "up",        "floor",   "ceiling"};
  for (int mode = 0; mode < 7; mode++) {
    PactRounding found = (PactRounding)99;
    CHECK_EQ_STR(pact_rounding_name((PactRounding)mode), names[mode]);
    CHECK(pact_rounding_find(names[mode], strlen(names[mode]), &found));
    CHECK_EQ_INT(found, mode);
  }
  CHECK_EQ_INT(PACT_ROUND_HALF_EVEN, 0); /* the default is the zero value */
  CHECK_EQ_STR(pact_rounding_name((PactRounding)7), "unknown");
  PactRounding found = PACT_ROUND_CEILING;
  CHECK(!pact_rounding_find(TEXT("HALF-EVEN"), &found));
  CHECK(!pact_rounding_find(TEXT("half_even"), &found));
  CHECK(!pact_rounding_find(TEXT("half"), &found));
  CHECK(!pact_rounding_find(TEXT("half-evens"), &found));
  CHECK(!pact_rounding_find(TEXT(""), &found));
  CHECK(!pact_rounding_find(NULL, 0, &found));
  CHECK(!pact_rounding_find("half-even", 8, &found));
  CHECK_EQ_INT(found, PACT_ROUND_CEILING);
  CHECK(pact_rounding_find("upward", 2, &found)); /* only len bytes count */
  CHECK_EQ_INT(found, PACT_ROUND_UP);
}

/* One quotient and what each mode makes of it, in PactRounding order. */
typedef struct QuotientCase {
  int64_t numerator, denominator;
  int64_t rounded[7]; /* half-even, half-up, half-down, down, up, floor, ceiling */
} QuotientCase;

static const QuotientCase QUOTIENT_CASES[] = {
    {5, 2, {2, 3, 2, 2, 3, 2, 3}},                           /*  2.5  tie, even below */
    {7, 2, {4, 4, 3, 3, 4, 3, 4}},                           /*  3.5  tie, even above */
    {-5, 2, {-2, -3, -2, -2, -3, -3, -2}},                   /* -2.5 */
    {-7, 2, {-4, -4, -3, -3, -4, -4, -3}},                   /* -3.5 */
    {1, 2, {0, 1, 0, 0, 1, 0, 1}},                           /*  0.5 */
    {-1, 2, {0, -1, 0, 0, -1, -1, 0}},                       /* -0.5 */
    {3, 2, {2, 2, 1, 1, 2, 1, 2}},                           /*  1.5 */
    {24685, 10, {2468, 2469, 2468, 2468, 2469, 2468, 2469}}, /* 24.685 to cents */
    {24695, 10, {2470, 2470, 2469, 2469, 2470, 2469, 2470}}, /* 24.695 to cents */
    {7, 4, {2, 2, 2, 1, 2, 1, 2}},                           /*  1.75 not a tie */
    {5, 4, {1, 1, 1, 1, 2, 1, 2}},                           /*  1.25 */
    {-7, 4, {-2, -2, -2, -1, -2, -2, -1}},                   /* -1.75 */
    {-5, 4, {-1, -1, -1, -1, -2, -2, -1}},                   /* -1.25 */
    {1, 3, {0, 0, 0, 0, 1, 0, 1}},                           /*  0.333... */
    {-2, 3, {-1, -1, -1, 0, -1, -1, 0}},                     /* -0.666... */
    {6, 3, {2, 2, 2, 2, 2, 2, 2}},                           /* exact */
    {-6, 3, {-2, -2, -2, -2, -2, -2, -2}},
    {0, 7, {0, 0, 0, 0, 0, 0, 0}},
    {INT64_MAX, 1, {INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX}},
    {INT64_MIN, 1, {INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN}},
    {INT64_MIN, INT64_MAX, {-1, -1, -1, -1, -2, -2, -1}},
};

static void test_round_quotient_modes(void) {
  size_t count = sizeof QUOTIENT_CASES / sizeof QUOTIENT_CASES[0];
  for (size_t i = 0; i < count; i++) {
    const QuotientCase *c = &QUOTIENT_CASES[i];
    for (int mode = 0; mode < 7; mode++) {
      int64_t out = SENTINEL;
      CHECK_EQ_INT(money_round_quotient(c->numerator, c->denominator, (PactRounding)mode, &out),
                   PACT_OK);
      if (out != c->rounded[mode]) {
        fprintf(stderr, "%" PRId64 "/%" PRId64 " with %s\n", c->numerator, c->denominator,
                pact_rounding_name((PactRounding)mode));
      }
      CHECK_EQ_INT(out, c->rounded[mode]);
    }
  }
}

static PactStatus round_wide(PactWide numerator, PactWide denominator, PactRounding mode,
                             int64_t *out) {
  *out = SENTINEL;
  return money_round_quotient(numerator, denominator, mode, out);
}

static void test_round_quotient_edges(void) {
  int64_t out;
  /* INT64_MAX + 0.5: only the modes that keep it at INT64_MAX fit */
  PactWide above_max = (PactWide)INT64_MAX * 2 + 1;
  CHECK_EQ_INT(round_wide(above_max, 2, PACT_ROUND_HALF_EVEN, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(out, SENTINEL);
  CHECK_EQ_INT(round_wide(above_max, 2, PACT_ROUND_HALF_UP, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(round_wide(above_max, 2, PACT_ROUND_HALF_DOWN, &out), PACT_OK);
  CHECK_EQ_INT(out, INT64_MAX);
  CHECK_EQ_INT(round_wide(above_max, 2, PACT_ROUND_DOWN, &out), PACT_OK);
  CHECK_EQ_INT(out, INT64_MAX);
  CHECK_EQ_INT(round_wide(above_max, 2, PACT_ROUND_FLOOR, &out), PACT_OK);
  CHECK_EQ_INT(round_wide(above_max, 2, PACT_ROUND_CEILING, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(round_wide(above_max, 2, PACT_ROUND_UP, &out), PACT_ERR_OVERFLOW);
  /* INT64_MIN - 0.5: INT64_MIN is even, so half-even keeps it */
  PactWide below_min = (PactWide)INT64_MIN * 2 - 1;
  CHECK_EQ_INT(round_wide(below_min, 2, PACT_ROUND_HALF_EVEN, &out), PACT_OK);
  CHECK_EQ_INT(out, INT64_MIN);
  CHECK_EQ_INT(round_wide(below_min, 2, PACT_ROUND_HALF_UP, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(round_wide(below_min, 2, PACT_ROUND_CEILING, &out), PACT_OK);
  CHECK_EQ_INT(out, INT64_MIN);
  CHECK_EQ_INT(round_wide(below_min, 2, PACT_ROUND_FLOOR, &out), PACT_ERR_OVERFLOW);
  /* far outside int64 */
  CHECK_EQ_INT(round_wide((PactWide)INT64_MAX * INT64_MAX, 3, PACT_ROUND_DOWN, &out),
               PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(out, SENTINEL);
  /* a tie with a denominator so big that twice the remainder would not fit */
  PactWide huge = (PactWide)1 << 126;
  CHECK_EQ_INT(round_wide(huge / 2, huge, PACT_ROUND_HALF_EVEN, &out), PACT_OK);
  CHECK_EQ_INT(out, 0);
  CHECK_EQ_INT(round_wide(huge / 2, huge, PACT_ROUND_HALF_UP, &out), PACT_OK);
  CHECK_EQ_INT(out, 1);
  CHECK_EQ_INT(round_wide(-(huge / 2), huge, PACT_ROUND_HALF_UP, &out), PACT_OK);
  CHECK_EQ_INT(out, -1);
  CHECK_EQ_INT(round_wide(huge / 2 + 1, huge, PACT_ROUND_HALF_DOWN, &out), PACT_OK);
  CHECK_EQ_INT(out, 1);
  CHECK_EQ_INT(round_wide(huge / 2 * 3, huge, PACT_ROUND_HALF_EVEN, &out), PACT_OK);
  CHECK_EQ_INT(out, 2);
  /* misuse: no denominator, an unknown mode */
  CHECK_EQ_INT(round_wide(1, 0, PACT_ROUND_HALF_EVEN, &out), PACT_ERR_RANGE);
  CHECK_EQ_INT(round_wide(1, -2, PACT_ROUND_HALF_EVEN, &out), PACT_ERR_RANGE);
  CHECK_EQ_INT(round_wide(1, 2, (PactRounding)7, &out), PACT_ERR_RANGE);
  CHECK_EQ_INT(out, SENTINEL);
}

/* ---------------------------------------------------------------- mul_rate */

static int64_t mul_rate(int64_t amount, int64_t units, uint8_t scale, PactRounding mode) {
  int64_t out = SENTINEL;
  PactStatus status = pact_money_mul_rate(amount, dec(units, scale), mode, &out);
  if (status != PACT_OK) {
    fprintf(stderr, "mul_rate(%" PRId64 ") failed: %s\n", amount, pact_status_name(status));
  }
  return out;
}

static void test_mul_rate(void) {
  const PactRounding even = PACT_ROUND_HALF_EVEN;
  CHECK_EQ_INT(mul_rate(12345, 20, 2, even), 2469);                 /* 20% of 123.45 = 24.69 */
  CHECK_EQ_INT(mul_rate(12345, 2, 1, even), 2469);                  /* the same rate as 0.2 */
  CHECK_EQ_INT(mul_rate(3000000000000, 20, 2, even), 600000000000); /* 20% of $30B */
  CHECK_EQ_INT(mul_rate(12345, 125, 3, even), 1543);                /* 12.5%: 1543.125 */
  CHECK_EQ_INT(mul_rate(12345, 125, 3, PACT_ROUND_UP), 1544);
  CHECK_EQ_INT(mul_rate(12345, 125, 3, PACT_ROUND_HALF_UP), 1543);
  CHECK_EQ_INT(mul_rate(100, 125, 3, even), 12); /* 12.5: a tie */
  CHECK_EQ_INT(mul_rate(100, 125, 3, PACT_ROUND_HALF_UP), 13);
  CHECK_EQ_INT(mul_rate(100, 125, 3, PACT_ROUND_HALF_DOWN), 12);
  CHECK_EQ_INT(mul_rate(300, 125, 3, even), 38);   /* 37.5 */
  CHECK_EQ_INT(mul_rate(-100, 125, 3, even), -12); /* -12.5 */
  CHECK_EQ_INT(mul_rate(-100, 125, 3, PACT_ROUND_HALF_UP), -13);
  CHECK_EQ_INT(mul_rate(-100, 125, 3, PACT_ROUND_FLOOR), -13);
  CHECK_EQ_INT(mul_rate(-100, 125, 3, PACT_ROUND_CEILING), -12);
  CHECK_EQ_INT(mul_rate(-300, 125, 3, even), -38);
  CHECK_EQ_INT(mul_rate(1, 20, 2, even), 0); /* 0.2 of a cent */
  CHECK_EQ_INT(mul_rate(1, 20, 2, PACT_ROUND_UP), 1);
  CHECK_EQ_INT(mul_rate(3, 333333333333333333, 18, even), 1); /* 0.999...: rounded once */
  CHECK_EQ_INT(mul_rate(3, 333333333333333333, 18, PACT_ROUND_DOWN), 0);
  CHECK_EQ_INT(mul_rate(12345, 0, 0, even), 0);
  CHECK_EQ_INT(mul_rate(0, 20, 2, even), 0);
  CHECK_EQ_INT(mul_rate(1000, -5, 2, even), -50);          /* a negative rate */
  CHECK_EQ_INT(mul_rate(1000, INT64_MAX, 18, even), 9223); /* 9.223372036854775807 */
}

static void test_mul_rate_edges(void) {
  const PactRounding even = PACT_ROUND_HALF_EVEN;
  CHECK_EQ_INT(mul_rate(INT64_MAX, 100, 2, even), INT64_MAX); /* 100% */
  CHECK_EQ_INT(mul_rate(INT64_MAX, 1, 0, even), INT64_MAX);
  CHECK_EQ_INT(mul_rate(INT64_MIN, 100, 2, even), INT64_MIN);
  CHECK_EQ_INT(mul_rate(INT64_MAX, 1000000000000000000, 18, even), INT64_MAX);
  CHECK_EQ_INT(mul_rate(INT64_MAX, 50, 2, PACT_ROUND_DOWN), INT64_MAX / 2);
  CHECK_EQ_INT(mul_rate(INT64_MIN, 50, 2, even), INT64_MIN / 2);
  CHECK_EQ_INT(mul_rate(INT64_MAX, -1, 0, even), -INT64_MAX);
  int64_t out = SENTINEL;
  CHECK_EQ_INT(pact_money_mul_rate(INT64_MAX, dec(101, 2), even, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_mul_rate(INT64_MIN, dec(101, 2), even, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_mul_rate(INT64_MIN, dec(-1, 0), even, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_mul_rate(INT64_MAX, dec(INT64_MAX, 0), even, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_mul_rate(INT64_MIN, dec(INT64_MIN, 0), even, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_mul_rate(INT64_MAX, dec(INT64_MAX, 18), even, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_mul_rate(INT64_MAX, dec(INT64_MIN, 18), even, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_mul_rate(1, dec(1, 19), even, &out), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_money_mul_rate(1, dec(1, 2), (PactRounding)-1, &out), PACT_ERR_RANGE);
  CHECK_EQ_INT(out, SENTINEL); /* never a wrapped value */
  /* the largest amount that doubles without overflow */
  CHECK_EQ_INT(pact_money_mul_rate(INT64_MAX / 2, dec(2, 0), even, &out), PACT_OK);
  CHECK_EQ_INT(out, INT64_MAX - 1);
}

/* ------------------------------------------------------------ add and sub */

static void test_add_sub(void) {
  int64_t out = SENTINEL;
  CHECK_EQ_INT(pact_money_add(2469, 31, &out), PACT_OK);
  CHECK_EQ_INT(out, 2500);
  CHECK_EQ_INT(pact_money_add(INT64_MAX, INT64_MIN, &out), PACT_OK);
  CHECK_EQ_INT(out, -1);
  CHECK_EQ_INT(pact_money_add(INT64_MAX - 1, 1, &out), PACT_OK);
  CHECK_EQ_INT(out, INT64_MAX);
  CHECK_EQ_INT(pact_money_sub(-1, INT64_MAX, &out), PACT_OK);
  CHECK_EQ_INT(out, INT64_MIN);
  CHECK_EQ_INT(pact_money_sub(-1, INT64_MIN, &out), PACT_OK);
  CHECK_EQ_INT(out, INT64_MAX);
  out = SENTINEL;
  CHECK_EQ_INT(pact_money_add(INT64_MAX, 1, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_add(INT64_MIN, -1, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_add(INT64_MAX, INT64_MAX, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_add(INT64_MIN, INT64_MIN, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_sub(INT64_MIN, 1, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_sub(INT64_MAX, -1, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_sub(0, INT64_MIN, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(out, SENTINEL); /* output untouched */
}

/* ---------------------------------------------------------- decimal parse */

typedef struct ParseCase {
  const char *text;
  bool allow_grouping;
  PactStatus status;
  int64_t units;
  uint8_t scale;
} ParseCase;

static const ParseCase PARSE_CASES[] = {
    {"20", false, PACT_OK, 20, 0},
    {"0.2", false, PACT_OK, 2, 1},
    {"12.5", false, PACT_OK, 125, 1},
    {"-3.25", false, PACT_OK, -325, 2},
    {"0", false, PACT_OK, 0, 0},
    {"-0", false, PACT_OK, 0, 0},
    {"0.00", false, PACT_OK, 0, 2},
    {"007", false, PACT_OK, 7, 0}, /* leading zeros are harmless */
    {"1000000.50", true, PACT_OK, 100000050, 2},
    {"1,000,000.50", true, PACT_OK, 100000050, 2},
    {"38,000,000,000.00", true, PACT_OK, 3800000000000, 2},
    {"12,345", true, PACT_OK, 12345, 0},
    {"999,999", true, PACT_OK, 999999, 0},
    {"-1,234.50", true, PACT_OK, -123450, 2},
    {"0.000000000000000001", false, PACT_OK, 1, 18},
    {"9223372036854775807", false, PACT_OK, INT64_MAX, 0},
    {"-9223372036854775808", false, PACT_OK, INT64_MIN, 0},
    {"9,223,372,036,854,775,807", true, PACT_OK, INT64_MAX, 0},
    {"922337203685477580.7", false, PACT_OK, INT64_MAX, 1},
    {"-9.223372036854775808", false, PACT_OK, INT64_MIN, 18},
    /* grouping: 1..3 digits, then groups of exactly three, only when allowed */
    {"1,000,000.50", false, PACT_ERR_SYNTAX, 0, 0},
    {"1,00", true, PACT_ERR_SYNTAX, 0, 0},
    {"1,0000", true, PACT_ERR_SYNTAX, 0, 0},
    {"1000,000", true, PACT_ERR_SYNTAX, 0, 0},
    {",100", true, PACT_ERR_SYNTAX, 0, 0},
    {"1,,000", true, PACT_ERR_SYNTAX, 0, 0},
    {"1,000,", true, PACT_ERR_SYNTAX, 0, 0},
    {"1.000,5", true, PACT_ERR_SYNTAX, 0, 0},
    {"1.234,567", true, PACT_ERR_SYNTAX, 0, 0},
    {"-,100", true, PACT_ERR_SYNTAX, 0, 0},
    /* the plain form only */
    {"", false, PACT_ERR_SYNTAX, 0, 0},
    {"-", false, PACT_ERR_SYNTAX, 0, 0},
    {".5", false, PACT_ERR_SYNTAX, 0, 0},
    {"-.5", false, PACT_ERR_SYNTAX, 0, 0},
    {"5.", false, PACT_ERR_SYNTAX, 0, 0},
    {"1e5", false, PACT_ERR_SYNTAX, 0, 0},
    {"+-1", false, PACT_ERR_SYNTAX, 0, 0},
    {"+1", false, PACT_ERR_SYNTAX, 0, 0},
    {"--1", false, PACT_ERR_SYNTAX, 0, 0},
    {" 1", false, PACT_ERR_SYNTAX, 0, 0},
    {"1 ", false, PACT_ERR_SYNTAX, 0, 0},
    {"1 000", true, PACT_ERR_SYNTAX, 0, 0},
    {"- 1", false, PACT_ERR_SYNTAX, 0, 0},
    {"1.2.3", false, PACT_ERR_SYNTAX, 0, 0},
    {"0x10", false, PACT_ERR_SYNTAX, 0, 0},
    {"12%", false, PACT_ERR_SYNTAX, 0, 0},
    {"$5", false, PACT_ERR_SYNTAX, 0, 0},
    {"\xd9\xa1", false, PACT_ERR_SYNTAX, 0, 0}, /* ARABIC-INDIC DIGIT ONE */
    /* places and size */
    {"0.0000000000000000001", false, PACT_ERR_PRECISION, 0, 0},
    {"1.0000000000000000000", false, PACT_ERR_PRECISION, 0, 0},
    {"0.0000000000000000001x", false, PACT_ERR_SYNTAX, 0, 0}, /* form is checked first */
    {"99999999999999999999999999999999.0000000000000000001", false, PACT_ERR_PRECISION, 0, 0},
    {"9223372036854775808", false, PACT_ERR_OVERFLOW, 0, 0},
    {"-9223372036854775809", false, PACT_ERR_OVERFLOW, 0, 0},
    {"10.000000000000000000", false, PACT_ERR_OVERFLOW, 0, 0},
    {"99999999999999999999999999999999999999999999999999", false, PACT_ERR_OVERFLOW, 0, 0},
    {"999,999,999,999,999,999,999,999", true, PACT_ERR_OVERFLOW, 0, 0},
};

static void test_decimal_parse_cases(void) {
  size_t count = sizeof PARSE_CASES / sizeof PARSE_CASES[0];
  for (size_t i = 0; i < count; i++) {
    const ParseCase *c = &PARSE_CASES[i];
    PactDecimal out = dec(SENTINEL, 7);
    PactStatus status = pact_decimal_parse(c->text, strlen(c->text), c->allow_grouping, &out);
    if (status != c->status) fprintf(stderr, "parsing \"%s\"\n", c->text);
    CHECK_EQ_INT(status, c->status);
    if (c->status == PACT_OK) {
      CHECK_EQ_INT(out.units, c->units);
      CHECK_EQ_INT(out.scale, c->scale);
    } else {
      CHECK_EQ_INT(out.units, SENTINEL); /* nothing half-lands */
      CHECK_EQ_INT(out.scale, 7);
    }
  }
}

static void test_decimal_parse_bounds(void) {
  PactDecimal out = dec(SENTINEL, 7);
  CHECK_EQ_INT(pact_decimal_parse("12.5xyz", 4, false, &out), PACT_OK); /* reads only len */
  CHECK_EQ_INT(out.units, 125);
  CHECK_EQ_INT(out.scale, 1);
  CHECK_EQ_INT(pact_decimal_parse("1\0", 2, false, &out), PACT_ERR_SYNTAX);
  CHECK_EQ_INT(pact_decimal_parse(NULL, 0, false, &out), PACT_ERR_SYNTAX);
  CHECK_EQ_INT(pact_decimal_parse("1,000", 4, true, &out), PACT_ERR_SYNTAX); /* "1,00" */
  CHECK_EQ_INT(out.units, 125);
}

/* ------------------------------------------------- decimal shift and cmp */

static void check_shift(PactDecimal value, int exponent, int64_t units, uint8_t scale) {
  PactDecimal out = dec(SENTINEL, 7);
  CHECK_EQ_INT(pact_decimal_shift(value, exponent, &out), PACT_OK);
  CHECK_EQ_INT(out.units, units);
  CHECK_EQ_INT(out.scale, scale);
}

static void test_decimal_shift(void) {
  check_shift(dec(125, 3), 2, 125, 1); /* 0.125 -> 12.5 */
  check_shift(dec(20, 2), 2, 20, 0);   /* 0.20 -> 20 */
  check_shift(dec(5, 0), 3, 5000, 0);
  check_shift(dec(5, 1), 3, 500, 0); /* 0.5 -> 500 */
  check_shift(dec(-325, 2), 3, -3250, 0);
  check_shift(dec(7, 4), 0, 7, 4);   /* by 10^0: unchanged */
  check_shift(dec(0, 0), 100, 0, 0); /* zero never overflows */
  check_shift(dec(1, 0), 18, 1000000000000000000, 0);
  check_shift(dec(INT64_MAX, 0), 0, INT64_MAX, 0);
  check_shift(dec(INT64_MAX, 18), 18, INT64_MAX, 0);
  check_shift(dec(-922337203685477580, 0), 1, -9223372036854775800, 0);
  check_shift(dec(1, 200), 217, 100000000000000000, 0);
  PactDecimal out = dec(SENTINEL, 7);
  CHECK_EQ_INT(pact_decimal_shift(dec(10, 0), 18, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_decimal_shift(dec(1, 0), 19, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_decimal_shift(dec(-1, 0), 1000, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_decimal_shift(dec(INT64_MIN, 0), 1, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_decimal_shift(dec(922337203685477581, 0), 1, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_decimal_shift(dec(1, 200), 250, &out), PACT_ERR_OVERFLOW); /* 10^50 */
  CHECK_EQ_INT(pact_decimal_shift(dec(1, 0), -1, &out), PACT_ERR_RANGE);
  CHECK_EQ_INT(out.units, SENTINEL);
  CHECK_EQ_INT(out.scale, 7);
}

static int sign_of(int order) { return order < 0 ? -1 : order > 0 ? 1 : 0; }

static void test_decimal_cmp(void) {
  CHECK_EQ_INT(pact_decimal_cmp(dec(5, 1), dec(50, 2)), 0);
  CHECK_EQ_INT(pact_decimal_cmp(dec(20, 2), dec(2, 1)), 0);
  CHECK_EQ_INT(pact_decimal_cmp(dec(0, 0), dec(0, 18)), 0);
  CHECK_EQ_INT(pact_decimal_cmp(dec(0, 0), dec(0, 200)), 0);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(1, 0), dec(999, 3))), 1);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(999, 3), dec(1, 0))), -1);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(-1, 0), dec(-999, 3))), -1);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(125, 3), dec(12, 2))), 1);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(INT64_MAX, 0), dec(INT64_MAX, 18))), 1);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(INT64_MIN, 18), dec(-1, 0))), -1);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(INT64_MIN, 0), dec(INT64_MAX, 0))), -1);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(INT64_MIN, 0), dec(INT64_MIN, 18))), -1);
  /* 1 and 9223372036854775807 at scale 18 are 10^18 vs 9.2 * 10^18 at the same scale */
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(1, 0), dec(INT64_MAX, 18))), -1);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(10, 0), dec(INT64_MAX, 18))), 1);
  /* scales further apart than any int64 can bridge */
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(1, 0), dec(INT64_MAX, 30))), 1);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(-1, 0), dec(INT64_MIN, 30))), -1);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(-1, 0), dec(INT64_MAX, 40))), -1);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(0, 0), dec(-1, 40))), 1);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(0, 0), dec(1, 40))), -1);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(INT64_MAX, 40), dec(1, 0))), -1);
  CHECK_EQ_INT(sign_of(pact_decimal_cmp(dec(1, 19), dec(INT64_MAX, 38))), 1);
}

/* cmp must be a total order that agrees with normalize, over values at many scales. */
static void test_decimal_cmp_properties(void) {
  static const int64_t units[] = {INT64_MIN, -1000, -125, -1, 0, 1, 5, 50, 125, 1000, INT64_MAX};
  int bad = 0;
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
    for (uint8_t sa = 0; sa <= 20; sa += 2) {
      PactDecimal a = dec(units[i], sa);
      if (pact_decimal_cmp(a, a) != 0) bad++;
      if (pact_decimal_cmp(a, pact_decimal_normalize(a, 0)) != 0) bad++;
      for (size_t j = 0; j < sizeof units / sizeof units[0]; j++) {
        for (uint8_t sb = 0; sb <= 20; sb += 3) {
          PactDecimal b = dec(units[j], sb);
          if (sign_of(pact_decimal_cmp(a, b)) != -sign_of(pact_decimal_cmp(b, a))) bad++;
        }
      }
    }
  }
  CHECK_EQ_INT(bad, 0);
}

static void check_normalize(PactDecimal value, uint8_t min_scale, int64_t units, uint8_t scale) {
  PactDecimal out = pact_decimal_normalize(value, min_scale);
  CHECK_EQ_INT(out.units, units);
  CHECK_EQ_INT(out.scale, scale);
}

static void test_decimal_normalize(void) {
  check_normalize(dec(1500, 3), 0, 15, 1);
  check_normalize(dec(1500, 3), 2, 150, 2);
  check_normalize(dec(1500, 3), 3, 1500, 3);
  check_normalize(dec(-1000, 3), 0, -1, 0);
  check_normalize(dec(0, 5), 0, 0, 0);
  check_normalize(dec(0, 5), 2, 0, 2);
  check_normalize(dec(7, 0), 2, 7, 0); /* never raises the scale */
  check_normalize(dec(125, 3), 0, 125, 3);
  check_normalize(dec(INT64_MIN, 18), 0, INT64_MIN, 18);
  check_normalize(dec(1000000000000000000, 18), 0, 1, 0);
}

/* ------------------------------------------------------------- formatting */

static void test_decimal_format(void) {
  CHECK_EQ_STR(decimal_text(125, 3), "0.125");
  CHECK_EQ_STR(decimal_text(-50, 2), "-0.50");
  CHECK_EQ_STR(decimal_text(12, 0), "12");
  CHECK_EQ_STR(decimal_text(0, 0), "0");
  CHECK_EQ_STR(decimal_text(0, 2), "0.00");
  CHECK_EQ_STR(decimal_text(-3250, 3), "-3.250");
  CHECK_EQ_STR(decimal_text(1, 18), "0.000000000000000001");
  CHECK_EQ_STR(decimal_text(INT64_MIN, 0), "-9223372036854775808");
  CHECK_EQ_STR(decimal_text(INT64_MIN, 18), "-9.223372036854775808");
  CHECK_EQ_STR(decimal_text(INT64_MAX, 19), "0.9223372036854775807");
  CHECK_EQ_STR(decimal_text(INT64_MAX, 20), "0.09223372036854775807");
}

static void test_format_truncation(void) {
  char buf[4] = "zzz";
  CHECK_EQ_INT(pact_decimal_format(dec(125, 3), buf, sizeof buf), 5); /* the full length */
  CHECK_EQ_STR(buf, "0.1");                                           /* what fits */
  CHECK_EQ_INT(pact_decimal_format(dec(125, 3), NULL, 0), 5);
  CHECK_EQ_INT(pact_money_format(-2469, 2, buf, 1), 6);
  CHECK_EQ_STR(buf, "");
  CHECK_EQ_INT(pact_money_format(5, 0, buf, 2), 1);
  CHECK_EQ_STR(buf, "5");
  CHECK_EQ_INT(pact_money_format_grouped(123456, 0, buf, sizeof buf), 7);
  CHECK_EQ_STR(buf, "123");
  CHECK_EQ_INT(pact_rate_format_percent(dec(125, 3), buf, sizeof buf), 5);
  CHECK_EQ_STR(buf, "12.");
  CHECK_EQ_INT(pact_rate_format_percent(dec(5, 2), buf, 3), 2);
  CHECK_EQ_STR(buf, "5%");
  CHECK_EQ_INT(pact_rate_format(dec(1, 0), buf, sizeof buf), 4);
  CHECK_EQ_STR(buf, "1.0");
}

static void test_rate_format(void) {
  CHECK_EQ_STR(rate_text(20, 2), "0.20");
  CHECK_EQ_STR(rate_text(2, 1), "0.20");
  CHECK_EQ_STR(rate_text(200, 3), "0.20");
  CHECK_EQ_STR(rate_text(125, 3), "0.125");
  CHECK_EQ_STR(rate_text(1, 0), "1.00");
  CHECK_EQ_STR(rate_text(75, 2), "0.75");
  CHECK_EQ_STR(rate_text(7500, 4), "0.75");
  CHECK_EQ_STR(rate_text(0, 0), "0.00");
  CHECK_EQ_STR(rate_text(-5, 2), "-0.05");
  CHECK_EQ_STR(rate_text(5, 3), "0.005");
  CHECK_EQ_STR(rate_text(INT64_MAX, 0), "9223372036854775807.00");
  CHECK_EQ_STR(rate_text(INT64_MIN, 1), "-922337203685477580.80");
}

static void test_rate_format_percent(void) {
  CHECK_EQ_STR(percent_text(20, 2), "20%");
  CHECK_EQ_STR(percent_text(2, 1), "20%");
  CHECK_EQ_STR(percent_text(200, 3), "20%");
  CHECK_EQ_STR(percent_text(125, 3), "12.5%");
  CHECK_EQ_STR(percent_text(5, 3), "0.5%");
  CHECK_EQ_STR(percent_text(1, 0), "100%");
  CHECK_EQ_STR(percent_text(100, 2), "100%");
  CHECK_EQ_STR(percent_text(75, 2), "75%");
  CHECK_EQ_STR(percent_text(1, 4), "0.01%");
  CHECK_EQ_STR(percent_text(15, 4), "0.15%");
  CHECK_EQ_STR(percent_text(0, 0), "0%");
  CHECK_EQ_STR(percent_text(0, 5), "0%");
  CHECK_EQ_STR(percent_text(-5, 2), "-5%");
  CHECK_EQ_STR(percent_text(1, 18), "0.0000000000000001%");
  CHECK_EQ_STR(percent_text(INT64_MAX, 0), "922337203685477580700%");
  CHECK_EQ_STR(percent_text(INT64_MIN, 1), "-92233720368547758080%");
}

static void test_money_format(void) {
  CHECK_EQ_STR(money_text(3800000000000, 2), "38000000000.00");
  CHECK_EQ_STR(money_text(-2469, 2), "-24.69");
  CHECK_EQ_STR(money_text(-5, 2), "-0.05");
  CHECK_EQ_STR(money_text(0, 2), "0.00");
  CHECK_EQ_STR(money_text(5, 0), "5"); /* JPY */
  CHECK_EQ_STR(money_text(-5, 0), "-5");
  CHECK_EQ_STR(money_text(1234, 3), "1.234"); /* KWD */
  CHECK_EQ_STR(money_text(1, 4), "0.0001");   /* CLF */
  CHECK_EQ_STR(money_text(INT64_MIN, 2), "-92233720368547758.08");
  CHECK_EQ_STR(money_text(INT64_MAX, 2), "92233720368547758.07");
  CHECK_EQ_STR(money_text(INT64_MIN, 0), "-9223372036854775808");
}

static void test_money_format_grouped(void) {
  CHECK_EQ_STR(money_text_grouped(3800000000000, 2), "38,000,000,000.00");
  CHECK_EQ_STR(money_text_grouped(-123450, 2), "-1,234.50");
  CHECK_EQ_STR(money_text_grouped(99900, 2), "999.00");
  CHECK_EQ_STR(money_text_grouped(100000, 2), "1,000.00");
  CHECK_EQ_STR(money_text_grouped(0, 2), "0.00");
  CHECK_EQ_STR(money_text_grouped(-99, 0), "-99");
  CHECK_EQ_STR(money_text_grouped(123456, 0), "123,456");
  CHECK_EQ_STR(money_text_grouped(1234567, 0), "1,234,567");
  CHECK_EQ_STR(money_text_grouped(-5, 2), "-0.05");
  CHECK_EQ_STR(money_text_grouped(123456789, 3), "123,456.789"); /* no commas in places */
  CHECK_EQ_STR(money_text_grouped(INT64_MIN, 0), "-9,223,372,036,854,775,808");
  CHECK_EQ_STR(money_text_grouped(INT64_MAX, 2), "92,233,720,368,547,758.07");
}

/* ------------------------------------------------------- money from text */

static void test_money_from_decimal(void) {
  int64_t out = SENTINEL;
  CHECK_EQ_INT(pact_money_from_decimal(dec(38, 0), 2, &out), PACT_OK);
  CHECK_EQ_INT(out, 3800);
  CHECK_EQ_INT(pact_money_from_decimal(dec(24690, 3), 2, &out), PACT_OK); /* 24.690 */
  CHECK_EQ_INT(out, 2469);
  CHECK_EQ_INT(pact_money_from_decimal(dec(-325, 2), 3, &out), PACT_OK);
  CHECK_EQ_INT(out, -3250);
  CHECK_EQ_INT(pact_money_from_decimal(dec(50, 1), 0, &out), PACT_OK);
  CHECK_EQ_INT(out, 5);
  CHECK_EQ_INT(pact_money_from_decimal(dec(0, 0), 200, &out), PACT_OK);
  CHECK_EQ_INT(out, 0);
  CHECK_EQ_INT(pact_money_from_decimal(dec(9, 0), 18, &out), PACT_OK);
  CHECK_EQ_INT(out, 9000000000000000000);
  CHECK_EQ_INT(pact_money_from_decimal(dec(92233720368547758, 0), 2, &out), PACT_OK);
  CHECK_EQ_INT(out, 9223372036854775800);
  CHECK_EQ_INT(pact_money_from_decimal(dec(INT64_MIN, 2), 2, &out), PACT_OK);
  CHECK_EQ_INT(out, INT64_MIN);
  out = SENTINEL;
  CHECK_EQ_INT(pact_money_from_decimal(dec(24691, 3), 2, &out), PACT_ERR_PRECISION);
  CHECK_EQ_INT(pact_money_from_decimal(dec(5, 1), 0, &out), PACT_ERR_PRECISION);
  CHECK_EQ_INT(pact_money_from_decimal(dec(1, 18), 17, &out), PACT_ERR_PRECISION);
  CHECK_EQ_INT(pact_money_from_decimal(dec(INT64_MAX, 0), 2, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_from_decimal(dec(INT64_MIN, 0), 1, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_from_decimal(dec(10, 0), 18, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_from_decimal(dec(1, 0), 19, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(out, SENTINEL);
}

static void test_money_parse(void) {
  int64_t out = SENTINEL;
  CHECK_EQ_INT(pact_money_parse(TEXT("24.69"), 2, &out), PACT_OK);
  CHECK_EQ_INT(out, 2469);
  CHECK_EQ_INT(pact_money_parse(TEXT("-3"), 2, &out), PACT_OK);
  CHECK_EQ_INT(out, -300);
  CHECK_EQ_INT(pact_money_parse(TEXT("1,000.50"), 2, &out), PACT_OK);
  CHECK_EQ_INT(out, 100050);
  CHECK_EQ_INT(pact_money_parse(TEXT("38,000,000,000.00"), 2, &out), PACT_OK);
  CHECK_EQ_INT(out, 3800000000000);
  CHECK_EQ_INT(pact_money_parse(TEXT("24.690"), 2, &out), PACT_OK);
  CHECK_EQ_INT(out, 2469);
  CHECK_EQ_INT(pact_money_parse(TEXT("5"), 0, &out), PACT_OK);
  CHECK_EQ_INT(out, 5);
  CHECK_EQ_INT(pact_money_parse(TEXT("1.234"), 3, &out), PACT_OK);
  CHECK_EQ_INT(out, 1234);
  CHECK_EQ_INT(pact_money_parse(TEXT("-92233720368547758.08"), 2, &out), PACT_OK);
  CHECK_EQ_INT(out, INT64_MIN);
  out = SENTINEL;
  CHECK_EQ_INT(pact_money_parse(TEXT("24.691"), 2, &out), PACT_ERR_PRECISION);
  CHECK_EQ_INT(pact_money_parse(TEXT("5.5"), 0, &out), PACT_ERR_PRECISION);
  CHECK_EQ_INT(pact_money_parse(TEXT("92233720368547758.08"), 2, &out), PACT_ERR_OVERFLOW);
  CHECK_EQ_INT(pact_money_parse(TEXT("1,00.00"), 2, &out), PACT_ERR_SYNTAX);
  CHECK_EQ_INT(pact_money_parse(TEXT("USD 5"), 2, &out), PACT_ERR_SYNTAX);
  CHECK_EQ_INT(pact_money_parse(TEXT(""), 2, &out), PACT_ERR_SYNTAX);
  CHECK_EQ_INT(out, SENTINEL);
}

/* Whatever format writes, parse reads back to the same amount, grouped or not. */
static void test_money_round_trip(void) {
  static const int64_t amounts[] = {0,
                                    1,
                                    -1,
                                    5,
                                    -5,
                                    99,
                                    100,
                                    2469,
                                    -123450,
                                    3800000000000,
                                    INT64_MAX,
                                    INT64_MIN,
                                    INT64_MAX - 1,
                                    INT64_MIN + 1};
  int bad = 0;
  for (size_t i = 0; i < sizeof amounts / sizeof amounts[0]; i++) {
    for (uint8_t digits = 0; digits <= 4; digits++) {
      char plain[64], grouped[64];
      int64_t back_plain = SENTINEL, back_grouped = SENTINEL;
      size_t plain_len = pact_money_format(amounts[i], digits, plain, sizeof plain);
      size_t grouped_len = pact_money_format_grouped(amounts[i], digits, grouped, sizeof grouped);
      if (pact_money_parse(plain, plain_len, digits, &back_plain) != PACT_OK) bad++;
      if (pact_money_parse(grouped, grouped_len, digits, &back_grouped) != PACT_OK) bad++;
      if (back_plain != amounts[i] || back_grouped != amounts[i]) bad++;
    }
  }
  CHECK_EQ_INT(bad, 0);
}

/* --------------------------------------------------------------- splitting */

static void test_split_examples(void) {
  CHECK_EQ_INT(pact_money_split_part(10, 3, 0), 4);
  CHECK_EQ_INT(pact_money_split_part(10, 3, 1), 3);
  CHECK_EQ_INT(pact_money_split_part(10, 3, 2), 3);
  CHECK_EQ_INT(pact_money_split_part(-10, 3, 0), -4);
  CHECK_EQ_INT(pact_money_split_part(-10, 3, 1), -3);
  CHECK_EQ_INT(pact_money_split_part(-10, 3, 2), -3);
  CHECK_EQ_INT(pact_money_split_part(2, 5, 0), 1);
  CHECK_EQ_INT(pact_money_split_part(2, 5, 1), 1);
  CHECK_EQ_INT(pact_money_split_part(2, 5, 2), 0);
  /* $1,000.00 of revenue over April's 30 days: 3333 cents a day, 10 left for the first 10 */
  CHECK_EQ_INT(pact_money_split_part(100000, 30, 9), 3334);
  CHECK_EQ_INT(pact_money_split_part(100000, 30, 10), 3333);
  CHECK_EQ_INT(pact_money_split_range(100000, 30, 0, 15), 50005);
  CHECK_EQ_INT(pact_money_split_range(100000, 30, 15, 15), 49995);
  CHECK_EQ_INT(pact_money_split_range(-10, 3, 1, 2), -6);
  CHECK_EQ_INT(pact_money_split_range(-10, 3, 0, 3), -10);
  CHECK_EQ_INT(pact_money_split_range(-10, 3, 3, 0), 0);
}

static void test_split_invalid(void) {
  CHECK_EQ_INT(pact_money_split_part(10, 0, 0), 0);
  CHECK_EQ_INT(pact_money_split_part(10, -3, 0), 0);
  CHECK_EQ_INT(pact_money_split_part(10, 3, -1), 0);
  CHECK_EQ_INT(pact_money_split_part(10, 3, 3), 0);
  CHECK_EQ_INT(pact_money_split_range(10, 0, 0, 0), 0);
  CHECK_EQ_INT(pact_money_split_range(10, 3, -1, 2), 0);
  CHECK_EQ_INT(pact_money_split_range(10, 3, 0, -1), 0);
  CHECK_EQ_INT(pact_money_split_range(10, 3, 2, 2), 0);
  CHECK_EQ_INT(pact_money_split_range(10, 3, 4, 0), 0);
  CHECK_EQ_INT(pact_money_split_range(10, 3, 1, INT64_MAX), 0);
  CHECK_EQ_INT(pact_money_split_range(10, 3, INT64_MAX, INT64_MAX), 0);
}

/* Checks one split against its definition; returns the number of problems. */
static int split_problems(int64_t total, int64_t part_count) {
  int problems = 0;
  PactWide sum = 0;
  int64_t base = total / part_count;
  for (int64_t i = 0; i < part_count; i++) {
    int64_t part = pact_money_split_part(total, part_count, i);
    int64_t extra = part - base; /* 0 or one unit of the total's sign */
    if (extra != 0 && extra != (total < 0 ? -1 : 1)) problems++;
    if (i > 0 && extra != 0 && pact_money_split_part(total, part_count, i - 1) != part) problems++;
    sum += part;
  }
  if (sum != total) problems++;
  /* every range equals the loop over its parts */
  for (int64_t first = 0; first <= part_count; first++) {
    PactWide running = 0;
    for (int64_t count = 0; first + count <= part_count; count++) {
      if (count > 0) running += pact_money_split_part(total, part_count, first + count - 1);
      if (pact_money_split_range(total, part_count, first, count) != running) problems++;
    }
  }
  return problems;
}

static void test_split_sums(void) {
  int problems = 0;
  for (int64_t total = -60; total <= 60; total++) {
    for (int64_t part_count = 1; part_count <= 14; part_count++) {
      problems += split_problems(total, part_count);
    }
  }
  static const int64_t big[] = {INT64_MAX,     INT64_MIN,      INT64_MAX - 1, INT64_MIN + 1,
                                3800000000000, -3800000000000, 1000000007};
  for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
    for (int64_t part_count = 1; part_count <= 31; part_count++) {
      problems += split_problems(big[i], part_count);
    }
  }
  problems += split_problems(0, 1);
  problems += split_problems(0, 100);
  problems += split_problems(7, 365);
  problems += split_problems(-7, 366);
  CHECK_EQ_INT(problems, 0);
}

static void test_split_extremes(void) {
  /* INT64_MAX over 7 and INT64_MIN over 3, part by part */
  CHECK_EQ_INT(pact_money_split_part(INT64_MAX, 7, 0), INT64_MAX / 7); /* 2^63 - 1 = 7k */
  CHECK_EQ_INT(pact_money_split_part(INT64_MAX, 7, 6), INT64_MAX / 7);
  CHECK_EQ_INT(pact_money_split_part(INT64_MAX, 10, 6), INT64_MAX / 10 + 1);
  CHECK_EQ_INT(pact_money_split_part(INT64_MAX, 10, 7), INT64_MAX / 10);
  CHECK_EQ_INT(pact_money_split_range(INT64_MAX, 7, 0, 7), INT64_MAX);
  CHECK_EQ_INT(pact_money_split_range(INT64_MIN, 3, 0, 3), INT64_MIN);
  CHECK_EQ_INT(pact_money_split_part(INT64_MIN, 3, 0), INT64_MIN / 3 - 1);
  CHECK_EQ_INT(pact_money_split_part(INT64_MIN, 3, 2), INT64_MIN / 3);
  CHECK_EQ_INT(pact_money_split_part(INT64_MIN, 1, 0), INT64_MIN);
  CHECK_EQ_INT(pact_money_split_range(INT64_MIN, 1, 0, 1), INT64_MIN);
  /* more parts than units, without looping over them */
  CHECK_EQ_INT(pact_money_split_part(5, INT64_MAX, 4), 1);
  CHECK_EQ_INT(pact_money_split_part(5, INT64_MAX, 5), 0);
  CHECK_EQ_INT(pact_money_split_part(5, INT64_MAX, INT64_MAX - 1), 0);
  CHECK_EQ_INT(pact_money_split_range(5, INT64_MAX, 0, INT64_MAX), 5);
  CHECK_EQ_INT(pact_money_split_range(5, INT64_MAX, 3, INT64_MAX - 3), 2);
  CHECK_EQ_INT(pact_money_split_range(-5, INT64_MAX, 3, 1), -1);
  CHECK_EQ_INT(pact_money_split_part(INT64_MAX, INT64_MAX, INT64_MAX - 1), 1);
  CHECK_EQ_INT(pact_money_split_range(INT64_MAX, INT64_MAX, 0, INT64_MAX), INT64_MAX);
  CHECK_EQ_INT(pact_money_split_part(INT64_MIN, INT64_MAX, 0), -2);
  CHECK_EQ_INT(pact_money_split_part(INT64_MIN, INT64_MAX, 1), -1);
  CHECK_EQ_INT(pact_money_split_range(INT64_MIN, INT64_MAX, 0, INT64_MAX), INT64_MIN);
  CHECK_EQ_INT(pact_money_split_range(INT64_MIN, INT64_MAX, 1, INT64_MAX - 1), INT64_MIN + 2);
}

int main(void) {
  test_status_names();
  test_currency_table();
  test_currency_common();
  test_currency_rejects();
  test_rounding_names();
  test_round_quotient_modes();
  test_round_quotient_edges();
  test_mul_rate();
  test_mul_rate_edges();
  test_add_sub();
  test_decimal_parse_cases();
  test_decimal_parse_bounds();
  test_decimal_shift();
  test_decimal_cmp();
  test_decimal_cmp_properties();
  test_decimal_normalize();
  test_decimal_format();
  test_format_truncation();
  test_rate_format();
  test_rate_format_percent();
  test_money_format();
  test_money_format_grouped();
  test_money_from_decimal();
  test_money_parse();
  test_money_round_trip();
  test_split_examples();
  test_split_invalid();
  test_split_sums();
  test_split_extremes();
  return check_summary();
}
