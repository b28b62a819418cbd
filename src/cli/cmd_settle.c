/*
** cmd_settle.c -- the commands that settle the payment clauses over events: pactum settle (what
** each clause owes, period by period), statement (owed against paid on a day), explain (why one
** obligation is what it is) and export (a journal or CSV). Each reads the events into a
** settlement the same way (settle_open), then writes its own answer.
*/
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* On a terminal, a line that counts the events read so far, every few million. */
void events_progress(void *context, const char *source, uint64_t events) {
  bool *shown = context;
  *shown = true;
  fputc('\r', stderr);
  pact_write_text(stderr, source, strlen(source));
  fprintf(stderr, ": %llu events read", (unsigned long long)events);
  fflush(stderr);
}

/* A settlement read for one command: what it read and what it settled. */
typedef struct Settled {
  PactAgreement *ag;
  PactFeed *feed;
  PactSettlement *s;
  PactDiagnostics *diags;
  bool ok; /* the events settled without an error: the command may write its answer */
} Settled;

/* Loads the agreement and settles the events, as of the statement date when statement (--on,
** default today); their diagnostics said, or held with --json. 0, or the exit status of an
** agreement that cannot be used; x is then to be closed with settle_close. */
static int settle_open(const Options *o, bool statement, Settled *x) {
  int status = 0;
  *x = (Settled){0};
  x->ag = load_side(o, o->agreement, "--terms", o->terms, &status);
  if (!x->ag) return status;
  if (!(x->diags = diagnostics_new())) {
    pact_agreement_free(x->ag);
    return EXIT_INPUT;
  }
  bool shown = false;
  PactSettleOptions options = {o->has_from, o->has_through,
                               o->from,     o->through,
                               statement,   o->has_on ? o->on : pact_date_today(),
                               o->period,   isatty(STDERR_FILENO) ? events_progress : NULL,
                               &shown};
  PactSource source = events_source(o);
  x->ok = pact_feed_open(&source, x->diags, &x->feed) == PACT_OK &&
          pact_settle(x->ag, x->feed, &options, x->diags, &x->s) == PACT_OK &&
          pact_diagnostics_error_count(x->diags) == 0;
  if (shown) fputs("\r\033[K", stderr);
  render_or_hold(o, x->diags);
  return 0;
}

/* With --json, the failure document of a command that could not answer; then frees x. */
static int settle_close(const Options *o, Settled *x) {
  if (!x->ok && o->json) render_json_failure(x->ag, x->diags);
  pact_settlement_free(x->s);
  pact_feed_close(x->feed);
  pact_diagnostics_free(x->diags);
  pact_agreement_free(x->ag);
  return x->ok ? 0 : EXIT_INPUT;
}

/* Text for people, or the JSON document with --json. */
static PactForm form_of(const Options *o) { return o->json ? PACT_FORM_JSON : PACT_FORM_TEXT; }

int format_text_json_svg(const Options *o, bool *json, bool *svg) {
  *json = o->json;
  *svg = false;
  if (!o->format || strcmp(o->format, "text") == 0) {
    if (o->format && o->json)
      return usage_error(o->command, "--json is --format json: give one of them, not both", NULL);
    return 0;
  }
  if (strcmp(o->format, "json") == 0) {
    *json = true;
    return 0;
  }
  if (strcmp(o->format, "svg") != 0)
    return usage_error(o->command, "--format is text, json or svg, not", o->format);
  if (o->json)
    return usage_error(o->command, "--json is --format json: give one of them, not --format svg",
                       NULL);
  *svg = true;
  return 0;
}

static int cmd_settle(const Options *given) {
  int usage = events_usage(given, 0);
  if (usage) return usage;
  if (given->by && strcmp(given->by, "year") != 0)
    return usage_error(given->command,
                       "--by year is the grouping settle offers (each clause's own "
                       "periods are the plain table), not",
                       given->by);
  Options copy = *given; /* --format json holds the diagnostics for the document, as --json */
  const Options *o = &copy;
  bool svg;
  if ((usage = format_text_json_svg(given, &copy.json, &svg))) return usage;
  Settled x;
  int status = settle_open(o, false, &x);
  if (status) return status;
  if (x.ok && svg) {
    x.ok = pact_settlement_svg_write(x.s, o->by != NULL, x.diags, stdout) == PACT_OK;
    render(x.diags);
  } else if (x.ok && o->by) {
    x.ok = pact_summary_write(x.s, form_of(o), x.diags, stdout) == PACT_OK;
    render_or_hold(o, x.diags);
  } else if (x.ok) {
    pact_settlement_write(x.s, form_of(o), x.diags, stdout);
  }
  return settle_close(o, &x);
}

const Command command_settle = {
    "settle", cmd_settle,
    "settle EVENTS [--from DATE] [--through DATE] [--by year]\n"
    "              [--format text|json|svg] [--json]",
    "What each payment clause owes, period by period: the version whose wording applies, its "
    "days, the base, the rate, the amount before and after the cap, the cumulative amount "
    "under the cap and the due date; then what each payer owes each payee, and what it would "
    "have been without any cap. Exact to the cent (docs/settle.md). --format svg draws it: "
    "the running total each way (with --by year, a bar per payer and payee per year), and "
    "each capped clause against its cap, the period it binds marked "
    "(docs/report.md).\n\n" EVENTS_ABOUT,
    "pactum settle --agreement tests/settle/amended.pact \\\n"
    "    --events tests/settle/amended.csv"};

static int cmd_statement(const Options *o) {
  int usage = events_usage(o, 0);
  if (usage) return usage;
  Settled x;
  int status = settle_open(o, true, &x);
  if (status) return status;
  if (x.ok) pact_statement_write(x.s, form_of(o), x.diags, stdout);
  return settle_close(o, &x);
}

const Command command_statement = {
    "statement", cmd_statement,
    "statement EVENTS [--on DATE] [--period P] [--from DATE]\n"
    "                 [--through DATE] [--json]",
    "What was owed against what was paid on a day: only what had accrued by then, the period "
    "still running shown apart as accruing. Each payer's payments to a payee are set against "
    "their obligations oldest first, and each obligation is paid, open, overdue, a credit, "
    "none or accruing; then the balance of each payer and payee.\n\n" EVENTS_ABOUT,
    "pactum statement --agreement tests/settle/amended.pact --on 2024-12-01 \\\n"
    "    --events tests/settle/amended.csv tests/settle/payments.csv"};

static int cmd_explain(const Options *o) {
  int usage = events_usage(o, 0);
  if (usage) return usage;
  if (!o->clause || !o->period)
    return usage_error(o->command, "name the obligation: --clause ID --period 2026-Q2", NULL);
  Settled x;
  int status = settle_open(o, false, &x);
  if (status) return status;
  if (x.ok) {
    PactExplainRequest request = {o->clause, o->period, o->version};
    x.ok = pact_explain_write(x.s, x.feed, &request, form_of(o), x.diags, stdout) == PACT_OK;
    render_or_hold(o, x.diags);
  }
  return settle_close(o, &x);
}

const Command command_explain = {
    "explain", cmd_explain, "explain EVENTS --clause ID --period P [--version V] [--json]",
    "Why an obligation is what it is: the clause's words and source, the days it accrued, "
    "every event in its base with its file and line and its part of these days, the rate "
    "times the base exactly and its rounding (or each tier's part), the cap and the room it "
    "left, and the amount with its due date.\n\n" EVENTS_ABOUT,
    "pactum explain --agreement tests/settle/amended.pact \\\n"
    "    --events tests/settle/amended.csv --clause fee --period 2024-Q3"};

static int cmd_export(const Options *o) {
  int usage = events_usage(o, 0);
  if (usage) return usage;
  PactExportFormat format = PACT_EXPORT_LEDGER;
  if (!o->format)
    return usage_error(o->command, "choose the format: --format ledger|beancount|csv", NULL);
  if (!pact_export_format_find(o->format, &format))
    return usage_error(o->command, "--format is ledger, beancount or csv, not", o->format);
  Settled x;
  int status = settle_open(o, true, &x);
  if (status) return status;
  if (x.ok) {
    PactStatus written = pact_export_write(x.s, format, stdout);
    if (written != PACT_OK)
      fprintf(stderr, "pactum export: %s\n",
              written == PACT_ERR_NOMEM ? "out of memory" : "could not write the output");
    x.ok = written == PACT_OK;
  }
  return settle_close(o, &x);
}

const Command command_export = {
    "export", cmd_export,
    "export EVENTS --format ledger|beancount|csv [--from DATE]\n"
    "              [--through DATE] [--on DATE]",
    "What had accrued and been paid by the statement date: the obligations pactum statement "
    "holds on that day, each dated the last day of its period, and the payments made by "
    "then, with both sides of each. As a journal that ledger and hledger accept (ledger), a "
    "file that bean-check accepts (beancount), or one CSV row per obligation and per payment "
    "(csv); see docs/export.md.\n\n" EVENTS_ABOUT,
    "pactum export --agreement tests/settle/amended.pact \\\n"
    "    --events tests/settle/amended.csv --format beancount"};
