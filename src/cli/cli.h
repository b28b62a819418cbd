/*
** cli.h -- what the commands of the pactum program share: the parsed command line and the
** helpers every command uses. Each command is a function taking the options; main.c parses them.
*/
#ifndef PACT_CLI_H
#define PACT_CLI_H

#include <stdbool.h>

#include "base/diag.h"
#include "pactum.h"

#define EXIT_INPUT 1
#define EXIT_USAGE 2

typedef struct Options {
  const char *command;
  const char **paths; /* agreement paths, files to format, or (settle) event files */
  int path_count;
  const char *agreement;         /* --agreement */
  const char *ledger;            /* --ledger */
  const char *period;            /* --period */
  const char *clause;            /* --clause */
  const char *version;           /* --version */
  const char *format;            /* --format */
  const char *by;                /* --by */
  const char *product;           /* --product (decide launch) */
  const char *provider;          /* --provider (decide launch) */
  const char *licensee;          /* --licensee (decide use) */
  const char *subject;           /* --subject (decide use) */
  const char *batch;             /* --batch QUERIES.jsonl (decide) */
  const char *as;                /* --as PARTY (import, undo) */
  const char *backdated_because; /* --backdated-because REASON (import, undo) */
  const char *wait;              /* --wait SECONDS (import, undo) */
  bool json;
  bool check_only;
  bool has_events; /* --events */
  bool has_on, has_from, has_through, has_known_on, has_recorded_on, has_held_on;
  PactDate on, from, through, known_on, recorded_on, held_on;
} Options;

/* Colour on a terminal unless NO_COLOR is set. */
bool use_color(void);
/* Prints diagnostics to stderr (colour on a terminal), counting the errors among them: a
** command that printed an error never exits 0. */
void render(const DiagList *diags);
/* Without --json: render, then empties the list. With --json the diagnostics wait in the list
** for the command's JSON document, which closes with them. */
void render_or_hold(const Options *o, DiagList *diags);
/* With --json, the document of a command that could not answer: the frame and its diagnostics
** (the agreement's and diags, either may be NULL), errors counted as render counts them. */
void render_json_failure(const PactAgreement *agreement, const DiagList *diags);
/* Prints "pactum COMMAND: message 'arg'" and a hint to stderr; returns EXIT_USAGE. */
int usage_error(const char *command, const char *message, const char *arg);
/* E1130: no version of the agreement is in force on the day asked; rendered, or the failure
** document with --json, with the diagnostics held so far (held, or NULL). Returns
** PACT_ERR_RANGE. */
PactStatus not_in_force(const Options *o, const PactAgreement *agreement, PactDate on,
                        DiagList *held);
/* Loads an agreement and prints its diagnostics (with --json: holds its warnings for the
** document, or writes the document of its errors); NULL (with *status set) when it cannot be
** used. */
PactAgreement *load(const Options *o, const char *path, int *status);

/* The checks of a command reading events: --agreement, and --events FILE... or --ledger FILE
** (not both; --as-known-on only with a ledger). skip: leading words that are not event files. */
int events_usage(const Options *o, int skip);

#define LEDGER_DEFAULT "pactum.db"

/* imports, undo (ledger_cmd.c). */
struct LedgerWriteOptions;
/* How long a write waits for another (--wait SECONDS, or PACTUM_WAIT, or 60 s), and the line
** that says it waits; a usage error's exit status, or 0. */
int ledger_write_options(const Options *o, struct LedgerWriteOptions *out);
int cmd_imports(const Options *o);
int cmd_undo(const Options *o);
/* verify (verify_cmd.c). */
int cmd_verify(const Options *o);

/* decide launch | decide use (decide_cmd.c). */
int cmd_decide(const Options *o);

#endif
