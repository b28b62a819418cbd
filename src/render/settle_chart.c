/*
** settle_chart.c -- see settle_chart.h. Built only from what settle.h exposes, and the yearly
** sums of summary.h, so that a bar is the figure `settle --by year` prints.
*/
#include "render/settle_chart.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "render/describe.h"
#include "render/summary.h"

typedef struct Builder {
  const Settlement *s;
  const Agreement *ag;
  const Obligation *obligations;
  size_t obligation_count;
  DiagList *diags;
  SettleCharts *out;
} Builder;

static PactStatus overflow(Builder *b, const char *what) {
  diag_add_path(b->diags, DIAG_ERROR, "E1103", b->ag->path,
                "pactum never wraps money; check the event amounts for a typo",
                "%s does not fit in 64-bit minor units", what);
  return PACT_ERR_OVERFLOW;
}

static const char *pair_name(Builder *b, int32_t payer, int32_t payee) {
  const Str *from = settle_party_id(b->s, payer), *to = settle_party_id(b->s, payee);
  return chart_set_text(b->out, "%.*s -> %.*s", (int)from->len, from->ptr, (int)to->len, to->ptr);
}

/* ---------------------------------------------------------------- by year */

static PactStatus chart_years(Builder *b) {
  SummaryYears y;
  PactStatus status = summary_years(b->s, b->diags, &y);
  if (status != PACT_OK) return status;
  Chart *c = chart_set_add(b->out, CHART_X_YEARS, &b->ag->currency);
  ChartSeries *series = arena_alloc(&b->out->arena, (y.total_count + 1) * sizeof *series);
  if (!c || !series) status = PACT_ERR_NOMEM;
  for (size_t t = 0; status == PACT_OK && t < y.total_count; t++) {
    ChartPoint *points = arena_alloc(&b->out->arena, ((size_t)y.year_count + 1) * sizeof *points);
    const char *name = pair_name(b, y.totals[t].payer, y.totals[t].payee);
    if (!points || !name) status = PACT_ERR_NOMEM;
    for (int r = 0; status == PACT_OK && r < y.year_count; r++)
      points[r] =
          (ChartPoint){y.first_year + r, y.cells[(size_t)r * y.total_count + t].amount_minor, NULL};
    series[t] = (ChartSeries){name, CHART_BARS, points, (size_t)y.year_count, false};
  }
  if (status == PACT_OK) {
    c->title = "What each payer owes each payee, year by year";
    c->subtitle =
        chart_set_text(b->out, "%s; each bar sums the obligations whose periods end in its year",
                       b->ag->currency.code);
    c->series = series;
    c->series_count = y.total_count;
  }
  summary_years_free(&y);
  return status;
}

/* ---------------------------------------------------------------- running totals */

static int by_x(const void *a, const void *b) {
  const ChartPoint *p = a, *q = b;
  return (p->x > q->x) - (p->x < q->x);
}

/* One pair's obligations as a running total at the last day of each period, in order of day. */
static PactStatus running_pair(Builder *b, const SettleTotal *t, ChartSeries *out) {
  ChartPoint *points = arena_alloc(&b->out->arena, (b->obligation_count + 1) * sizeof *points);
  const char *name = pair_name(b, t->payer, t->payee);
  if (!points || !name) return PACT_ERR_NOMEM;
  size_t n = 0;
  for (size_t i = 0; i < b->obligation_count; i++) {
    const Obligation *o = &b->obligations[i];
    if (o->clause->u.share.payer.index == t->payer && o->clause->u.share.payee.index == t->payee)
      points[n++] = (ChartPoint){o->period.last, o->amount_minor, NULL};
  }
  qsort(points, n, sizeof *points, by_x);
  size_t kept = 0;
  int64_t sum = 0;
  for (size_t i = 0; i < n; i++) {
    if (pact_money_add(sum, points[i].y_minor, &sum) != PACT_OK)
      return overflow(b, "a running total of the settlement");
    if (kept && points[kept - 1].x == points[i].x) kept--; /* one point per day */
    points[kept++] = (ChartPoint){points[i].x, sum, NULL};
  }
  *out = (ChartSeries){name, CHART_STEP, points, kept, false};
  return PACT_OK;
}

static PactStatus chart_running(Builder *b) {
  size_t count;
  const SettleTotal *totals = settle_totals(b->s, &count);
  Chart *c = chart_set_add(b->out, CHART_X_DATES, &b->ag->currency);
  ChartSeries *series = arena_alloc(&b->out->arena, (count + 1) * sizeof *series);
  if (!c || !series) return PACT_ERR_NOMEM;
  for (size_t t = 0; t < count; t++) {
    PactStatus status = running_pair(b, &totals[t], &series[t]);
    if (status != PACT_OK) return status;
  }
  c->title = "What each payer owes each payee, running total";
  c->subtitle = chart_set_text(b->out, "%s; each step is a period's obligations, at its last day",
                               b->ag->currency.code);
  c->series = series;
  c->series_count = count;
  return PACT_OK;
}

/* ---------------------------------------------------------------- caps */

/* What a capped clause owes under its cap's count, and what it would have without the cap,
** each at the last day of its periods; the period the cap first binds marked. */
static PactStatus cap_series(Builder *b, const Clause *clause, Chart *c) {
  Arena *arena = &b->out->arena;
  ChartPoint *owed = arena_alloc(arena, (b->obligation_count + 1) * sizeof *owed);
  ChartPoint *uncapped = arena_alloc(arena, (b->obligation_count + 1) * sizeof *uncapped);
  ChartSeries *series = arena_alloc(arena, 2 * sizeof *series);
  ChartMarker *marker = arena_alloc(arena, sizeof *marker);
  if (!owed || !uncapped || !series || !marker) return PACT_ERR_NOMEM;
  size_t n = 0;
  int64_t without = 0;
  for (size_t i = 0; i < b->obligation_count; i++) {
    const Obligation *o = &b->obligations[i];
    if (o->clause != clause) continue;
    /* the count may have begun before these periods (earlier versions, or before --from) */
    if (n == 0 && pact_money_sub(o->cumulative_minor, o->amount_minor, &without) != PACT_OK)
      return overflow(b, "what a capped clause owed before the periods shown");
    if (pact_money_add(without, o->uncapped_minor, &without) != PACT_OK)
      return overflow(b, "what a capped clause would owe without its cap");
    owed[n] = (ChartPoint){o->period.last, o->cumulative_minor, NULL};
    uncapped[n++] = (ChartPoint){o->period.last, without, NULL};
    if (summary_cap_first(b->s, o) && c->marker_count == 0) {
      char label[24];
      pact_period_label(clause->u.share.calendar, o->period, label, sizeof label);
      *marker = (ChartMarker){chart_set_text(b->out, "cap binds %s", label), o->period.last,
                              o->cumulative_minor};
      if (!marker->label) return PACT_ERR_NOMEM;
      c->markers = marker;
      c->marker_count = 1;
    }
  }
  series[0] = (ChartSeries){"owed under the cap, running total", CHART_STEP, owed, n, false};
  series[1] = (ChartSeries){"without the cap", CHART_STEP, uncapped, n, true};
  c->series = series;
  c->series_count = 2;
  return PACT_OK;
}

static PactStatus chart_cap(Builder *b, const Clause *clause) {
  const RevenueShare *r = &clause->u.share;
  const Str *version = &b->ag->versions[clause->version].name;
  Chart *c = chart_set_add(b->out, CHART_X_DATES, &b->ag->currency);
  ChartRule *rule = arena_alloc(&b->out->arena, sizeof *rule);
  if (!c || !rule) return PACT_ERR_NOMEM;
  PactStatus status = cap_series(b, clause, c);
  if (status != PACT_OK) return status;
  char cap[96];
  money_text(b->ag, r->cap_minor, r->cap_about, cap, sizeof cap);
  *rule = (ChartRule){chart_set_text(b->out, "cap %s", cap), r->cap_minor};
  c->rules = rule;
  c->rule_count = 1;
  c->title = chart_set_text(b->out, "%.*s (version %.*s): owed under its cap", (int)clause->id.len,
                            clause->id.ptr, (int)version->len, version->ptr);
  const char *pair = pair_name(b, r->payer.index, r->payee.index);
  c->subtitle =
      c->marker_count
          ? chart_set_text(b->out, "%s; the cap of %s first binds in %s", pair ? pair : "", cap,
                           c->markers[0].label + strlen("cap binds "))
          : chart_set_text(b->out, "%s; the cap of %s is not reached in the periods shown",
                           pair ? pair : "", cap);
  return rule->label && c->title && c->subtitle ? PACT_OK : PACT_ERR_NOMEM;
}

/* Each capped clause once, in the order of its first obligation. */
static PactStatus charts_caps(Builder *b) {
  const Clause **seen = NULL; /* the capped clauses charted so far: few */
  size_t seen_count = 0;
  for (size_t i = 0; i < b->obligation_count; i++) {
    const Clause *clause = b->obligations[i].clause;
    if (!clause->u.share.has_cap) continue;
    size_t k = 0;
    while (k < seen_count && seen[k] != clause) k++;
    if (k < seen_count) continue;
    const Clause **slot = arena_push(&b->out->arena, (void **)&seen, seen_count, sizeof *seen);
    if (!slot) return PACT_ERR_NOMEM;
    *slot = clause;
    seen_count++;
    PactStatus status = chart_cap(b, clause);
    if (status != PACT_OK) return status;
  }
  return PACT_OK;
}

/* ---------------------------------------------------------------- the whole */

PactStatus settle_charts_build(const Settlement *s, unsigned kinds, DiagList *diags,
                               SettleCharts *out) {
  chart_set_init(out);
  if (settle_readable(s) != PACT_OK) return PACT_ERR_MISUSE;
  Builder b = {s, settle_agreement(s), NULL, 0, diags, out};
  b.obligations = settle_obligations(s, &b.obligation_count);
  PactStatus status = PACT_OK;
  if (kinds & SETTLE_CHART_YEARS) status = chart_years(&b);
  if (status == PACT_OK && (kinds & SETTLE_CHART_RUNNING)) status = chart_running(&b);
  if (status == PACT_OK && (kinds & SETTLE_CHART_CAPS)) status = charts_caps(&b);
  for (size_t i = 0; status == PACT_OK && i < out->count; i++)
    if (!out->charts[i].subtitle) status = PACT_ERR_NOMEM;
  return status;
}

void settle_charts_free(SettleCharts *charts) { chart_set_free(charts); }

PactStatus settle_chart_write(const Settlement *s, bool by_year, DiagList *diags, FILE *out) {
  SettleCharts charts;
  unsigned kinds = (by_year ? SETTLE_CHART_YEARS : SETTLE_CHART_RUNNING) | SETTLE_CHART_CAPS;
  PactStatus status = settle_charts_build(s, kinds, diags, &charts);
  if (status == PACT_OK) status = chart_svg_document(charts.charts, charts.count, out);
  settle_charts_free(&charts);
  return status;
}
