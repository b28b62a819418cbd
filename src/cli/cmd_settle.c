/*
** cmd_settle.c -- the commands that settle the payment clauses over events: pactum settle (what
** each clause owes, period by period), statement (owed against paid on a day), explain (why one
** obligation is what it is) and export (a journal or CSV). Each reads the events into a
** settlement the same way (settle_open), then writes its own answer.
*/
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "cli.h"
#include "engine/settle.h"
#include "events/events.h"
#include "feed/feed.h"
#include "render/explain.h"
#include "render/export.h"
#include "render/summary.h"
#include "terms/terms.h"

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

/* A settlement read for one command: what it read and what it settled. The options stay here
** for as long as the settlement and the feed, which keep them. */
typedef struct Settled {
  PactAgreement *ag;
  SettleOptions options;
  FeedOptions feed_options;
  Feed *feed;
  Settlement *s;
  DiagList diags;
  bool ok; /* the events settled without an error: the command may write its answer */
} Settled;

/* Loads the agreement and settles the events, as of the statement date when statement (--on,
** default today); their diagnostics said, or held with --json. 0, or the exit status of an
** agreement that cannot be used; x is then to be closed with settle_close. */
static int settle_open(const Options *o, bool statement, Settled *x) {
  int status = 0;
  *x = (Settled){0};
  diag_list_init(&x->diags);
  x->ag = load(o, o->agreement, &status);
  if (!x->ag) return status;
  x->options = (SettleOptions){o->has_from, o->has_through, o->from,
                               o->through,  statement,      o->has_on ? o->on : pact_date_today(),
                               o->period};
  x->feed_options = (FeedOptions){(const char *const *)o->paths,
                                  o->path_count,
                                  o->ledger,
                                  o->has_known_on,
                                  o->known_on,
                                  o->has_held_on,
                                  o->held_on};
  x->ok = feed_open(&x->feed_options, &x->diags, &x->feed) == PACT_OK &&
          settle_feed(x->ag, &x->options, x->feed, &x->diags, &x->s) == PACT_OK &&
          x->diags.errors == 0;
  render_or_hold(o, &x->diags);
  return 0;
}

/* With --json, the failure document of a command that could not answer; then frees x. */
static int settle_close(const Options *o, Settled *x) {
  if (!x->ok && o->json) render_json_failure(x->ag, &x->diags);
  settle_free(x->s);
  feed_close(x->feed);
  diag_list_free(&x->diags);
  pact_agreement_free(x->ag);
  return x->ok ? 0 : EXIT_INPUT;
}

static int cmd_settle(const Options *o) {
  int usage = events_usage(o, 0);
  if (usage) return usage;
  if (o->by && strcmp(o->by, "year") != 0)
    return usage_error(o->command,
                       "--by year is the grouping settle offers (each clause's own "
                       "periods are the plain table), not",
                       o->by);
  Settled x;
  int status = settle_open(o, false, &x);
  if (status) return status;
  if (x.ok && o->by) {
    x.ok = summary_write(x.s, o->json, &x.diags, stdout) == PACT_OK;
    render_or_hold(o, &x.diags);
  } else if (x.ok && o->json) settle_write_json(x.s, &x.diags, stdout);
  else if (x.ok) settle_write_table(x.s, stdout);
  return settle_close(o, &x);
}

const Command command_settle = {
    "settle", cmd_settle, "settle EVENTS [--from DATE] [--through DATE] [--by year] [--json]",
    "What each payment clause owes, period by period: the version whose wording applies, its "
    "days, the base, the rate, the amount before and after the cap, the cumulative amount "
    "under the cap and the due date; then what each payer owes each payee, and what it would "
    "have been without any cap. Exact to the cent (docs/settle.md).\n\n" EVENTS_ABOUT,
    "pactum settle --agreement tests/settle/amended.pact \\\n"
    "    --events tests/settle/amended.csv"};

static int cmd_statement(const Options *o) {
  int usage = events_usage(o, 0);
  if (usage) return usage;
  Settled x;
  int status = settle_open(o, true, &x);
  if (status) return status;
  if (x.ok) settle_write_statement(x.s, o->json, &x.diags, stdout);
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
    ExplainRequest request = {o->clause, o->period, o->version, x.feed, o->json};
    x.ok = explain_write(x.s, &request, &x.diags, stdout) == PACT_OK;
    render_or_hold(o, &x.diags);
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
  ExportFormat format = EXPORT_LEDGER;
  if (!o->format)
    return usage_error(o->command, "choose the format: --format ledger|beancount|csv", NULL);
  if (!export_format_find(o->format, &format))
    return usage_error(o->command, "--format is ledger, beancount or csv, not", o->format);
  Settled x;
  int status = settle_open(o, true, &x);
  if (status) return status;
  if (x.ok) {
    PactStatus written = export_write(x.s, format, stdout);
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
