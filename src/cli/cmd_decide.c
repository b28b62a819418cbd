/*
** cmd_decide.c -- pactum decide: what a party may do on a date, and why.
**   decide launch --product P --provider X --on DATE
**   decide use --licensee L --subject S --on DATE
**   decide --batch QUERIES.jsonl
** each with EVENTS (--agreement PATH, and --events FILE... or --ledger FILE).
*/
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "cli.h"
#include "engine/decide.h"
#include "feed/feed.h"

typedef struct Deciding {
  const Agreement *ag;
  DiagList *diags;
  bool by_id; /* the events come by id (a ledger, unsorted) */
  Decider *d;
} Deciding;

static PactStatus decide_start(void *context) {
  Deciding *x = context;
  decide_free(x->d);
  x->d = NULL;
  PactStatus status = decide_begin(x->ag, x->diags, &x->d);
  if (status == PACT_OK && x->by_id) decide_warn_by_date(x->d);
  return status;
}

static PactStatus decide_visit(void *context, const char *source, const Event *event) {
  return decide_add(((Deciding *)context)->d, source, event);
}

/* Reads the feed's events into a decider; with restatements in event files, twice (as settle).
** The decider sorts what it needs itself: a ledger is read in its own order, by id. */
static PactStatus decide_feed(const Agreement *ag, Feed *feed, DiagList *diags, Decider **out) {
  feed_set_ledger_by_id(feed, true);
  Deciding x = {ag, diags, feed_ledger_by_id(feed), NULL};
  PactStatus status = feed_all(feed, diags, decide_start, decide_visit, &x);
  if (status == PACT_OK) status = decide_finish(x.d);
  *out = x.d;
  return status;
}

static EventText text_of(const char *s) {
  return (EventText){s ? s : "", s ? (uint32_t)strlen(s) : 0};
}

static bool write_all(const DecideText *t) {
  return !t->failed && fwrite(t->ptr, 1, t->len, stdout) == t->len;
}

/* Which question is asked (launch, use or a batch) and what it needs; how many of the plain
** arguments are event files. A usage error's exit status, or 0. */
static int decide_usage(const Options *o, bool *launch, int *files) {
  const char *what = o->path_count ? o->paths[0] : NULL;
  bool use = what && strcmp(what, "use") == 0;
  *launch = what && strcmp(what, "launch") == 0;
  *files = o->path_count - (*launch || use ? 1 : 0);
  if (!o->batch && !*launch && !use)
    return usage_error(o->command,
                       "decide what? start with 'launch' (--product P --provider X) "
                       "or 'use' (--licensee L --subject S), or give --batch FILE",
                       NULL);
  int usage = events_usage(o, o->path_count - *files);
  if (usage) return usage;
  if (!o->batch) {
    if (*launch && (!o->product || !o->provider))
      return usage_error(o->command, "decide launch needs --product P and --provider X", NULL);
    if (use && (!o->licensee || !o->subject))
      return usage_error(o->command, "decide use needs --licensee L and --subject S", NULL);
    if (!o->has_on) return usage_error(o->command, "give the day: --on DATE", NULL);
  }
  return 0;
}

/* --batch: one answer line per query line; false when any could not be answered. */
static bool decide_batch_lines(const Options *o, Decider *d, FILE *queries) {
  size_t errors = 0;
  PactStatus done = decide_batch(d, o->batch, queries, stdout, &errors);
  if (done != PACT_OK)
    fprintf(stderr, "pactum decide: %s\n",
            done == PACT_ERR_NOMEM ? "out of memory"
                                   : "could not read the queries or write the answers");
  if (errors)
    fprintf(stderr,
            "pactum decide: %zu of the queries in %s could not be answered (see their "
            "lines)\n",
            errors, o->batch);
  return done == PACT_OK && errors == 0;
}

/* decide launch or decide use: the one answer, as text or with --json as its document. */
static bool decide_one(const Options *o, const PactAgreement *ag, Decider *d, DiagList *diags,
                       bool launch) {
  DecideQuery q = {.kind = launch ? DECIDE_LAUNCH : DECIDE_USE, .on = o->on};
  if (launch) {
    q.product = text_of(o->product);
    q.provider = text_of(o->provider);
    q.tags = text_of(o->subject);
  } else {
    q.licensee = text_of(o->licensee);
    q.subject = text_of(o->subject);
  }
  DecideAnswer *a = malloc(sizeof *a);
  DecideText t = {0};
  bool ok = true;
  PactStatus status;
  if (!a) {
    fprintf(stderr, "pactum decide: out of memory\n");
    ok = false;
  } else if ((status = decide_query(d, &q, a)) != PACT_OK) {
    if (status == PACT_ERR_RANGE) not_in_force(o, ag, o->on, diags);
    else {
      fputs("pactum decide: ", stderr);
      text_write(stderr, a->reason, strlen(a->reason)); /* may quote the query: shown */
      fputc('\n', stderr);
    }
    ok = false;
  } else {
    if (o->json) decide_write_report(d, a, diags, &t);
    else decide_write_text(d, &q, a, &t);
    if (!write_all(&t)) {
      fprintf(stderr, "pactum decide: could not write the answer\n");
      ok = false;
    }
  }
  decide_text_free(&t);
  free(a);
  return ok;
}

int cmd_decide(const Options *o) {
  bool launch;
  int files;
  int status = decide_usage(o, &launch, &files);
  if (status) return status;
  FILE *queries = NULL;
  if (o->batch) {
    queries = strcmp(o->batch, "-") == 0 ? stdin : fopen(o->batch, "r");
    if (!queries) {
      fprintf(stderr, "pactum decide: cannot read %s\n", o->batch);
      return EXIT_INPUT;
    }
  }
  PactAgreement *ag = load(o, o->agreement, &status);
  if (!ag) {
    if (queries && queries != stdin) fclose(queries);
    return status;
  }
  FeedOptions feed_options = {(const char *const *)o->paths + (o->path_count - files),
                              files,
                              o->ledger,
                              o->has_known_on,
                              o->known_on,
                              o->has_held_on,
                              o->held_on};
  DiagList diags;
  diag_list_init(&diags);
  Feed *feed = NULL;
  Decider *d = NULL;
  PactStatus read = feed_open(&feed_options, &diags, &feed);
  if (read == PACT_OK) read = decide_feed(ag, feed, &diags, &d);
  bool ok = read == PACT_OK && diags.errors == 0;
  /* A batch's lines are bare answers: its diagnostics go to stderr, --json or not. */
  if (o->json && !ok) render_json_failure(ag, &diags);
  if (!o->json || queries) render(&diags);
  if (read == PACT_ERR_NOMEM) fprintf(stderr, "pactum decide: out of memory\n");
  if (ok && queries) ok = decide_batch_lines(o, d, queries);
  else if (ok) ok = decide_one(o, ag, d, &diags, launch);
  if (queries && queries != stdin) fclose(queries);
  decide_free(d);
  feed_close(feed);
  diag_list_free(&diags);
  pact_agreement_free(ag);
  return ok ? 0 : EXIT_INPUT;
}

const Command command_decide = {
    "decide", cmd_decide,
    "decide launch EVENTS --product P --provider X --on DATE [--json]\n"
    "decide use EVENTS --licensee L --subject S --on DATE [--json]\n"
    "decide EVENTS --batch QUERIES.jsonl",
    "Whether a product may launch on a cloud provider on a day (the cloud clauses: "
    "exclusive, first refusal, primary or none, with their offers, answers, windows and "
    "silence), or whether a party may use a subject (the licence clauses and grants), with "
    "the clause and the version that decided it, the reason, the exception that applied, the "
    "day a pending offer must be answered by and the events relied on. --batch answers one "
    "JSON query per line with one JSON line each (docs/decide.md).\n\n" EVENTS_ABOUT,
    "pactum decide launch --agreement agreements/microsoft-openai \\\n"
    "    --events tests/decide/clouds.csv --product responses-api \\\n"
    "    --provider amazon --on 2025-12-01"};
