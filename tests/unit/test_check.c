/*
** test_check.c -- the library's agreement API: loading from memory, the terms it yields, and
** every allocation failing in turn (the result is "out of memory" or exactly right, never wrong).
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "lang/lex.h"
#include "pactum.h"
#include "terms/check.h"
#include "unit.h"

/* The bundled agreement as one text: agreement.pact, then the versions in date order. */
static char *bundled_text(size_t *len) {
  static const char *const files[] = {
      "agreements/microsoft-openai/agreement.pact",  "agreements/microsoft-openai/2019-07-22.pact",
      "agreements/microsoft-openai/2023-01-23.pact", "agreements/microsoft-openai/2025-01-21.pact",
      "agreements/microsoft-openai/2025-10-28.pact", "agreements/microsoft-openai/2026-04-27.pact"};
  char *all = NULL;
  size_t n = 0;
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    FILE *f = fopen(files[i], "rb");
    if (!f) return NULL;
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
      all = realloc(all, n + got + 2);
      memcpy(all + n, buf, got);
      n += got;
    }
    fclose(f);
    all[n++] = '\n';
  }
  *len = n;
  return all;
}

/* What show --json says on a date, as a string (or NULL). */
static char *show_json(const PactAgreement *ag, const char *day) {
  char *out = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&out, &len);
  PactDate date;
  pact_date_parse(day, strlen(day), &date);
  PactStatus status = pact_show(ag, date, true, f);
  fclose(f);
  if (status != PACT_OK) {
    free(out);
    return NULL;
  }
  return out;
}

/* A one-version agreement around the lines of one clause block, loaded from memory. */
static PactAgreement *load_clause(const char *clause) {
  char text[4096];
  int n = snprintf(text, sizeof text,
                   "agreement t {\n  currency USD\n  party a \"A\"\n  party b \"B\"\n}\n"
                   "version v1 {\n  effective 2024-01-01\n  source contract \"c\"\n%s}\n",
                   clause);
  PactAgreement *ag = NULL;
  if (n <= 0 || (size_t)n >= sizeof text ||
      pact_agreement_load_text("t.pact", text, (size_t)n, &ag) != PACT_OK)
    return NULL;
  return ag;
}

/* The codes of a load's diagnostics, in order, separated by spaces ("" when none). */
static const char *codes_of(const PactAgreement *ag) {
  static char buf[512];
  size_t n = 0;
  buf[0] = '\0';
  for (size_t i = 0; ag && i < ag->diags.count && n + 9 < sizeof buf; i++)
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? " " : "", ag->diags.items[i].code);
  return buf;
}

static const char *codes_of_clause(const char *clause) {
  PactAgreement *ag = load_clause(clause);
  const char *codes = ag ? codes_of(ag) : "(out of memory)";
  pact_agreement_free(ag);
  return codes;
}

#define SHARE_HEAD                                                                                 \
  "  revenue-share fee {\n    says \"b pays a\"\n    payer b\n    payee a\n"                       \
  "    base revenue of b\n"

/* An amount in another currency is refused wherever an amount is written, and the terms it
** was in cannot be shown or settled. */
static void test_other_currency(void) {
  PactAgreement *ag = load_clause(SHARE_HEAD
                                  "    rate 20%\n    cap JPY 2 million counting this version\n"
                                  "    through 2027-12-31\n  }\n");
  CHECK_EQ_STR(codes_of(ag), "E0507");
  CHECK(ag && show_json(ag, "2024-06-01") == NULL);
  pact_agreement_free(ag);
  CHECK_EQ_STR(codes_of_clause(SHARE_HEAD
                               "    tiers by cumulative paid {\n"
                               "      rate 20% up to EUR 1,000\n      rate 10% thereafter\n    }\n"
                               "    through 2027-12-31\n  }\n"),
               "E0507");
  CHECK_EQ_STR(codes_of_clause("  commitment c {\n    says \"x\"\n    by a\n    to b\n"
                               "    amount GBP 5\n    of things\n  }\n"),
               "E0507");
  /* The agreement's own currency is read to the cent: USD 2 million is 200,000,000 cents. */
  ag = load_clause(SHARE_HEAD "    rate 20%\n    cap USD 2 million counting this version\n  }\n");
  CHECK_EQ_STR(codes_of(ag), "");
  char *json = ag ? show_json(ag, "2024-06-01") : NULL;
  CHECK(json && strstr(json, "\"cap\": \"2000000.00\""));
  free(json);
  pact_agreement_free(ag);
}

/* The first revenue share of a one-version load, or NULL. */
static const RevenueShare *first_share(const PactAgreement *ag) {
  if (!ag || ag->diags.errors || !ag->version_count || !ag->versions[0].own_count) return NULL;
  const Clause *c = ag->versions[0].own[0];
  return c->kind == CLAUSE_REVENUE_SHARE ? &c->u.share : NULL;
}

/* A decimal m / 10^places written out: "1234.5" for (12345, 1). */
static void write_decimal(char *buf, size_t size, uint64_t m, int places) {
  uint64_t p10 = 1;
  for (int i = 0; i < places; i++) p10 *= 10;
  if (places)
    snprintf(buf, size, "%llu.%0*llu", (unsigned long long)(m / p10), places,
             (unsigned long long)(m % p10));
  else snprintf(buf, size, "%llu", (unsigned long long)m);
}

/*
** Seeded property: an amount written any way the language allows (grouped, plain, with a scale
** word and decimals) is read to exactly its cents, and the same amount written negative, in
** another currency or with a mistyped scale word is refused, never read as some other amount.
** Rates likewise: P% is exactly P/100.
*/
static void test_amounts_read_exactly(void) {
  static const char *const scales[] = {"thousand", "million", "billion"};
  static const char *const typos[] = {"thousnd", "milion", "bilion"};
  rng_state = 20261203;
  int wrong = 0, refused_wrongly = 0, accepted_wrongly = 0;
  for (int i = 0; i < 300; i++) {
    char amount[64], clause[512];
    int64_t cents;
    int form = (int)(rng() % 3);
    int e = 3 * (1 + (int)(rng() % 3));
    if (form == 0) { /* grouped, as people write it: USD 12,345.67 */
      cents = 1 + (int64_t)(rng() % 1000000000000000ull);
      pact_money_format_grouped(cents, 2, amount, sizeof amount);
    } else if (form == 1) { /* plain: USD 12345.6 */
      uint64_t m = 1 + rng() % 100000000000ull;
      int places = (int)(rng() % 3);
      write_decimal(amount, sizeof amount, m, places);
      cents = (int64_t)m * (places == 0 ? 100 : places == 1 ? 10 : 1);
    } else { /* scaled: USD 1.25 million */
      uint64_t m = 1 + rng() % 1000000;
      int places = (int)(rng() % 5);
      write_decimal(amount, sizeof amount, m, places);
      size_t n = strlen(amount);
      snprintf(amount + n, sizeof amount - n, " %s", scales[e / 3 - 1]);
      cents = (int64_t)m;
      for (int k = 0; k < e + 2 - places; k++) cents *= 10;
    }
    snprintf(clause, sizeof clause,
             SHARE_HEAD "    rate 10%%\n    cap USD %s counting all versions\n  }\n", amount);
    PactAgreement *ag = load_clause(clause);
    const RevenueShare *s = first_share(ag);
    if (!s) refused_wrongly++;
    else if (!s->has_cap || s->cap_minor != cents) wrong++;
    pact_agreement_free(ag);
    /* The same figure negative, in yen, or with its scale word mistyped: always refused. */
    const char *bad[3] = {"USD -", "JPY ", "USD "};
    for (int b = 0; b < 3; b++) {
      char text[96];
      if (b == 2 && form != 2) continue;
      if (b == 2) {
        char *space = strrchr(amount, ' ');
        snprintf(text, sizeof text, "%.*s %s", (int)(space - amount), amount, typos[e / 3 - 1]);
      } else {
        snprintf(text, sizeof text, "%s", amount);
      }
      snprintf(clause, sizeof clause,
               SHARE_HEAD "    rate 10%%\n    cap %s%s counting all versions\n  }\n", bad[b], text);
      ag = load_clause(clause);
      if (!ag || pact_agreement_error_count(ag) == 0) accepted_wrongly++;
      pact_agreement_free(ag);
    }
    /* A percentage with up to four places is exactly that many hundredths. */
    uint64_t units = rng() % 1000001;
    int places = (int)(rng() % 5);
    uint64_t p10 = 1;
    for (int k = 0; k < places; k++) p10 *= 10;
    if (units > 100 * p10) units %= 100 * p10 + 1;
    char rate[48];
    write_decimal(rate, sizeof rate, units, places);
    snprintf(clause, sizeof clause, SHARE_HEAD "    rate %s%%\n    through 2027-12-31\n  }\n",
             rate);
    ag = load_clause(clause);
    s = first_share(ag);
    PactDecimal want = {(int64_t)units, (uint8_t)(places + 2)};
    if (!s) refused_wrongly++;
    else if (!s->has_rate || pact_decimal_cmp(s->rate, want) != 0) wrong++;
    pact_agreement_free(ag);
  }
  CHECK_EQ_INT(wrong, 0);
  CHECK_EQ_INT(refused_wrongly, 0);
  CHECK_EQ_INT(accepted_wrongly, 0);
}

/* Seeded property: a revenue-share term with two neighbouring letters swapped is refused with
** "did you mean" naming the term meant. */
static void test_swapped_letters_suggested(void) {
  static const char *const terms[] = {"payer", "payee",  "base",    "rate",     "through",
                                      "says",  "source", "streams", "rounding", "settle"};
  rng_state = 7;
  int missed = 0;
  for (int i = 0; i < 100; i++) {
    const char *term = terms[rng() % (sizeof terms / sizeof *terms)];
    size_t n = strlen(term);
    char typo[16];
    memcpy(typo, term, n + 1);
    size_t at = rng() % (n - 1);
    if (typo[at] == typo[at + 1]) continue;
    char t = typo[at];
    typo[at] = typo[at + 1];
    typo[at + 1] = t;
    char clause[512];
    snprintf(clause, sizeof clause,
             SHARE_HEAD "    rate 10%%\n    through 2027-12-31\n    %s x\n  }\n", typo);
    PactAgreement *ag = load_clause(clause);
    char want[64];
    snprintf(want, sizeof want, "did you mean '%s'?", term);
    bool found = false;
    for (size_t k = 0; ag && k < ag->diags.count; k++)
      found |= strcmp(ag->diags.items[k].code, "E0204") == 0 && ag->diags.items[k].help &&
               strncmp(ag->diags.items[k].help, want, strlen(want)) == 0;
    if (!found) {
      missed++;
      fprintf(stderr, "no suggestion of '%s' for '%s'\n", term, typo);
    }
    pact_agreement_free(ag);
  }
  CHECK_EQ_INT(missed, 0);
}

/* Every golden example tests/check/CODE-name.pact shows its code, and docs/diagnostics.md lists
** the code with a link to the example. */
static void test_examples_documented(void) {
  FILE *f = fopen("docs/diagnostics.md", "rb");
  CHECK(f != NULL);
  if (!f) return;
  static char docs[1 << 17];
  size_t len = fread(docs, 1, sizeof docs - 1, f);
  docs[len] = '\0';
  fclose(f);
  DIR *dir = opendir("tests/check");
  CHECK(dir != NULL);
  if (!dir) return;
  int examples = 0, undocumented = 0, unshown = 0;
  struct dirent *entry;
  while ((entry = readdir(dir)) != NULL) {
    const char *name = entry->d_name;
    size_t n = strlen(name);
    if (n < 11 || strcmp(name + n - 5, ".pact") != 0 || (name[0] != 'E' && name[0] != 'W') ||
        name[5] != '-')
      continue;
    examples++;
    char code[6], row[16], link[300], path[300];
    memcpy(code, name, 5);
    code[5] = '\0';
    snprintf(row, sizeof row, "| %s |", code);
    snprintf(link, sizeof link, "(../tests/check/%s)", name);
    const char *at = strstr(docs, row);
    const char *eol = at ? strchr(at, '\n') : NULL;
    const char *found = at ? strstr(at, link) : NULL;
    if (!at || !found || (eol && found > eol)) {
      undocumented++;
      fprintf(stderr, "docs/diagnostics.md: no row for %s linking %s\n", code, name);
    }
    snprintf(path, sizeof path, "tests/check/%.*s.expected", (int)(n - 5), name);
    FILE *e = fopen(path, "rb");
    static char expected[1 << 16];
    size_t got = e ? fread(expected, 1, sizeof expected - 1, e) : 0;
    if (e) fclose(e);
    expected[got] = '\0';
    char shown[16];
    snprintf(shown, sizeof shown, "[%s]", code);
    if (!strstr(expected, shown)) {
      unshown++;
      fprintf(stderr, "%s does not show %s\n", path, code);
    }
  }
  closedir(dir);
  CHECK(examples > 50);
  CHECK_EQ_INT(undocumented, 0);
  CHECK_EQ_INT(unshown, 0);
}

/* Edit distances as suggestions count them: a swap of neighbours is one slip. */
static void test_edit_distance(void) {
  CHECK_EQ_INT(edit_distance("fo", 2, "of", 2), 1);
  CHECK_EQ_INT(edit_distance("thsi", 4, "this", 4), 1);
  CHECK_EQ_INT(edit_distance("milion", 6, "million", 7), 1);
  CHECK_EQ_INT(edit_distance("kitten", 6, "sitting", 7), 3);
  CHECK_EQ_INT(edit_distance("abc", 3, "abc", 3), 0);
  CHECK_EQ_INT(edit_distance("", 0, "rate", 4), 4);
  static const char *const words[] = {"thousand", "million", "billion", "trillion"};
  CHECK_EQ_STR(closest_name((Str){"bilion", 6}, words, 4), "billion");
  CHECK(closest_name((Str){"percent", 7}, words, 4) == NULL);
}

/* Lexes text and checks that its tokens are want's types, with no diagnostic. */
static void expect_tokens(const char *text, const TokenType *want, size_t count) {
  Source source;
  CHECK(source_init(&source, "t.pact", text, strlen(text), 0));
  Arena arena;
  arena_init(&arena);
  DiagList diags;
  diag_list_init(&diags);
  TokenList tokens;
  CHECK(lex_source(&source, &arena, &diags, &tokens));
  CHECK_EQ_INT(tokens.count, count);
  for (uint32_t i = 0; i < tokens.count && i < count; i++)
    CHECK_EQ_INT(tokens.items[i].type, want[i]);
  CHECK_EQ_INT(diags.count, 0);
  diag_list_free(&diags);
  arena_free(&arena);
  source_free(&source);
}

/* A '-' before a digit starts a number: `rate -5%` is a word and a percentage. */
static void test_negative_tokens(void) {
  static const TokenType want[] = {TOK_WORD, TOK_PERCENT, TOK_NEWLINE, TOK_WORD,
                                   TOK_WORD, TOK_NUMBER,  TOK_WORD,    TOK_EOF};
  expect_tokens("rate -5%\ncap USD -1,000.50 x-1", want, sizeof want / sizeof *want);
}

static void test_tokens(void) {
  static const TokenType want[] = {TOK_WORD,    TOK_PERCENT, TOK_WORD,   TOK_STRING, TOK_COMMENT,
                                   TOK_NEWLINE, TOK_WORD,    TOK_WORD,   TOK_NUMBER, TOK_WORD,
                                   TOK_LBRACE,  TOK_NEWLINE, TOK_RBRACE, TOK_EOF};
  expect_tokens("rate 20% reported \"CNBC, 2026-04-27\" # note\ncap USD 38 billion {\n}", want,
                sizeof want / sizeof *want);
}

static void test_load_and_show(const char *text, size_t len) {
  PactAgreement *ag;
  CHECK_EQ_INT(pact_agreement_load_text("bundled.pact", text, len, &ag), PACT_OK);
  CHECK_EQ_INT(pact_agreement_error_count(ag), 0);
  CHECK_EQ_INT(pact_agreement_warning_count(ag), 0);
  char *json = show_json(ag, "2026-11-27");
  CHECK(json && strstr(json, "\"version\": \"2026-04-27\""));
  CHECK(json && strstr(json, "\"cap\": \"38000000000.00\""));
  free(json);
  CHECK(show_json(ag, "2019-07-21") == NULL);
  pact_agreement_free(ag);
}

static void test_allocation_failures(const char *text, size_t len) {
  PactAgreement *ag;
  mem_allocation_count = 0;
  CHECK_EQ_INT(pact_agreement_load_text("bundled.pact", text, len, &ag), PACT_OK);
  long total = mem_allocation_count;
  char *expected = show_json(ag, "2024-06-01");
  pact_agreement_free(ag);
  CHECK(total > 10);
  int wrong = 0, out_of_memory = 0;
  for (long n = 1; n <= total; n++) {
    mem_fail_countdown = n;
    PactStatus status = pact_agreement_load_text("bundled.pact", text, len, &ag);
    mem_fail_countdown = 0;
    if (status == PACT_ERR_NOMEM) {
      out_of_memory++;
      CHECK(ag == NULL);
      continue;
    }
    /* A load that survived a failed allocation must still be exactly right. */
    char *got = show_json(ag, "2024-06-01");
    if (!got || !expected || strcmp(got, expected) != 0 || pact_agreement_error_count(ag)) wrong++;
    free(got);
    pact_agreement_free(ag);
  }
  CHECK_EQ_INT(wrong, 0);
  CHECK(out_of_memory > 0);
  free(expected);
}

static void test_format_failures(const char *text, size_t len) {
  char *expected, *got;
  size_t expected_len, got_len;
  mem_allocation_count = 0;
  CHECK_EQ_INT(pact_format_text("f.pact", text, len, &expected, &expected_len, NULL, false),
               PACT_OK);
  long total = mem_allocation_count;
  int wrong = 0;
  for (long n = 1; n <= total; n++) {
    mem_fail_countdown = n;
    PactStatus status = pact_format_text("f.pact", text, len, &got, &got_len, NULL, false);
    mem_fail_countdown = 0;
    if (status == PACT_ERR_NOMEM) continue;
    if (status != PACT_OK || got_len != expected_len || memcmp(got, expected, got_len) != 0)
      wrong++;
    free(got);
  }
  CHECK_EQ_INT(wrong, 0);
  free(expected);
}

/* A diagnostic lost for want of memory is counted, in its list and in the process, so that a
** program never gives the answer it lacked as a clean one. */
static void test_lost_diagnostic(void) {
  size_t before = diag_lost_anywhere();
  DiagList diags;
  diag_list_init(&diags);
  mem_fail_countdown = 1; /* the list's first allocation, its items */
  diag_add_path(&diags, DIAG_WARNING, "W1111", "e.csv", NULL, "a warning that cannot be kept");
  mem_fail_countdown = 0;
  CHECK_EQ_INT(diags.lost, 1);
  CHECK_EQ_INT(diags.warnings, 1);
  CHECK_EQ_INT(diag_lost_anywhere(), before + 1);
  diag_list_free(&diags);
}

int main(void) {
  size_t len;
  char *text = bundled_text(&len);
  CHECK(text != NULL);
  if (!text) return check_summary();
  test_tokens();
  test_edit_distance();
  test_negative_tokens();
  test_other_currency();
  test_amounts_read_exactly();
  test_swapped_letters_suggested();
  test_examples_documented();
  test_load_and_show(text, len);
  test_allocation_failures(text, len);
  test_format_failures(text, len);
  test_lost_diagnostic();
  free(text);
  return check_summary();
}
