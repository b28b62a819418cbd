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
  test_load_and_show(text, len);
  test_allocation_failures(text, len);
  test_format_failures(text, len);
  free(text);
  return check_summary();
}
