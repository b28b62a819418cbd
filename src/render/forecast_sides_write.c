/*
** forecast_sides_write.c -- a forecast of two sides over the same paths, for people and in JSON
** (docs/forecast.md, "Two sides"): per payer and payee, by year and in all, side a, side b and
** the difference a - b on each path (its percentiles are those of the paths' differences, not
** the differences of the sides' percentiles); each side's caps; and, when an equity clause is
** in force, what the stake holder gets from the company: payments received and payments made
** on each side, beside the stake's value.
*/
#include <string.h>

#include "render/describe.h"
#include "render/forecast_render.h"

static const char *side_label(const Agreement *ag) {
  return ag->side_label ? ag->side_label : "actual";
}

static const Str *party(const Agreement *ag, int32_t index) { return &ag->parties[index].id; }

static const char *const DIFF_NOTE =
    "a - b is the difference on each path: its mean and percentiles are those of the paths' "
    "differences, not the differences of the sides' percentiles";

/* A pair's row of a year (0: in all), or NULL when neither side has the pair. */
static const ForecastDiff *diff_of(const Forecast *fc, int32_t payer, int32_t payee, int32_t year) {
  size_t n;
  const ForecastDiff *rows = forecast_differences(fc, &n);
  for (size_t i = 0; i < n; i++)
    if (rows[i].payer == payer && rows[i].payee == payee && rows[i].year == year) return &rows[i];
  return NULL;
}

/* ---------------------------------------------------------------- the holder's view */

/* A stake holder and the company: at most one view per pair of parties. */
typedef struct HolderView {
  int32_t holder, in;
} HolderView;

enum { VIEWS_MAX = 16 };

static size_t holder_views(const Forecast *fc, HolderView *views) {
  size_t n, count = 0;
  const ForecastStake *st = forecast_stakes(fc, &n);
  for (size_t i = 0; i < n; i++) {
    const Equity *e = &st[i].equity->u.equity;
    bool seen = false;
    for (size_t k = 0; k < count; k++)
      seen |= views[k].holder == e->holder.index && views[k].in == e->in.index;
    if (!seen && count < VIEWS_MAX) views[count++] = (HolderView){e->holder.index, e->in.index};
  }
  return count;
}

/* The stake's value in a year on side a, else side b, or NULL. */
static const ForecastStat *stake_of(const Forecast *fc, const HolderView *v, int32_t year) {
  size_t n;
  const ForecastStake *st = forecast_stakes(fc, &n);
  for (int side = 0; side < 2; side++)
    for (size_t i = 0; i < n; i++) {
      const Equity *e = &st[i].equity->u.equity;
      if (st[i].agreement == (uint32_t)side && st[i].year == year && e->holder.index == v->holder &&
          e->in.index == v->in)
        return &st[i].value;
    }
  return NULL;
}

static const ForecastStat ZERO = {0, 0, 0, 0};

/* What the holder received from the company and paid it on a side, in a year (0: in all). */
static const ForecastStat *flow(const Forecast *fc, const HolderView *v, bool received, int side,
                                int32_t year) {
  const ForecastDiff *d =
      received ? diff_of(fc, v->in, v->holder, year) : diff_of(fc, v->holder, v->in, year);
  if (!d) return &ZERO;
  return side ? &d->b : &d->a;
}

static void money_cell(const Agreement *ag, int64_t minor, FILE *out) {
  char buf[40];
  amount_text(ag, minor, buf, sizeof buf);
  fprintf(out, " %20s", buf);
}

static void write_view(const Forecast *fc, const HolderView *v, FILE *out) {
  const Agreement *ag = forecast_agreement(fc, 0);
  const Str *h = party(ag, v->holder), *c = party(ag, v->in);
  fprintf(out, "\nwhat %.*s gets from %.*s (%s, means over the paths)\n", (int)h->len, h->ptr,
          (int)c->len, c->ptr, ag->currency.code);
  fprintf(out, "  %-6s %20s %20s %20s %20s %20s\n", "year", "received a", "received b", "paid a",
          "paid b", "stake");
  int32_t years, first = forecast_years_reported(fc, &years);
  for (int32_t y = first; y <= first + years; y++) {
    int32_t year = y < first + years ? y : 0;
    const ForecastStat *stake = year ? stake_of(fc, v, year) : NULL;
    if (year) fprintf(out, "  %-6d", year);
    else fprintf(out, "  %-6s", "total");
    for (int k = 0; k < 4; k++) money_cell(ag, flow(fc, v, k < 2, k % 2, year)->mean, out);
    if (stake) money_cell(ag, stake->mean, out);
    fputc('\n', out);
  }
  fprintf(out,
          "  paid: what %.*s pays %.*s on the side (a payment it no longer makes on one side "
          "shows as paid on the other only)\n",
          (int)h->len, h->ptr, (int)c->len, c->ptr);
}

/* ---------------------------------------------------------------- the table */

static void write_pair(const Forecast *fc, const ForecastDiff *rows, size_t n, size_t at,
                       FILE *out) {
  const Agreement *ag = forecast_agreement(fc, 0);
  bool one = !forecast_uncertain(fc);
  const Str *p = party(ag, rows[at].payer), *q = party(ag, rows[at].payee);
  fprintf(out, "\n%.*s -> %.*s (%s)\n", (int)p->len, p->ptr, (int)q->len, q->ptr,
          ag->currency.code);
  forecast_stat_head("", one, out);
  for (size_t i = at; i < n && rows[i].payer == rows[at].payer && rows[i].payee == rows[at].payee;
       i++) {
    const ForecastStat *st[3] = {&rows[i].a, &rows[i].b, &rows[i].diff};
    const char *names[3] = {"a", "b", "a - b"};
    for (int k = 0; k < 3; k++) {
      char label[48];
      if (k) snprintf(label, sizeof label, "       %s", names[k]);
      else if (rows[i].year) snprintf(label, sizeof label, "%-6d %s", rows[i].year, names[k]);
      else snprintf(label, sizeof label, "%-6s %s", "total", names[k]);
      fprintf(out, "  %-34s", label);
      forecast_stat_text(ag, st[k], one, out);
      fputc('\n', out);
    }
    if (!rows[i].has_pv) continue;
    fprintf(out, "  %-34s", "present value a, b (means)");
    money_cell(ag, rows[i].pv_a, out);
    money_cell(ag, rows[i].pv_b, out);
    fputc('\n', out);
  }
}

static void write_table(const Forecast *fc, FILE *out) {
  forecast_write_header(fc, out);
  for (size_t s = 0; s < 2; s++)
    fprintf(out, "side %c: %s\n", s ? 'b' : 'a', side_label(forecast_agreement(fc, s)));
  fprintf(out, "%s\n", DIFF_NOTE);
  size_t n;
  const ForecastDiff *rows = forecast_differences(fc, &n);
  for (size_t i = 0; i < n; i++)
    if (i == 0 || rows[i].payer != rows[i - 1].payer || rows[i].payee != rows[i - 1].payee)
      write_pair(fc, rows, n, i, out);
  for (size_t s = 0; s < 2; s++) {
    const Agreement *ag = forecast_agreement(fc, s);
    fprintf(out, "\nside %c: %s\n", s ? 'b' : 'a', side_label(ag));
    forecast_write_caps_and_stakes(fc, s, ag, out);
  }
  HolderView views[VIEWS_MAX];
  size_t nv = holder_views(fc, views);
  for (size_t i = 0; i < nv; i++) write_view(fc, &views[i], out);
  forecast_write_milestones(fc, out);
}

/* ---------------------------------------------------------------- JSON */

static void json_stat_object(JsonWriter *w, const Agreement *ag, const char *key,
                             const ForecastStat *st) {
  json_key(w, key);
  json_object_begin(w);
  forecast_json_stat(w, ag, st);
  json_object_end(w);
}

static void json_pair(JsonWriter *w, const Agreement *ag, const ForecastDiff *d) {
  const Str *p = party(ag, d->payer), *q = party(ag, d->payee);
  json_key(w, "payer");
  json_string(w, p->ptr, p->len);
  json_key(w, "payee");
  json_string(w, q->ptr, q->len);
}

/* A side's statistics, with its present value in the totals. */
static void json_side(JsonWriter *w, const Agreement *ag, const ForecastDiff *d, int side) {
  json_key(w, side ? "b" : "a");
  json_object_begin(w);
  forecast_json_stat(w, ag, side ? &d->b : &d->a);
  if (d->year == 0) {
    if (d->has_pv) json_amount(w, ag, "present_value", side ? d->pv_b : d->pv_a);
    else json_key(w, "present_value"), json_null(w);
  }
  json_object_end(w);
}

static void json_diffs(JsonWriter *w, const Forecast *fc, bool totals) {
  const Agreement *ag = forecast_agreement(fc, 0);
  size_t n;
  const ForecastDiff *rows = forecast_differences(fc, &n);
  json_key(w, totals ? "totals" : "years");
  json_array_begin(w);
  for (size_t i = 0; i < n; i++) {
    if ((rows[i].year == 0) != totals) continue;
    json_object_begin(w);
    if (!totals) json_key(w, "year"), json_int(w, rows[i].year);
    json_pair(w, ag, &rows[i]);
    json_side(w, ag, &rows[i], 0);
    json_side(w, ag, &rows[i], 1);
    json_stat_object(w, ag, "difference", &rows[i].diff);
    json_object_end(w);
  }
  json_array_end(w);
}

static void json_view_row(JsonWriter *w, const Forecast *fc, const HolderView *v, int32_t year) {
  const Agreement *ag = forecast_agreement(fc, 0);
  json_object_begin(w);
  json_key(w, "year");
  if (year) json_int(w, year);
  else json_null(w);
  for (int k = 0; k < 2; k++) {
    json_key(w, k ? "paid" : "received");
    json_object_begin(w);
    json_stat_object(w, ag, "a", flow(fc, v, k == 0, 0, year));
    json_stat_object(w, ag, "b", flow(fc, v, k == 0, 1, year));
    json_object_end(w);
  }
  const ForecastStat *stake = year ? stake_of(fc, v, year) : NULL;
  if (stake) json_stat_object(w, ag, "stake", stake);
  else json_key(w, "stake"), json_null(w);
  json_object_end(w);
}

static void json_views(JsonWriter *w, const Forecast *fc) {
  const Agreement *ag = forecast_agreement(fc, 0);
  HolderView views[VIEWS_MAX];
  size_t nv = holder_views(fc, views);
  int32_t years, first = forecast_years_reported(fc, &years);
  json_key(w, "holders");
  json_array_begin(w);
  for (size_t i = 0; i < nv; i++) {
    const Str *h = party(ag, views[i].holder), *c = party(ag, views[i].in);
    json_object_begin(w);
    json_key(w, "holder");
    json_string(w, h->ptr, h->len);
    json_key(w, "in");
    json_string(w, c->ptr, c->len);
    json_key(w, "rows");
    json_array_begin(w);
    for (int32_t y = first; y < first + years; y++) json_view_row(w, fc, &views[i], y);
    json_view_row(w, fc, &views[i], 0);
    json_array_end(w);
    json_object_end(w);
  }
  json_array_end(w);
}

void forecast_sides_write(const Forecast *fc, bool json, const DiagList *diags, FILE *out) {
  if (!json) {
    write_table(fc, out);
    return;
  }
  const Agreement *ag = forecast_agreement(fc, 0);
  JsonWriter w;
  json_report_begin(&w, out, ag);
  for (size_t s = 0; s < 2; s++) {
    json_key(&w, s ? "b" : "a");
    json_object_begin(&w);
    json_key(&w, "label");
    json_cstring(&w, side_label(forecast_agreement(fc, s)));
    json_object_end(&w);
  }
  forecast_json_head(&w, fc);
  json_key(&w, "difference_note");
  json_cstring(&w, DIFF_NOTE);
  json_diffs(&w, fc, true);
  json_diffs(&w, fc, false);
  forecast_json_caps(&w, fc);
  forecast_json_stakes_and_milestones(&w, fc);
  json_views(&w, fc);
  json_report_close(&w, ag, diags);
}
