/*
** options.c -- the command line: one table of every option (what it takes, what it is for, which
** commands take it), read by the parser here and by the help and the manual (help.c).
** An option's value follows it (--ledger FILE) or is joined to it (--ledger=FILE).
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define SETTLES       "settle statement explain export compare decide audit report forecast"
#define LEDGER_WRITES "import undo"

/* The middle of a row: its kind, how the help writes its value, and where it goes in Options. */
#define FLAG(member)        OPTION_FLAG, NULL, offsetof(Options, member), 0
#define FILES(member)       OPTION_FILES, "FILE...", offsetof(Options, member), 0
#define PATH(member)        OPTION_PATH, "PATH", offsetof(Options, member), 0
#define TEXT(value, member) OPTION_TEXT, value, offsetof(Options, member), 0
#define DATE(member, given) OPTION_DATE, "DATE", offsetof(Options, member), offsetof(Options, given)

/* In the order each command's help lists them. A row's commands are names separated by spaces. */
const OptionSpec option_table[] = {
    {"--agreement", PATH(agreement), SETTLES,
     "the agreement: a folder of .pact files, or one .pact file holding it all"},
    {"--agreement", PATH(agreement), "import",
     "refuse any event this agreement could never settle"},
    {"--events", FILES(has_events), SETTLES,
     "the event files that follow (CSV or JSON Lines; - is standard input)"},
    {"--ledger", TEXT("FILE", ledger), SETTLES,
     "read the events from this ledger instead of from event files"},
    {"--ledger", TEXT("FILE", ledger), "init import imports undo verify",
     "the ledger (default pactum.db)"},
    {"--as-known-on", DATE(known_on, has_known_on), SETTLES,
     "what the ledger knew on that day, by the days its imports claim"},
    {"--as-held-on", DATE(held_on, has_held_on), SETTLES,
     "what the ledger held at the end of that day, by the machine's clock"},
    {"--on", DATE(on, has_on), "show", "the day whose terms are shown (default: today, UTC)"},
    {"--on", DATE(on, has_on), "statement export",
     "what had accrued and been paid by this day (default: today, UTC)"},
    {"--on", DATE(on, has_on), "audit", "the day of the audit (default: today, UTC)"},
    {"--on", DATE(on, has_on), "report", "the day whose terms are shown (default: today, UTC)"},
    {"-o", TEXT("FILE", output), "report",
     "where to write the page (required; - is standard output)"},
    {"--on", DATE(on, has_on), "decide",
     "the day the question is asked about (required, but not with --batch)"},
    {"--from", DATE(from, has_from), "settle statement explain export compare",
     "the first day of the periods reported (the cap still counts earlier ones)"},
    {"--through", DATE(through, has_through), "settle statement explain export compare",
     "the last day of the periods reported"},
    {"--period", TEXT("P", period), "statement",
     "list only this period's obligations (2026-Q2, 2026-H1, 2026-05, 2026)"},
    {"--period", TEXT("P", period), "explain",
     "the obligation's period (2026-Q2, 2026-H1, 2026-05, 2026)"},
    {"--clause", TEXT("ID", clause), "explain", "the obligation's payment clause"},
    {"--version", TEXT("V", version), "explain",
     "only this version's wording of the clause (default: every wording)"},
    {"--terms", TEXT("SIDE", terms), "settle statement explain export report forecast",
     "settle under these terms: actual (default), a version as if it had stayed in force, "
     "or a proposed amendment file"},
    {"--a", TEXT("SIDE", side_a), "compare report forecast",
     "the first side: actual, a version as if it had stayed in force, or an amendment file"},
    {"--b", TEXT("SIDE", side_b), "compare report forecast", "the second side, in the same forms"},
    {"--by", TEXT("year", by), "settle",
     "year by year instead, with where each cap binds and the totals"},
    {"--format", TEXT("text|json|svg", format), "settle compare",
     "text for people (the default), json (as --json) or svg: charts"},
    {"--format", TEXT("text|json|svg", format), "forecast",
     "text for people (the default), json (as --json) or svg: the bands and the caps' quarters"},
    {"--format", TEXT("ledger|beancount|csv", format), "export",
     "the format of the output (required)"},
    {"--product", TEXT("P", product), "decide", "decide launch: the product to launch"},
    {"--provider", TEXT("X", provider), "decide", "decide launch: the cloud provider to launch on"},
    {"--licensee", TEXT("L", licensee), "decide", "decide use: the party that would use it"},
    {"--subject", TEXT("S", subject), "decide",
     "decide use: what is used (model:gpt-4); decide launch: the product's type"},
    {"--batch", TEXT("QUERIES.jsonl", batch), "decide",
     "one JSON answer per query line of the file (- is standard input)"},
    {"--as", TEXT("PARTY", as), "import",
     "as PARTY: refuse any event PARTY may not record (needs --agreement)"},
    {"--as", TEXT("PARTY", as), "undo",
     "withdraw as PARTY: only an import made as PARTY (default: trusted, any)"},
    {"--recorded-on", DATE(recorded_on, has_recorded_on), LEDGER_WRITES,
     "record it as learned on that day, not today (a past day needs a reason)"},
    {"--backdated-because", TEXT("REASON", backdated_because), LEDGER_WRITES,
     "why the ledger records a day before today (--recorded-on); kept with it"},
    {"--wait", TEXT("SECONDS", wait), LEDGER_WRITES,
     "wait up to SECONDS behind another writer (default: PACTUM_WAIT, or 60)"},
    {"--scenario", TEXT("FILE", scenario), "forecast report",
     "a file of scenario blocks, or the name of a scenario in the agreement's files"},
    {"--paths", TEXT("N", paths_text), "forecast report",
     "draw N paths (default: the scenario's paths, else 1000; 1 without uncertainty)"},
    {"--seed", TEXT("S", seed), "forecast report",
     "the random seed (default: the scenario's seed, else 1); the same seed, the same bytes"},
    {"--threads", TEXT("N", threads), "forecast report",
     "run the paths on N threads (default 1); the answer is the same on any number"},
    {"--check", FLAG(check_only), "fmt", "write nothing; exit 1 if any file would change"},
    {"--json", FLAG(json),
     "check show history settle statement explain compare imports verify decide audit test "
     "forecast",
     "print one JSON document, diagnostics in it, nothing on stderr"},
    {"--from", DATE(from, has_from), "decide audit",
     "accepted and not used: every event up to the day asked about counts"},
    {"--through", DATE(through, has_through), "decide audit",
     "accepted and not used: every event up to the day asked about counts"},
};
const size_t option_count = sizeof option_table / sizeof *option_table;

#undef FLAG
#undef FILES
#undef PATH
#undef TEXT
#undef DATE

bool option_taken_by(const OptionSpec *spec, const char *command) {
  size_t len = strlen(command);
  for (const char *at = spec->commands; (at = strstr(at, command)) != NULL; at += len) {
    bool starts = at == spec->commands || at[-1] == ' ';
    if (starts && (at[len] == ' ' || at[len] == '\0')) return true;
  }
  return false;
}

/* The row of option name[0..len) as command takes it; NULL when it takes no such option. */
static const OptionSpec *option_find(const char *command, const char *name, size_t len) {
  for (size_t i = 0; i < option_count; i++) {
    const OptionSpec *spec = &option_table[i];
    if (strlen(spec->name) == len && memcmp(spec->name, name, len) == 0 &&
        option_taken_by(spec, command))
      return spec;
  }
  return NULL;
}

/* A date option's value: YYYY-MM-DD and a real day. */
static int date_option(const char *command, const char *option, const char *value, PactDate *out) {
  char message[96];
  if (!value) {
    snprintf(message, sizeof message, "%s needs a date, such as %s 2026-11-27", option, option);
    return usage_error(command, message, NULL);
  }
  PactStatus status = pact_date_parse(value, strlen(value), out);
  if (status == PACT_OK) return 0;
  snprintf(message, sizeof message, "%s: %s", option,
           status == PACT_ERR_RANGE ? "no such day:" : "not a date (write YYYY-MM-DD):");
  return usage_error(command, message, value);
}

/* A period label as settlement writes them (2026-Q2), with the form meant when it is plain. */
static int period_option(const Options *o) {
  PactPeriodLabel label;
  char suggestion[16], message[160];
  PactStatus status = pact_period_label_parse(o->period, strlen(o->period), &label, suggestion);
  if (status == PACT_OK) return 0;
  if (status == PACT_ERR_RANGE)
    return usage_error(o->command,
                       "--period: no such period (months run 01-12, quarters Q1-Q4, "
                       "halves H1-H2):",
                       o->period);
  if (suggestion[0]) {
    snprintf(message, sizeof message, "--period: write '%s', not", suggestion);
    return usage_error(o->command, message, o->period);
  }
  return usage_error(o->command,
                     "--period: not a period (write 2026-Q2, 2026-H1, 2026-05, 2026, "
                     "or FY2026-Q1 for a fiscal year):",
                     o->period);
}

/* What no single option can tell: values that contradict each other. */
static int check_options(const Options *o) {
  if (o->period) {
    int status = period_option(o);
    if (status) return status;
  }
  if (o->has_from && o->has_through && o->from > o->through) {
    char from[11], through[11], message[96];
    pact_date_format(o->from, from);
    pact_date_format(o->through, through);
    snprintf(message, sizeof message, "--from %s is after --through %s: nothing is between them",
             from, through);
    return usage_error(o->command, message, NULL);
  }
  PactDate today = pact_date_today();
  if (o->has_recorded_on && o->recorded_on > today) {
    char day[11], now[11], message[160];
    pact_date_format(o->recorded_on, day);
    pact_date_format(today, now);
    snprintf(message, sizeof message,
             "--recorded-on %s is after today (%s, UTC): the ledger "
             "cannot have learned anything on a day still to come",
             day, now);
    return usage_error(o->command, message, NULL);
  }
  /* A reason says why a day before today is claimed: without one, there is nothing it explains. */
  if (o->backdated_because && !*o->backdated_because)
    return usage_error(o->command, "--backdated-because needs a reason, not an empty text", NULL);
  if (o->backdated_because && !(o->has_recorded_on && o->recorded_on < today))
    return usage_error(o->command,
                       "--backdated-because says why the ledger records an earlier "
                       "day than today: give that day with --recorded-on DATE",
                       NULL);
  return 0;
}

/* A switch written with a value (--json=yes): said plainly, since it would otherwise be lost. */
static int refuse_value(const Options *o, const OptionSpec *spec, const char *arg) {
  char message[128];
  snprintf(message, sizeof message, "%s takes no value: write %s alone, not", spec->name,
           spec->name);
  return usage_error(o->command, message, arg);
}

/* Sets spec's member of o to value, the text after '=' or the next argument (NULL when the
** command line ended). */
static int set_value(Options *o, const OptionSpec *spec, const char *arg, const char *value) {
  char *member = (char *)o + spec->field;
  if (spec->kind == OPTION_DATE) {
    int status = date_option(o->command, spec->name, value, (PactDate *)(void *)member);
    if (status == 0) *(bool *)((char *)o + spec->given) = true;
    return status;
  }
  if (!value && spec->kind == OPTION_PATH) {
    char message[64];
    snprintf(message, sizeof message, "%s needs a path", spec->name);
    return usage_error(o->command, message, NULL);
  }
  if (!value) return usage_error(o->command, "this option needs a value:", arg);
  *(const char **)(void *)member = value;
  return 0;
}

int parse_options(int argc, char **argv, Options *o) {
  o->paths = calloc((size_t)argc, sizeof *o->paths);
  if (!o->paths) return EXIT_INPUT;
  for (int i = 2; i < argc; i++) {
    const char *arg = argv[i];
    if (arg[0] != '-' || strcmp(arg, "-") == 0) {
      o->paths[o->path_count++] = arg;
      continue;
    }
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      help_command(stdout, command_find(o->command));
      return HELP_SHOWN;
    }
    const char *joined = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
    const OptionSpec *spec =
        option_find(o->command, arg, joined ? (size_t)(joined - arg) : strlen(arg));
    if (!spec) return usage_error(o->command, "unknown option", arg);
    if (spec->kind == OPTION_FLAG && joined) return refuse_value(o, spec, arg);
    if (spec->kind == OPTION_FLAG || spec->kind == OPTION_FILES) {
      *(bool *)((char *)o + spec->field) = true;
      /* --events: the files follow as plain arguments; --events=FILE is the first of them */
      if (joined) o->paths[o->path_count++] = joined + 1;
      continue;
    }
    const char *value = joined ? joined + 1 : i + 1 < argc ? argv[++i] : NULL;
    int status = set_value(o, spec, arg, value);
    if (status) return status;
  }
  return check_options(o);
}
