/*
** forecast_sides.c -- two sides of an agreement forecast over the same paths (the same draws:
** the same revenue, milestones and valuations on each path). Besides each side's own rows, each
** path's difference a - b per payer and payee, per year and in all, is a column of its results,
** so that the difference's mean and percentiles are those of the per-path differences, not the
** differences of the sides' percentiles. A pair that only one side has owes 0 on the other.
*/
#include "base/mem.h"
#include "engine/forecast_int.h"

/* The index of a payer and payee among a plan's pairs, or -1. */
static int32_t pair_in(const Plan *p, int32_t payer, int32_t payee) {
  for (uint32_t i = 0; i < p->pair_count; i++)
    if (p->payers[i] == payer && p->payees[i] == payee) return (int32_t)i;
  return -1;
}

PactStatus forecast_sides_plan(Forecast *fc) {
  DiffPlan *d = &fc->diff;
  const Plan *side[2] = {&fc->plans[0], &fc->plans[1]};
  uint32_t most = side[0]->pair_count + side[1]->pair_count + 1;
  d->payer = arena_alloc(&fc->arena, most * sizeof *d->payer);
  d->payee = arena_alloc(&fc->arena, most * sizeof *d->payee);
  d->on[0] = arena_alloc(&fc->arena, most * sizeof *d->on[0]);
  d->on[1] = arena_alloc(&fc->arena, most * sizeof *d->on[1]);
  if (!d->payer || !d->payee || !d->on[0] || !d->on[1]) return PACT_ERR_NOMEM;
  d->count = 0;
  for (int s = 0; s < 2; s++)
    for (uint32_t i = 0; i < side[s]->pair_count; i++) {
      int32_t payer = side[s]->payers[i], payee = side[s]->payees[i];
      if (s == 1 && pair_in(side[0], payer, payee) >= 0) continue;
      d->payer[d->count] = payer;
      d->payee[d->count] = payee;
      d->on[0][d->count] = pair_in(side[0], payer, payee);
      d->on[1][d->count] = pair_in(side[1], payer, payee);
      d->count++;
    }
  return PACT_OK;
}

/* The column of a side's pair in a year (row 0: in all; row y: the year's y-th), or -1. */
static int64_t column(const Forecast *fc, int s, uint32_t u, uint32_t row) {
  const Plan *p = &fc->plans[s];
  int32_t i = fc->diff.on[s][u];
  if (i < 0) return -1;
  if (row == 0) return p->at_pairs + (uint32_t)i;
  return p->at_years + (uint32_t)i * (uint32_t)fc->year_count + row - 1;
}

PactStatus forecast_differences_fill(const Forecast *fc, int64_t *results) {
  uint32_t rows = 1 + (uint32_t)fc->year_count;
  for (uint32_t u = 0; u < fc->diff.count; u++)
    for (uint32_t row = 0; row < rows; row++) {
      int64_t ca = column(fc, 0, u, row), cb = column(fc, 1, u, row);
      int64_t a = ca < 0 ? 0 : results[ca], b = cb < 0 ? 0 : results[cb];
      if (__builtin_sub_overflow(a, b, &results[fc->diff.at + u * rows + row]))
        return PACT_ERR_OVERFLOW;
    }
  return PACT_OK;
}

static ForecastStat stat_at(const ForecastStat *st, int64_t col) {
  return col < 0 ? (ForecastStat){0, 0, 0, 0} : st[col];
}

/* A row: the pair's year (row > 0) or its total (row 0). */
static ForecastDiff diff_row(const Forecast *fc, const ForecastStat *st, uint32_t u, uint32_t row) {
  uint32_t rows = 1 + (uint32_t)fc->year_count;
  ForecastDiff r = {fc->diff.payer[u],
                    fc->diff.payee[u],
                    row ? fc->first_year + (int32_t)row - 1 : 0,
                    stat_at(st, column(fc, 0, u, row)),
                    stat_at(st, column(fc, 1, u, row)),
                    st[fc->diff.at + u * rows + row],
                    false,
                    0,
                    0};
  if (row == 0 && fc->has_pv) {
    r.has_pv = true;
    for (int s = 0; s < 2; s++) {
      int32_t i = fc->diff.on[s][u];
      int64_t pv = i < 0 ? 0 : st[fc->plans[s].at_pv + (uint32_t)i].mean;
      *(s ? &r.pv_b : &r.pv_a) = pv;
    }
  }
  return r;
}

PactStatus forecast_sides_rows(Forecast *fc, const ForecastStat *st) {
  uint32_t rows = 1 + (uint32_t)fc->year_count;
  fc->diffs = arena_alloc(&fc->arena, ((size_t)fc->diff.count * rows + 1) * sizeof *fc->diffs);
  if (!fc->diffs) return PACT_ERR_NOMEM;
  fc->diff_row_count = 0;
  for (uint32_t u = 0; u < fc->diff.count; u++) {
    for (uint32_t row = 1; row < rows; row++)
      fc->diffs[fc->diff_row_count++] = diff_row(fc, st, u, row);
    fc->diffs[fc->diff_row_count++] = diff_row(fc, st, u, 0);
  }
  return PACT_OK;
}
