/*
** ledger_write.c -- the imports listing and the verification line of `pactum imports` and
** `pactum verify` (docs/ledger.md; docs/schemas/imports.json and verify.json).
*/
#include "render/ledger_write.h"

#include <string.h>

#include "base/jsonw.h"
#include "render/describe.h"

typedef struct ImportsListing {
  JsonWriter *json; /* or the table */
  FILE *out;
  uint64_t count;
} ImportsListing;

/* The reason given for recording an act on an earlier day than it was written. */
static void backdated_note(FILE *out, const char *because) {
  fputs("  [backdated: ", out);
  text_write(out, because, strlen(because));
  fputc(']', out);
}

static void json_import(JsonWriter *w, const LedgerImportInfo *im) {
  json_object_begin(w);
  json_key(w, "seq");
  json_int(w, im->seq);
  json_key(w, "file");
  json_cstring(w, im->file);
  json_key(w, "recorded_on");
  json_cstring(w, im->recorded_on);
  json_key(w, "recorded_at");
  json_cstring(w, im->recorded_at);
  json_key(w, "as");
  json_cstring(w, im->as);
  json_key(w, "added");
  json_int(w, (int64_t)im->added);
  json_key(w, "known");
  json_int(w, (int64_t)im->known);
  json_key(w, "withdrawn_on");
  json_cstring(w, im->withdrawn_on);
  json_key(w, "withdrawn_at");
  json_cstring(w, im->withdrawn_at);
  json_key(w, "withdrawn");
  json_int(w, (int64_t)im->withdrawn);
  json_key(w, "withdrawn_as");
  json_cstring(w, im->withdrawn_as);
  json_key(w, "backdated_because");
  json_cstring(w, im->backdated_because);
  json_key(w, "withdrawal_backdated_because");
  json_cstring(w, im->withdrawn_backdated_because);
  json_object_end(w);
}

/* The undo of an import, after its row: when, how many, who, and why it was backdated. */
static void text_withdrawal(FILE *out, const LedgerImportInfo *im) {
  fprintf(out, "  [withdrawn on %s: %llu event%s, written %s ", im->withdrawn_on,
          (unsigned long long)im->withdrawn, im->withdrawn == 1 ? "" : "s",
          im->withdrawn_at ? im->withdrawn_at : "?");
  if (im->withdrawn_as) {
    fputs("as ", out);
    text_write(out, im->withdrawn_as, strlen(im->withdrawn_as));
  } else {
    fputs("(trusted)", out);
  }
  fputc(']', out);
  if (im->withdrawn_backdated_because) backdated_note(out, im->withdrawn_backdated_because);
}

static PactStatus list_import(void *context, const LedgerImportInfo *im) {
  ImportsListing *l = context;
  l->count++;
  if (l->json) {
    json_import(l->json, im);
    return PACT_OK;
  }
  FILE *out = l->out;
  if (l->count == 1)
    fprintf(out, "%5s  %-11s %-21s %9s %9s  %-14s %s\n", "seq", "recorded on", "written (UTC)",
            "added", "known", "as", "file");
  fprintf(out, "%5lld  %-11s %-21s %9llu %9llu  ", (long long)im->seq, im->recorded_on,
          im->recorded_at, (unsigned long long)im->added, (unsigned long long)im->known);
  /* The party and the file name are whoever imported it's: shown, never raw (diag.h). */
  const char *as = im->as ? im->as : "(trusted)";
  text_write_padded(out, as, strlen(as), 14);
  fputc(' ', out);
  text_write(out, im->file, strlen(im->file));
  if (im->backdated_because) backdated_note(out, im->backdated_because);
  if (im->withdrawn_on) text_withdrawal(out, im);
  fputc('\n', out);
  return PACT_OK;
}

PactStatus ledger_imports_write(Ledger *ledger, const char *path, bool json, DiagList *diags,
                                FILE *out, uint64_t *count) {
  JsonWriter w;
  ImportsListing listing = {json ? &w : NULL, out, 0};
  if (json) {
    json_report_begin(&w, out, NULL);
    json_key(&w, "ledger");
    json_cstring(&w, path);
    json_key(&w, "imports");
    json_array_begin(&w);
  }
  PactStatus status = ledger_imports(ledger, diags, list_import, &listing);
  if (json) {
    json_array_end(&w);
    json_report_close(&w, NULL, diags);
  }
  *count = listing.count;
  return status;
}

void ledger_verify_write(const char *path, const LedgerVerifyResult *result, bool json,
                         const DiagList *diags, FILE *out) {
  if (!json) {
    fprintf(out,
            "%s: verified: %llu events in force, %llu daily sums of %llu imports summed again "
            "from their events; every row and checksum as written\n",
            path, (unsigned long long)result->in_force, (unsigned long long)result->day_sums,
            (unsigned long long)result->imports_summed);
    return;
  }
  JsonWriter w;
  json_report_begin(&w, out, NULL);
  json_key(&w, "ledger");
  json_cstring(&w, path);
  json_key(&w, "verified");
  json_bool(&w, true);
  json_key(&w, "events_in_force");
  json_int(&w, (int64_t)result->in_force);
  json_key(&w, "imports_summed");
  json_int(&w, (int64_t)result->imports_summed);
  json_key(&w, "day_sums");
  json_int(&w, (int64_t)result->day_sums);
  json_report_close(&w, NULL, diags);
}
