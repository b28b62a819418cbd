/*
** cmd_agreement.c -- the commands that read agreement files alone: pactum check (every problem),
** show (the terms in force on a day), history (what each version changed) and fmt (the
** canonical layout).
*/
#include <stdlib.h>

#include "cli.h"

/* With --json the diagnostics are in the one JSON object, and nothing goes to stderr. */
static int cmd_check(const Options *o) {
  if (o->path_count == 0) return usage_error("check", "give at least one agreement path", NULL);
  int status = 0;
  PactAgreement **ags = calloc((size_t)o->path_count, sizeof *ags);
  if (!ags) return EXIT_INPUT;
  int loaded = 0;
  for (; loaded < o->path_count; loaded++) {
    if (pact_agreement_load(o->paths[loaded], &ags[loaded]) != PACT_OK) {
      fprintf(stderr, "pactum: out of memory reading %s\n", o->paths[loaded]);
      status = EXIT_INPUT;
      break;
    }
    PactAgreement *ag = ags[loaded];
    if (pact_agreement_error_count(ag)) status = EXIT_INPUT;
    if (o->json) continue;
    pact_agreement_print_diagnostics(ag, stderr, use_color());
    fflush(stderr);
    pact_check_summary(ag, stdout);
    fflush(stdout);
  }
  if (o->json && loaded == o->path_count) pact_check_report_json(ags, (size_t)loaded, stdout);
  for (int i = 0; i < loaded; i++) pact_agreement_free(ags[i]);
  free(ags);
  return status;
}

const Command command_check = {
    "check", cmd_check, "check PATH... [--json]",
    "Checks each agreement and reports every problem as FILE:LINE:COLUMN: severity[CODE]: "
    "message, with the source line, a caret under the offending text and a help: line (the "
    "codes are in docs/diagnostics.md); then one line per agreement with its versions, "
    "clauses, errors and warnings and, when it is clean, the most each payment clause can "
    "ever pay. Warnings do not fail; an error exits 1. PATH is an agreement's folder of "
    ".pact files, or one .pact file holding a whole agreement.",
    "pactum check agreements/microsoft-openai"};

static int one_path(const Options *o) {
  if (o->path_count == 1) return 0;
  return usage_error(
      o->command, o->path_count ? "give one agreement path, not several" : "give an agreement path",
      NULL);
}

static int cmd_show(const Options *o) {
  int status = one_path(o);
  if (status) return status;
  PactAgreement *ag = load(o, o->paths[0], &status);
  if (!ag) return status;
  PactDate on = o->has_on ? o->on : pact_date_today();
  PactStatus result = !pact_agreement_version_on(ag, on) ? not_in_force(o, ag, on, NULL)
                                                         : pact_show(ag, on, o->json, stdout);
  if (result != PACT_OK) {
    status = EXIT_INPUT;
  }
  pact_agreement_free(ag);
  return status;
}

const Command command_show = {
    "show", cmd_show, "show PATH [--on DATE] [--json]",
    "The version of the agreement in force on a day and each of its clauses in force that "
    "day, in plain words with the source of every term. A clause past its own last day, or "
    "before its first, is left out. A day before the first version is an error (E1130).",
    "pactum show agreements/microsoft-openai --on 2026-11-27"};

static int cmd_history(const Options *o) {
  int status = one_path(o);
  if (status) return status;
  PactAgreement *ag = load(o, o->paths[0], &status);
  if (!ag) return status;
  if (pact_history(ag, o->json, stdout) != PACT_OK) status = EXIT_INPUT;
  pact_agreement_free(ag);
  return status;
}

const Command command_history = {
    "history", cmd_history, "history PATH [--json]",
    "For each version of the agreement, oldest first: its effective date and title, then "
    "each clause it added, each it changed (every term that differs, before and after) and "
    "each it removed, with the reason written in the file.",
    "pactum history agreements/microsoft-openai"};

static int cmd_fmt(const Options *o) {
  if (o->path_count == 0) return usage_error("fmt", "give at least one .pact file", NULL);
  int status = 0;
  for (int i = 0; i < o->path_count; i++) {
    bool changed;
    PactStatus result = pact_format_file(o->paths[i], o->check_only, &changed, stderr, use_color());
    if (result == PACT_ERR_IO && !changed) {
      status = EXIT_INPUT;
    } else if (result != PACT_OK) {
      if (result != PACT_ERR_INVALID)
        fprintf(stderr, "%s: could not write the formatted file\n", o->paths[i]);
      status = EXIT_INPUT;
    } else if (changed && o->check_only) {
      printf("%s: would be reformatted\n", o->paths[i]);
      status = EXIT_INPUT;
    } else if (changed) {
      printf("%s: formatted\n", o->paths[i]);
    }
  }
  return status;
}

const Command command_fmt = {
    "fmt", cmd_fmt, "fmt [--check] FILE...",
    "Rewrites each .pact file in the canonical layout: two-space indentation, single spaces "
    "between items, at most one blank line in a row, comments kept on their lines, one "
    "newline at the end. It changes the layout only, never a token. A file that does not "
    "parse is reported and left untouched; a file is replaced whole or not at all.",
    "pactum fmt --check agreements/microsoft-openai/*.pact"};
