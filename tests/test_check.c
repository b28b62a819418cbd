/*
** test_check.c -- the library's agreement API: loading from memory, the terms it yields, and
** every allocation failing in turn (the result is "out of memory" or exactly right, never wrong).
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "unit.h"
#include "lex.h"
#include "mem.h"
#include "pactum.h"

/* The bundled agreement as one text: agreement.pact, then the versions in date order. */
static char *bundled_text(size_t *len) {
  static const char *const files[] = {
      "agreements/microsoft-openai/agreement.pact", "agreements/microsoft-openai/2019-07-22.pact",
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

#define SHARE_HEAD                                                                      \
  "  revenue-share fee {\n    says \"b pays a\"\n    payer b\n    payee a\n" \
  "    base revenue of b\n"

/* An amount in another currency is refused wherever an amount is written, and the terms it
** was in cannot be shown or settled. */
static void test_other_currency(void) {
  PactAgreement *ag = load_clause(SHARE_HEAD "    rate 20%\n    cap JPY 2 million counting this version\n"
                                  "    through 2027-12-31\n  }\n");
  CHECK_EQ_STR(codes_of(ag), "E0507");
  CHECK(ag && show_json(ag, "2024-06-01") == NULL);
  pact_agreement_free(ag);
  CHECK_EQ_STR(codes_of_clause(SHARE_HEAD "    tiers by cumulative paid {\n"
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

static void test_tokens(void) {
  Source source;
  const char *text = "rate 20% reported \"CNBC, 2026-04-27\" # note\ncap USD 38 billion {\n}";
  CHECK(source_init(&source, "t.pact", text, strlen(text), 0));
  Arena arena;
  arena_init(&arena);
  DiagList diags;
  diag_list_init(&diags);
  TokenList tokens;
  CHECK(lex_source(&source, &arena, &diags, &tokens));
  static const TokenType want[] = {TOK_WORD, TOK_PERCENT, TOK_WORD, TOK_STRING, TOK_COMMENT,
                                   TOK_NEWLINE, TOK_WORD, TOK_WORD, TOK_NUMBER, TOK_WORD,
                                   TOK_LBRACE, TOK_NEWLINE, TOK_RBRACE, TOK_EOF};
  CHECK_EQ_INT(tokens.count, sizeof want / sizeof *want);
  for (uint32_t i = 0; i < tokens.count && i < sizeof want / sizeof *want; i++)
    CHECK_EQ_INT(tokens.items[i].type, want[i]);
  CHECK_EQ_INT(diags.count, 0);
  diag_list_free(&diags);
  arena_free(&arena);
  source_free(&source);
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

int main(void) {
  size_t len;
  char *text = bundled_text(&len);
  CHECK(text != NULL);
  if (!text) return check_summary();
  test_tokens();
  test_other_currency();
  test_load_and_show(text, len);
  test_allocation_failures(text, len);
  test_format_failures(text, len);
  free(text);
  return check_summary();
}
