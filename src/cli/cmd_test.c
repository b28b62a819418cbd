/*
** cmd_test.c -- pactum test PATH...: runs scenario test files (docs/testing.md) through the
** library (pact_test_run) and prints each failure as a diff and the count of expectations that
** passed and failed. Exit 0 when every one passed, 1 when any failed or a file could not run,
** 2 for usage errors.
*/
#include "cli.h"

static int cmd_test(const Options *o) {
  if (!o->path_count)
    return usage_error(o->command, "give the test files or folders: pactum test PATH...", NULL);
  PactTestRun *run = NULL;
  if (pact_test_run((const char *const *)o->paths, (size_t)o->path_count, &run) != PACT_OK) {
    fprintf(stderr, "pactum test: out of memory\n");
    return EXIT_INPUT;
  }
  const PactDiagnostics *diags = pact_test_diagnostics(run);
  if (!o->json) render(diags);
  PactStatus written = pact_test_write(run, o->json ? PACT_FORM_JSON : PACT_FORM_TEXT, stdout);
  int status =
      written == PACT_OK && pact_test_failed(run) == 0 && pact_diagnostics_error_count(diags) == 0
          ? 0
          : EXIT_INPUT;
  pact_test_run_free(run);
  return status;
}

const Command command_test = {
    "test", cmd_test, "test PATH... [--json]",
    "Runs scenario tests: .pacttest files (or folders of them) that name an agreement, the "
    "events (files, a ledger, or rows written in the test) and what must come out: "
    "obligations, totals, a statement's lines on a day, decisions with their clause and "
    "exception, two sides compared (the agreement as it is, as if a version had stayed in "
    "force, or with a proposed amendment: totals, years and clauses a against b, and where a "
    "cap binds), a scenario forecast after the test's events (what each payer owes in total "
    "and by year, the chance that a cap binds and its quarters, a milestone's share of "
    "paths), and diagnostics by code and line (docs/testing.md). Each failure is printed "
    "as '- expected' and '+ actual' under the test's name and the expectation's file:line; "
    "the last line counts the expectations that passed and failed. A malformed test file, a "
    "missing agreement or a name the agreement lacks is a located error.",
    "pactum test tests/pact"};
