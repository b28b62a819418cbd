/*
** clean.h -- an agreement written in a test, which must check clean before anything is tested
** against it. Include after unit.h.
*/
#ifndef PACT_TESTS_CLEAN_H
#define PACT_TESTS_CLEAN_H

#include "pactum.h"

/* The agreement of the text, counted as one check; NULL, with its diagnostics printed, when it
** cannot be read or does not check clean (the test then has nothing to test against). */
static inline PactAgreement *load_clean(const char *name, const char *text, size_t len) {
  PactAgreement *ag = NULL;
  CHECK_EQ_INT(pact_agreement_load_text(name, text, len, &ag), PACT_OK);
  if (ag && pact_agreement_error_count(ag) == 0) return ag;
  if (ag) pact_agreement_print_diagnostics(ag, stderr, false);
  pact_agreement_free(ag);
  return NULL;
}

#endif
