/*
** help.c -- what pactum says of itself: the overview of the commands, each command's own help
** (its synopsis, what it does, every option the table gives it, an example), and the manual
** page, written in roff from the same texts and the same table (pactum help --man).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The widest line of the help, in columns: a terminal of 80 shows it whole. */
#define HELP_WIDTH 79

/* The overview, in three parts: the manual says the second in its description. */
static const char overview_commands[] =
    "usage: pactum COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  check PATH... [--json]           check agreements; report every problem\n"
    "  show PATH [--on DATE] [--json]   the terms in force on a date (default: today)\n"
    "  history PATH [--json]            what each version of the agreement changed\n"
    "  fmt [--check] FILE...            rewrite files in the canonical layout\n"
    "  init [--ledger FILE]             create a ledger (default pactum.db)\n"
    "  import [--ledger FILE] [--recorded-on DATE [--backdated-because REASON]]\n"
    "         [--agreement PATH [--as PARTY]] [--wait SECONDS] FILE...\n"
    "                                   add event files to the ledger, each whole or not at all\n"
    "                                   (--agreement: only events it can settle; --as: only\n"
    "                                   events PARTY may record)\n"
    "  imports [--ledger FILE] [--json] the imports the ledger holds, numbered\n"
    "  undo [--ledger FILE] [--as PARTY] [--recorded-on DATE [--backdated-because REASON]]\n"
    "       [--wait SECONDS] SEQ\n"
    "                                   withdraw the events of import SEQ (history is kept)\n"
    "  verify [--ledger FILE] [--json]  read the whole ledger and check every row, checksum\n"
    "                                   and daily sum against its events\n"
    "  settle EVENTS [--from DATE] [--through DATE] [--by year]\n"
    "         [--format text|json|svg] [--json]\n"
    "                                   what each payment clause owes, period by period\n"
    "                                   (--by year: year by year, with the caps and totals;\n"
    "                                   --format svg: as charts)\n"
    "  statement EVENTS [--on DATE] [--period P] [--json]\n"
    "                                   owed against paid, outstanding and overdue on a date\n"
    "  explain EVENTS --clause ID --period P [--version V] [--json]\n"
    "                                   why an obligation is what it is, event by event\n"
    "  export EVENTS --format ledger|beancount|csv [--from DATE] [--through DATE] [--on DATE]\n"
    "                                   obligations and payments as a journal or CSV\n"
    "  compare EVENTS --a SIDE --b SIDE [--from DATE] [--through DATE] [--json]\n"
    "                                   the same events under two sides of the agreement\n"
    "                                   (a version, actual, an amendment file), side by side\n"
    "  forecast --agreement PATH [--scenario FILE] [EVENTS] [--paths N] [--seed S]\n"
    "           [--threads N] [--json]\n"
    "                                   what would happen under a scenario: one path, or\n"
    "                                   percentiles over seeded random paths\n"
    "  decide launch EVENTS --product P --provider X --on DATE [--json]\n"
    "                                   may the product launch on that cloud then, and why\n"
    "  decide use EVENTS --licensee L --subject S --on DATE [--json]\n"
    "                                   may the licensee use the subject then, and why\n"
    "  decide EVENTS --batch QUERIES.jsonl\n"
    "                                   one JSON answer per query line\n"
    "  audit EVENTS [--on DATE] [--json]\n"
    "                                   open obligations and breaches on a date, and why\n"
    "  report EVENTS [--on DATE] -o FILE\n"
    "                                   one HTML page: terms, settlement, charts, explanations\n"
    "  test PATH... [--json]            run scenario tests (.pacttest files, or folders)\n"
    "  help                             this text\n"
    "  version                          pactum's version\n"
    "\n";
static const char overview_terms[] =
    "PATH is an agreement's folder of .pact files, or one .pact file holding a whole\n"
    "agreement. EVENTS is --agreement PATH and either --events FILE... or --ledger FILE\n"
    "[--as-known-on DATE] (what the ledger knew on that day, by the days its imports\n"
    "claim) or [--as-held-on DATE] (what it held then, by the machine's clock). See\n"
    "docs/language.md for the language and docs/cli.md for each command.\n";
static const char overview_more[] =
    "pactum help COMMAND prints what COMMAND does, its options and an example.\n";

void help_overview(FILE *out) {
  fputs(overview_commands, out);
  fputs(overview_terms, out);
  fputs(overview_more, out);
}

const Command command_help = {
    "help", NULL, "help [COMMAND]",
    "Prints the overview of the commands, or COMMAND's own help: its synopsis, what it does, "
    "every option it takes with what it is for, and an example. pactum COMMAND --help prints "
    "the same.",
    "pactum help settle"};

const Command command_version = {"version", NULL, "version", "Prints pactum's version.",
                                 "pactum version"};

/* Writes text line by line, each after prefix; a line that starts with a space continues the
** one before it and goes after indent instead (a long synopsis). */
static void write_lines(FILE *out, const char *text, const char *prefix, const char *indent) {
  while (*text) {
    const char *end = strchr(text, '\n');
    size_t len = end ? (size_t)(end - text) : strlen(text);
    fprintf(out, "%s%.*s\n", text[0] == ' ' ? indent : prefix, (int)len, text);
    text += len + (end ? 1 : 0);
  }
}

/* Writes text in lines of at most HELP_WIDTH columns, each after indent, broken between words;
** a newline in text ends a line there (two leave an empty line between paragraphs). */
static void write_wrapped(FILE *out, const char *text, const char *indent) {
  size_t room = HELP_WIDTH - strlen(indent);
  while (*text) {
    size_t len = strcspn(text, "\n");
    if (len == 0) fputc('\n', out);
    while (len > 0) {
      size_t take = len;
      if (take > room) {
        for (take = room; take > 0 && text[take] != ' ';) take--;
        if (take == 0) take = strcspn(text, " ") < len ? strcspn(text, " ") : len;
      }
      fprintf(out, "%s%.*s\n", indent, (int)take, text);
      for (text += take, len -= take; len > 0 && *text == ' '; len--) text++;
    }
    if (*text == '\n') text++;
  }
}

void help_command(FILE *out, const Command *command) {
  const char *synopsis = command->synopsis;
  const char *second = strchr(synopsis, '\n');
  /* The first form after "usage:", the others (and the continued lines) under it. */
  size_t len = second ? (size_t)(second - synopsis) : strlen(synopsis);
  fprintf(out, "usage: pactum %.*s\n", (int)len, synopsis);
  if (second) write_lines(out, second + 1, "       pactum ", "       ");
  fputc('\n', out);
  write_wrapped(out, command->about, "");
  bool any = false;
  for (size_t i = 0; i < option_count; i++) {
    const OptionSpec *spec = &option_table[i];
    if (!option_taken_by(spec, command->name)) continue;
    if (!any) fputs("\noptions:\n", out);
    any = true;
    fprintf(out, "  %s%s%s\n", spec->name, spec->value ? " " : "", spec->value ? spec->value : "");
    write_wrapped(out, spec->description, "      ");
  }
  fputs("\nexample:\n", out);
  write_lines(out, command->example, "  ", "  ");
}

/* pactum help NAME for a command there is not: the closest name when one is near, as pactum's
** other suggestions say it. */
static int no_such_command(const char *name) {
  const char *names[64]; /* more than there are commands */
  size_t count = command_count < 64 ? command_count : 64;
  for (size_t i = 0; i < count; i++) names[i] = command_table[i]->name;
  const char *best = pact_suggest(name, strlen(name), names, count);
  if (!best) return usage_error("help", "no such command", name);
  char hint[64];
  snprintf(hint, sizeof hint, "did you mean '%s'?", best);
  return usage_error_hint("help", "no such command", name, hint);
}

/* ------------------------------------------------------------- the manual */

/* What the manual says beside the commands' own texts. */
static const char man_name[] =
    "pactum - checked partnership agreements: what is owed, what is permitted, and why";
static const char man_description[] =
    "pactum reads a partnership agreement written in .pact files, checks it as a careful\n"
    "reviewer would, and answers questions about it over dated events, from event files\n"
    "or a ledger: the terms in force on a day, what each amendment changed, what each\n"
    "payment clause owes, exact to the cent, what a party may do, and what is open or\n"
    "breached. Every answer names the clause and the version it rests on.\n";
static const char man_options[] =
    "An option's value follows it (--ledger FILE) or is joined to it by an equals sign\n"
    "(--ledger=FILE); an option that takes no value, such as --json, is written alone.\n"
    "Each command's options are listed under it in COMMANDS, as pactum help COMMAND\n"
    "lists them. Results go to standard output, diagnostics to standard error; with\n"
    "--json, the diagnostics are in the document instead.\n";
static const char man_exit[] =
    "0: done (warnings do not fail). 1: the input has errors, fmt --check found a file to\n"
    "reformat, show was asked about a day before the first version, or the output could\n"
    "not all be written. 2: a usage error.\n";
static const char man_see_also[] =
    "The documents in the docs folder of pactum's sources: cli.md (each command),\n"
    "language.md (the agreement language), diagnostics.md (every code), settle.md,\n"
    "events.md, compare.md, ledger.md, export.md, decide.md, audit.md, report.md and json.md.\n";

/* text[0..len) in roff: a backslash as \e, a hyphen as \- (a minus sign, which is what a reader
** copying an option types). */
static void roff_chars(FILE *out, const char *text, size_t len) {
  for (size_t i = 0; i < len; i++) {
    if (text[i] == '\\') fputs("\\e", out);
    else if (text[i] == '-') fputs("\\-", out);
    else fputc(text[i], out);
  }
}

/* Each line of text as a line of roff, after prefix unless it continues the line before (it
** starts with a space, as write_lines has it); an empty line starts a new paragraph, and a line
** that would start with a control character (. or ') is kept from being one. */
static void roff_lines(FILE *out, const char *text, const char *prefix) {
  while (*text) {
    const char *end = strchr(text, '\n');
    size_t len = end ? (size_t)(end - text) : strlen(text);
    const char *before = text[0] == ' ' ? "" : prefix;
    char first = *before ? *before : text[0];
    if (len == 0) fputs(".PP", out);
    if (first == '.' || first == '\'') fputs("\\&", out);
    roff_chars(out, before, len ? strlen(before) : 0);
    roff_chars(out, text, len);
    fputc('\n', out);
    text += len + (end ? 1 : 0);
  }
}

static void man_section(FILE *out, const char *title, const char *text) {
  fprintf(out, strchr(title, ' ') ? ".SH \"%s\"\n" : ".SH %s\n", title);
  roff_lines(out, text, "");
}

/* One command: its synopsis, what it does, its options from the table and its example. */
static void man_command(FILE *out, const Command *command) {
  fprintf(out, ".SS %s\n.nf\n", command->name);
  roff_lines(out, command->synopsis, "pactum ");
  fputs(".fi\n.PP\n", out);
  roff_lines(out, command->about, "");
  for (size_t i = 0; i < option_count; i++) {
    const OptionSpec *spec = &option_table[i];
    if (!option_taken_by(spec, command->name)) continue;
    fputs(".TP\n\\fB", out);
    roff_chars(out, spec->name, strlen(spec->name));
    fputs("\\fR", out);
    if (spec->value) {
      fputs(" \\fI", out);
      roff_chars(out, spec->value, strlen(spec->value));
      fputs("\\fR", out);
    }
    fputc('\n', out);
    roff_lines(out, spec->description, "");
  }
  fputs(".PP\nExample:\n.PP\n.RS 4\n.nf\n", out);
  roff_lines(out, command->example, "");
  fputs(".fi\n.RE\n", out);
}

/* The manual page, pactum(1), in the man macros. */
static void help_manual(FILE *out) {
  fprintf(out, ".TH PACTUM 1 \"\" \"pactum %s\" \"pactum manual\"\n", PACT_VERSION);
  fputs(".nh\n.ad l\n", out); /* no words broken at line ends, a ragged right margin */
  man_section(out, "NAME", man_name);
  fputs(".SH SYNOPSIS\n.nf\n", out);
  for (size_t i = 0; i < command_count; i++) roff_lines(out, command_table[i]->synopsis, "pactum ");
  fputs(".fi\n", out);
  man_section(out, "DESCRIPTION", man_description);
  fputs(".PP\n", out);
  roff_lines(out, overview_terms, "");
  man_section(out, "OPTIONS", man_options);
  fputs(".SH COMMANDS\n", out);
  for (size_t i = 0; i < command_count; i++) man_command(out, command_table[i]);
  man_section(out, "EXIT STATUS", man_exit);
  fputs(
      ".SH ENVIRONMENT\n.TP\n.B NO_COLOR\n"
      "When set, no colour, even on a terminal.\n"
      ".TP\n.B PACTUM_WAIT\n"
      "How many seconds import and undo wait behind another writer without \\-\\-wait\n"
      "(default 60).\n"
      ".SH FILES\n.TP\n.I pactum.db\n"
      "The ledger when no \\-\\-ledger is given.\n",
      out);
  man_section(out, "SEE ALSO", man_see_also);
}

int help_main(int argc, char **argv) {
  if (argc == 2) {
    help_overview(stdout);
    return 0;
  }
  const char *name = argv[2];
  if (argc > 3) return usage_error("help", "one command at a time; this one is more:", argv[3]);
  if (strcmp(name, "--man") == 0) {
    help_manual(stdout);
    return 0;
  }
  if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) name = "help";
  if (name[0] == '-' && name[1]) return usage_error("help", "unknown option", name);
  const Command *command = command_find(name);
  if (!command) return no_such_command(name);
  help_command(stdout, command);
  return 0;
}
