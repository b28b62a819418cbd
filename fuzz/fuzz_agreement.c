/*
** fuzz_agreement.c -- libFuzzer target for loading and checking one agreement text.
**
** The input is one .pact text holding a whole agreement. It is loaded with
** pact_agreement_load_text (lexer, parser, checker, history, cross-checks); every diagnostic is
** rendered, and the summary and the `check --json` report are written, as `pactum check` does
** even for a broken file.
** When the agreement loads with zero errors the target also runs everything `pactum show` and
** `pactum history` run: the terms in force on a handful of dates, as text and as JSON, and the
** history, as text and as JSON. Text output goes to /dev/null, opened once; JSON output
** (`show --json`, `history --json` and `check --json` for every agreement) goes to memory and
** must be one well-formed JSON document: RFC 8259's grammar, in valid UTF-8 (agreement text
** that is not UTF-8 is an error, E0108, and JSON output stays UTF-8 even for its diagnostics).
**
** Then it loads the same input a second time with one allocation failing (src/base/mem.h's
** mem_fail_countdown; which one is chosen from a hash of the input): the load must fail with
** PACT_ERR_NOMEM and no agreement, or succeed with exactly the first load's error and warning
** counts and, for a clean agreement, the same `show --json` and `history --json` answers.
**
** Besides the sanitizers, it traps when the library breaks a documented contract:
**   - pact_agreement_load_text returns anything but PACT_OK for an input far below the size limit,
**   - on a clean agreement pact_show returns anything but PACT_OK or PACT_ERR_RANGE (or text
**     and JSON disagree), or pact_history anything but PACT_OK;
**   - on an agreement with errors pact_show returns anything but PACT_ERR_INVALID.
**
** Build and run: scripts/fuzz.sh SECONDS agreement (see docs/fuzzing.md).
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h" /* the library's allocation-failure switch, for the second pass */
#include "fuzz.h"
#include "pactum.h"

/* Inputs above this are skipped: the interesting bugs live in small texts, and big ones slow
** every execution down. -max_len in scripts/fuzz.sh keeps generated inputs well below it. */
#define FUZZ_INPUT_MAX (256u * 1024u)

/* Dates taken from the input itself (effective dates, through dates, ...) to show the terms on. */
#define FUZZ_SCAN_DATES_MAX 6

/* ------------------------------------------------------------ JSON checking */

typedef struct Json {
  const unsigned char *p, *end;
  int depth;
} Json;

static void json_ws(Json *j) {
  while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')) j->p++;
}

static bool json_is_digit(const Json *j) { return j->p < j->end && *j->p >= '0' && *j->p <= '9'; }

static bool json_digits(Json *j) {
  if (!json_is_digit(j)) return false;
  while (json_is_digit(j)) j->p++;
  return true;
}

static bool json_string(Json *j) {
  if (j->p >= j->end || *j->p != '"') return false;
  j->p++;
  while (j->p < j->end) {
    unsigned char c = *j->p++;
    if (c == '"') return true;
    if (c < 0x20) return false;
    if (c != '\\') continue;
    if (j->p >= j->end) return false;
    c = *j->p++;
    if (c == 'u') {
      for (int i = 0; i < 4; i++, j->p++)
        if (j->p >= j->end || !strchr("0123456789abcdefABCDEF", *j->p) || *j->p == '\0')
          return false;
    } else if (!strchr("\"\\/bfnrt", c) || c == '\0') {
      return false;
    }
  }
  return false;
}

static bool json_literal(Json *j, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n) != 0) return false;
  j->p += n;
  return true;
}

static bool json_value(Json *j);

static bool json_members(Json *j, char close, bool object) {
  j->p++;
  if (++j->depth > 64) return false;
  json_ws(j);
  if (j->p < j->end && *j->p == close) {
    j->p++;
    j->depth--;
    return true;
  }
  for (;;) {
    if (object) {
      json_ws(j);
      if (!json_string(j)) return false;
      json_ws(j);
      if (j->p >= j->end || *j->p != ':') return false;
      j->p++;
    }
    if (!json_value(j)) return false;
    json_ws(j);
    if (j->p >= j->end) return false;
    if (*j->p == close) break;
    if (*j->p != ',') return false;
    j->p++;
  }
  j->p++;
  j->depth--;
  return true;
}

static bool json_value(Json *j) {
  json_ws(j);
  if (j->p >= j->end) return false;
  switch (*j->p) {
    case '{': return json_members(j, '}', true);
    case '[': return json_members(j, ']', false);
    case '"': return json_string(j);
    case 't': return json_literal(j, "true");
    case 'f': return json_literal(j, "false");
    case 'n': return json_literal(j, "null");
    default: break;
  }
  if (*j->p == '-') j->p++;
  if (j->p < j->end && *j->p == '0') j->p++;
  else if (!json_digits(j)) return false;
  if (j->p < j->end && *j->p == '.') {
    j->p++;
    if (!json_digits(j)) return false;
  }
  if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
    j->p++;
    if (j->p < j->end && (*j->p == '+' || *j->p == '-')) j->p++;
    if (!json_digits(j)) return false;
  }
  return true;
}

/* Well-formed UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF. */
static bool utf8_valid(const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned char c = s[i];
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else return false;
    if (i + len > n || s[i + 1] < lo || s[i + 1] > hi) return false;
    for (size_t k = 2; k < len; k++)
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return false;
    i += len;
  }
  return true;
}

/* Traps unless text is exactly one JSON value (and a trailing newline). */
static void json_check(const char *text, size_t len) {
  Json j = {(const unsigned char *)text, (const unsigned char *)text + len, 0};
  if (!json_value(&j)) __builtin_trap();
  json_ws(&j);
  if (j.p != j.end) __builtin_trap();
  if (!utf8_valid((const unsigned char *)text, len)) __builtin_trap();
}

/* A memory stream for one JSON answer. */
typedef struct Capture {
  FILE *f;
  char *buf;
  size_t len;
} Capture;

static FILE *capture_begin(Capture *c) {
  c->buf = NULL;
  c->len = 0;
  c->f = open_memstream(&c->buf, &c->len);
  if (!c->f) abort();
  return c->f;
}

/* Closes the stream; c->buf then holds what was written (free it). */
static void capture_close(Capture *c) {
  if (fclose(c->f) != 0) abort();
}

/* Closes the stream; checks the JSON when the call said it wrote some; frees it. */
static void capture_end(Capture *c, bool check) {
  capture_close(c);
  if (check) json_check(c->buf, c->len);
  free(c->buf);
}

/* ------------------------------------------------------------ the calls */

static void show_on(const PactAgreement *ag, PactDate on, FILE *out) {
  PactStatus status = pact_show(ag, on, false, out);
  if (status != PACT_OK && status != PACT_ERR_RANGE) __builtin_trap();
  Capture c;
  PactStatus json_status = pact_show(ag, on, true, capture_begin(&c));
  capture_end(&c, json_status == PACT_OK);
  if (json_status != status) __builtin_trap(); /* text and JSON agree on whether there are terms */
}

static void show_on_ymd(const PactAgreement *ag, int y, int m, int d, FILE *out) {
  PactDate on;
  if (pact_date_from_ymd(y, m, d, &on) == PACT_OK) show_on(ag, on, out);
}

/* The terms on a date, and on the day before and the day after (inside years 1..9999): that is
** where versions and clauses start and end. */
static void show_around(const PactAgreement *ag, PactDate on, FILE *out) {
  PactDate lowest, highest;
  if (pact_date_from_ymd(PACT_YEAR_MIN, 1, 1, &lowest) != PACT_OK ||
      pact_date_from_ymd(PACT_YEAR_MAX, 12, 31, &highest) != PACT_OK)
    __builtin_trap();
  if (on < lowest || on > highest) return;
  if (on > lowest) show_on(ag, on - 1, out);
  show_on(ag, on, out);
  if (on < highest) show_on(ag, on + 1, out);
}

/* Shows the terms around the first few valid YYYY-MM-DD dates written in the text. */
static void show_on_dates_in_text(const PactAgreement *ag, const char *text, size_t len,
                                  FILE *out) {
  int found = 0;
  for (size_t i = 0; i + 10 <= len && found < FUZZ_SCAN_DATES_MAX; i++) {
    if (text[i + 4] != '-' || text[i + 7] != '-') continue;
    PactDate on;
    if (pact_date_parse(text + i, 10, &on) != PACT_OK) continue;
    found++;
    show_around(ag, on, out);
    i += 9;
  }
}

/* Deterministic per input, so that a reproducer replays the same failing allocation. */
static uint64_t hash_bytes(const uint8_t *data, size_t size) {
  uint64_t h = 14695981039346656037u; /* FNV-1a */
  for (size_t i = 0; i < size; i++) h = (h ^ data[i]) * 1099511628211u;
  return h;
}

/* What the allocation-failure pass compares against: the normal run's answers. */
typedef struct Expected {
  size_t errors, warnings;
  PactStatus show_status, history_status;
  char *show_json, *history_json;
  size_t show_len, history_len;
} Expected;

/* show --json on the first day, and history --json, captured; the status of each. */
static void answers(const PactAgreement *ag, Expected *e) {
  Capture c;
  e->show_status = pact_show(ag, pact_agreement_first_day(ag), true, capture_begin(&c));
  capture_close(&c);
  e->show_json = c.buf, e->show_len = c.len;
  e->history_status = pact_history(ag, true, capture_begin(&c));
  capture_close(&c);
  e->history_json = c.buf, e->history_len = c.len;
}

static bool same_answer(PactStatus status, const char *text, size_t len, PactStatus want_status,
                        const char *want, size_t want_len) {
  if (status == PACT_ERR_NOMEM) return true; /* the failure landed here: reported, fine */
  return status == want_status && len == want_len && memcmp(text, want, len) == 0;
}

/*
** Loads the input again with its k-th allocation failing (src/base/mem.h), k chosen from the input.
** The load must either fail with PACT_ERR_NOMEM and no agreement, or succeed with exactly the
** normal run's answers (tests/unit/test_check.c holds the bundled agreement to the same rule).
*/
static void load_with_failing_allocation(const char *text, size_t size, uint64_t hash,
                                         long allocations, const Expected *want, FILE *out) {
  if (allocations <= 0) return;
  mem_fail_countdown = 1 + (long)(hash % (uint64_t)allocations);
  PactAgreement *ag = NULL;
  PactStatus status = pact_agreement_load_text("fuzz.pact", text, size, &ag);
  if (status != PACT_OK) {
    mem_fail_countdown = 0;
    if (status != PACT_ERR_NOMEM || ag != NULL) __builtin_trap();
    return;
  }
  if (!ag) __builtin_trap();
  if (pact_agreement_error_count(ag) != want->errors ||
      pact_agreement_warning_count(ag) != want->warnings)
    __builtin_trap();
  pact_agreement_print_diagnostics(ag, out, false);
  if (want->errors == 0) {
    Expected got;
    answers(ag, &got);
    if (!same_answer(got.show_status, got.show_json, got.show_len, want->show_status,
                     want->show_json, want->show_len) ||
        !same_answer(got.history_status, got.history_json, got.history_len, want->history_status,
                     want->history_json, want->history_len))
      __builtin_trap();
    free(got.show_json);
    free(got.history_json);
  }
  mem_fail_countdown = 0;
  pact_agreement_free(ag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_INPUT_MAX) return -1; /* -1: do not add to the corpus */
  FILE *out = sink();
  const char *text = (const char *)data;

  mem_fail_countdown = 0;
  mem_allocation_count = 0;
  PactAgreement *ag = NULL;
  PactStatus status = pact_agreement_load_text("fuzz.pact", text, size, &ag);
  if (status != PACT_OK || ag == NULL) __builtin_trap(); /* only running out of memory fails */

  Expected want = {pact_agreement_error_count(ag),
                   pact_agreement_warning_count(ag),
                   PACT_OK,
                   PACT_OK,
                   NULL,
                   NULL,
                   0,
                   0};
  if (want.errors == 0) answers(ag, &want);
  long allocations = mem_allocation_count; /* the load's, and the answers' */

  pact_agreement_print_diagnostics(ag, out, false);
  pact_agreement_print_diagnostics(ag, out, true);
  pact_check_summary(ag, out);
  Capture c;
  pact_check_report_json(&ag, 1, capture_begin(&c));
  capture_end(&c, true);

  if (want.errors == 0) {
    show_around(ag, pact_agreement_first_day(ag), out);
    show_on_ymd(ag, 2026, 4, 27, out);
    show_on_ymd(ag, 2030, 12, 31, out);
    show_on_ymd(ag, 1, 1, 1, out);
    show_on_ymd(ag, 9999, 12, 31, out);
    show_on_dates_in_text(ag, text, size, out);
    if (pact_history(ag, false, out) != PACT_OK) __builtin_trap();
    status = pact_history(ag, true, capture_begin(&c));
    capture_end(&c, status == PACT_OK);
    if (status != PACT_OK) __builtin_trap();
  } else {
    /* Documented: the terms of an agreement with errors are never shown. */
    PactDate on;
    if (pact_date_from_ymd(2026, 4, 27, &on) == PACT_OK &&
        pact_show(ag, on, false, out) != PACT_ERR_INVALID)
      __builtin_trap();
  }
  pact_agreement_free(ag);

  load_with_failing_allocation(text, size, hash_bytes(data, size), allocations, &want, out);
  free(want.show_json);
  free(want.history_json);
  return 0;
}
