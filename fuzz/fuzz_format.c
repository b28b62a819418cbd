/*
** fuzz_format.c -- libFuzzer target for the formatter (`pactum fmt`).
**
** The input is one .pact text. When pact_format_text accepts it, the target checks the two
** promises fmt makes (src/lang/fmt.c: "It changes layout only, never a token, so a formatted file
** means exactly what it did"):
**   1. idempotence: formatting the formatted text succeeds and gives the same bytes again;
**   2. meaning: the original and the formatted text, each loaded as a whole agreement with
**      pact_agreement_load_text, have the same number of errors (and of warnings).
** Rejected texts must give PACT_ERR_INVALID; their diagnostics are rendered (to /dev/null), as
** `pactum fmt` does.
**
** Every input is also formatted once more with one allocation failing (src/base/mem.h; which one is
** chosen from a hash of the input): the answer must be PACT_ERR_NOMEM with no output, or exactly
** the first answer.
**
** A broken promise is a __builtin_trap(), so libFuzzer saves the input as a crash. The
** sanitizers catch memory errors and leaks in the lexer, parser, formatter and checker.
**
** Build and run: scripts/fuzz.sh SECONDS format (see docs/fuzzing.md).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h" /* the library's allocation-failure switch */
#include "fuzz.h"
#include "pactum.h"

#define FUZZ_INPUT_MAX (256u * 1024u)

/* Loads a text and returns its error and warning counts. */
static void load_counts(const char *text, size_t len, size_t *errors, size_t *warnings) {
  PactAgreement *ag = NULL;
  if (pact_agreement_load_text("fuzz.pact", text, len, &ag) != PACT_OK || !ag) __builtin_trap();
  *errors = pact_agreement_error_count(ag);
  *warnings = pact_agreement_warning_count(ag);
  pact_agreement_free(ag);
}

static uint64_t hash_bytes(const uint8_t *data, size_t size) {
  uint64_t h = 14695981039346656037u; /* FNV-1a */
  for (size_t i = 0; i < size; i++) h = (h ^ data[i]) * 1099511628211u;
  return h;
}

/* Formats again with the k-th allocation failing: out of memory, or the same answer. */
static void format_with_failing_allocation(const char *text, size_t size, uint64_t hash,
                                           long allocations, PactStatus want_status,
                                           const char *want, size_t want_len) {
  if (allocations <= 0) return;
  char *got = NULL;
  size_t got_len = 0;
  mem_fail_countdown = 1 + (long)(hash % (uint64_t)allocations);
  PactStatus status = pact_format_text("fuzz.pact", text, size, &got, &got_len, NULL, false);
  mem_fail_countdown = 0;
  if (status == PACT_ERR_NOMEM) {
    if (got != NULL) __builtin_trap();
    return;
  }
  if (status != want_status) __builtin_trap();
  if (status == PACT_OK && (got_len != want_len || memcmp(got, want, want_len) != 0))
    __builtin_trap();
  free(got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_INPUT_MAX) return -1; /* -1: do not add to the corpus */
  const char *text = (const char *)data;
  uint64_t hash = hash_bytes(data, size);

  char *once = NULL;
  size_t once_len = 0;
  mem_fail_countdown = 0;
  mem_allocation_count = 0;
  PactStatus status = pact_format_text("fuzz.pact", text, size, &once, &once_len, sink(), false);
  format_with_failing_allocation(text, size, hash, mem_allocation_count, status, once, once_len);
  if (status != PACT_OK) {
    if (once != NULL) __builtin_trap();               /* on failure *out is NULL: nothing to free */
    if (status != PACT_ERR_INVALID) __builtin_trap(); /* NOMEM cannot happen at these sizes */
    return 0;
  }
  /* The result is NUL-terminated (strings may hold NUL bytes, so strlen proves nothing). */
  if (once == NULL || once[once_len] != '\0') __builtin_trap();

  /* 1. idempotence */
  char *twice = NULL;
  size_t twice_len = 0;
  status = pact_format_text("fuzz.pact", once, once_len, &twice, &twice_len, NULL, false);
  if (status != PACT_OK) __builtin_trap(); /* formatted text no longer parses */
  if (twice_len != once_len || memcmp(twice, once, once_len) != 0) __builtin_trap();

  /* 2. meaning */
  size_t errors_before, warnings_before, errors_after, warnings_after;
  load_counts(text, size, &errors_before, &warnings_before);
  load_counts(once, once_len, &errors_after, &warnings_after);
  if (errors_before != errors_after) __builtin_trap();
  if (warnings_before != warnings_after) __builtin_trap();

  free(twice);
  free(once);
  return 0;
}
