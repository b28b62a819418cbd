/*
** audit.c -- see audit.h. The decisions come from the decide engine (decide_findings), the
** money from a settlement with the audit's day as its statement date, and commitments from the
** purchase events, summed here.
**
** What counts on the day: a settlement's obligations for periods that began by then (a period
** still running is accruing: what accrued through the day, listed with its due date); payments
** dated up to the day; a
** commitment's purchases from the day its version took effect (the commitment was made then:
** "a further USD 250 billion") up to the day.
*/
#include "engine/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

typedef struct Purchase {
  int32_t buyer, seller; /* party indexes */
  char *what;            /* the event's subject, else its stream */
  PactDate date;
  int64_t amount_minor;
} Purchase;

/* An audit while its events are read: what it needs only until it is computed. */
typedef struct Reading {
  Audit *a;
  SettleOptions options;
  bool by_id; /* the events come by id (a ledger, unsorted) */
  Purchase *purchases;
  size_t purchase_count, purchase_capacity;
  size_t finding_capacity;
} Reading;

static void forget_purchases(Reading *r) {
  for (size_t i = 0; i < r->purchase_count; i++) free(r->purchases[i].what);
  r->purchase_count = 0;
}

static PactStatus audit_start(void *context) {
  Reading *r = context;
  Audit *a = r->a;
  settle_free(a->s);
  decide_free(a->d);
  a->s = NULL;
  a->d = NULL;
  forget_purchases(r);
  PactStatus status = settle_begin(a->ag, &r->options, a->diags, &a->s);
  if (status == PACT_OK) status = decide_begin(a->ag, a->diags, &a->d);
  if (status == PACT_OK && r->by_id) decide_warn_by_date(a->d);
  return status;
}

static PactStatus add_purchase(Reading *r, const Event *e) {
  const Audit *a = r->a;
  if (!e->has_amount || e->date > a->on) return PACT_OK;
  if (r->purchase_count == r->purchase_capacity) {
    size_t capacity = r->purchase_capacity ? r->purchase_capacity * 2 : 16;
    Purchase *bigger = mem_realloc(r->purchases, capacity * sizeof *bigger);
    if (!bigger) return PACT_ERR_NOMEM;
    r->purchases = bigger;
    r->purchase_capacity = capacity;
  }
  EventText what = e->subject.len ? e->subject : e->stream;
  Purchase *p = &r->purchases[r->purchase_count];
  p->buyer = terms_party(a->ag, e->party.ptr, e->party.len);
  p->seller = terms_party(a->ag, e->counterparty.ptr, e->counterparty.len);
  p->date = e->date;
  p->amount_minor = e->amount_minor;
  p->what = mem_malloc((size_t)what.len + 1);
  if (!p->what) return PACT_ERR_NOMEM;
  memcpy(p->what, what.ptr, what.len);
  p->what[what.len] = '\0';
  r->purchase_count++;
  return PACT_OK;
}

static PactStatus audit_visit(void *context, const char *source, const Event *e) {
  Reading *r = context;
  settle_set_events_path(r->a->s, source);
  PactStatus status = settle_add(r->a->s, e);
  if (status == PACT_ERR_NOMEM) return status;
  status = decide_add(r->a->d, source, e);
  if (status != PACT_OK) return status;
  return e->kind == EVENT_PURCHASE ? add_purchase(r, e) : PACT_OK;
}

/* "microsoft must answer offer 'o-new' for 'gpt-8' from openai", then more, into buf (snprintf's
** length). */
static int answer_due_format(char *buf, size_t size, const DecideEventInfo *o, const char *more) {
  return snprintf(buf, size, "%.*s must answer offer '%.*s' for '%.*s' from %.*s%s",
                  (int)o->counterparty.len, o->counterparty.ptr, (int)o->id.len, o->id.ptr,
                  (int)o->stream.len, o->stream.ptr, (int)o->party.len, o->party.ptr, more);
}

/* Who must answer which offer, and, past the events the finding lists, how many more there are
** (as decide's reasons say it); kept in the arena of reasons. */
static const char *answer_due_text(Audit *a, const AuditFinding *f) {
  DecideEventInfo offer;
  decide_event_info(a->d, f->event, &offer);
  char more[80] = "";
  if (f->events_left_out)
    snprintf(more, sizeof more, "; %u more event%s not listed (an answer lists at most %d)",
             f->events_left_out, f->events_left_out == 1 ? "" : "s", DECIDE_EVENTS_MAX);
  int n = answer_due_format(NULL, 0, &offer, more);
  char *text = n < 0 ? NULL : arena_alloc(&a->reasons, (size_t)n + 1);
  if (text) answer_due_format(text, (size_t)n + 1, &offer, more);
  return text;
}

static PactStatus keep_finding(void *context, const DecideFinding *f) {
  Reading *r = context;
  Audit *a = r->a;
  if (a->finding_count == r->finding_capacity) {
    size_t capacity = r->finding_capacity ? r->finding_capacity * 2 : 16;
    AuditFinding *bigger = mem_realloc(a->findings, capacity * sizeof *bigger);
    if (!bigger) return PACT_ERR_NOMEM;
    a->findings = bigger;
    r->finding_capacity = capacity;
  }
  AuditFinding *k = &a->findings[a->finding_count];
  k->kind = f->kind;
  k->event = f->event;
  k->clause = f->answer.clause;
  k->version = f->answer.version;
  k->deadline = f->answer.deadline;
  k->event_count = f->answer.event_count;
  k->events_left_out = f->answer.events_left_out;
  memcpy(k->events, f->answer.events, f->answer.event_count * sizeof *k->events);
  k->reason = f->kind == FINDING_ANSWER_DUE
                  ? answer_due_text(a, k)
                  : arena_strndup(&a->reasons, f->answer.reason, strlen(f->answer.reason));
  if (!k->reason) return PACT_ERR_NOMEM;
  a->finding_count++;
  if (f->kind == FINDING_ANSWER_DUE) a->open_count++;
  else a->breach_count++;
  return PACT_OK;
}

/* ---------------------------------------------------------------- commitments */

/* The commitments of the version in force on the day, with what was bought against each. */
static PactStatus commitments(const Reading *r, Audit *a) {
  int32_t v = terms_version_on(a->ag, a->on);
  if (v < 0) return PACT_OK;
  const Version *version = &a->ag->versions[v];
  a->commitments = mem_calloc((size_t)version->term_count + 1, sizeof *a->commitments);
  if (!a->commitments) return PACT_ERR_NOMEM;
  size_t count = 0;
  for (uint32_t c = 0; c < version->term_count; c++) {
    const Clause *clause = version->terms[c];
    if (clause->kind != CLAUSE_COMMITMENT) continue;
    const Commitment *k = &clause->u.commitment;
    const Version *made = &a->ag->versions[clause->version];
    PactDate first = clause->term.has_from ? clause->term.from : made->effective;
    AuditCommitment st = {clause, made, 0, 0, 0, false};
    bool fits = true;
    for (size_t i = 0; i < r->purchase_count; i++) {
      const Purchase *p = &r->purchases[i];
      if (p->buyer != k->by.index || p->seller != k->to.index || p->date < first ||
          !str_eq_cstr(k->of, p->what))
        continue;
      fits = fits && pact_money_add(st.bought_minor, p->amount_minor, &st.bought_minor) == PACT_OK;
      st.purchases++;
    }
    fits = fits && pact_money_sub(k->amount_minor, st.bought_minor, &st.left_minor) == PACT_OK;
    if (!fits) {
      diag_add_path(a->diags, DIAG_ERROR, "E1103", a->ag->path,
                    "pactum never wraps money; check the purchase amounts for a typo",
                    "what was bought under commitment '%.*s' does not fit in 64-bit minor units",
                    (int)clause->id.len, clause->id.ptr);
      continue;
    }
    st.unmet = clause->term.has_through && clause->term.through < a->on &&
               st.bought_minor < k->amount_minor;
    a->commitments[count++] = st;
  }
  a->commitment_count = count;
  return PACT_OK;
}

PactStatus audit_compute(const Agreement *ag, Feed *feed, PactDate on, DiagList *diags, Audit *a) {
  memset(a, 0, sizeof *a);
  a->ag = ag;
  a->diags = diags;
  a->on = on;
  arena_init(&a->reasons);
  Reading r = {.a = a};
  /* Obligations of the periods begun by the day; payments up to it. */
  r.options.has_through = true;
  r.options.through = on;
  r.options.has_as_of = true;
  r.options.as_of = on;
  /* Neither the settlement nor the decider needs the events by date: a ledger is read in its
  ** own order (by id), which spares sorting it. */
  feed_set_ledger_by_id(feed, true);
  r.by_id = feed_ledger_by_id(feed);
  PactStatus status = feed_all(feed, diags, audit_start, audit_visit, &r);
  if (status == PACT_OK) status = settle_finish(a->s);
  if (status == PACT_OK) status = decide_finish(a->d);
  if (status == PACT_OK) status = decide_findings(a->d, on, keep_finding, &r);
  if (status == PACT_OK && diags->errors == 0) {
    status = commitments(&r, a);
    if (status == PACT_OK && diags->errors) status = PACT_ERR_OVERFLOW;
  }
  forget_purchases(&r);
  free(r.purchases);
  return status;
}

void audit_free(Audit *a) {
  settle_free(a->s);
  decide_free(a->d);
  free(a->findings);
  free(a->commitments);
  arena_free(&a->reasons);
  memset(a, 0, sizeof *a);
}
