/*
** cmd_verify.c -- pactum verify: the whole ledger read and checked, every row, every checksum,
** and every import's daily sums summed again from its events (ledger_verify).
*/
#include <stdio.h>

#include "base/jsonw.h"
#include "cli.h"
#include "render/describe.h"
#include "store/ledger.h"

int cmd_verify(const Options *o) {
  const char *path = o->ledger ? o->ledger : LEDGER_DEFAULT;
  if (o->path_count) return usage_error("verify", "the ledger is named with --ledger FILE", NULL);
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger = NULL;
  LedgerVerifyResult result = {0};
  bool ok = ledger_open(path, &diags, &ledger) == PACT_OK &&
            ledger_verify(ledger, &diags, &result) == PACT_OK && diags.errors == 0;
  ledger_close(ledger);
  if (o->json) {
    if (ok) {
      JsonWriter w;
      json_report_begin(&w, stdout, NULL);
      json_key(&w, "ledger");
      json_cstring(&w, path);
      json_key(&w, "verified");
      json_bool(&w, true);
      json_key(&w, "events_in_force");
      json_int(&w, (int64_t)result.in_force);
      json_key(&w, "imports_summed");
      json_int(&w, (int64_t)result.imports_summed);
      json_key(&w, "day_sums");
      json_int(&w, (int64_t)result.day_sums);
      json_report_close(&w, NULL, &diags);
    } else {
      render_json_failure(NULL, &diags);
    }
  } else {
    render(&diags);
    if (ok)
      printf(
          "%s: verified: %llu events in force, %llu daily sums of %llu imports summed again "
          "from their events; every row and checksum as written\n",
          path, (unsigned long long)result.in_force, (unsigned long long)result.day_sums,
          (unsigned long long)result.imports_summed);
  }
  diag_list_free(&diags);
  return ok ? 0 : EXIT_INPUT;
}

const Command command_verify = {
    "verify", cmd_verify, "verify [--ledger FILE] [--json]",
    "Reads the whole ledger and checks every row, every checksum and every import's daily "
    "sums against what its events sum to (a settlement reads the sums, not the events), and "
    "its record of where its events are, month by month. Exits 0 with what it checked, or 1 "
    "with the errors it found, each located.",
    "pactum verify --ledger acme.db"};
