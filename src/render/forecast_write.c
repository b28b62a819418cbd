/*
** forecast_write.c -- a forecast for people (tables) and programs (the JSON document of
** docs/forecast.md): what each payer owes each payee in all and by year, mean and percentiles,
** with present values; each capped clause's chance of binding and the quarter it binds in; each
** stake's value by year; each milestone's chance. Without uncertainty, the one path's
** settlement first, as settle writes it.
*/
#include <string.h>

#include "base/jsonw.h"
#include "engine/forecast.h"
#include "render/describe.h"
#include "render/forecast_render.h"
#include "render/settle_write.h"

static const Str *party(const Agreement *ag, int32_t index) { return &ag->parties[index].id; }

/* A share of the paths as a decimal with four places, rounded half-even: "0.8731". */
void forecast_share_text(uint64_t count, uint64_t paths, char *buf, size_t size) {
  PactWide scaled = (PactWide)count * 10000, q = scaled / paths, r = scaled % paths;
  if (2 * r > (PactWide)paths || (2 * r == (PactWide)paths && q % 2)) q++;
  snprintf(buf, size, "%d.%04d", (int)(q / 10000), (int)(q % 10000));
}

/* A quarter number (year * 4 + quarter - 1) as 2029-Q1, or never. */
void forecast_quarter_text(int64_t q, char *buf, size_t size) {
  if (q == FORECAST_NEVER) snprintf(buf, size, "never");
  else snprintf(buf, size, "%lld-Q%d", (long long)(q / 4), (int)(q % 4) + 1);
}

void forecast_stat_text(const Agreement *ag, const ForecastStat *st, bool one, FILE *out) {
  char a[40], b[40], c[40], d[40];
  amount_text(ag, st->mean, a, sizeof a);
  if (one) {
    fprintf(out, " %20s", a);
    return;
  }
  amount_text(ag, st->p10, b, sizeof b);
  amount_text(ag, st->p50, c, sizeof c);
  amount_text(ag, st->p90, d, sizeof d);
  fprintf(out, " %20s %20s %20s %20s", a, b, c, d);
}

void forecast_stat_head(const char *first, bool one, FILE *out) {
  fprintf(out, "  %-34s", first);
  if (one) fprintf(out, " %20s\n", "amount");
  else fprintf(out, " %20s %20s %20s %20s\n", "mean", "p10", "p50", "p90");
}

void forecast_write_header(const Forecast *fc, FILE *out) {
  const Scenario *sc = forecast_scenario(fc);
  bool one = !forecast_uncertain(fc);
  fprintf(out, "forecast: scenario %.*s (%s), ", (int)sc->name.len, sc->name.ptr,
          sc->path ? sc->path : "");
  if (one) fprintf(out, "no uncertainty: one path, the figures exactly\n");
  else
    fprintf(out, "%llu paths, seed %llu\n", (unsigned long long)forecast_paths(fc),
            (unsigned long long)forecast_seed(fc));
  for (uint32_t s = 0; s < sc->series_count; s++)
    for (uint32_t k = 0; k < sc->series[s].figure_count; k++) {
      const Series *se = &sc->series[s];
      const Figure *f = &se->figures[k];
      if (f->dist == DIST_NONE) continue;
      fprintf(out, "  drawn: %s of %.*s%s%.*s, line %u: %s%s\n",
              se->kind == SERIES_REVENUE ? "revenue" : "valuation", (int)se->party.name.len,
              se->party.name.ptr, se->stream.len ? " in " : "", (int)se->stream.len, se->stream.ptr,
              f->line, f->kind == FIG_GROWTH ? "growth, " : "", scenario_dist_name(f->dist));
    }
}

static void write_pairs(const Forecast *fc, size_t a, const Agreement *ag, FILE *out) {
  const Scenario *sc = forecast_scenario(fc);
  bool one = !forecast_uncertain(fc);
  size_t n, ny;
  const ForecastPair *pairs = forecast_pairs(fc, &n);
  const ForecastYear *years = forecast_years(fc, &ny);
  fprintf(out, "\nwhat each payer owes each payee (%s)\n", ag->currency.code);
  forecast_stat_head("", one, out);
  for (size_t i = 0; i < n; i++) {
    if (pairs[i].agreement != a) continue;
    const Str *p = party(ag, pairs[i].payer), *q = party(ag, pairs[i].payee);
    for (size_t y = 0; y < ny; y++) {
      if (years[y].pair != i) continue;
      char label[80];
      snprintf(label, sizeof label, "%d %.*s -> %.*s", years[y].year, (int)p->len, p->ptr,
               (int)q->len, q->ptr);
      fprintf(out, "  %-34s", label);
      forecast_stat_text(ag, &years[y].owed, one, out);
      fputc('\n', out);
    }
    char label[80];
    snprintf(label, sizeof label, "total %.*s -> %.*s", (int)p->len, p->ptr, (int)q->len, q->ptr);
    fprintf(out, "  %-34s", label);
    forecast_stat_text(ag, &pairs[i].owed, one, out);
    fputc('\n', out);
    if (!pairs[i].has_pv) continue;
    char to[11], rate[32];
    pact_date_format(sc->discount_to, to);
    pact_rate_format_percent(sc->discount_rate, rate, sizeof rate);
    snprintf(label, sizeof label, "present value at %s to %s", rate, to);
    fprintf(out, "  %-34s", label);
    forecast_stat_text(ag, &pairs[i].pv, one, out);
    fputc('\n', out);
  }
}

void forecast_write_caps_and_stakes(const Forecast *fc, size_t a, const Agreement *ag, FILE *out) {
  bool one = !forecast_uncertain(fc);
  size_t nc, ns;
  const ForecastCap *caps = forecast_caps(fc, &nc);
  const ForecastStake *stakes = forecast_stakes(fc, &ns);
  for (size_t i = 0; i < nc; i++) {
    if (caps[i].agreement != a) continue;
    const Clause *c = caps[i].clause;
    const Str *v = &ag->versions[c->version].name;
    char share[16], q10[32], q50[32], q90[32];
    forecast_share_text(caps[i].binds, forecast_paths(fc), share, sizeof share);
    forecast_quarter_text(caps[i].q10, q10, sizeof q10);
    forecast_quarter_text(caps[i].q50, q50, sizeof q50);
    forecast_quarter_text(caps[i].q90, q90, sizeof q90);
    fprintf(out, "\ncap of %.*s (%.*s): ", (int)c->id.len, c->id.ptr, (int)v->len, v->ptr);
    if (one) fprintf(out, "%s\n", caps[i].binds ? q50 : "does not bind");
    else
      fprintf(out, "binds in a share %s of the paths; quarter p10 %s, p50 %s, p90 %s\n", share, q10,
              q50, q90);
  }
  bool first = true;
  for (size_t i = 0; i < ns; i++) {
    if (stakes[i].agreement != a) continue;
    const Equity *e = &stakes[i].equity->u.equity;
    if (first) {
      fprintf(out, "\nstakes (%s)\n", ag->currency.code);
      forecast_stat_head("", one, out);
      first = false;
    }
    char label[80];
    snprintf(label, sizeof label, "%d %.*s in %.*s", stakes[i].year, (int)e->holder.name.len,
             e->holder.name.ptr, (int)e->in.name.len, e->in.name.ptr);
    fprintf(out, "  %-34s", label);
    forecast_stat_text(ag, &stakes[i].value, one, out);
    fputc('\n', out);
  }
}

void forecast_write_milestones(const Forecast *fc, FILE *out) {
  size_t nm;
  const ForecastMilestone *ms = forecast_milestones(fc, &nm);
  if (nm) fprintf(out, "\nmilestones\n");
  for (size_t i = 0; i < nm; i++) {
    char share[16];
    forecast_share_text(ms[i].happened, forecast_paths(fc), share, sizeof share);
    fprintf(out, "  %.*s: recorded in a share %s of the paths\n", (int)ms[i].id.len, ms[i].id.ptr,
            share);
  }
}

static void write_table(const Forecast *fc, FILE *out) {
  forecast_write_header(fc, out);
  for (size_t a = 0; a < forecast_agreement_count(fc); a++) {
    const Agreement *ag = forecast_agreement(fc, a);
    fprintf(out, "\nagreement %.*s\n", (int)ag->id.len, ag->id.ptr);
    const Settlement *s = forecast_settlement(fc, a);
    if (s) {
      fputc('\n', out);
      settle_write_table(s, out);
    }
    write_pairs(fc, a, ag, out);
    forecast_write_caps_and_stakes(fc, a, ag, out);
  }
  forecast_write_milestones(fc, out);
}

/* ---------------------------------------------------------------- JSON */

void forecast_json_stat(JsonWriter *w, const Agreement *ag, const ForecastStat *st) {
  json_amount(w, ag, "mean", st->mean);
  json_amount(w, ag, "p10", st->p10);
  json_amount(w, ag, "p50", st->p50);
  json_amount(w, ag, "p90", st->p90);
}

static void json_pair_keys(JsonWriter *w, const Forecast *fc, const Agreement *ag,
                           const ForecastPair *p) {
  if (forecast_agreement_count(fc) > 1) {
    json_key(w, "agreement_index");
    json_int(w, (int64_t)p->agreement);
  }
  const Str *a = party(ag, p->payer), *b = party(ag, p->payee);
  json_key(w, "payer");
  json_string(w, a->ptr, a->len);
  json_key(w, "payee");
  json_string(w, b->ptr, b->len);
}

static void json_distributions(JsonWriter *w, const Scenario *sc) {
  json_key(w, "distributions");
  json_array_begin(w);
  for (uint32_t s = 0; s < sc->series_count; s++)
    for (uint32_t k = 0; k < sc->series[s].figure_count; k++) {
      const Series *se = &sc->series[s];
      const Figure *f = &se->figures[k];
      if (f->dist == DIST_NONE) continue;
      json_object_begin(w);
      json_key(w, "series");
      json_cstring(w, se->kind == SERIES_REVENUE ? "revenue" : "valuation");
      json_key(w, "party");
      json_string(w, se->party.name.ptr, se->party.name.len);
      json_key(w, "stream");
      if (se->stream.len) json_string(w, se->stream.ptr, se->stream.len);
      else json_null(w);
      json_key(w, "line");
      json_int(w, f->line);
      json_key(w, "of");
      json_cstring(w, f->kind == FIG_AMOUNT   ? "amount"
                      : f->kind == FIG_GROWTH ? "growth"
                                              : "multiple");
      json_key(w, "distribution");
      json_cstring(w, scenario_dist_name(f->dist));
      json_object_end(w);
    }
  json_array_end(w);
}

static void json_totals_and_years(JsonWriter *w, const Forecast *fc) {
  size_t n, ny;
  const ForecastPair *pairs = forecast_pairs(fc, &n);
  const ForecastYear *years = forecast_years(fc, &ny);
  json_key(w, "totals");
  json_array_begin(w);
  for (size_t i = 0; i < n; i++) {
    const Agreement *ag = forecast_agreement(fc, pairs[i].agreement);
    json_object_begin(w);
    json_pair_keys(w, fc, ag, &pairs[i]);
    forecast_json_stat(w, ag, &pairs[i].owed);
    if (pairs[i].has_pv) json_amount(w, ag, "present_value", pairs[i].pv.mean);
    else json_key(w, "present_value"), json_null(w);
    json_object_end(w);
  }
  json_array_end(w);
  json_key(w, "years");
  json_array_begin(w);
  for (size_t i = 0; i < ny; i++) {
    const ForecastPair *p = &pairs[years[i].pair];
    const Agreement *ag = forecast_agreement(fc, p->agreement);
    json_object_begin(w);
    json_key(w, "year");
    json_int(w, years[i].year);
    json_pair_keys(w, fc, ag, p);
    forecast_json_stat(w, ag, &years[i].owed);
    json_object_end(w);
  }
  json_array_end(w);
}

void forecast_json_caps(JsonWriter *w, const Forecast *fc) {
  size_t n;
  const ForecastCap *caps = forecast_caps(fc, &n);
  json_key(w, "caps");
  json_array_begin(w);
  for (size_t i = 0; i < n; i++) {
    const Agreement *ag = forecast_agreement(fc, caps[i].agreement);
    const Clause *c = caps[i].clause;
    const Str *v = &ag->versions[c->version].name;
    char share[16], q[32];
    json_object_begin(w);
    if (forecast_two_sided(fc)) json_key(w, "side"), json_cstring(w, caps[i].agreement ? "b" : "a");
    json_key(w, "clause");
    json_string(w, c->id.ptr, c->id.len);
    json_key(w, "version");
    json_string(w, v->ptr, v->len);
    forecast_share_text(caps[i].binds, forecast_paths(fc), share, sizeof share);
    json_key(w, "probability");
    json_cstring(w, share);
    const int64_t qs[3] = {caps[i].q10, caps[i].q50, caps[i].q90};
    const char *keys[3] = {"quarter_p10", "quarter_p50", "quarter_p90"};
    for (int k = 0; k < 3; k++) {
      forecast_quarter_text(qs[k], q, sizeof q);
      json_key(w, keys[k]);
      json_cstring(w, q);
    }
    json_object_end(w);
  }
  json_array_end(w);
}

void forecast_json_stakes_and_milestones(JsonWriter *w, const Forecast *fc) {
  size_t n, nm;
  const ForecastStake *stakes = forecast_stakes(fc, &n);
  json_key(w, "stake");
  json_array_begin(w);
  for (size_t i = 0; i < n; i++) {
    const Agreement *ag = forecast_agreement(fc, stakes[i].agreement);
    const Equity *e = &stakes[i].equity->u.equity;
    json_object_begin(w);
    if (forecast_two_sided(fc))
      json_key(w, "side"), json_cstring(w, stakes[i].agreement ? "b" : "a");
    json_key(w, "year");
    json_int(w, stakes[i].year);
    json_key(w, "holder");
    json_string(w, e->holder.name.ptr, e->holder.name.len);
    json_key(w, "in");
    json_string(w, e->in.name.ptr, e->in.name.len);
    forecast_json_stat(w, ag, &stakes[i].value);
    json_object_end(w);
  }
  json_array_end(w);
  const ForecastMilestone *ms = forecast_milestones(fc, &nm);
  json_key(w, "milestones");
  json_array_begin(w);
  for (size_t i = 0; i < nm; i++) {
    char share[16];
    forecast_share_text(ms[i].happened, forecast_paths(fc), share, sizeof share);
    json_object_begin(w);
    json_key(w, "milestone");
    json_string(w, ms[i].id.ptr, ms[i].id.len);
    json_key(w, "probability");
    json_cstring(w, share);
    json_object_end(w);
  }
  json_array_end(w);
}

/* The scenario's name, the paths and seed, the discount, and the one path's obligations. */
void forecast_json_head(JsonWriter *w, const Forecast *fc) {
  const Scenario *sc = forecast_scenario(fc);
  json_key(w, "scenario");
  json_string(w, sc->name.ptr, sc->name.len);
  json_key(w, "paths");
  json_int(w, (int64_t)forecast_paths(fc));
  json_key(w, "seed");
  json_int(w, (int64_t)forecast_seed(fc));
  json_key(w, "uncertain");
  json_bool(w, forecast_uncertain(fc));
  json_key(w, "discounted_to");
  if (sc->has_discount) {
    char day[11], rate[32];
    pact_date_format(sc->discount_to, day);
    json_cstring(w, day);
    pact_rate_format(sc->discount_rate, rate, sizeof rate);
    json_key(w, "discount_rate");
    json_cstring(w, rate);
  } else {
    json_null(w);
  }
  json_distributions(w, sc);
}

static void json_obligations(JsonWriter *w, const Forecast *fc) {
  const Settlement *s = forecast_settlement(fc, 0);
  if (!s) return;
  size_t count;
  const Obligation *all = settle_obligations(s, &count);
  json_key(w, "obligations");
  json_array_begin(w);
  for (size_t i = 0; i < count; i++) settle_json_obligation(w, settle_agreement(s), &all[i]);
  json_array_end(w);
}

void forecast_write(const Forecast *fc, bool json, const DiagList *diags, FILE *out) {
  if (forecast_two_sided(fc)) {
    forecast_sides_write(fc, json, diags, out);
    return;
  }
  if (!json) {
    write_table(fc, out);
    return;
  }
  const Agreement *ag = forecast_agreement(fc, 0);
  JsonWriter w;
  json_report_begin(&w, out, ag);
  forecast_json_head(&w, fc);
  json_totals_and_years(&w, fc);
  forecast_json_caps(&w, fc);
  forecast_json_stakes_and_milestones(&w, fc);
  json_obligations(&w, fc);
  json_report_close(&w, ag, diags);
}
