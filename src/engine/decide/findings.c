/*
** findings.c -- what an audit finds, event by event: the offers whose answer is due and the
** launches, uses and grants the terms did not permit (decide_findings).
*/
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "engine/decide/decide_int.h"

void decide_event_info(const Decider *d, uint32_t event, DecideEventInfo *out) {
  const DEvent *v = &d->events[event];
  out->id = id_sym(d, v->id);
  out->kind = (EventKind)v->kind;
  out->date = v->date;
  out->file = sym(d, v->file);
  out->line = v->line;
  out->party = sym(d, v->party);
  out->counterparty = sym(d, v->counterparty);
  out->stream = sym(d, v->stream);
  out->subject = sym(d, v->subject);
}

static EventText as_text(Str s) { return (EventText){s.ptr, s.len}; }

static bool answer_names(const DecideAnswer *a, uint32_t event) {
  for (uint32_t i = 0; i < a->event_count; i++)
    if (a->events[i] == event) return true;
  return false;
}

/* The events an audit looks at, by date (then as read). */
static int entry_by_date(const void *pa, const void *pb) {
  const Entry *a = pa, *b = pb;
  if (a->date != b->date) return a->date < b->date ? -1 : 1;
  return (a->event > b->event) - (a->event < b->event);
}

/*
** An offer whose answer is due: asked whether the product may launch elsewhere on the day, the
** engine says pending, relying on this offer, with a deadline on or after the day.
*/
static bool finding_of(const Decider *d, uint32_t e, PactDate on, DecideFinding *f) {
  const DEvent *v = &d->events[e];
  DecideQuery q = {0};
  switch (v->kind) {
    case EVENT_OFFER:
      q.kind = DECIDE_LAUNCH;
      q.product = as_text(sym(d, v->stream));
      q.provider = (EventText){"another-cloud", 13};
      q.on = on;
      if (decide_query(d, &q, &f->answer) != PACT_OK) return false;
      f->kind = FINDING_ANSWER_DUE;
      return f->answer.decision == DECISION_PENDING && f->answer.has_deadline &&
             f->answer.deadline >= on && answer_names(&f->answer, e);
    case EVENT_LAUNCH:
      q.kind = DECIDE_LAUNCH;
      q.product = as_text(sym(d, v->stream));
      q.provider = as_text(sym(d, v->counterparty));
      q.on = v->date;
      f->kind = FINDING_LAUNCH;
      return decide_query(d, &q, &f->answer) == PACT_OK &&
             f->answer.decision == DECISION_NOT_PERMITTED;
    case EVENT_USE:
      q.kind = DECIDE_USE;
      q.licensee = as_text(sym(d, v->party));
      q.subject = as_text(sym(d, v->subject));
      q.on = v->date;
      f->kind = FINDING_USE;
      return decide_query(d, &q, &f->answer) == PACT_OK &&
             f->answer.decision == DECISION_NOT_PERMITTED;
    case EVENT_GRANT: {
      const Plan *by;
      const VersionPlan *in;
      if (!grant_breaches(d, v, &by, &in)) return false;
      f->kind = FINDING_GRANT;
      DecideAnswer *a = &f->answer;
      memset(a, 0, sizeof *a);
      a->kind = DECIDE_USE;
      a->decision = DECISION_NOT_PERMITTED;
      a->clause = by->clause;
      a->version = in ? in->version : NULL;
      a->exclusive = true;
      relies_on(a, e);
      const LicenceTerm *t = &by->clause->u.licence;
      Buf b = buf_on(a->reason, sizeof a->reason);
      b_sym(&b, sym(d, v->party));
      b_str(&b, " granted ");
      b_sym(&b, sym(d, v->counterparty));
      b_str(&b, " '");
      b_sym(&b, sym(d, v->subject));
      b_str(&b, "' on ");
      b_date(&b, v->date);
      b_str(&b, " while ");
      b_sym(&b, by->clause->id);
      b_str(&b, " licensed it exclusively to ");
      b_sym(&b, t->licensee.name);
      reason_close(a, &b);
      return true;
    }
    default: return false;
  }
}

PactStatus decide_findings(const Decider *d, PactDate on, DecideFindingVisit visit, void *context) {
  if (!d->finished) return PACT_ERR_MISUSE;
  uint32_t count = 0;
  Entry *order = mem_malloc(((size_t)d->event_count + 1) * sizeof *order);
  if (!order) return PACT_ERR_NOMEM;
  /* An answer is due by the offer's date plus a clause's window: an offer older than the
  ** longest window of any cloud clause can have none due on the day. */
  int64_t window = -1;
  for (uint32_t v = 0; v < d->plan_count; v++)
    for (uint32_t i = 0; i < d->plans[v].cloud_count; i++) {
      const CloudTerm *t = &d->plans[v].clouds[i].clause->u.cloud;
      if (t->has_window && t->window_days > window) window = t->window_days;
    }
  for (uint32_t e = 0; e < d->event_count; e++) {
    uint8_t k = d->events[e].kind;
    PactDate date = d->events[e].date;
    if (date > on) continue;
    if (k == EVENT_OFFER && (window < 0 || (int64_t)date + window < (int64_t)on)) continue;
    if (k == EVENT_OFFER || k == EVENT_LAUNCH || k == EVENT_USE || k == EVENT_GRANT)
      order[count++] = (Entry){date, e, 0, 0};
  }
  qsort(order, count, sizeof *order, entry_by_date);
  PactStatus status = PACT_OK;
  DecideFinding *f = mem_malloc(sizeof *f);
  if (!f) status = PACT_ERR_NOMEM;
  for (uint32_t i = 0; status == PACT_OK && i < count; i++) {
    f->event = order[i].event;
    if (finding_of(d, f->event, on, f)) status = visit(context, f);
  }
  free(f);
  free(order);
  return status;
}
