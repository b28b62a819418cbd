/*
** cli.h -- what the commands of the pactum program share: the parsed command line, the table of
** its options, the commands with their help, and the helpers every command uses. Each command is
** a function taking the options, in a file of its own (cmd_*.c); options.c parses them.
*/
#ifndef PACT_CLI_H
#define PACT_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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
  const char *output;            /* -o FILE (report) */
  const char *terms;             /* --terms SIDE (settle, statement, explain, export) */
  const char *side_a, *side_b;   /* --a SIDE, --b SIDE (compare) */
  const char *scenario;          /* --scenario FILE|NAME (forecast) */
  const char *paths_text;        /* --paths N (forecast) */
  const char *seed;              /* --seed S (forecast) */
  const char *threads;           /* --threads N (forecast) */
  bool json;
  bool check_only;
  bool has_events; /* --events */
  bool has_on, has_from, has_through, has_known_on, has_recorded_on, has_held_on;
  PactDate on, from, through, known_on, recorded_on, held_on;
} Options;

/* ---------------------------------------------------------------- options */

/* What an option takes, which says how it is read and what it needs when its value is missing. */
typedef enum OptionKind {
  OPTION_FLAG,  /* nothing: --json */
  OPTION_FILES, /* the files that follow it as plain arguments: --events FILE... (or
                ** --events=FILE FILE...) */
  OPTION_TEXT,  /* a word or a file's name: --ledger FILE, --as PARTY */
  OPTION_PATH,  /* an agreement's path: --agreement PATH */
  OPTION_DATE   /* a day, YYYY-MM-DD, checked as it is read: --on DATE */
} OptionKind;

/* One option as some commands take it: the parser and the help both read these rows. An option
** whose meaning differs between commands has a row for each meaning. */
typedef struct OptionSpec {
  const char *name;        /* --ledger */
  OptionKind kind;         /* what follows it */
  const char *value;       /* how the help writes its value (FILE, DATE), or NULL */
  size_t field;            /* where it goes in Options: the const char *, bool or PactDate */
  size_t given;            /* for a date, the bool that says it was given */
  const char *commands;    /* the commands that take it, separated by spaces */
  const char *description; /* one line for the help and the manual */
} OptionSpec;

extern const OptionSpec option_table[];
extern const size_t option_count;
/* Whether spec is a row for command. */
bool option_taken_by(const OptionSpec *spec, const char *command);
/* Parses argv[2..] into o for o->command. 0 when the command is to run, HELP_SHOWN when --help
** asked for its help (printed), else the exit status of a usage error (said on stderr). */
int parse_options(int argc, char **argv, Options *o);
#define HELP_SHOWN (-1)

/* --------------------------------------------------------------- commands */

typedef struct Command {
  const char *name;
  int (*run)(const Options *o); /* NULL for help and version, which take no options */
  const char *synopsis;         /* after "pactum ", one line per form of the command */
  const char *about;            /* a paragraph: what it does */
  const char *example;          /* command lines, one per line */
} Command;

/* Every command, in the order of the overview (main.c). */
extern const Command *const command_table[];
extern const size_t command_count;
const Command *command_find(const char *name);

extern const Command command_check, command_show, command_history,
    command_fmt; /* cmd_agreement.c */
extern const Command command_init, command_import, command_imports, command_undo; /* cmd_ledger.c */
extern const Command command_verify;                                              /* cmd_verify.c */
extern const Command command_settle, command_statement, command_explain,
    command_export;                                 /* cmd_settle.c */
extern const Command command_compare;               /* cmd_compare.c */
extern const Command command_decide;                /* cmd_decide.c */
extern const Command command_audit;                 /* cmd_audit.c */
extern const Command command_report;                /* cmd_report.c */
extern const Command command_test;                  /* cmd_test.c */
extern const Command command_forecast;              /* cmd_forecast.c */
extern const Command command_help, command_version; /* help.c */

/* What EVENTS means, for the help of each command that reads events (a paragraph, wrapped as it
** is printed). */
#define EVENTS_ABOUT                                                                               \
  "EVENTS is --agreement PATH and the events: --events FILE... or --ledger FILE, not both; a "     \
  "ledger may be read as it was on a day (--as-known-on DATE, --as-held-on DATE)."

/* ------------------------------------------------------------------- help */

/* The overview of every command: on stdout for pactum help, on stderr for pactum alone. */
void help_overview(FILE *out);
/* pactum help [COMMAND | --man]: the overview, a command's own help or the manual page. */
int help_main(int argc, char **argv);
/* A command's own help: its synopsis, what it does, every option it takes, an example. */
void help_command(FILE *out, const Command *command);

/* ---------------------------------------------------------------- helpers */

/* Colour on a terminal unless NO_COLOR is set. */
bool use_color(void);
/* A new list of diagnostics, or NULL (said on stderr) when memory runs out. */
PactDiagnostics *diagnostics_new(void);
/* Prints diagnostics to stderr (colour on a terminal), counting the errors among them: a
** command that printed an error never exits 0. */
void render(const PactDiagnostics *diags);
/* Without --json: render, then empties the list. With --json the diagnostics wait in the list
** for the command's JSON document, which closes with them. */
void render_or_hold(const Options *o, PactDiagnostics *diags);
/* With --json, the document of a command that could not answer: the frame and its diagnostics
** (the agreement's and diags, either may be NULL), errors counted as render counts them. */
void render_json_failure(const PactAgreement *agreement, const PactDiagnostics *diags);
/* Prints "pactum COMMAND: message 'arg'" and a hint to stderr; returns EXIT_USAGE. */
int usage_error(const char *command, const char *message, const char *arg);
/* The same, with hint said after the argument ("did you mean 'settle'?"). */
int usage_error_hint(const char *command, const char *message, const char *arg, const char *hint);
/* E1130: no version of the agreement is in force on the day asked; rendered, or the failure
** document with --json, with the diagnostics held so far (held, or NULL). Returns
** PACT_ERR_RANGE. */
PactStatus not_in_force(const Options *o, const PactAgreement *agreement, PactDate on,
                        PactDiagnostics *held);
/* Loads an agreement and prints its diagnostics (with --json: holds its warnings for the
** document, or writes the document of its errors); NULL (with *status set) when it cannot be
** used. */
PactAgreement *load(const Options *o, const char *path, int *status);
/* The same on a side (pactum.h's sides: actual, a version, a proposed amendment file), given
** with option (--terms, --a); a side that names nothing is a usage error naming the versions. */
PactAgreement *load_side(const Options *o, const char *path, const char *option, const char *side,
                         int *status);

/* The checks of a command reading events: --agreement, and --events FILE... or --ledger FILE
** (not both; --as-known-on only with a ledger). skip: leading words that are not event files. */
int events_usage(const Options *o, int skip);
/* The events the options name (--events FILE... or --ledger FILE, as known or held on a day),
** for pact_feed_open. */
PactSource events_source(const Options *o);
/* On a terminal, a line that counts the events read so far (a PactSettleOptions progress hook,
** its context a bool set once anything was shown; cmd_settle.c). */
void events_progress(void *context, const char *source, uint64_t events);
/* --paths, --seed and --threads read into a forecast's options (cmd_forecast.c): 0, or the
** exit status of a usage error (said). */
int forecast_options(const Options *o, PactForecastOptions *fo);

/* --format text|json|svg (settle, compare, forecast; cmd_settle.c): json is --json, and --json with
** svg, or with text given, is a usage error; the exit status of that, or 0. */
int format_text_json_svg(const Options *o, bool *json, bool *svg);

#define LEDGER_DEFAULT "pactum.db"

/* init, import, imports, undo (cmd_ledger.c). */
/* How long a write waits for another (--wait SECONDS, or PACTUM_WAIT, or 60 s), and the line
** that says it waits; a usage error's exit status, or 0. */
int ledger_write_options(const Options *o, PactLedgerWriteOptions *out);
int cmd_imports(const Options *o);
int cmd_undo(const Options *o);
/* verify (cmd_verify.c). */
int cmd_verify(const Options *o);

/* decide launch | decide use (cmd_decide.c). */
int cmd_decide(const Options *o);

#endif
