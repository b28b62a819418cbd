/*
** api_compare.c -- pactum.h's comparison: the events of one feed settled under two sides in one
** reading (api_settle_feed), compared (engine/compare.h), its rows as public values, and what
** is written of it.
*/
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/mem.h"
#include "engine/compare.h"
#include "render/compare_chart.h"
#include "render/compare_write.h"

/* What a report's comparison section reads when it is written. */
typedef struct SectionContext {
  const Comparison *c;
  PactDiagnostics *diags;
} SectionContext;

struct PactComparison {
  PactSettlement *side[2];
  DiagList b_diags; /* side B's own, before those A's list holds are dropped */
  Comparison c;
  bool built;
  Arena arena; /* the clause ids as C strings */
  const char **clause_ids;
  SectionContext section;
};

void pact_comparison_free(PactComparison *p) {
  if (!p) return;
  compare_free(&p->c);
  pact_settlement_free(p->side[0]);
  pact_settlement_free(p->side[1]);
  diag_list_free(&p->b_diags);
  arena_free(&p->arena);
  free(p);
}

static PactStatus clause_texts(PactComparison *p) {
  p->clause_ids = arena_alloc(&p->arena, (p->c.clause_count + 1) * sizeof *p->clause_ids);
  if (!p->clause_ids) return PACT_ERR_NOMEM;
  for (size_t k = 0; k < p->c.clause_count; k++) {
    const Str *id = &p->c.clauses[k].id;
    if (!(p->clause_ids[k] = arena_strndup(&p->arena, id->ptr, id->len))) return PACT_ERR_NOMEM;
  }
  return PACT_OK;
}

PactStatus pact_compare(const PactAgreement *a, const PactAgreement *b, PactFeed *feed,
                        const PactSettleOptions *options, PactDiagnostics *d,
                        PactComparison **out) {
  *out = NULL;
  if (!a || !b || !feed || !d) return PACT_ERR_MISUSE;
  PactComparison *p = mem_calloc(1, sizeof *p);
  if (!p) return PACT_ERR_NOMEM;
  diag_list_init(&p->b_diags);
  arena_init(&p->arena);
  const PactAgreement *sides[2] = {a, b};
  DiagList *lists[2] = {&d->list, &p->b_diags};
  PactStatus status = api_settle_feed(feed, 2, sides, options, lists, p->side);
  /* What both sides said of the events is said once. */
  diag_list_move_new(&d->list, &p->b_diags);
  if (status == PACT_OK) status = compare_build(p->side[0]->s, p->side[1]->s, &d->list, &p->c);
  if (status == PACT_OK) status = clause_texts(p);
  if (status != PACT_OK) {
    pact_comparison_free(p);
    return status;
  }
  p->built = true;
  *out = p;
  return PACT_OK;
}

const char *pact_comparison_label(const PactComparison *p, PactCompareSide side) {
  return p && (side == PACT_SIDE_A || side == PACT_SIDE_B)
             ? pact_agreement_side_label(p->side[side]->ag)
             : NULL;
}

const PactSettlement *pact_comparison_settlement(const PactComparison *p, PactCompareSide side) {
  return p && (side == PACT_SIDE_A || side == PACT_SIDE_B) ? p->side[side] : NULL;
}

/* ---------------------------------------------------------------- its rows */

static const char *party(const PactComparison *p, int32_t index) {
  return index >= 0 ? pact_agreement_party_id(p->side[0]->ag, (size_t)index) : NULL;
}

static void row_out(const PactComparison *p, const CompareRow *r, PactCompareRow *out) {
  *out = (PactCompareRow){party(p, r->payer), party(p, r->payee), r->year,
                          r->a_minor,         r->b_minor,         r->difference_minor};
}

size_t pact_comparison_total_count(const PactComparison *p) { return p ? p->c.total_count : 0; }

bool pact_comparison_total(const PactComparison *p, size_t index, PactCompareRow *out) {
  if (!p || index >= p->c.total_count) return false;
  row_out(p, &p->c.totals[index], out);
  return true;
}

size_t pact_comparison_year_count(const PactComparison *p) { return p ? p->c.year_count : 0; }

bool pact_comparison_year(const PactComparison *p, size_t index, PactCompareRow *out) {
  if (!p || index >= p->c.year_count) return false;
  row_out(p, &p->c.years[index], out);
  return true;
}

size_t pact_comparison_clause_count(const PactComparison *p) { return p ? p->c.clause_count : 0; }

bool pact_comparison_clause(const PactComparison *p, size_t index, PactCompareClause *out) {
  if (!p || index >= p->c.clause_count) return false;
  const CompareClause *r = &p->c.clauses[index];
  *out = (PactCompareClause){
      p->clause_ids[index], party(p, r->payer), party(p, r->payee), r->in_a, r->in_b,
      r->a_minor,           r->b_minor,         r->difference_minor};
  return true;
}

size_t pact_comparison_cap_count(const PactComparison *p) { return p ? p->c.cap_count : 0; }

bool pact_comparison_cap(const PactComparison *p, size_t index, PactCompareCap *out) {
  if (!p || index >= p->c.cap_count) return false;
  const CompareCap *cap = &p->c.caps[index];
  const PactSettlement *s = p->side[cap->side];
  const Clause *c = cap->first->clause;
  const RevenueShare *r = &c->u.share;
  /* The obligation's clause id as the settlement hands it out (a C string). */
  size_t count;
  const Obligation *all = settle_obligations(s->s, &count);
  *out = (PactCompareCap){(PactCompareSide)cap->side,
                          s->clause_ids[cap->first - all],
                          s->ag->version_names ? s->ag->version_names[c->version] : NULL,
                          party(p, r->payer.index),
                          party(p, r->payee.index),
                          r->cap_minor,
                          "",
                          "",
                          cap->first->period.first,
                          cap->last->period.last,
                          cap->periods,
                          cap->amount_minor,
                          cap->uncapped_minor};
  pact_period_label(r->calendar, cap->first->period, out->binds_from, sizeof out->binds_from);
  pact_period_label(cap->last->clause->u.share.calendar, cap->last->period, out->binds_through,
                    sizeof out->binds_through);
  return true;
}

PactStatus pact_comparison_write(const PactComparison *p, PactForm form, const PactDiagnostics *d,
                                 FILE *out) {
  if (!p || !p->built) return PACT_ERR_MISUSE;
  compare_write(&p->c, form == PACT_FORM_JSON, api_clist(d), out);
  return PACT_OK;
}

PactStatus pact_comparison_svg_write(const PactComparison *p, PactDiagnostics *d, FILE *out) {
  if (!p || !p->built || !d || !out) return PACT_ERR_MISUSE;
  PactStatus status = compare_chart_write(&p->c, &d->list, out);
  if (status == PACT_OK && ferror(out)) status = PACT_ERR_IO;
  return status;
}

static PactStatus section_write(void *context, FILE *out) {
  SectionContext *x = context;
  return compare_html_write(x->c, &x->diags->list, out);
}

PactStatus pact_comparison_report_section(PactComparison *p, PactDiagnostics *d,
                                          PactReportSection *out) {
  if (!p || !p->built || !d || !out) return PACT_ERR_MISUSE;
  p->section = (SectionContext){&p->c, d};
  *out = (PactReportSection){"compare", "Comparison: side a against side b", section_write,
                             &p->section};
  return PACT_OK;
}
