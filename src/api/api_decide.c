/*
** decide.c -- pactum.h's decisions and audits, over the library's decider (engine/decide.h)
** and audit (engine/audit.h).
*/
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/mem.h"
#include "engine/audit.h"
#include "engine/decide.h"

struct PactDecider {
  Decider *d;
  const Agreement *ag;
};

struct PactAnswer {
  DecideAnswer answer;
  char *clause_id;          /* the deciding clause's id as a C string, or NULL */
  const char *version_name; /* the version in force (the agreement's text), or NULL */
};

/* ---------------------------------------------------------------- building */

typedef struct Deciding {
  const Agreement *ag;
  DiagList *diags;
  bool by_id; /* the events come by id (a ledger, unsorted) */
  Decider *d;
} Deciding;

static PactStatus deciding_start(void *context) {
  Deciding *x = context;
  decide_free(x->d);
  x->d = NULL;
  PactStatus status = decide_begin(x->ag, x->diags, &x->d);
  if (status == PACT_OK && x->by_id) decide_warn_by_date(x->d);
  return status;
}

static PactStatus deciding_visit(void *context, const char *source, const Event *event) {
  return decide_add(((Deciding *)context)->d, source, event);
}

/* Reads the feed's events into a decider; with restatements in event files, twice (as settle).
** The decider sorts what it needs itself: a ledger is read in its own order, by id. */
PactStatus pact_decider_build(const PactAgreement *agreement, PactFeed *feed, PactDiagnostics *d,
                              PactDecider **out) {
  *out = NULL;
  if (!agreement || !feed || !d || agreement->diags.errors) return PACT_ERR_MISUSE;
  PactDecider *p = mem_calloc(1, sizeof *p);
  if (!p) return PACT_ERR_NOMEM;
  feed_set_ledger_by_id(feed->feed, true);
  Deciding x = {agreement, &d->list, feed_ledger_by_id(feed->feed), NULL};
  PactStatus status = feed_all(feed->feed, &d->list, deciding_start, deciding_visit, &x);
  if (status == PACT_OK) status = decide_finish(x.d);
  p->d = x.d;
  p->ag = agreement;
  if (status != PACT_OK) {
    pact_decider_free(p);
    return status;
  }
  *out = p;
  return PACT_OK;
}

void pact_decider_free(PactDecider *p) {
  if (!p) return;
  decide_free(p->d);
  free(p);
}

/* ---------------------------------------------------------------- questions */

static EventText text_of(const char *s) {
  return (EventText){s ? s : "", s ? (uint32_t)strlen(s) : 0};
}

static DecideQuery query_in(const PactQuery *q) {
  DecideQuery in = {.kind = q->kind == PACT_DECIDE_USE ? DECIDE_USE : DECIDE_LAUNCH, .on = q->on};
  if (in.kind == DECIDE_LAUNCH) {
    in.product = text_of(q->product);
    in.provider = text_of(q->provider);
    in.tags = text_of(q->tags);
  } else {
    in.licensee = text_of(q->licensee);
    in.subject = text_of(q->subject);
  }
  return in;
}

PactStatus pact_decide(const PactDecider *p, const PactQuery *q, PactAnswer **out) {
  *out = NULL;
  if (!p || !q) return PACT_ERR_MISUSE;
  PactAnswer *a = mem_calloc(1, sizeof *a);
  if (!a) return PACT_ERR_NOMEM;
  DecideQuery in = query_in(q);
  PactStatus status = decide_query(p->d, &in, &a->answer);
  const Version *v = a->answer.version;
  if (v && p->ag->version_names) a->version_name = p->ag->version_names[v - p->ag->versions];
  const Clause *c = a->answer.clause;
  if (c && !(a->clause_id = mem_malloc(c->id.len + 1))) {
    pact_answer_free(a);
    return PACT_ERR_NOMEM;
  }
  if (c) {
    memcpy(a->clause_id, c->id.ptr, c->id.len);
    a->clause_id[c->id.len] = '\0';
  }
  *out = a;
  return status;
}

_Static_assert((int)PACT_DECISION_PENDING == (int)DECISION_PENDING, "decisions in one order");

PactDecision pact_answer_decision(const PactAnswer *a) { return (PactDecision)a->answer.decision; }
const char *pact_decision_name(PactDecision decision) { return decision_name((Decision)decision); }
const char *pact_answer_reason(const PactAnswer *a) { return a->answer.reason; }
const char *pact_answer_clause(const PactAnswer *a) { return a->clause_id; }

const char *pact_answer_version(const PactAnswer *a) { return a->version_name; }

const char *pact_answer_exception(const PactAnswer *a) {
  return a->answer.exception[0] ? a->answer.exception : NULL;
}

bool pact_answer_due(const PactAnswer *a, PactDate *out) {
  if (a->answer.has_deadline) *out = a->answer.deadline;
  return a->answer.has_deadline;
}

void pact_answer_free(PactAnswer *a) {
  if (!a) return;
  free(a->clause_id);
  free(a);
}

PactStatus pact_answer_write(const PactDecider *p, const PactQuery *q, const PactAnswer *a,
                             PactForm form, const PactDiagnostics *d, FILE *out) {
  if (!p || !q || !a) return PACT_ERR_MISUSE;
  DecideText t = {0};
  DecideQuery in = query_in(q);
  if (form == PACT_FORM_JSON) decide_write_report(p->d, &a->answer, api_clist(d), &t);
  else decide_write_text(p->d, &in, &a->answer, &t);
  PactStatus status = t.failed                                ? PACT_ERR_NOMEM
                      : fwrite(t.ptr, 1, t.len, out) == t.len ? PACT_OK
                                                              : PACT_ERR_IO;
  decide_text_free(&t);
  return status;
}

PactStatus pact_decide_batch(const PactDecider *p, const char *name, FILE *in, FILE *out,
                             size_t *error_count) {
  if (!p) return PACT_ERR_MISUSE;
  return decide_batch(p->d, name, in, out, error_count);
}

/* ---------------------------------------------------------------- audits */

PactStatus pact_audit_write(const PactAgreement *agreement, PactFeed *feed, PactDate on,
                            PactForm form, PactDiagnostics *d, FILE *out) {
  if (!agreement || !feed || !d || agreement->diags.errors) return PACT_ERR_MISUSE;
  return audit_write(agreement, feed->feed, on, form == PACT_FORM_JSON, &d->list, out);
}
