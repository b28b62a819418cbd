/*
** fuzz_pacttest.c -- libFuzzer target for the reader of scenario test files (pactum test,
** src/api/api_pacttest_parse.c) through pactum.h's pact_test_check_text.
**
** The input is one test file's text. The target checks:
**   1. the reader returns PACT_OK exactly when it reported no error, PACT_ERR_INVALID otherwise
**      (only running out of memory may give anything else), and every error is located: it
**      names the file and, but for a file that is not text, a line;
**   2. the counts of tests and expectations are the same when the text is read twice;
**   3. the diagnostics render, plainly and as the failure JSON document.
** A broken promise is a __builtin_trap(), so libFuzzer saves the input as a crash.
**
** Build and run: scripts/fuzz.sh SECONDS pacttest (docs/fuzzing.md); its seeds are in
** fuzz/corpus-pacttest/.
*/
#include <string.h>

#include "fuzz.h"
#include "pactum.h"

#define FUZZ_INPUT_MAX (64u * 1024u)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_INPUT_MAX) return 0;
  PactDiagnostics *d = NULL;
  if (pact_diagnostics_new(&d) != PACT_OK) return 0;
  size_t tests = 0, expectations = 0;
  PactStatus status =
      pact_test_check_text("fuzz.pacttest", (const char *)data, size, d, &tests, &expectations);
  if (status == PACT_ERR_NOMEM) {
    pact_diagnostics_free(d);
    return 0;
  }
  size_t errors = pact_diagnostics_error_count(d);
  if ((status == PACT_OK) != (errors == 0)) __builtin_trap();
  if (status != PACT_OK && status != PACT_ERR_INVALID) __builtin_trap();
  PactDiagnostic g;
  for (size_t i = 0; pact_diagnostics_get(d, i, &g); i++) {
    if (!g.path || strcmp(g.path, "fuzz.pacttest") != 0) __builtin_trap();
    if (g.severity == PACT_SEVERITY_ERROR && !g.line && strcmp(g.code, "E0106") != 0 &&
        strcmp(g.code, "E0003") != 0)
      __builtin_trap();
  }
  PactDiagnostics *again = NULL;
  size_t tests2 = 0, expectations2 = 0;
  if (pact_diagnostics_new(&again) == PACT_OK &&
      pact_test_check_text("fuzz.pacttest", (const char *)data, size, again, &tests2,
                           &expectations2) != PACT_ERR_NOMEM &&
      (tests2 != tests || expectations2 != expectations))
    __builtin_trap();
  pact_diagnostics_print(d, sink(), false);
  pact_write_failure_json(sink(), NULL, d);
  pact_diagnostics_free(again);
  pact_diagnostics_free(d);
  return 0;
}
