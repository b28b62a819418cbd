/*
** compare_chart.c -- see compare_chart.h. The bars are the comparison's own year rows (the
** figures of `compare`'s by year table); the caps' lines come from each side's obligations.
*/
#include "render/compare_chart.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "render/describe.h"

typedef struct Builder {
  const Comparison *c;
  const Agreement *ag; /* side A's: the currency, the parties, messages */
  DiagList *diags;
  CompareCharts *out;
} Builder;

/* A capped wording of a clause (its id and version) as each side has it: the clause on side A
** and side B (NULL where that side owes nothing under it), and the periods it spans. */
typedef struct Wording {
  const Clause *clause[2];
  bool spanned; /* first and last hold a period's days */
  PactDate first, last;
} Wording;

static const char *side_label(const Comparison *c, int side) {
  const char *label = settle_agreement(c->side[side])->side_label;
  return label ? label : "actual";
}

static const char *pair_name(Builder *b, int32_t payer, int32_t payee) {
  const Str *from = settle_party_id(b->c->side[0], payer);
  const Str *to = settle_party_id(b->c->side[0], payee);
  return chart_set_text(b->out, "%.*s -> %.*s", (int)from->len, from->ptr, (int)to->len, to->ptr);
}

/* ---------------------------------------------------------------- by year, per pair */

static PactStatus chart_pair(Builder *b, size_t pair) {
  const Comparison *c = b->c;
  size_t pairs = c->total_count, years = pairs ? c->year_count / pairs : 0;
  Arena *arena = &b->out->arena;
  Chart *chart = chart_set_add(b->out, CHART_X_YEARS, &b->ag->currency);
  ChartSeries *series = arena_alloc(arena, 2 * sizeof *series);
  ChartPoint *points[2] = {arena_alloc(arena, (years + 1) * sizeof(ChartPoint)),
                           arena_alloc(arena, (years + 1) * sizeof(ChartPoint))};
  const CompareRow *total = &c->totals[pair];
  const char *name = pair_name(b, total->payer, total->payee);
  if (!chart || !series || !points[0] || !points[1] || !name) return PACT_ERR_NOMEM;
  for (size_t y = 0; y < years; y++) {
    const CompareRow *r = &c->years[y * pairs + pair];
    points[0][y] = (ChartPoint){r->year, r->a_minor, NULL};
    points[1][y] = (ChartPoint){r->year, r->b_minor, NULL};
  }
  for (int side = 0; side < 2; side++) {
    const char *legend = chart_set_text(b->out, "%s: %s", side ? "b" : "a", side_label(c, side));
    if (!legend) return PACT_ERR_NOMEM;
    series[side] = (ChartSeries){legend, CHART_BARS, points[side], years, false};
  }
  char a[48], bb[48], d[48];
  amount_text(b->ag, total->a_minor, a, sizeof a);
  amount_text(b->ag, total->b_minor, bb, sizeof bb);
  amount_text(b->ag, total->difference_minor, d, sizeof d);
  chart->title = chart_set_text(b->out, "%s, year by year: side a against side b", name);
  chart->subtitle = chart_set_text(b->out,
                                   "%s; in total a %s, b %s, a - b %s; a year sums the obligations "
                                   "whose periods end in it",
                                   b->ag->currency.code, a, bb, d);
  chart->series = series;
  chart->series_count = 2;
  return chart->title && chart->subtitle ? PACT_OK : PACT_ERR_NOMEM;
}

/* ---------------------------------------------------------------- capped wordings */

static bool same_wording(const Comparison *c, const Clause *x, int x_side, const Clause *y,
                         int y_side) {
  const Agreement *ax = settle_agreement(c->side[x_side]), *ay = settle_agreement(c->side[y_side]);
  return str_eq(x->id, y->id) &&
         str_eq(ax->versions[x->version].name, ay->versions[y->version].name);
}

/* The wording an obligation's capped clause is, found or added; NULL when memory runs out. */
static Wording *wording_of(Builder *b, Wording **list, size_t *count, int side, const Clause *cl) {
  for (size_t k = 0; k < *count; k++)
    if ((*list)[k].clause[side] == cl) return &(*list)[k];
  for (size_t k = 0; k < *count; k++) {
    const Clause *other = (*list)[k].clause[!side];
    if (!(*list)[k].clause[side] && other && same_wording(b->c, cl, side, other, !side)) {
      (*list)[k].clause[side] = cl;
      return &(*list)[k];
    }
  }
  Wording *w = arena_push(&b->out->arena, (void **)list, *count, sizeof **list);
  if (!w) return NULL;
  (*count)++;
  *w = (Wording){{NULL, NULL}, false, 0, 0};
  w->clause[side] = cl;
  return w;
}

/* Every capped wording either side owes under: side A's in the order of their first
** obligations, then side B's that side A does not have. */
static PactStatus collect_wordings(Builder *b, Wording **list, size_t *count) {
  *list = NULL;
  *count = 0;
  for (int side = 0; side < 2; side++) {
    size_t n;
    const Obligation *all = settle_obligations(b->c->side[side], &n);
    for (size_t i = 0; i < n; i++) {
      if (!all[i].clause->u.share.has_cap) continue;
      Wording *w = wording_of(b, list, count, side, all[i].clause);
      if (!w) return PACT_ERR_NOMEM;
      if (!w->spanned || all[i].period.first < w->first) w->first = all[i].period.first;
      if (!w->spanned || all[i].period.last > w->last) w->last = all[i].period.last;
      w->spanned = true;
    }
  }
  return PACT_OK;
}

static int by_x(const void *x, const void *y) {
  const ChartPoint *p = x, *q = y;
  return (p->x > q->x) - (p->x < q->x);
}

static PactStatus overflow(Builder *b) {
  diag_add_path(b->diags, DIAG_ERROR, "E1103", b->ag->path,
                "pactum never wraps money; check the event amounts for a typo",
                "a running total of a comparison does not fit in 64-bit minor units");
  return PACT_ERR_OVERFLOW;
}

/* One side's line on a cap's chart. A side that has the wording: what is owed under its cap's
** count, at the last day of each period. A side that has it not: the running total of what it
** owes under the clause's id in the periods the wording spans, from zero. */
static PactStatus cap_line(Builder *b, const Wording *w, int side, ChartSeries *out) {
  size_t n;
  const Obligation *all = settle_obligations(b->c->side[side], &n);
  ChartPoint *points = arena_alloc(&b->out->arena, (n + 1) * sizeof *points);
  const char *legend = chart_set_text(b->out, "%s: %s", side ? "b" : "a", side_label(b->c, side));
  if (!points || !legend) return PACT_ERR_NOMEM;
  const Clause *own = w->clause[side], *any = w->clause[0] ? w->clause[0] : w->clause[1];
  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    const Obligation *o = &all[i];
    if (own && o->clause == own)
      points[count++] = (ChartPoint){o->period.last, o->cumulative_minor, NULL};
    else if (!own && str_eq(o->clause->id, any->id) && o->period.first >= w->first &&
             o->period.last <= w->last)
      points[count++] = (ChartPoint){o->period.last, o->amount_minor, NULL};
  }
  qsort(points, count, sizeof *points, by_x);
  size_t kept = 0;
  int64_t sum = 0;
  for (size_t i = 0; i < count; i++) {
    if (!own && pact_money_add(sum, points[i].y_minor, &sum) != PACT_OK) return overflow(b);
    int64_t y = own ? points[i].y_minor : sum;
    if (kept && points[kept - 1].x == points[i].x) kept--; /* one point per day */
    points[kept++] = (ChartPoint){points[i].x, y, NULL};
  }
  *out = (ChartSeries){legend, CHART_STEP, points, kept, false};
  return PACT_OK;
}

/* The first and last periods a cap cut on one side, as "2029-Q1 through 2030-Q4"; the marker
** of its first. False when the cap does not bind on that side. */
static bool binds(Builder *b, const Clause *clause, int side, char *text, size_t size,
                  ChartMarker *marker) {
  for (size_t k = 0; clause && k < b->c->cap_count; k++) {
    const CompareCap *cap = &b->c->caps[k];
    if (cap->side != side || cap->first->clause != clause) continue;
    char first[24], last[24];
    pact_period_label(clause->u.share.calendar, cap->first->period, first, sizeof first);
    pact_period_label(cap->last->clause->u.share.calendar, cap->last->period, last, sizeof last);
    snprintf(text, size, "%s through %s", first, last);
    *marker = (ChartMarker){chart_set_text(b->out, "%s: cap binds %s", side ? "b" : "a", first),
                            cap->first->period.last, cap->first->cumulative_minor};
    return true;
  }
  return false;
}

/* The subtitle's words of where the cap binds: on one side only, on both, on neither. */
static const char *where_it_binds(Builder *b, const Wording *w, ChartMarker *markers,
                                  size_t *marker_count) {
  char span[2][64];
  bool bound[2];
  *marker_count = 0;
  for (int side = 0; side < 2; side++) {
    bound[side] =
        binds(b, w->clause[side], side, span[side], sizeof span[side], &markers[*marker_count]);
    if (bound[side] && !markers[(*marker_count)++].label) return NULL;
  }
  const char *have = w->clause[0] && w->clause[1] ? "in both sides' terms"
                     : w->clause[0]               ? "in side a's terms only"
                                                  : "in side b's terms only";
  if (bound[0] && bound[1])
    return chart_set_text(b->out, "%s; it binds on a from %s and on b from %s", have, span[0],
                          span[1]);
  if (bound[0] || bound[1])
    return chart_set_text(b->out, "%s; it binds on %s only, from %s", have, bound[0] ? "a" : "b",
                          span[bound[0] ? 0 : 1]);
  return chart_set_text(b->out, "%s; it binds on neither side in the periods shown", have);
}

static PactStatus chart_cap(Builder *b, const Wording *w) {
  int side = w->clause[0] ? 0 : 1;
  const Clause *clause = w->clause[side];
  const RevenueShare *r = &clause->u.share;
  const Str *version = &settle_agreement(b->c->side[side])->versions[clause->version].name;
  Arena *arena = &b->out->arena;
  Chart *c = chart_set_add(b->out, CHART_X_DATES, &b->ag->currency);
  ChartSeries *series = arena_alloc(arena, 2 * sizeof *series);
  ChartRule *rule = arena_alloc(arena, sizeof *rule);
  ChartMarker *markers = arena_alloc(arena, 2 * sizeof *markers);
  if (!c || !series || !rule || !markers) return PACT_ERR_NOMEM;
  for (int s = 0; s < 2; s++) {
    PactStatus status = cap_line(b, w, s, &series[s]);
    if (status != PACT_OK) return status;
  }
  char cap[96];
  money_text(b->ag, r->cap_minor, r->cap_about, cap, sizeof cap);
  *rule = (ChartRule){chart_set_text(b->out, "cap %s", cap), r->cap_minor};
  const char *where = where_it_binds(b, w, markers, &c->marker_count);
  const char *pair = pair_name(b, r->payer.index, r->payee.index);
  c->title =
      chart_set_text(b->out, "%.*s (version %.*s): owed under its cap, side a against side b",
                     (int)clause->id.len, clause->id.ptr, (int)version->len, version->ptr);
  c->subtitle =
      where && pair ? chart_set_text(b->out, "%s; the cap of %s is %s", pair, cap, where) : NULL;
  c->series = series;
  c->series_count = 2;
  c->rules = rule;
  c->rule_count = 1;
  c->markers = markers;
  return rule->label && c->title && c->subtitle ? PACT_OK : PACT_ERR_NOMEM;
}

/* ---------------------------------------------------------------- the whole */

PactStatus compare_charts_build(const Comparison *c, DiagList *diags, CompareCharts *out) {
  chart_set_init(out);
  Builder b = {c, settle_agreement(c->side[0]), diags, out};
  PactStatus status = PACT_OK;
  for (size_t p = 0; status == PACT_OK && p < c->total_count; p++) status = chart_pair(&b, p);
  Wording *wordings = NULL;
  size_t count = 0;
  if (status == PACT_OK) status = collect_wordings(&b, &wordings, &count);
  for (size_t k = 0; status == PACT_OK && k < count; k++) status = chart_cap(&b, &wordings[k]);
  return status;
}

void compare_charts_free(CompareCharts *charts) { chart_set_free(charts); }

PactStatus compare_chart_write(const Comparison *c, DiagList *diags, FILE *out) {
  CompareCharts charts;
  PactStatus status = compare_charts_build(c, diags, &charts);
  if (status == PACT_OK) status = chart_svg_document(charts.charts, charts.count, out);
  compare_charts_free(&charts);
  return status;
}
