/*
** main.c -- the pactum program: finds the command, parses its options (options.c) and runs it
** (cmd_*.c); the helpers the commands share.
** Exit status: 0 done, 1 the input has errors (or fmt --check found changes), 2 usage error.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "pactum.h"


bool use_color(void) { return isatty(STDERR_FILENO) && !getenv("NO_COLOR"); }

/* Errors printed so far: a command that printed one does not exit 0 (see main). */
static size_t errors_printed;

PactDiagnostics *diagnostics_new(void) {
  PactDiagnostics *diags = NULL;
  if (pact_diagnostics_new(&diags) != PACT_OK) fprintf(stderr, "pactum: out of memory\n");
  return diags;
}

void render(const PactDiagnostics *diags) {
  pact_diagnostics_print(diags, stderr, use_color());
  errors_printed += pact_diagnostics_error_count(diags);
}

void render_or_hold(const Options *o, PactDiagnostics *diags) {
  if (o->json) return;
  render(diags);
  pact_diagnostics_clear(diags);
}

void render_json_failure(const PactAgreement *ag, const PactDiagnostics *diags) {
  pact_write_failure_json(stdout, ag, diags);
  errors_printed +=
      (ag ? pact_agreement_error_count(ag) : 0) + (diags ? pact_diagnostics_error_count(diags) : 0);
}

/* A date asked for (--on) that no version of the agreement covers: E1130, said in the document
** with --json, after the diagnostics held so far (held, or NULL). Returns PACT_ERR_RANGE. */
PactStatus not_in_force(const Options *o, const PactAgreement *ag, PactDate on,
                        PactDiagnostics *held) {
  char asked[11], first[11];
  pact_date_format(on, asked);
  pact_date_format(pact_agreement_first_day(ag), first);
  char help[64];
  snprintf(help, sizeof help, "ask for a day on or after %s", first);
  PactDiagnostics *diags = diagnostics_new();
  if (!diags) return PACT_ERR_NOMEM;
  pact_diagnostics_add(diags, PACT_SEVERITY_ERROR, "E1130",
                       strcmp(o->command, "show") == 0 ? o->paths[0] : o->agreement, 0, help,
                       "no version of the agreement is in force on %s; its first version takes "
                       "effect on %s",
                       asked, first);
  if (o->json && held) {
    pact_diagnostics_move(held, diags);
    render_json_failure(ag, held);
  } else if (o->json) {
    render_json_failure(ag, diags);
  } else {
    render(diags);
  }
  pact_diagnostics_free(diags);
  return PACT_ERR_RANGE;
}

int usage_error(const char *command, const char *message, const char *arg) {
  return usage_error_hint(command, message, arg, NULL);
}

int usage_error_hint(const char *command, const char *message, const char *arg, const char *hint) {
  fprintf(stderr, "pactum%s%s: %s", command ? " " : "", command ? command : "", message);
  if (arg) {
    fputs(" '", stderr);
    pact_write_text(stderr, arg, strlen(arg));
    fputc('\'', stderr);
  }
  if (hint) fprintf(stderr, "; %s", hint);
  fprintf(stderr, "\nrun 'pactum help' for usage\n");
  return EXIT_USAGE;
}

/* A side that is neither a version nor a file: the versions it could have named, the closest
** first when one is near. */
static int unknown_side(const Options *o, const char *path, const char *option, const char *side) {
  PactAgreement *ag = NULL;
  char versions[512] = "", hint[640], message[96];
  const char *names[64];
  size_t count = 0;
  if (pact_agreement_load(path, &ag) == PACT_OK) {
    for (size_t i = 0; i < pact_agreement_version_count(ag) && count < 64; i++) {
      names[count] = pact_agreement_version_name(ag, i);
      size_t used = strlen(versions);
      snprintf(versions + used, sizeof versions - used, "%s%s", count ? ", " : "", names[count]);
      count++;
    }
  }
  const char *guess = pact_suggest(side, strlen(side), names, count);
  snprintf(hint, sizeof hint, "%s%s%sa side is actual, a version (%s) or a proposed amendment file",
           guess ? "did you mean '" : "", guess ? guess : "", guess ? "'? " : "", versions);
  snprintf(message, sizeof message, "%s: no version of the agreement and no file is named", option);
  int status = usage_error_hint(o->command, message, side, hint);
  pact_agreement_free(ag);
  return status;
}

PactAgreement *load_side(const Options *o, const char *path, const char *option, const char *side,
                         int *status) {
  PactAgreement *ag;
  PactStatus loaded = pact_agreement_load_side(path, side, &ag);
  if (loaded == PACT_ERR_RANGE) {
    *status = unknown_side(o, path, option, side);
    return NULL;
  }
  if (loaded != PACT_OK) {
    fprintf(stderr, "pactum: out of memory reading %s\n", path);
    *status = EXIT_INPUT;
    return NULL;
  }
  if (!o->json) pact_agreement_print_diagnostics(ag, stderr, use_color());
  if (pact_agreement_error_count(ag)) {
    if (o->json) render_json_failure(ag, NULL);
    *status = EXIT_INPUT;
    pact_agreement_free(ag);
    return NULL;
  }
  return ag;
}

/* Loads an agreement and prints its diagnostics (with --json: keeps its warnings for the
** document, or writes the document of its errors); NULL when it cannot be used. */
PactAgreement *load(const Options *o, const char *path, int *status) {
  return load_side(o, path, NULL, NULL, status);
}

PactSource events_source(const Options *o) {
  return (PactSource){(const char *const *)o->paths,
                      o->path_count,
                      o->ledger,
                      o->has_known_on,
                      o->known_on,
                      o->has_held_on,
                      o->held_on};
}

int events_usage(const Options *o, int skip) {
  int files = o->path_count - skip;
  if (!o->agreement) return usage_error(o->command, "give the agreement: --agreement PATH", NULL);
  if (!files && !o->ledger)
    return usage_error(o->command, "give the events: --events FILE... or --ledger FILE", NULL);
  if (files && o->ledger)
    return usage_error(o->command, "give the events as --events FILE... or --ledger FILE, not both",
                       NULL);
  if (files && !o->has_events)
    return usage_error(o->command, "event files follow --events:", o->paths[skip]);
  if (o->has_known_on && !o->ledger)
    return usage_error(o->command,
                       "--as-known-on reads a ledger (--ledger FILE): event files do "
                       "not say when their events were recorded",
                       NULL);
  if (o->has_held_on && !o->ledger)
    return usage_error(o->command,
                       "--as-held-on reads a ledger (--ledger FILE): event files do "
                       "not say when their events were written",
                       NULL);
  if (o->has_held_on && o->has_known_on)
    return usage_error(o->command,
                       "give one of --as-known-on DATE (by the day each import "
                       "claims) and --as-held-on DATE (by the machine's clock)",
                       NULL);
  return 0;
}

/* Every command, in the order of the overview. */
const Command *const command_table[] = {
    &command_check,     &command_show,    &command_history, &command_fmt,     &command_init,
    &command_import,    &command_imports, &command_undo,    &command_verify,  &command_settle,
    &command_statement, &command_explain, &command_export,  &command_compare, &command_forecast,
    &command_report,    &command_decide,  &command_audit,   &command_test,    &command_help,
    &command_version};
const size_t command_count = sizeof command_table / sizeof *command_table;

const Command *command_find(const char *name) {
  for (size_t i = 0; i < command_count; i++)
    if (strcmp(name, command_table[i]->name) == 0) return command_table[i];
  return NULL;
}

/*
** The exit status, made true: a command whose output could not all be written (a full disk,
** /dev/full) or that printed an error does not exit 0, whatever it thought of its work.
*/
static int finish(int status) {
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "pactum: the output could not be written: %s\n", strerror(errno));
    return status ? status : EXIT_INPUT;
  }
  if (pact_diagnostics_lost_anywhere()) {
    /* An answer without a warning or an error it should carry is not given as a clean one. */
    fprintf(stderr,
            "pactum: out of memory: %zu diagnostic%s could not be kept; the answer above "
            "may lack a warning or an error\n",
            pact_diagnostics_lost_anywhere(), pact_diagnostics_lost_anywhere() == 1 ? "" : "s");
    return status ? status : EXIT_INPUT;
  }
  if (status == 0 && errors_printed) return EXIT_INPUT;
  return status;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    help_overview(stderr);
    return EXIT_USAGE;
  }
  const char *name = argv[1];
  if (strcmp(name, "help") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
    return finish(help_main(argc, argv));
  if (strcmp(name, "version") == 0 || strcmp(name, "--version") == 0) {
    printf("pactum %s\n", PACT_VERSION);
    return 0;
  }
  const Command *command = command_find(name);
  if (!command || !command->run) return usage_error(NULL, "unknown command", name);
  Options o = {.command = command->name};
  int status = parse_options(argc, argv, &o);
  if (status == 0) status = command->run(&o);
  free(o.paths);
  return finish(status == HELP_SHOWN ? 0 : status);
}
