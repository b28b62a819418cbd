/*
** ledger.c -- pactum.h's ledger, over the library's (store/ledger.h).
*/
#include <stdlib.h>

#include "api/api.h"
#include "base/mem.h"
#include "render/ledger_write.h"
#include "store/ledger.h"

struct PactLedger {
  Ledger *ledger;
  const PactLedgerWriteOptions *options;
};

/* A public waiting callback has a context; the ledger's own has none: it is kept here, per
** thread, for the one call that may wait. */
static _Thread_local const PactLedgerWriteOptions *waiting_options;

static void say_waiting(const char *path) {
  if (waiting_options && waiting_options->waiting)
    waiting_options->waiting(waiting_options->context, path);
}

static PactStatus wrap(PactStatus status, Ledger *ledger, PactLedger **out) {
  if (status != PACT_OK) return status;
  if (!(*out = mem_calloc(1, sizeof **out))) {
    ledger_close(ledger);
    return PACT_ERR_NOMEM;
  }
  (*out)->ledger = ledger;
  return PACT_OK;
}

PactStatus pact_ledger_create(const char *path, PactDiagnostics *d, PactLedger **out) {
  *out = NULL;
  Ledger *l = NULL;
  PactStatus status = ledger_create(path, api_list(d), &l);
  return wrap(status, l, out);
}

PactStatus pact_ledger_open(const char *path, PactDiagnostics *d, PactLedger **out) {
  *out = NULL;
  Ledger *l = NULL;
  PactStatus status = ledger_open(path, api_list(d), &l);
  return wrap(status, l, out);
}

PactStatus pact_ledger_open_write(const char *path, const PactLedgerWriteOptions *options,
                                  PactDiagnostics *d, PactLedger **out) {
  *out = NULL;
  LedgerWriteOptions write = {options ? options->wait_seconds : 60,
                              options && options->waiting ? say_waiting : NULL};
  Ledger *l = NULL;
  waiting_options = options;
  PactStatus status = ledger_open_write(path, &write, api_list(d), &l);
  status = wrap(status, l, out);
  waiting_options = NULL;
  if (*out) (*out)->options = options;
  return status;
}

void pact_ledger_close(PactLedger *ledger) {
  if (!ledger) return;
  ledger_close(ledger->ledger);
  free(ledger);
}

typedef struct Progress {
  void (*progress)(void *context, uint64_t done, uint64_t total);
  void *context;
} Progress;

static void import_progress(const void *context, uint64_t done, uint64_t total) {
  const Progress *p = context;
  p->progress(p->context, done, total);
}

PactStatus pact_ledger_import(PactLedger *ledger, const char *path,
                              const PactImportOptions *options, PactDiagnostics *d,
                              PactImportResult *out) {
  ImportOptions in = {0};
  Progress progress = {0};
  if (options) {
    in.agreement = options->agreement;
    in.as = options->as;
    in.has_recorded_on = options->has_recorded_on;
    in.recorded_on = options->recorded_on;
    in.backdated_because = options->backdated_because;
    if (options->progress) {
      progress = (Progress){options->progress, options->progress_context};
      in.progress = import_progress;
      in.progress_context = &progress;
    }
  }
  ImportResult result = {0};
  waiting_options = ledger->options;
  PactStatus status = ledger_import(ledger->ledger, path, &in, api_list(d), &result);
  waiting_options = NULL;
  *out = (PactImportResult){result.added, result.known};
  return status;
}

PactStatus pact_ledger_undo(PactLedger *ledger, int64_t seq, const PactUndoOptions *options,
                            PactDiagnostics *d, PactUndoResult *out) {
  UndoOptions in = {0};
  if (options)
    in = (UndoOptions){options->has_recorded_on, options->recorded_on, options->as,
                       options->backdated_because};
  UndoResult result = {0};
  waiting_options = ledger->options;
  PactStatus status = ledger_undo(ledger->ledger, seq, &in, api_list(d), &result);
  waiting_options = NULL;
  *out = (PactUndoResult){result.withdrawn, result.later_known};
  return status;
}

typedef struct Listing {
  PactStatus (*visit)(void *context, const PactImportInfo *import);
  void *context;
} Listing;

static PactStatus list_one(void *context, const LedgerImportInfo *im) {
  const Listing *l = context;
  PactImportInfo info = {im->seq,
                         im->file,
                         im->recorded_on,
                         im->recorded_at,
                         im->as,
                         im->added,
                         im->known,
                         im->withdrawn_on,
                         im->withdrawn_at,
                         im->withdrawn,
                         im->backdated_because,
                         im->withdrawn_as,
                         im->withdrawn_backdated_because};
  return l->visit(l->context, &info);
}

PactStatus pact_ledger_imports(PactLedger *ledger, PactDiagnostics *d,
                               PactStatus (*visit)(void *context, const PactImportInfo *import),
                               void *context) {
  Listing l = {visit, context};
  return ledger_imports(ledger->ledger, api_list(d), list_one, &l);
}

PactStatus pact_ledger_imports_write(PactLedger *ledger, const char *path, PactForm form,
                                     PactDiagnostics *d, FILE *out, uint64_t *count) {
  return ledger_imports_write(ledger->ledger, path, form == PACT_FORM_JSON, api_list(d), out,
                              count);
}

PactStatus pact_ledger_verify(PactLedger *ledger, PactDiagnostics *d, PactVerifyResult *out) {
  LedgerVerifyResult r = {0};
  PactStatus status = ledger_verify(ledger->ledger, api_list(d), &r);
  *out = (PactVerifyResult){r.in_force, r.imports_summed, r.day_sums};
  return status;
}

void pact_ledger_verify_write(const char *path, const PactVerifyResult *result, PactForm form,
                              const PactDiagnostics *d, FILE *out) {
  LedgerVerifyResult r = {result->events_in_force, result->imports_summed, result->day_sums};
  ledger_verify_write(path, &r, form == PACT_FORM_JSON, api_clist(d), out);
}
