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

#include "base/jsonw.h"
#include "cli.h"
#include "render/describe.h"
#include "store/ledger.h"
#include "terms/terms.h"

/* Said once on stderr, when a write has to wait for another to finish. */
static void say_waiting(const char *path) {
  fprintf(stderr, "waiting for another import of %s to finish...\n", path);
  fflush(stderr);
}

int ledger_write_options(const Options *o, LedgerWriteOptions *out) {
  out->wait_seconds = 60;
  out->waiting = say_waiting;
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
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger;
  PactStatus status = ledger_create(path, &diags, &ledger);
  render(&diags);
  diag_list_free(&diags);
  if (status != PACT_OK) return EXIT_INPUT;
  ledger_close(ledger);
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
static void import_progress(const void *context, uint64_t done, uint64_t total) {
  const char *path = context;
  fputc('\r', stderr);
  text_write(stderr, path, strlen(path));
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
    if (o->as && terms_party(ag, o->as, (uint32_t)strlen(o->as)) < 0) {
      pact_agreement_free(ag);
      return usage_error("import", "--as names a party of the agreement; there is no", o->as);
    }
  }
  LedgerWriteOptions write;
  if ((status = ledger_write_options(o, &write))) {
    pact_agreement_free(ag);
    return status;
  }
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger;
  if (ledger_open_write(path, &write, &diags, &ledger) != PACT_OK) {
    status = EXIT_INPUT;
  } else {
    bool terminal = isatty(STDERR_FILENO);
    for (int i = 0; i < o->path_count; i++) {
      ImportResult result;
      ImportOptions options = {ag,
                               o->as,
                               o->has_recorded_on,
                               o->recorded_on,
                               terminal ? import_progress : NULL,
                               o->paths[i],
                               o->backdated_because};
      if (ledger_import(ledger, o->paths[i], &options, &diags, &result) != PACT_OK) {
        render(&diags);
        diag_list_free(&diags);
        text_write(stderr, o->paths[i], strlen(o->paths[i]));
        fputs(": not imported; the ledger is as it was\n", stderr);
        status = EXIT_INPUT;
        continue;
      }
      text_write(stdout, o->paths[i], strlen(o->paths[i]));
      printf(": %llu event%s imported, %llu already in the ledger\n",
             (unsigned long long)result.added, result.added == 1 ? "" : "s",
             (unsigned long long)result.known);
    }
    ledger_close(ledger);
  }
  render(&diags);
  diag_list_free(&diags);
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

typedef struct ImportsListing {
  JsonWriter *json; /* or the table */
  uint64_t count;
} ImportsListing;

/* The reason given for recording an act on an earlier day than it was written. */
static void backdated_note(const char *because) {
  fputs("  [backdated: ", stdout);
  text_write(stdout, because, strlen(because));
  putchar(']');
}

static PactStatus list_import(void *context, const LedgerImportInfo *im) {
  ImportsListing *l = context;
  l->count++;
  if (l->json) {
    JsonWriter *w = l->json;
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
    return PACT_OK;
  }
  if (l->count == 1)
    printf("%5s  %-11s %-21s %9s %9s  %-14s %s\n", "seq", "recorded on", "written (UTC)", "added",
           "known", "as", "file");
  printf("%5lld  %-11s %-21s %9llu %9llu  ", (long long)im->seq, im->recorded_on, im->recorded_at,
         (unsigned long long)im->added, (unsigned long long)im->known);
  /* The party and the file name are whoever imported it's: shown, never raw (diag.h). */
  const char *as = im->as ? im->as : "(trusted)";
  text_write_padded(stdout, as, strlen(as), 14);
  putchar(' ');
  text_write(stdout, im->file, strlen(im->file));
  if (im->backdated_because) backdated_note(im->backdated_because);
  if (im->withdrawn_on) {
    printf("  [withdrawn on %s: %llu event%s, written %s ", im->withdrawn_on,
           (unsigned long long)im->withdrawn, im->withdrawn == 1 ? "" : "s",
           im->withdrawn_at ? im->withdrawn_at : "?");
    if (im->withdrawn_as) {
      fputs("as ", stdout);
      text_write(stdout, im->withdrawn_as, strlen(im->withdrawn_as));
    } else {
      fputs("(trusted)", stdout);
    }
    putchar(']');
    if (im->withdrawn_backdated_because) backdated_note(im->withdrawn_backdated_because);
  }
  putchar('\n');
  return PACT_OK;
}

int cmd_imports(const Options *o) {
  const char *path = o->ledger ? o->ledger : LEDGER_DEFAULT;
  if (o->path_count) return usage_error("imports", "the ledger is named with --ledger FILE", NULL);
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger = NULL;
  JsonWriter w;
  ImportsListing listing = {o->json ? &w : NULL, 0};
  bool ok = ledger_open(path, &diags, &ledger) == PACT_OK;
  if (ok && o->json) {
    json_report_begin(&w, stdout, NULL);
    json_key(&w, "ledger");
    json_cstring(&w, path);
    json_key(&w, "imports");
    json_array_begin(&w);
  }
  if (ok) ok = ledger_imports(ledger, &diags, list_import, &listing) == PACT_OK;
  if (o->json) {
    if (ledger) {
      json_array_end(&w);
      json_report_close(&w, NULL, &diags);
    } else {
      render_json_failure(NULL, &diags);
    }
    /* the errors are in the document; the exit status still says so */
    if (diags.errors) ok = false;
  } else {
    render(&diags);
    if (ok && !listing.count) printf("%s: no imports yet\n", path);
  }
  diag_list_free(&diags);
  ledger_close(ledger);
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
  LedgerWriteOptions write;
  int status = ledger_write_options(o, &write);
  if (status) return status;
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger;
  if (ledger_open_write(path, &write, &diags, &ledger) != PACT_OK) {
    status = EXIT_INPUT;
  } else {
    UndoOptions options = {o->has_recorded_on, o->recorded_on, o->as, o->backdated_because};
    UndoResult result;
    if (ledger_undo(ledger, seq, &options, &diags, &result) != PACT_OK) {
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
    ledger_close(ledger);
  }
  render(&diags);
  diag_list_free(&diags);
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
