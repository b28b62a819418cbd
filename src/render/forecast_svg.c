/*
** forecast_svg.c -- a forecast in pictures (docs/forecast.md, "Charts"): per payer and payee a
** chart of years, the yearly mean as a line inside the band between the 10th and 90th
** percentiles (with two sides, both sides' means and bands in one chart); per capped clause a
** chart of the share of the paths on which the cap binds in each quarter, as bars, with the
** paths on which it never binds said apart. Exact amounts in every point's label; the same
** bytes on every run (render/svg.h).
*/
#include <stdarg.h>
#include <string.h>

#include "base/arena.h"
#include "render/forecast_render.h"

/* ---------------------------------------------------------------- the bands */

/* One side's mean, p10 and p90 by year: the series and the band that the chart shows. */
typedef struct SideLines {
  ChartPoint *mean, *low, *high;
  size_t count;
} SideLines;

static bool lines_alloc(ForecastCharts *o, size_t n, SideLines *l) {
  l->mean = arena_alloc(&o->arena, (n + 1) * sizeof *l->mean);
  l->low = arena_alloc(&o->arena, (n + 1) * sizeof *l->low);
  l->high = arena_alloc(&o->arena, (n + 1) * sizeof *l->high);
  l->count = 0;
  return l->mean && l->low && l->high;
}

static void lines_push(SideLines *l, int32_t year, const ForecastStat *st) {
  l->mean[l->count] = (ChartPoint){year, st->mean, NULL};
  l->low[l->count] = (ChartPoint){year, st->p10, NULL};
  l->high[l->count] = (ChartPoint){year, st->p90, NULL};
  l->count++;
}

/* The chart of a pair: one side's lines, or two's (names "a: ..." and "b: ..."). */
static PactStatus band_chart(ForecastCharts *o, const Agreement *ag, const char *pair,
                             const SideLines *sides, size_t side_count, const char *subtitle) {
  ChartSeries *series = arena_alloc(&o->arena, 2 * sizeof *series);
  ChartBand *bands = arena_alloc(&o->arena, 2 * sizeof *bands);
  Chart *c = series && bands ? chart_set_add(o, CHART_X_YEARS, &ag->currency) : NULL;
  if (!c) return PACT_ERR_NOMEM;
  for (size_t s = 0; s < side_count; s++) {
    const char *who = side_count == 1 ? "" : s ? "b: " : "a: ";
    series[s] = (ChartSeries){chart_set_text(o, "%smean", who), CHART_LINE, sides[s].mean,
                              sides[s].count, s == 1};
    bands[s] = (ChartBand){chart_set_text(o, "%sp10 to p90", who), sides[s].low, sides[s].high,
                           sides[s].count};
    if (!series[s].name || !bands[s].name) return PACT_ERR_NOMEM;
  }
  c->title = chart_set_text(o, "%s by year (%s): mean, and the band from p10 to p90", pair,
                            ag->currency.code);
  c->subtitle = subtitle;
  c->series = series;
  c->series_count = side_count;
  c->bands = bands;
  c->band_count = side_count;
  return c->title ? PACT_OK : PACT_ERR_NOMEM;
}

static const char *pair_text(ForecastCharts *o, const Agreement *ag, int32_t payer, int32_t payee) {
  const Str *p = &ag->parties[payer].id, *q = &ag->parties[payee].id;
  return chart_set_text(o, "%.*s -> %.*s", (int)p->len, p->ptr, (int)q->len, q->ptr);
}

/* One side (or several agreements, each its own charts): a chart per pair. */
static PactStatus one_side_bands(const Forecast *fc, ForecastCharts *o) {
  size_t n, ny;
  const ForecastPair *pairs = forecast_pairs(fc, &n);
  const ForecastYear *years = forecast_years(fc, &ny);
  for (size_t i = 0; i < n; i++) {
    const Agreement *ag = forecast_agreement(fc, pairs[i].agreement);
    SideLines l;
    if (!lines_alloc(o, ny, &l)) return PACT_ERR_NOMEM;
    for (size_t y = 0; y < ny; y++)
      if (years[y].pair == i) lines_push(&l, years[y].year, &years[y].owed);
    const char *name = pair_text(o, ag, pairs[i].payer, pairs[i].payee);
    const char *sub = forecast_agreement_count(fc) > 1
                          ? chart_set_text(o, "agreement %.*s", (int)ag->id.len, ag->id.ptr)
                          : NULL;
    if (!name) return PACT_ERR_NOMEM;
    PactStatus status = band_chart(o, ag, name, &l, 1, sub);
    if (status != PACT_OK) return status;
  }
  return PACT_OK;
}

/* Two sides: a chart per pair of either side, both sides' bands and means. */
static PactStatus two_side_bands(const Forecast *fc, ForecastCharts *o) {
  const Agreement *ag = forecast_agreement(fc, 0), *bg = forecast_agreement(fc, 1);
  size_t n;
  const ForecastDiff *rows = forecast_differences(fc, &n);
  const char *sub = chart_set_text(o, "a: %s; b: %s", ag->side_label ? ag->side_label : "actual",
                                   bg->side_label ? bg->side_label : "actual");
  for (size_t i = 0; i < n;) {
    SideLines l[2];
    if (!sub || !lines_alloc(o, n, &l[0]) || !lines_alloc(o, n, &l[1])) return PACT_ERR_NOMEM;
    size_t at = i;
    for (; i < n && rows[i].payer == rows[at].payer && rows[i].payee == rows[at].payee; i++)
      if (rows[i].year)
        lines_push(&l[0], rows[i].year, &rows[i].a), lines_push(&l[1], rows[i].year, &rows[i].b);
    const char *name = pair_text(o, ag, rows[at].payer, rows[at].payee);
    if (!name) return PACT_ERR_NOMEM;
    PactStatus status = band_chart(o, ag, name, l, 2, sub);
    if (status != PACT_OK) return status;
  }
  return PACT_OK;
}

/* ---------------------------------------------------------------- the caps' quarters */

/* A share of the paths in hundredths of a percent, half-even (the bars' height). */
static int64_t basis_points(uint64_t count, uint64_t paths) {
  PactWide scaled = (PactWide)count * 10000, q = scaled / paths, r = scaled % paths;
  if (2 * r > (PactWide)paths || (2 * r == (PactWide)paths && q % 2)) q++;
  return (int64_t)q;
}

/* The middle of a quarter (year * 4 + quarter - 1), for a bar on the axis of days. */
static PactDate quarter_middle(int64_t q) {
  PactDate first = 0;
  pact_date_from_ymd((int)(q / 4), (int)(q % 4) * 3 + 1, 1, &first);
  return first + 45;
}

/* The quarters from the one before the first with a path to the one after the last. */
static PactStatus cap_chart(const Forecast *fc, ForecastCharts *o, const ForecastCap *cap) {
  const Agreement *ag = forecast_agreement(fc, cap->agreement);
  int32_t years, first_year = forecast_years_reported(fc, &years);
  int64_t slots = (int64_t)years * 4, lo = -1, hi = -1;
  for (int64_t k = 0; k < slots; k++)
    if (cap->quarters[k]) hi = k, lo = lo < 0 ? k : lo;
  size_t count = lo < 0 ? 0 : (size_t)(hi - lo + 3);
  ChartPoint *pts = arena_alloc(&o->arena, (count + 1) * sizeof *pts);
  ChartSeries *series = arena_alloc(&o->arena, sizeof *series);
  Chart *c = pts && series ? chart_set_add(o, CHART_X_DATES, &ag->currency) : NULL;
  if (!c) return PACT_ERR_NOMEM;
  uint64_t paths = forecast_paths(fc);
  for (size_t i = 0; i < count; i++) {
    int64_t k = lo - 1 + (int64_t)i;
    uint64_t n = k >= 0 && k < slots ? cap->quarters[k] : 0;
    char qt[24], share[16];
    forecast_quarter_text((int64_t)first_year * 4 + k, qt, sizeof qt);
    forecast_share_text(n, paths, share, sizeof share);
    pts[i] = (ChartPoint){quarter_middle((int64_t)first_year * 4 + k), basis_points(n, paths),
                          chart_set_text(o, "%s: %llu of %llu paths (share %s)", qt,
                                         (unsigned long long)n, (unsigned long long)paths, share)};
    if (!pts[i].label) return PACT_ERR_NOMEM;
  }
  char never[16];
  forecast_share_text(paths - cap->binds, paths, never, sizeof never);
  const Str *v = &ag->versions[cap->clause->version].name;
  *series = (ChartSeries){"share of the paths, in %", CHART_BARS, pts, count, false};
  c->title = chart_set_text(o, "cap of %.*s (%.*s): the quarter it binds in",
                            (int)cap->clause->id.len, cap->clause->id.ptr, (int)v->len, v->ptr);
  c->subtitle =
      chart_set_text(o, "%snever binds: %llu of %llu paths (share %s)%s",
                     forecast_two_sided(fc) ? (cap->agreement ? "side b; " : "side a; ") : "",
                     (unsigned long long)(paths - cap->binds), (unsigned long long)paths, never,
                     cap->outside ? "; some bind outside the years shown" : "");
  c->currency = NULL;
  c->minor_digits = 2;
  c->series = series;
  c->series_count = 1;
  return c->title && c->subtitle ? PACT_OK : PACT_ERR_NOMEM;
}

/* ---------------------------------------------------------------- the charts */

PactStatus forecast_charts_build(const Forecast *fc, ForecastCharts *o) {
  chart_set_init(o);
  PactStatus status = forecast_two_sided(fc) ? two_side_bands(fc, o) : one_side_bands(fc, o);
  size_t n;
  const ForecastCap *caps = forecast_caps(fc, &n);
  for (size_t i = 0; i < n && status == PACT_OK; i++) status = cap_chart(fc, o, &caps[i]);
  if (status != PACT_OK) forecast_charts_free(o);
  return status;
}

void forecast_charts_free(ForecastCharts *o) { chart_set_free(o); }

PactStatus forecast_svg_write(const Forecast *fc, FILE *out) {
  ForecastCharts charts;
  PactStatus status = forecast_charts_build(fc, &charts);
  if (status != PACT_OK) return status;
  status = chart_svg_document(charts.charts, charts.count, out);
  forecast_charts_free(&charts);
  return status;
}
