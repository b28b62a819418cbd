/*
** compare.c -- see compare.h.
*/
#include "engine/compare.h"

#include <stdlib.h>
#include <string.h>

#include "base/invariant.h"
#include "base/mem.h"

/* What is summed: the sums and differences of one comparison, each checked. */
typedef struct Build {
  Comparison *c;
  DiagList *diags;
  const Agreement *ag; /* side A's, for messages */
  int first_year;
} Build;

static int year_of(PactDate day) {
  int year, month, dom;
  pact_date_to_ymd(day, &year, &month, &dom);
  return year;
}

/* E1103: a sum that does not fit; pactum never wraps money. */
static PactStatus too_large(Build *b, const char *what) {
  diag_add_path(b->diags, DIAG_ERROR, "E1103", b->ag->path,
                "pactum never wraps money; check the event amounts for a typo",
                "%s does not fit in 64-bit minor units", what);
  return PACT_ERR_OVERFLOW;
}

static PactStatus add(Build *b, int64_t *sum, int64_t amount, const char *what) {
  return pact_money_add(*sum, amount, sum) == PACT_OK ? PACT_OK : too_large(b, what);
}

static PactStatus difference(Build *b, int64_t a, int64_t bb, int64_t *out, const char *what) {
  return pact_money_sub(a, bb, out) == PACT_OK ? PACT_OK : too_large(b, what);
}

/* ---------------------------------------------------------------- pairs and years */

static size_t pair_of(const Comparison *c, int32_t payer, int32_t payee) {
  for (size_t p = 0; p < c->total_count; p++)
    if (c->totals[p].payer == payer && c->totals[p].payee == payee) return p;
  return c->total_count;
}

/* Every payer and payee either side owes anything (or nothing) under: A's first, then B's. */
static PactStatus collect_pairs(Build *b) {
  Comparison *c = b->c;
  size_t na, nb;
  const SettleTotal *ta = settle_totals(c->side[0], &na), *tb = settle_totals(c->side[1], &nb);
  c->totals = mem_calloc(na + nb + 1, sizeof *c->totals);
  if (!c->totals) return PACT_ERR_NOMEM;
  for (size_t side = 0; side < 2; side++) {
    const SettleTotal *t = side ? tb : ta;
    for (size_t i = 0; i < (side ? nb : na); i++) {
      size_t p = pair_of(c, t[i].payer, t[i].payee);
      if (p == c->total_count)
        c->totals[c->total_count++] = (CompareRow){t[i].payer, t[i].payee, 0, 0, 0, 0};
      int64_t *sum = side ? &c->totals[p].b_minor : &c->totals[p].a_minor;
      *sum = t[i].amount_minor;
    }
  }
  for (size_t p = 0; p < c->total_count; p++) {
    CompareRow *r = &c->totals[p];
    PactStatus status =
        difference(b, r->a_minor, r->b_minor, &r->difference_minor, "the difference of two totals");
    if (status != PACT_OK) return status;
  }
  return PACT_OK;
}

/* The years from the first obligation's to the last one's, on either side. */
static size_t year_span(Build *b) {
  int first = 0, last = 0;
  bool any = false;
  for (int side = 0; side < 2; side++) {
    size_t count;
    const Obligation *all = settle_obligations(b->c->side[side], &count);
    for (size_t i = 0; i < count; i++) {
      int year = year_of(all[i].period.last);
      if (!any || year < first) first = year;
      if (!any || year > last) last = year;
      any = true;
    }
  }
  b->first_year = first;
  return any ? (size_t)(last - first + 1) : 0;
}

static PactStatus collect_years(Build *b) {
  Comparison *c = b->c;
  size_t years = year_span(b), pairs = c->total_count;
  c->years = mem_calloc(years * pairs + 1, sizeof *c->years);
  if (!c->years) return PACT_ERR_NOMEM;
  c->year_count = years * pairs;
  for (size_t i = 0; i < c->year_count; i++)
    c->years[i] = (CompareRow){c->totals[i % pairs].payer,
                               c->totals[i % pairs].payee,
                               b->first_year + (int)(i / pairs),
                               0,
                               0,
                               0};
  PactStatus status = PACT_OK;
  for (int side = 0; side < 2 && status == PACT_OK; side++) {
    size_t count;
    const Obligation *all = settle_obligations(c->side[side], &count);
    for (size_t i = 0; i < count && status == PACT_OK; i++) {
      const RevenueShare *r = &all[i].clause->u.share;
      size_t p = pair_of(c, r->payer.index, r->payee.index);
      if (NEVER(p == pairs)) continue; /* every obligation counts in its pair's total */
      CompareRow *row =
          &c->years[(size_t)(year_of(all[i].period.last) - b->first_year) * pairs + p];
      status = add(b, side ? &row->b_minor : &row->a_minor, all[i].amount_minor, "a year's sum");
    }
  }
  for (size_t i = 0; i < c->year_count && status == PACT_OK; i++)
    status = difference(b, c->years[i].a_minor, c->years[i].b_minor, &c->years[i].difference_minor,
                        "the difference of two years' sums");
  return status;
}

/* ---------------------------------------------------------------- clauses */

static size_t clause_of(const Comparison *c, Str id) {
  for (size_t k = 0; k < c->clause_count; k++)
    if (str_eq(c->clauses[k].id, id)) return k;
  return c->clause_count;
}

/* Every payment clause in the terms of either side, by its id. */
static PactStatus collect_clauses(Build *b) {
  Comparison *c = b->c;
  size_t most = 0;
  for (int side = 0; side < 2; side++) {
    const Agreement *ag = settle_agreement(c->side[side]);
    for (uint32_t h = 0; h < ag->history_count; h++) most += ag->versions[ag->history[h]].own_count;
  }
  c->clauses = mem_calloc(most + 1, sizeof *c->clauses);
  if (!c->clauses) return PACT_ERR_NOMEM;
  for (int side = 0; side < 2; side++) {
    const Agreement *ag = settle_agreement(c->side[side]);
    for (uint32_t h = 0; h < ag->history_count; h++) {
      const Version *v = &ag->versions[ag->history[h]];
      for (uint32_t k = 0; k < v->own_count; k++) {
        const Clause *clause = v->own[k];
        if (clause->kind != CLAUSE_REVENUE_SHARE) continue;
        size_t at = clause_of(c, clause->id);
        if (at == c->clause_count) c->clauses[c->clause_count++].id = clause->id;
        CompareClause *row = &c->clauses[at];
        row->payer = clause->u.share.payer.index;
        row->payee = clause->u.share.payee.index;
        if (side) row->in_b = true;
        else row->in_a = true;
      }
    }
  }
  return PACT_OK;
}

static PactStatus sum_clauses(Build *b) {
  Comparison *c = b->c;
  PactStatus status = PACT_OK;
  for (int side = 0; side < 2 && status == PACT_OK; side++) {
    size_t count;
    const Obligation *all = settle_obligations(c->side[side], &count);
    for (size_t i = 0; i < count && status == PACT_OK; i++) {
      size_t at = clause_of(c, all[i].clause->id);
      if (NEVER(at == c->clause_count)) continue; /* obligations come from the terms */
      CompareClause *row = &c->clauses[at];
      status =
          add(b, side ? &row->b_minor : &row->a_minor, all[i].amount_minor, "a clause's total");
    }
  }
  for (size_t k = 0; k < c->clause_count && status == PACT_OK; k++)
    status = difference(b, c->clauses[k].a_minor, c->clauses[k].b_minor,
                        &c->clauses[k].difference_minor, "the difference of a clause's totals");
  return status;
}

/* ---------------------------------------------------------------- caps */

/* Whether o counts under the cap of first's clause: the clause itself, or with a cap counting
** all versions, any wording of it that has a cap. */
static bool same_count(const Obligation *first, const Obligation *o) {
  const Clause *a = first->clause, *b = o->clause;
  if (a == b) return true;
  return a->u.share.cap_counting == CAP_ALL_VERSIONS && b->u.share.has_cap && str_eq(a->id, b->id);
}

static PactStatus cap_of(Build *b, int side, const Obligation *first, CompareCap *out) {
  size_t count;
  const Settlement *s = b->c->side[side];
  const Obligation *all = settle_obligations(s, &count);
  *out = (CompareCap){side, first, first, 0, 0, 0};
  for (size_t i = 0; i < count; i++) {
    const Obligation *o = &all[i];
    if (o->cap_binds && settle_cap_reached(s, o) == first) {
      out->periods++;
      out->last = o;
    }
    if (!same_count(first, o)) continue;
    if (add(b, &out->amount_minor, o->amount_minor, "what a cap's clause owes") != PACT_OK ||
        add(b, &out->uncapped_minor, o->uncapped_minor, "what a cap's clause owes uncapped") !=
            PACT_OK)
      return PACT_ERR_OVERFLOW;
  }
  return PACT_OK;
}

/* For each side, each cap in the order it first binds. */
static PactStatus collect_caps(Build *b) {
  Comparison *c = b->c;
  size_t na, nb;
  settle_obligations(c->side[0], &na);
  settle_obligations(c->side[1], &nb);
  c->caps = mem_calloc(na + nb + 1, sizeof *c->caps);
  if (!c->caps) return PACT_ERR_NOMEM;
  for (int side = 0; side < 2; side++) {
    size_t count;
    const Settlement *s = c->side[side];
    const Obligation *all = settle_obligations(s, &count);
    for (size_t i = 0; i < count; i++) {
      if (!all[i].cap_binds || settle_cap_reached(s, &all[i]) != &all[i]) continue;
      PactStatus status = cap_of(b, side, &all[i], &c->caps[c->cap_count]);
      if (status != PACT_OK) return status;
      c->cap_count++;
    }
  }
  return PACT_OK;
}

/* ---------------------------------------------------------------- the whole */

static bool alike(const Agreement *a, const Agreement *b) {
  if (a->party_count != b->party_count || strcmp(a->currency.code, b->currency.code) != 0)
    return false;
  for (uint32_t i = 0; i < a->party_count; i++)
    if (!str_eq(a->parties[i].id, b->parties[i].id)) return false;
  return true;
}

PactStatus compare_build(const Settlement *a, const Settlement *b, DiagList *diags,
                         Comparison *out) {
  *out = (Comparison){{a, b}, NULL, 0, NULL, 0, NULL, 0, NULL, 0};
  if (!a || !b || settle_readable(a) != PACT_OK || settle_readable(b) != PACT_OK ||
      !alike(settle_agreement(a), settle_agreement(b)))
    return PACT_ERR_MISUSE;
  Build build = {out, diags, settle_agreement(a), 0};
  PactStatus status = collect_pairs(&build);
  if (status == PACT_OK) status = collect_years(&build);
  if (status == PACT_OK) status = collect_clauses(&build);
  if (status == PACT_OK) status = sum_clauses(&build);
  if (status == PACT_OK) status = collect_caps(&build);
  if (status != PACT_OK) compare_free(out);
  return status;
}

void compare_free(Comparison *c) {
  if (!c) return;
  free(c->totals);
  free(c->years);
  free(c->clauses);
  free(c->caps);
  *c = (Comparison){{c->side[0], c->side[1]}, NULL, 0, NULL, 0, NULL, 0, NULL, 0};
}
