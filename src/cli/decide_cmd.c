/*
** decide_cmd.c -- pactum decide: what a party may do on a date, and why.
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

int cmd_decide(const Options *o) {
  const char *what = o->path_count ? o->paths[0] : NULL;
  bool launch = what && strcmp(what, "launch") == 0, use = what && strcmp(what, "use") == 0;
  int files = o->path_count - (launch || use ? 1 : 0);
  if (!o->batch && !launch && !use)
    return usage_error(o->command,
                       "decide what? start with 'launch' (--product P --provider X) "
                       "or 'use' (--licensee L --subject S), or give --batch FILE",
                       NULL);
  int usage = events_usage(o, o->path_count - files);
  if (usage) return usage;
  if (!o->batch) {
    if (launch && (!o->product || !o->provider))
      return usage_error(o->command, "decide launch needs --product P and --provider X", NULL);
    if (use && (!o->licensee || !o->subject))
      return usage_error(o->command, "decide use needs --licensee L and --subject S", NULL);
    if (!o->has_on) return usage_error(o->command, "give the day: --on DATE", NULL);
  }
  FILE *queries = NULL;
  if (o->batch) {
    queries = strcmp(o->batch, "-") == 0 ? stdin : fopen(o->batch, "r");
    if (!queries) {
      fprintf(stderr, "pactum decide: cannot read %s\n", o->batch);
      return EXIT_INPUT;
    }
  }
  int status = 0;
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
  if (ok && queries) {
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
    ok = done == PACT_OK && errors == 0;
  } else if (ok) {
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
    if (!a) {
      fprintf(stderr, "pactum decide: out of memory\n");
      ok = false;
    } else if ((status = decide_query(d, &q, a)) != PACT_OK) {
      if (status == PACT_ERR_RANGE) not_in_force(o, ag, o->on, &diags);
      else {
        fputs("pactum decide: ", stderr);
        text_write(stderr, a->reason, strlen(a->reason)); /* may quote the query: shown */
        fputc('\n', stderr);
      }
      ok = false;
    } else {
      if (o->json) decide_write_report(d, a, &diags, &t);
      else decide_write_text(d, &q, a, &t);
      if (!write_all(&t)) {
        fprintf(stderr, "pactum decide: could not write the answer\n");
        ok = false;
      }
    }
    decide_text_free(&t);
    free(a);
  }
  if (queries && queries != stdin) fclose(queries);
  decide_free(d);
  feed_close(feed);
  diag_list_free(&diags);
  pact_agreement_free(ag);
  return ok ? 0 : EXIT_INPUT;
}
