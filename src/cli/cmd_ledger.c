/*
** cmd_ledger.c -- the commands that write and list the ledger: pactum init (create it), import
** (add event files, each whole or not at all), imports (what it holds, import by import) and
** undo (withdraw one import's events, keeping the history).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Said once on stderr, when a write has to wait for another to finish. */
static void say_waiting(void *context, const char *path) {
  (void)context;
  fprintf(stderr, "waiting for another import of %s to finish...\n", path);
  fflush(stderr);
}

int ledger_write_options(const Options *o, PactLedgerWriteOptions *out) {
  *out = (PactLedgerWriteOptions){60, say_waiting, NULL};
  const char *text = o->wait;
  const char *from = "--wait";
  if (!text && (text = getenv("PACTUM_WAIT")) && !*text) text = NULL;
  if (!o->wait) from = "PACTUM_WAIT";
  if (!text) return 0;
  char *end;
  double seconds = strtod(text, &end);
  /* A day is already longer than any import should wait for another. */
  if (end == text || *end || !isfinite(seconds) || seconds < 0 || seconds > 86400) {
    char message[120];
    snprintf(message, sizeof message,
             "%s is how many seconds to wait for another import "
             "(0 to 86400), not",
             from);
    return usage_error(o->command, message, text);
  }
  out->wait_seconds = seconds;
  return 0;
}

static int cmd_init(const Options *o) {
  const char *path = o->ledger ? o->ledger : LEDGER_DEFAULT;
  if (o->path_count) return usage_error("init", "the ledger is named with --ledger FILE", NULL);
  PactDiagnostics *diags = diagnostics_new();
  if (!diags) return EXIT_INPUT;
  PactLedger *ledger;
  PactStatus status = pact_ledger_create(path, diags, &ledger);
  render(diags);
  pact_diagnostics_free(diags);
  if (status != PACT_OK) return EXIT_INPUT;
  pact_ledger_close(ledger);
  printf("%s: ledger ready\n", path);
  return 0;
}

const Command command_init = {
    "init", cmd_init, "init [--ledger FILE]",
    "Creates a ledger: an embedded SQLite file that keeps the events imported into it and "
    "the history of every import and undo (docs/ledger.md). Given a ledger of an earlier "
    "pactum, it brings it to the current schema, its events as they are.",
    "pactum init --ledger acme.db"};

/* On a terminal, a line that counts up while a large file is written. */
static void import_progress(void *context, uint64_t done, uint64_t total) {
  const char *path = *(const char **)context;
  fputc('\r', stderr);
  pact_write_text(stderr, path, strlen(path));
  fprintf(stderr, ": %llu of %llu events written%s", (unsigned long long)done,
          (unsigned long long)total, done == total ? "\r\033[K" : "");
  fflush(stderr);
}

/* Each file lands whole or not at all; the others are imported all the same. */
static int cmd_import(const Options *o) {
  const char *path = o->ledger ? o->ledger : LEDGER_DEFAULT;
  if (!o->path_count) return usage_error("import", "give at least one event file", NULL);
  if (o->as && !o->agreement)
    return usage_error("import",
                       "--as PARTY needs the agreement that says who may record what: "
                       "--agreement PATH",
                       NULL);
  int status = 0;
  PactAgreement *ag = NULL;
  if (o->agreement) {
    ag = load(o, o->agreement, &status);
    if (!ag) return status;
    if (o->as && pact_agreement_party(ag, o->as) < 0) {
      pact_agreement_free(ag);
      return usage_error("import", "--as names a party of the agreement; there is no", o->as);
    }
  }
  PactLedgerWriteOptions write;
  PactDiagnostics *diags = NULL;
  if ((status = ledger_write_options(o, &write)) || !(diags = diagnostics_new())) {
    pact_agreement_free(ag);
    return status ? status : EXIT_INPUT;
  }
  PactLedger *ledger;
  if (pact_ledger_open_write(path, &write, diags, &ledger) != PACT_OK) {
    status = EXIT_INPUT;
  } else {
    bool terminal = isatty(STDERR_FILENO);
    for (int i = 0; i < o->path_count; i++) {
      const char *file = o->paths[i]; /* what the progress line names */
      PactImportResult result;
      PactImportOptions options = {ag,
                                   o->as,
                                   o->has_recorded_on,
                                   o->recorded_on,
                                   o->backdated_because,
                                   terminal ? import_progress : NULL,
                                   &file};
      if (pact_ledger_import(ledger, o->paths[i], &options, diags, &result) != PACT_OK) {
        render(diags);
        pact_diagnostics_clear(diags);
        pact_write_text(stderr, o->paths[i], strlen(o->paths[i]));
        fputs(": not imported; the ledger is as it was\n", stderr);
        status = EXIT_INPUT;
        continue;
      }
      pact_write_text(stdout, o->paths[i], strlen(o->paths[i]));
      printf(": %llu event%s imported, %llu already in the ledger\n",
             (unsigned long long)result.added, result.added == 1 ? "" : "s",
             (unsigned long long)result.known);
    }
    pact_ledger_close(ledger);
  }
  render(diags);
  pact_diagnostics_free(diags);
  pact_agreement_free(ag);
  return status;
}

const Command command_import = {
    "import", cmd_import,
    "import [--ledger FILE]\n"
    "              [--recorded-on DATE [--backdated-because REASON]]\n"
    "              [--agreement PATH [--as PARTY]] [--wait SECONDS] FILE...",
    "Adds event files (CSV or JSON Lines; - is standard input) to the ledger, each whole or "
    "not at all: a file with a bad row, or with an event that conflicts with the ledger, "
    "writes nothing, and the other files are imported all the same. An event the ledger "
    "already holds is counted, not added again. The files are recorded as learned today, or "
    "on the day --recorded-on gives; a day before today needs --backdated-because. With "
    "--agreement, only the events the agreement can settle go in; with --as too, only those "
    "PARTY may record. A write waits its turn behind another.",
    "pactum import --ledger acme.db \\\n"
    "    tests/settle/amended.csv tests/settle/payments.csv"};

int cmd_imports(const Options *o) {
  const char *path = o->ledger ? o->ledger : LEDGER_DEFAULT;
  if (o->path_count) return usage_error("imports", "the ledger is named with --ledger FILE", NULL);
  PactDiagnostics *diags = diagnostics_new();
  if (!diags) return EXIT_INPUT;
  PactLedger *ledger = NULL;
  uint64_t count = 0;
  bool ok = pact_ledger_open(path, diags, &ledger) == PACT_OK;
  if (ok)
    ok = pact_ledger_imports_write(ledger, path, o->json ? PACT_FORM_JSON : PACT_FORM_TEXT, diags,
                                   stdout, &count) == PACT_OK;
  if (o->json) {
    if (!ledger) render_json_failure(NULL, diags);
    /* the errors are in the document; the exit status still says so */
    if (pact_diagnostics_error_count(diags)) ok = false;
  } else {
    render(diags);
    if (ok && !count) printf("%s: no imports yet\n", path);
  }
  pact_diagnostics_free(diags);
  pact_ledger_close(ledger);
  return ok ? 0 : EXIT_INPUT;
}

const Command command_imports = {
    "imports", cmd_imports, "imports [--ledger FILE] [--json]",
    "Lists the imports the ledger holds, numbered: the day each was recorded on and when it "
    "was written, how many events it added and how many the ledger already held, who "
    "imported it, its file, why it was backdated, and when and by whom it was withdrawn.",
    "pactum imports --ledger acme.db"};

int cmd_undo(const Options *o) {
  const char *path = o->ledger ? o->ledger : LEDGER_DEFAULT;
  if (o->path_count != 1)
    return usage_error("undo",
                       o->path_count ? "give one import number, not several"
                                     : "give the number of the import to withdraw "
                                       "(pactum imports lists them)",
                       NULL);
  const char *arg = o->paths[0];
  char *end;
  long long seq = strtoll(arg, &end, 10);
  if (!*arg || *end || seq <= 0)
    return usage_error("undo",
                       "an import is named by its number (pactum imports lists them), "
                       "not",
                       arg);
  PactLedgerWriteOptions write;
  int status = ledger_write_options(o, &write);
  if (status) return status;
  PactDiagnostics *diags = diagnostics_new();
  if (!diags) return EXIT_INPUT;
  PactLedger *ledger;
  if (pact_ledger_open_write(path, &write, diags, &ledger) != PACT_OK) {
    status = EXIT_INPUT;
  } else {
    PactUndoOptions options = {o->has_recorded_on, o->recorded_on, o->as, o->backdated_because};
    PactUndoResult result;
    if (pact_ledger_undo(ledger, seq, &options, diags, &result) != PACT_OK) {
      status = EXIT_INPUT;
    } else {
      char day[11];
      pact_date_format(o->has_recorded_on ? o->recorded_on : pact_date_today(), day);
      printf(
          "import %lld: %llu event%s withdrawn on %s; as known on an earlier day the ledger "
          "still holds them\n",
          seq, (unsigned long long)result.withdrawn, result.withdrawn == 1 ? "" : "s", day);
      if (result.later_known)
        printf(
            "note: %llu later import%s found events already in the ledger; any of them that "
            "came from import %lld are withdrawn too: import %s file%s again to bring them "
            "back\n",
            (unsigned long long)result.later_known, result.later_known == 1 ? "" : "s", seq,
            result.later_known == 1 ? "that" : "those", result.later_known == 1 ? "" : "s");
    }
    pact_ledger_close(ledger);
  }
  render(diags);
  pact_diagnostics_free(diags);
  return status;
}

const Command command_undo = {
    "undo", cmd_undo,
    "undo [--ledger FILE] [--as PARTY]\n"
    "            [--recorded-on DATE [--backdated-because REASON]]\n"
    "            [--wait SECONDS] SEQ",
    "Withdraws the events of import SEQ (pactum imports lists them) as of today, or of the "
    "day --recorded-on gives. The history is kept: as known on an earlier day, the ledger "
    "still holds them. Under --as PARTY it withdraws only an import made as PARTY; without "
    "--as the undo is trusted and may withdraw any import.",
    "pactum undo --ledger acme.db 2"};
