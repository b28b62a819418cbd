/*
** main.c -- the pactum program: parses the command line and runs one command.
** Exit status: 0 done, 1 the input has errors (or fmt --check found changes), 2 usage error.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "cli.h"
#include "engine/audit.h"
#include "engine/settle.h"
#include "events/events.h"
#include "feed/feed.h"
#include "pactum.h"
#include "render/describe.h"
#include "render/explain.h"
#include "render/export.h"
#include "render/summary.h"
#include "store/ledger.h"
#include "terms/terms.h"


static const char usage_text[] =
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
    "  settle EVENTS [--from DATE] [--through DATE] [--by year] [--json]\n"
    "                                   what each payment clause owes, period by period\n"
    "                                   (--by year: year by year, with the caps and totals)\n"
    "  statement EVENTS [--on DATE] [--period P] [--json]\n"
    "                                   owed against paid, outstanding and overdue on a date\n"
    "  explain EVENTS --clause ID --period P [--version V] [--json]\n"
    "                                   why an obligation is what it is, event by event\n"
    "  export EVENTS --format ledger|beancount|csv [--from DATE] [--through DATE] [--on DATE]\n"
    "                                   obligations and payments as a journal or CSV\n"
    "  decide launch EVENTS --product P --provider X --on DATE [--json]\n"
    "                                   may the product launch on that cloud then, and why\n"
    "  decide use EVENTS --licensee L --subject S --on DATE [--json]\n"
    "                                   may the licensee use the subject then, and why\n"
    "  decide EVENTS --batch QUERIES.jsonl\n"
    "                                   one JSON answer per query line\n"
    "  audit EVENTS [--on DATE] [--json]\n"
    "                                   open obligations and breaches on a date, and why\n"
    "  help                             this text\n"
    "  version                          pactum's version\n"
    "\n"
    "PATH is an agreement's folder of .pact files, or one .pact file holding a whole\n"
    "agreement. EVENTS is --agreement PATH and either --events FILE... or --ledger FILE\n"
    "[--as-known-on DATE] (what the ledger knew on that day, by the days its imports\n"
    "claim) or [--as-held-on DATE] (what it held then, by the machine's clock). See\n"
    "docs/language.md for the language and docs/cli.md for each command.\n";


bool use_color(void) { return isatty(STDERR_FILENO) && !getenv("NO_COLOR"); }

/* Errors printed so far: a command that printed one does not exit 0 (see main). */
static size_t errors_printed;

void render(const DiagList *diags) {
  diag_render_all(stderr, diags, use_color());
  errors_printed += diags->errors;
}

void render_or_hold(const Options *o, DiagList *diags) {
  if (o->json) return;
  render(diags);
  diag_list_free(diags);
  diag_list_init(diags);
}

void render_json_failure(const PactAgreement *ag, const DiagList *diags) {
  json_report_failure(stdout, ag, diags);
  errors_printed += (ag ? ag->diags.errors : 0) + (diags ? diags->errors : 0);
}

/* A date asked for (--on) that no version of the agreement covers: E1130, said in the document
** with --json, after the diagnostics held so far (held, or NULL). Returns PACT_ERR_RANGE. */
PactStatus not_in_force(const Options *o, const PactAgreement *ag, PactDate on, DiagList *held) {
  char asked[11], first[11];
  pact_date_format(on, asked);
  pact_date_format(pact_agreement_first_day(ag), first);
  char help[64];
  snprintf(help, sizeof help, "ask for a day on or after %s", first);
  DiagList diags;
  diag_list_init(&diags);
  diag_add_path(&diags, DIAG_ERROR, "E1130",
                strcmp(o->command, "show") == 0 ? o->paths[0] : o->agreement, help,
                "no version of the agreement is in force on %s; its first version takes effect "
                "on %s",
                asked, first);
  if (o->json && held) {
    diag_list_move(held, &diags);
    render_json_failure(ag, held);
  } else if (o->json) {
    render_json_failure(ag, &diags);
  } else {
    render(&diags);
  }
  diag_list_free(&diags);
  return PACT_ERR_RANGE;
}

int usage_error(const char *command, const char *message, const char *arg) {
  fprintf(stderr, "pactum%s%s: %s", command ? " " : "", command ? command : "", message);
  if (arg) {
    fputs(" '", stderr);
    text_write(stderr, arg, strlen(arg));
    fputc('\'', stderr);
  }
  fprintf(stderr, "\nrun 'pactum help' for usage\n");
  return EXIT_USAGE;
}

/* Which options each command takes. */
static bool takes(const char *command, const char *option) {
  if (strcmp(option, "--json") == 0)
    return strcmp(command, "show") == 0 || strcmp(command, "decide") == 0 ||
           strcmp(command, "audit") == 0 || strcmp(command, "history") == 0 ||
           strcmp(command, "check") == 0 || strcmp(command, "settle") == 0 ||
           strcmp(command, "statement") == 0 || strcmp(command, "explain") == 0 ||
           strcmp(command, "imports") == 0 || strcmp(command, "verify") == 0;
  if (strcmp(option, "--on") == 0)
    return strcmp(command, "show") == 0 || strcmp(command, "statement") == 0 ||
           strcmp(command, "export") == 0 || strcmp(command, "decide") == 0 ||
           strcmp(command, "audit") == 0;
  if (strcmp(option, "--format") == 0) return strcmp(command, "export") == 0;
  if (strcmp(option, "--by") == 0) return strcmp(command, "settle") == 0;
  bool decides = strcmp(command, "decide") == 0;
  if (strcmp(option, "--product") == 0 || strcmp(option, "--provider") == 0 ||
      strcmp(option, "--licensee") == 0 || strcmp(option, "--subject") == 0 ||
      strcmp(option, "--batch") == 0)
    return decides;
  if (strcmp(option, "--check") == 0) return strcmp(command, "fmt") == 0;
  bool settles = strcmp(command, "settle") == 0 || strcmp(command, "statement") == 0 ||
                 strcmp(command, "explain") == 0 || strcmp(command, "export") == 0 ||
                 strcmp(command, "decide") == 0 || strcmp(command, "audit") == 0;
  if (strcmp(option, "--ledger") == 0)
    return settles || strcmp(command, "init") == 0 || strcmp(command, "import") == 0 ||
           strcmp(command, "imports") == 0 || strcmp(command, "undo") == 0 ||
           strcmp(command, "verify") == 0;
  if (strcmp(option, "--recorded-on") == 0)
    return strcmp(command, "import") == 0 || strcmp(command, "undo") == 0;
  if (strcmp(option, "--as") == 0 || strcmp(option, "--backdated-because") == 0)
    return strcmp(command, "import") == 0 || strcmp(command, "undo") == 0;
  if (strcmp(option, "--wait") == 0)
    return strcmp(command, "import") == 0 || strcmp(command, "undo") == 0;
  if (strcmp(option, "--as-known-on") == 0 || strcmp(option, "--as-held-on") == 0) return settles;
  bool explains = strcmp(command, "explain") == 0;
  if (strcmp(option, "--clause") == 0 || strcmp(option, "--version") == 0) return explains;
  if (strcmp(option, "--agreement") == 0 && strcmp(command, "import") == 0) return true;
  if (strcmp(option, "--agreement") == 0 || strcmp(option, "--events") == 0 ||
      strcmp(option, "--from") == 0 || strcmp(option, "--through") == 0)
    return settles;
  if (strcmp(option, "--period") == 0) return strcmp(command, "statement") == 0 || explains;
  return false;
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

static int parse_options(int argc, char **argv, Options *o) {
  o->paths = calloc((size_t)argc, sizeof *o->paths);
  if (!o->paths) return EXIT_INPUT;
  for (int i = 2; i < argc; i++) {
    const char *arg = argv[i];
    if (arg[0] != '-' || strcmp(arg, "-") == 0) {
      o->paths[o->path_count++] = arg;
      continue;
    }
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      fputs(usage_text, stdout);
      exit(0);
    }
    if (!takes(o->command, arg)) return usage_error(o->command, "unknown option", arg);
    if (strcmp(arg, "--json") == 0) {
      o->json = true;
    } else if (strcmp(arg, "--check") == 0) {
      o->check_only = true;
    } else if (strcmp(arg, "--events") == 0) {
      o->has_events = true; /* the event files follow as plain arguments */
    } else if (strcmp(arg, "--period") == 0 || strcmp(arg, "--clause") == 0 ||
               strcmp(arg, "--version") == 0 || strcmp(arg, "--ledger") == 0 ||
               strcmp(arg, "--format") == 0 || strcmp(arg, "--by") == 0 ||
               strcmp(arg, "--product") == 0 || strcmp(arg, "--provider") == 0 ||
               strcmp(arg, "--licensee") == 0 || strcmp(arg, "--subject") == 0 ||
               strcmp(arg, "--batch") == 0 || strcmp(arg, "--as") == 0 ||
               strcmp(arg, "--wait") == 0 || strcmp(arg, "--backdated-because") == 0) {
      if (i + 1 >= argc) return usage_error(o->command, "this option needs a value:", arg);
      const char **value = strcmp(arg, "--period") == 0              ? &o->period
                           : strcmp(arg, "--clause") == 0            ? &o->clause
                           : strcmp(arg, "--ledger") == 0            ? &o->ledger
                           : strcmp(arg, "--format") == 0            ? &o->format
                           : strcmp(arg, "--by") == 0                ? &o->by
                           : strcmp(arg, "--product") == 0           ? &o->product
                           : strcmp(arg, "--provider") == 0          ? &o->provider
                           : strcmp(arg, "--licensee") == 0          ? &o->licensee
                           : strcmp(arg, "--subject") == 0           ? &o->subject
                           : strcmp(arg, "--batch") == 0             ? &o->batch
                           : strcmp(arg, "--as") == 0                ? &o->as
                           : strcmp(arg, "--wait") == 0              ? &o->wait
                           : strcmp(arg, "--backdated-because") == 0 ? &o->backdated_because
                                                                     : &o->version;
      *value = argv[++i];
    } else if (strcmp(arg, "--agreement") == 0) {
      if (i + 1 >= argc) return usage_error(o->command, "--agreement needs a path", NULL);
      o->agreement = argv[++i];
    } else {
      PactDate *date = strcmp(arg, "--on") == 0            ? &o->on
                       : strcmp(arg, "--from") == 0        ? &o->from
                       : strcmp(arg, "--as-known-on") == 0 ? &o->known_on
                       : strcmp(arg, "--recorded-on") == 0 ? &o->recorded_on
                       : strcmp(arg, "--as-held-on") == 0  ? &o->held_on
                                                           : &o->through;
      int status = date_option(o->command, arg, i + 1 < argc ? argv[i + 1] : NULL, date);
      if (status) return status;
      i++;
      o->has_on |= date == &o->on;
      o->has_from |= date == &o->from;
      o->has_through |= date == &o->through;
      o->has_known_on |= date == &o->known_on;
      o->has_recorded_on |= date == &o->recorded_on;
      o->has_held_on |= date == &o->held_on;
    }
  }
  return check_options(o);
}

/* Loads an agreement and prints its diagnostics (with --json: keeps its warnings for the
** document, or writes the document of its errors); NULL when it cannot be used. */
PactAgreement *load(const Options *o, const char *path, int *status) {
  PactAgreement *ag;
  if (pact_agreement_load(path, &ag) != PACT_OK) {
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
  PactStatus result = terms_version_on(ag, on) < 0 ? not_in_force(o, ag, on, NULL)
                                                   : pact_show(ag, on, o->json, stdout);
  if (result != PACT_OK) {
    status = EXIT_INPUT;
  }
  pact_agreement_free(ag);
  return status;
}

static int cmd_history(const Options *o) {
  int status = one_path(o);
  if (status) return status;
  PactAgreement *ag = load(o, o->paths[0], &status);
  if (!ag) return status;
  if (pact_history(ag, o->json, stdout) != PACT_OK) status = EXIT_INPUT;
  pact_agreement_free(ag);
  return status;
}

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

/* The settlement being fed, and on a terminal a count of the events read so far. A fork (a
** part of a large file read on another thread: feed_all_parallel) has its own diagnostics. */
typedef struct Feeding {
  const Agreement *ag;
  const SettleOptions *options;
  DiagList *diags;
  Settlement *s;
  bool progress;
  uint64_t events;
  DiagList own_diags;
} Feeding;

static PactStatus settle_start(void *context) {
  Feeding *f = context;
  settle_free(f->s);
  f->s = NULL;
  return settle_begin(f->ag, f->options, f->diags, &f->s);
}

static bool settle_summable_group(void *context, const Event *group) {
  const Feeding *f = context;
  return f->s && settle_summable(f->s, group);
}

static PactStatus settle_visit(void *context, const char *source, const Event *event) {
  Feeding *f = context;
  settle_set_events_path(f->s, source);
  if (f->progress && (++f->events & ((1u << 22) - 1)) == 0) {
    fputc('\r', stderr);
    text_write(stderr, source, strlen(source));
    fprintf(stderr, ": %llu events read", (unsigned long long)f->events);
    fflush(stderr);
  }
  PactStatus status = settle_add(f->s, event);
  return status == PACT_ERR_NOMEM ? status : PACT_OK;
}

static void settle_discard(void *forked) {
  Feeding *g = forked;
  settle_free(g->s);
  diag_list_free(&g->own_diags);
  free(g);
}

static void *settle_fork(void *context) {
  const Feeding *f = context;
  Feeding *g = calloc(1, sizeof *g);
  if (!g) return NULL;
  g->ag = f->ag;
  g->options = f->options;
  diag_list_init(&g->own_diags);
  g->diags = &g->own_diags;
  if (settle_begin(f->ag, f->options, g->diags, &g->s) != PACT_OK) {
    settle_discard(g);
    return NULL;
  }
  return g;
}

static PactStatus settle_join(void *context, void *forked) {
  Feeding *f = context;
  Feeding *g = forked;
  PactStatus status = settle_merge(f->s, g->s);
  settle_discard(g);
  return status;
}

/* Settles the feed's events (twice when event files hold restatements: feed_all); a large
** event file on two threads. */
static PactStatus settle_feed(const Agreement *ag, const SettleOptions *options, Feed *feed,
                              DiagList *diags, Settlement **out) {
  Feeding f = {ag, options, diags, NULL, isatty(STDERR_FILENO), 0, {0}};
  const FeedParallel parallel = {settle_fork, settle_join, settle_discard};
  feed_set_summable(feed, settle_summable_group, &f);
  PactStatus status = feed_all_parallel(feed, diags, settle_start, settle_visit, &parallel, &f);
  feed_set_summable(feed, NULL, NULL); /* a later reading (explain) wants the events */
  if (f.progress && f.events >= (1u << 22)) fputs("\r\033[K", stderr);
  *out = f.s;
  return status == PACT_OK ? settle_finish(f.s) : status;
}

static int cmd_settle(const Options *o) {
  int usage = events_usage(o, 0);
  if (usage) return usage;
  if (strcmp(o->command, "explain") == 0 && (!o->clause || !o->period))
    return usage_error(o->command, "name the obligation: --clause ID --period 2026-Q2", NULL);
  bool exporting = strcmp(o->command, "export") == 0;
  ExportFormat format = EXPORT_LEDGER;
  if (exporting && !o->format)
    return usage_error(o->command, "choose the format: --format ledger|beancount|csv", NULL);
  if (exporting && !export_format_find(o->format, &format))
    return usage_error(o->command, "--format is ledger, beancount or csv, not", o->format);
  if (o->by && strcmp(o->by, "year") != 0)
    return usage_error(o->command,
                       "--by year is the grouping settle offers (each clause's own "
                       "periods are the plain table), not",
                       o->by);
  int status = 0;
  PactAgreement *ag = load(o, o->agreement, &status);
  if (!ag) return status;
  bool statement = strcmp(o->command, "statement") == 0 || exporting;
  SettleOptions options = {o->has_from, o->has_through, o->from,
                           o->through,  statement,      o->has_on ? o->on : pact_date_today(),
                           o->period};
  FeedOptions feed_options = {(const char *const *)o->paths,
                              o->path_count,
                              o->ledger,
                              o->has_known_on,
                              o->known_on,
                              o->has_held_on,
                              o->held_on};
  DiagList diags;
  diag_list_init(&diags);
  Settlement *s = NULL;
  Feed *feed = NULL;
  bool ok = feed_open(&feed_options, &diags, &feed) == PACT_OK &&
            settle_feed(ag, &options, feed, &diags, &s) == PACT_OK && diags.errors == 0;
  render_or_hold(o, &diags);
  if (ok && strcmp(o->command, "explain") == 0) {
    ExplainRequest request = {o->clause, o->period, o->version, feed, o->json};
    ok = explain_write(s, &request, &diags, stdout) == PACT_OK;
    render_or_hold(o, &diags);
  } else if (ok && exporting) {
    PactStatus written = export_write(s, format, stdout);
    if (written != PACT_OK)
      fprintf(stderr, "pactum export: %s\n",
              written == PACT_ERR_NOMEM ? "out of memory" : "could not write the output");
    ok = written == PACT_OK;
  } else if (ok && o->by) {
    ok = summary_write(s, o->json, &diags, stdout) == PACT_OK;
    render_or_hold(o, &diags);
  } else if (ok && statement) settle_write_statement(s, o->json, &diags, stdout);
  else if (ok && o->json) settle_write_json(s, &diags, stdout);
  else if (ok) settle_write_table(s, stdout);
  if (!ok && o->json) render_json_failure(ag, &diags);
  settle_free(s);
  feed_close(feed);
  diag_list_free(&diags);
  pact_agreement_free(ag);
  return ok ? 0 : EXIT_INPUT;
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

static int cmd_audit(const Options *o) {
  int status = events_usage(o, 0);
  if (status) return status;
  PactAgreement *ag = load(o, o->agreement, &status);
  if (!ag) return status;
  PactDate on = o->has_on ? o->on : pact_date_today();
  if (terms_version_on(ag, on) < 0) {
    not_in_force(o, ag, on, NULL);
    pact_agreement_free(ag);
    return EXIT_INPUT;
  }
  FeedOptions feed_options = {(const char *const *)o->paths,
                              o->path_count,
                              o->ledger,
                              o->has_known_on,
                              o->known_on,
                              o->has_held_on,
                              o->held_on};
  DiagList diags;
  diag_list_init(&diags);
  Feed *feed = NULL;
  bool ok = feed_open(&feed_options, &diags, &feed) == PACT_OK &&
            audit_write(ag, feed, on, o->json, &diags, stdout) == PACT_OK && diags.errors == 0;
  if (!ok && o->json) render_json_failure(ag, &diags);
  render_or_hold(o, &diags);
  diag_list_free(&diags);
  feed_close(feed);
  pact_agreement_free(ag);
  return ok ? 0 : EXIT_INPUT;
}

typedef struct Command {
  const char *name;
  int (*run)(const Options *o);
} Command;

static const Command commands[] = {
    {"check", cmd_check},     {"show", cmd_show},     {"history", cmd_history},
    {"fmt", cmd_fmt},         {"settle", cmd_settle}, {"statement", cmd_settle},
    {"explain", cmd_settle},  {"export", cmd_settle}, {"init", cmd_init},
    {"import", cmd_import},   {"decide", cmd_decide}, {"audit", cmd_audit},
    {"imports", cmd_imports}, {"undo", cmd_undo},     {"verify", cmd_verify}};

/*
** The exit status, made true: a command whose output could not all be written (a full disk,
** /dev/full) or that printed an error does not exit 0, whatever it thought of its work.
*/
static int finish(int status) {
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "pactum: the output could not be written: %s\n", strerror(errno));
    return status ? status : EXIT_INPUT;
  }
  if (diag_lost_anywhere()) {
    /* An answer without a warning or an error it should carry is not given as a clean one. */
    fprintf(stderr,
            "pactum: out of memory: %zu diagnostic%s could not be kept; the answer above "
            "may lack a warning or an error\n",
            diag_lost_anywhere(), diag_lost_anywhere() == 1 ? "" : "s");
    return status ? status : EXIT_INPUT;
  }
  if (status == 0 && errors_printed) return EXIT_INPUT;
  return status;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage_text, stderr);
    return EXIT_USAGE;
  }
  const char *name = argv[1];
  if (strcmp(name, "help") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
    fputs(usage_text, stdout);
    return 0;
  }
  if (strcmp(name, "version") == 0 || strcmp(name, "--version") == 0) {
    printf("pactum %s\n", PACT_VERSION);
    return 0;
  }
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
    if (strcmp(name, commands[i].name) != 0) continue;
    Options o = {.command = name};
    int status = parse_options(argc, argv, &o);
    if (status == 0) status = commands[i].run(&o);
    free(o.paths);
    return finish(status);
  }
  return usage_error(NULL, "unknown command", name);
}
