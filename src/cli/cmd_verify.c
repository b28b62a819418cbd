/*
** cmd_verify.c -- pactum verify: the whole ledger read and checked, every row, every checksum,
** and every import's daily sums summed again from its events (ledger_verify).
*/
#include <stdio.h>

#include "cli.h"

int cmd_verify(const Options *o) {
  const char *path = o->ledger ? o->ledger : LEDGER_DEFAULT;
  if (o->path_count) return usage_error("verify", "the ledger is named with --ledger FILE", NULL);
  PactDiagnostics *diags = diagnostics_new();
  if (!diags) return EXIT_INPUT;
  PactLedger *ledger = NULL;
  PactVerifyResult result = {0};
  bool ok = pact_ledger_open(path, diags, &ledger) == PACT_OK &&
            pact_ledger_verify(ledger, diags, &result) == PACT_OK &&
            pact_diagnostics_error_count(diags) == 0;
  pact_ledger_close(ledger);
  if (o->json) {
    if (ok) pact_ledger_verify_write(path, &result, PACT_FORM_JSON, diags, stdout);
    else render_json_failure(NULL, diags);
  } else {
    render(diags);
    if (ok) pact_ledger_verify_write(path, &result, PACT_FORM_TEXT, diags, stdout);
  }
  pact_diagnostics_free(diags);
  return ok ? 0 : EXIT_INPUT;
}

const Command command_verify = {
    "verify", cmd_verify, "verify [--ledger FILE] [--json]",
    "Reads the whole ledger and checks every row, every checksum and every import's daily "
    "sums against what its events sum to (a settlement reads the sums, not the events), and "
    "its record of where its events are, month by month. Exits 0 with what it checked, or 1 "
    "with the errors it found, each located.",
    "pactum verify --ledger acme.db"};
