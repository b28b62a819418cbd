/*
** forecast_render.h -- what the forecast's writers share (render/forecast_*.c): a share of the
** paths and a quarter as text, a statistic in the table's columns, the table's heading and
** sections, and the JSON document's parts; and the writers of two sides, of the charts and of an
** HTML section, which the entry points of engine/forecast.h and pactum.h call.
*/
#ifndef PACT_FORECAST_RENDER_H
#define PACT_FORECAST_RENDER_H

#include "base/arena.h"
#include "base/jsonw.h"
#include "engine/forecast.h"
#include "render/chart_set.h"
#include "render/svg.h"

/* A share of the paths with four places, half-even ("0.8731"); a quarter ("2029-Q1", "never"). */
void forecast_share_text(uint64_t count, uint64_t paths, char *buf, size_t size);
void forecast_quarter_text(int64_t q, char *buf, size_t size);
/* A statistic's columns (one: the amount alone), and their heading after a first column. */
void forecast_stat_text(const Agreement *ag, const ForecastStat *st, bool one, FILE *out);
void forecast_stat_head(const char *first, bool one, FILE *out);
/* The table's heading (scenario, paths, seed, what is drawn), one agreement's caps and stakes,
** and the milestones. */
void forecast_write_header(const Forecast *fc, FILE *out);
void forecast_write_caps_and_stakes(const Forecast *fc, size_t a, const Agreement *ag, FILE *out);
void forecast_write_milestones(const Forecast *fc, FILE *out);
/* The JSON document's parts: a statistic's four keys, the head, caps, stakes and milestones. */
void forecast_json_stat(JsonWriter *w, const Agreement *ag, const ForecastStat *st);
void forecast_json_head(JsonWriter *w, const Forecast *fc);
void forecast_json_caps(JsonWriter *w, const Forecast *fc);
void forecast_json_stakes_and_milestones(JsonWriter *w, const Forecast *fc);

/* Two sides (forecast_sides_write.c): the table, or the JSON document with a, b and difference. */
void forecast_sides_write(const Forecast *fc, bool json, const DiagList *diags, FILE *out);

/* The forecast's charts (forecast_svg.c): per payer and payee its band by year (both sides'
** with two), then per capped clause the share of the paths binding in each quarter. */
typedef ChartSet ForecastCharts;
PactStatus forecast_charts_build(const Forecast *fc, ForecastCharts *out);
void forecast_charts_free(ForecastCharts *charts);

#endif
