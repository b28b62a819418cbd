/*
** fuzz_agreement.c -- libFuzzer target for loading and checking one agreement text.
**
** The input is one .pact text holding a whole agreement. It is loaded with
** pact_agreement_load_text (lexer, parser, checker, history, cross-checks); every diagnostic is
** rendered, and the one-line summary is printed, as `pactum check` does even for a broken file.
** When the agreement loads with zero errors the target also runs everything `pactum show` and
** `pactum history` run: the terms in force on a handful of dates, as text and as JSON, and the
** history, as text and as JSON. All output goes to /dev/null, opened once.
**
** Besides the sanitizers, it traps when the library breaks a documented contract:
**   - pact_agreement_load_text returns anything but PACT_OK for an input far below the size limit,
**   - pact_show or pact_history returns anything but PACT_OK or PACT_ERR_RANGE on a clean
**     agreement, or anything but PACT_ERR_INVALID on one with errors.
**
** Build and run: scripts/fuzz.sh SECONDS agreement (see docs/fuzzing.md).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "pactum.h"

/* Inputs above this are skipped: the interesting bugs live in small texts, and big ones slow
** every execution down. -max_len in scripts/fuzz.sh keeps generated inputs well below it. */
#define FUZZ_INPUT_MAX (256u * 1024u)

/* Dates taken from the input itself (effective dates, through dates, ...) to show the terms on. */
#define FUZZ_SCAN_DATES_MAX 6

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink(void) {
  static FILE *null_out;
  if (!null_out) {
    null_out = fopen("/dev/null", "w");
    if (!null_out) abort();
  }
  return null_out;
}

static void show_on(const PactAgreement *ag, PactDate on, FILE *out) {
  for (int json = 0; json <= 1; json++) {
    PactStatus status = pact_show(ag, on, json != 0, out);
    if (status != PACT_OK && status != PACT_ERR_RANGE) __builtin_trap();
  }
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_INPUT_MAX) return -1; /* -1: do not add to the corpus */
  FILE *out = sink();
  const char *text = (const char *)data;

  PactAgreement *ag = NULL;
  PactStatus status = pact_agreement_load_text("fuzz.pact", text, size, &ag);
  if (status != PACT_OK || ag == NULL) __builtin_trap(); /* only running out of memory fails */

  pact_agreement_print_diagnostics(ag, out, false);
  pact_agreement_print_diagnostics(ag, out, true);
  pact_check_summary(ag, out);

  if (pact_agreement_error_count(ag) == 0) {
    show_around(ag, pact_agreement_first_day(ag), out);
    show_on_ymd(ag, 2026, 4, 27, out);
    show_on_ymd(ag, 2030, 12, 31, out);
    show_on_ymd(ag, 1, 1, 1, out);
    show_on_ymd(ag, 9999, 12, 31, out);
    show_on_dates_in_text(ag, text, size, out);
    for (int json = 0; json <= 1; json++) {
      status = pact_history(ag, json != 0, out);
      if (status != PACT_OK) __builtin_trap();
    }
  } else {
    /* Documented: the terms of an agreement with errors are never shown. */
    PactDate on;
    if (pact_date_from_ymd(2026, 4, 27, &on) == PACT_OK &&
        pact_show(ag, on, false, out) != PACT_ERR_INVALID)
      __builtin_trap();
  }

  pact_agreement_free(ag);
  return 0;
}
