/*
** settle.c -- pactum.h's settlement: a feed settled (a large event file on two threads), the
** obligations, totals and payments as public values, and what is written of them.
*/
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "base/mem.h"
#include "engine/settle.h"
#include "render/explain.h"
#include "render/export.h"
#include "render/settle_chart.h"
#include "render/summary.h"

/* ---------------------------------------------------------------- reading a feed */

/* The settlements being fed, one per side (each with its own list of diagnostics, the first
** being the caller's, which the feed rewinds on a restart), and the count for the progress
** hook. A fork (a part of a large file read on another thread: feed_all_parallel) has its own
** lists. */
typedef struct Feeding {
  size_t count;
  const Agreement *ag[API_SIDES_MAX];
  const SettleOptions *options;
  const PactSettleOptions *public_options;
  DiagList *diags[API_SIDES_MAX];
  Settlement *s[API_SIDES_MAX];
  uint64_t events;
  DiagList own_diags[API_SIDES_MAX];
} Feeding;

/* Every so many events the progress hook is called: a few times a second. */
enum { PROGRESS_EVENTS = 1u << 22 };

/* A pass begins (again): every settlement afresh, and the lists of the sides after the first,
** which no one else rewinds, emptied. */
static PactStatus feeding_start(void *context) {
  Feeding *f = context;
  PactStatus status = PACT_OK;
  for (size_t i = 0; i < f->count; i++) {
    settle_free(f->s[i]);
    f->s[i] = NULL;
    if (i > 0) diag_list_free(f->diags[i]);
    if (status == PACT_OK) status = settle_begin(f->ag[i], f->options, f->diags[i], &f->s[i]);
  }
  return status;
}

/* A ledger may sum a group of events by day only when every side would take them so. */
static bool feeding_summable(void *context, const Event *group) {
  const Feeding *f = context;
  for (size_t i = 0; i < f->count; i++)
    if (!f->s[i] || !settle_summable(f->s[i], group)) return false;
  return true;
}

/* An event is added to each settlement; one it cannot take (a bad amount, a sum past 64 bits)
** is reported by it and the reading goes on: the list's errors say the answer is not whole.
** Memory running out, or a call out of order, ends the reading. */
static PactStatus feeding_visit(void *context, const char *source, const Event *event) {
  Feeding *f = context;
  const PactSettleOptions *o = f->public_options;
  if (o && o->progress && (++f->events & (PROGRESS_EVENTS - 1)) == 0)
    o->progress(o->progress_context, source, f->events);
  for (size_t i = 0; i < f->count; i++) {
    settle_set_events_path(f->s[i], source);
    PactStatus status = settle_add(f->s[i], event);
    if (status == PACT_ERR_NOMEM || status == PACT_ERR_MISUSE) return status;
  }
  return PACT_OK;
}

static void feeding_discard(void *forked) {
  Feeding *g = forked;
  for (size_t i = 0; i < g->count; i++) {
    settle_free(g->s[i]);
    diag_list_free(&g->own_diags[i]);
  }
  free(g);
}

static void *feeding_fork(void *context) {
  const Feeding *f = context;
  Feeding *g = mem_calloc(1, sizeof *g);
  if (!g) return NULL;
  g->count = f->count;
  g->options = f->options;
  bool ok = true;
  for (size_t i = 0; i < f->count; i++) {
    g->ag[i] = f->ag[i];
    diag_list_init(&g->own_diags[i]);
    g->diags[i] = &g->own_diags[i];
    ok = ok && settle_begin(f->ag[i], f->options, g->diags[i], &g->s[i]) == PACT_OK;
  }
  if (!ok) {
    feeding_discard(g);
    return NULL;
  }
  return g;
}

static PactStatus feeding_join(void *context, void *forked) {
  Feeding *f = context;
  Feeding *g = forked;
  PactStatus status = PACT_OK;
  for (size_t i = 0; i < f->count && status == PACT_OK; i++)
    status = settle_merge(f->s[i], g->s[i]);
  feeding_discard(g);
  return status;
}

/* ---------------------------------------------------------------- the handle */

/* Finished: the obligations' clause ids as C strings (the agreement keeps Str only). */
static PactStatus settlement_finished(PactSettlement *p) {
  size_t count;
  const Obligation *all = settle_obligations(p->s, &count);
  p->clause_ids = arena_alloc(&p->arena, (count + 1) * sizeof *p->clause_ids);
  if (!p->clause_ids) return PACT_ERR_NOMEM;
  for (size_t i = 0; i < count; i++) {
    const Str *id = &all[i].clause->id;
    if (i > 0 && all[i - 1].clause == all[i].clause) {
      p->clause_ids[i] = p->clause_ids[i - 1];
    } else if (!(p->clause_ids[i] = arena_strndup(&p->arena, id->ptr, id->len))) {
      return PACT_ERR_NOMEM;
    }
  }
  p->finished = true;
  return PACT_OK;
}

static PactStatus settlement_new(const PactAgreement *agreement, const PactSettleOptions *options,
                                 PactDiagnostics *d, PactSettlement **out,
                                 SettleOptions *internal) {
  *out = NULL;
  if (!agreement || !d || agreement->diags.errors) return PACT_ERR_MISUSE;
  PactSettlement *p = mem_calloc(1, sizeof *p);
  if (!p) return PACT_ERR_NOMEM;
  arena_init(&p->arena);
  p->ag = agreement;
  p->diags = &d->list;
  *internal = (SettleOptions){0};
  if (options) {
    *internal =
        (SettleOptions){options->has_from,  options->has_through, options->from, options->through,
                        options->has_as_of, options->as_of,       NULL};
    if (options->period &&
        !(internal->period = arena_strndup(&p->arena, options->period, strlen(options->period)))) {
      pact_settlement_free(p);
      return PACT_ERR_NOMEM;
    }
  }
  *out = p;
  return PACT_OK;
}

PactStatus api_settle_feed(PactFeed *feed, size_t count, const PactAgreement *const *agreements,
                           const PactSettleOptions *options, DiagList *const *diags,
                           PactSettlement **out) {
  SettleOptions internal;
  Feeding f = {.count = count, .public_options = options, .options = &internal};
  PactStatus status = count && count <= API_SIDES_MAX ? PACT_OK : PACT_ERR_MISUSE;
  for (size_t i = 0; i < count; i++) out[i] = NULL;
  for (size_t i = 0; i < count && status == PACT_OK; i++) {
    PactDiagnostics *d = (PactDiagnostics *)(void *)diags[i]; /* the list is its first member */
    status = settlement_new(agreements[i], options, d, &out[i], &internal);
    f.ag[i] = agreements[i];
    f.diags[i] = diags[i];
  }
  if (status == PACT_OK) {
    const FeedParallel parallel = {feeding_fork, feeding_join, feeding_discard};
    feed_set_summable(feed->feed, feeding_summable, &f);
    status = feed_all_parallel(feed->feed, diags[0], feeding_start, feeding_visit, &parallel, &f);
    feed_set_summable(feed->feed, NULL, NULL); /* a later reading (explain) wants the events */
  }
  for (size_t i = 0; i < count; i++) {
    if (out[i]) out[i]->s = f.s[i], out[i]->ended = true;
    else settle_free(f.s[i]);
    if (status == PACT_OK) status = settle_finish(out[i]->s);
    if (status == PACT_OK) status = settlement_finished(out[i]);
  }
  if (status != PACT_OK)
    for (size_t i = 0; i < count; i++) {
      pact_settlement_free(out[i]);
      out[i] = NULL;
    }
  return status;
}

PactStatus pact_settle(const PactAgreement *agreement, PactFeed *feed,
                       const PactSettleOptions *options, PactDiagnostics *d, PactSettlement **out) {
  *out = NULL;
  if (!d) return PACT_ERR_MISUSE;
  DiagList *list = &d->list;
  return api_settle_feed(feed, 1, &agreement, options, &list, out);
}

PactStatus pact_settle_begin(const PactAgreement *agreement, const PactSettleOptions *options,
                             PactDiagnostics *d, PactSettlement **out) {
  SettleOptions internal;
  PactStatus status = settlement_new(agreement, options, d, out, &internal);
  if (status == PACT_OK) status = settle_begin(agreement, &internal, &d->list, &(*out)->s);
  if (status != PACT_OK) {
    pact_settlement_free(*out);
    *out = NULL;
  }
  return status;
}

PactStatus pact_settle_add(PactSettlement *p, const char *source, const PactEvent *event) {
  if (!p || p->ended || !event) return PACT_ERR_MISUSE;
  Event e;
  api_event_in(event, &e);
  settle_set_events_path(p->s, source ? source : "(events)");
  return settle_add(p->s, &e);
}

PactStatus pact_settle_finish(PactSettlement *p) {
  if (!p || p->ended) return PACT_ERR_MISUSE;
  p->ended = true;
  PactStatus status = settle_finish(p->s);
  return status == PACT_OK ? settlement_finished(p) : status;
}

void pact_settlement_free(PactSettlement *p) {
  if (!p) return;
  settle_free(p->s);
  arena_free(&p->arena);
  free(p);
}

/* ---------------------------------------------------------------- its values */

static const char *party_text(const PactSettlement *p, int32_t index) {
  return index >= 0 ? pact_agreement_party_id(p->ag, (size_t)index) : NULL;
}

size_t pact_settlement_obligation_count(const PactSettlement *p) {
  size_t count = 0;
  if (p && p->finished) settle_obligations(p->s, &count);
  return count;
}

bool pact_settlement_obligation(const PactSettlement *p, size_t index, PactObligation *out) {
  size_t count = 0;
  const Obligation *all = p && p->finished ? settle_obligations(p->s, &count) : NULL;
  if (index >= count) return false;
  const Obligation *o = &all[index];
  const Clause *c = o->clause;
  const RevenueShare *share = &c->u.share;
  *out = (PactObligation){p->clause_ids[index],
                          p->ag->version_names ? p->ag->version_names[c->version] : NULL,
                          party_text(p, share->payer.index),
                          party_text(p, share->payee.index),
                          "",
                          o->first,
                          o->last,
                          o->base_minor,
                          o->uncapped_minor,
                          o->amount_minor,
                          o->cumulative_minor,
                          o->has_due,
                          o->due,
                          o->cap_binds,
                          o->tiered,
                          o->paid_minor,
                          o->overdue,
                          o->accruing};
  pact_period_label(share->calendar, o->period, out->period, sizeof out->period);
  return true;
}

size_t pact_settlement_total_count(const PactSettlement *p) {
  size_t count = 0;
  if (p && p->finished) settle_totals(p->s, &count);
  return count;
}

bool pact_settlement_total(const PactSettlement *p, size_t index, PactSettleTotal *out) {
  size_t count = 0;
  const SettleTotal *all = p && p->finished ? settle_totals(p->s, &count) : NULL;
  if (index >= count) return false;
  const SettleTotal *t = &all[index];
  *out = (PactSettleTotal){party_text(p, t->payer), party_text(p, t->payee), t->amount_minor,
                           t->uncapped_minor,       t->received_minor,       t->paid_minor,
                           t->outstanding_minor,    t->accruing_minor,       t->overdue_minor,
                           t->credit_minor};
  return true;
}

size_t pact_settlement_payment_count(const PactSettlement *p) {
  size_t count = 0;
  if (p && p->finished) settle_payments(p->s, &count);
  return count;
}

bool pact_settlement_payment(const PactSettlement *p, size_t index, PactSettlePayment *out) {
  size_t count = 0;
  const SettlePayment *all = p && p->finished ? settle_payments(p->s, &count) : NULL;
  if (index >= count) return false;
  const SettlePayment *pay = &all[index];
  *out = (PactSettlePayment){pay->id, party_text(p, pay->payer), party_text(p, pay->payee),
                             pay->date, pay->amount_minor};
  return true;
}

/* ---------------------------------------------------------------- what is written */

PactStatus pact_settlement_write(const PactSettlement *p, PactForm form, const PactDiagnostics *d,
                                 FILE *out) {
  if (!p || !p->finished) return PACT_ERR_MISUSE;
  if (form == PACT_FORM_JSON) settle_write_json(p->s, api_clist(d), out);
  else settle_write_table(p->s, out);
  return PACT_OK;
}

PactStatus pact_statement_write(const PactSettlement *p, PactForm form, const PactDiagnostics *d,
                                FILE *out) {
  if (!p || !p->finished) return PACT_ERR_MISUSE;
  settle_write_statement(p->s, form == PACT_FORM_JSON, api_clist(d), out);
  return PACT_OK;
}

PactStatus pact_summary_write(const PactSettlement *p, PactForm form, PactDiagnostics *d,
                              FILE *out) {
  if (!p || !p->finished || !d) return PACT_ERR_MISUSE;
  return summary_write(p->s, form == PACT_FORM_JSON, &d->list, out);
}

PactStatus pact_settlement_svg_write(const PactSettlement *p, bool by_year, PactDiagnostics *d,
                                     FILE *out) {
  if (!p || !p->finished || !d) return PACT_ERR_MISUSE;
  return settle_chart_write(p->s, by_year, &d->list, out);
}

_Static_assert((int)PACT_EXPORT_CSV == (int)EXPORT_CSV, "the export formats in the same order");

bool pact_export_format_find(const char *name, PactExportFormat *out) {
  ExportFormat format;
  if (!export_format_find(name, &format)) return false;
  *out = (PactExportFormat)format;
  return true;
}

PactStatus pact_export_write(const PactSettlement *p, PactExportFormat format, FILE *out) {
  if (!p || !p->finished) return PACT_ERR_MISUSE;
  return export_write(p->s, (ExportFormat)format, out);
}

PactStatus pact_explain_write(const PactSettlement *p, PactFeed *feed, const PactExplainRequest *r,
                              PactForm form, PactDiagnostics *d, FILE *out) {
  if (!p || !p->finished || !feed || !r || !r->clause || !r->period || !d) return PACT_ERR_MISUSE;
  ExplainRequest request = {r->clause, r->period, r->version, feed->feed, form == PACT_FORM_JSON};
  return explain_write(p->s, &request, &d->list, out);
}
