/*
** query.c -- decide_query: a question to the version in force on its day, and to the clauses
** that answer it (launch.c, use.c).
*/
#include "engine/decide/decide_int.h"

PactStatus decide_query(const Decider *d, const DecideQuery *q, DecideAnswer *a) {
  if (!d->finished) { /* no index is built yet: an answer now would be made of nothing */
    memset(a, 0, sizeof *a);
    a->kind = q->kind;
    a->decision = DECISION_NOT_PERMITTED;
    snprintf(a->reason, sizeof a->reason, "the decider was asked before decide_finish built it");
    return PACT_ERR_MISUSE;
  }
  a->kind = q->kind;
  a->decision = DECISION_NOT_PERMITTED;
  a->clause = NULL;
  a->version = NULL;
  a->exception[0] = '\0';
  a->has_deadline = false;
  a->exclusive = false;
  a->until[0] = '\0';
  a->reason[0] = '\0';
  a->event_count = 0;
  a->events_left_out = 0;
  a->reason_cut = false;
  const VersionPlan *vp = d->finished ? plan_on(d, q->on) : NULL;
  if (!vp) {
    Buf b = buf_on(a->reason, sizeof a->reason);
    b_str(&b, "no version of the agreement is in force on ");
    b_date(&b, q->on);
    if (d->plan_count) {
      b_str(&b, "; its first version takes effect on ");
      b_date(&b, d->plans[0].effective);
    }
    reason_close(a, &b);
    return PACT_ERR_RANGE;
  }
  a->version = vp->version;
  if (q->kind == DECIDE_LAUNCH) launch_query(d, q, vp, a);
  else use_query(d, q, vp, a);
  return PACT_OK;
}

const char *decision_name(Decision decision) {
  switch (decision) {
    case DECISION_PERMITTED: return "permitted";
    case DECISION_NOT_PERMITTED: return "not_permitted";
    case DECISION_PENDING: return "pending";
  }
  return "not_permitted";
}

void decide_text_free(DecideText *t) { json_text_free(t); }

const Agreement *decide_agreement(const Decider *d) { return d->ag; }
