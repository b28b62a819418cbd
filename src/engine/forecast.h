/*
** forecast.h -- what would happen: a scenario's figures projected into monthly revenue events
** and settled by the real settlement engine, after the actual events, once (no uncertainty)
** or over many seeded random paths. Per agreement: what each payer owes each payee per year and
** in all (mean, 10th, 50th and 90th percentiles, present value), per capped clause the chance
** that the cap binds and the quarter it binds in, per equity stake its value by year. Exact
** money throughout: floating point only draws figures and growth factors, and every amount
** made from them is rounded to the cent at once (docs/forecast.md). Memory does not grow with
** the number of paths: each path's results go to a temporary file, read back to select the
** percentiles exactly.
*/
#ifndef PACT_FORECAST_H
#define PACT_FORECAST_H

#include "engine/settle.h"
#include "feed/feed.h"
#include "terms/scenario.h"

typedef struct ForecastOptions {
  bool has_paths, has_seed;
  uint64_t paths; /* default: the scenario's `paths`, else 1,000 (1 without uncertainty) */
  uint64_t seed;  /* default: the scenario's `seed`, else 1 */
  int threads;    /* 0 or 1: one thread */
  bool sides;     /* two agreements, sides a and b: also their difference a - b on each path */
} ForecastOptions;

/* A statistic of an amount over the paths: the mean (half-even) and three order statistics. */
typedef struct ForecastStat {
  int64_t mean, p10, p50, p90;
} ForecastStat;

/* A payer and payee of one agreement. */
typedef struct ForecastPair {
  uint32_t agreement;
  int32_t payer, payee;
  ForecastStat owed;
  bool has_pv;
  ForecastStat pv; /* present value at the scenario's discount rate */
} ForecastPair;

typedef struct ForecastYear {
  uint32_t agreement;
  int32_t year;
  uint32_t pair; /* index into pairs */
  ForecastStat owed;
} ForecastYear;

/* Quarters are numbered year * 4 + (quarter - 1); FORECAST_NEVER: the cap never bound. */
#define FORECAST_NEVER INT64_MAX
typedef struct ForecastCap {
  uint32_t agreement;
  const Clause *clause; /* a wording of a capped revenue share */
  uint64_t binds;       /* paths in which it bound */
  int64_t q10, q50, q90;
  const uint64_t *quarters; /* paths binding in each quarter of the years reported, from the
                            ** first year's Q1 (forecast_years_reported) */
  uint64_t outside;         /* paths binding in a quarter outside those years */
} ForecastCap;

typedef struct ForecastStake {
  uint32_t agreement;
  int32_t year;
  const Clause *equity;
  ForecastStat value;
} ForecastStake;

typedef struct ForecastMilestone {
  Str id;
  uint64_t happened; /* paths in which it was recorded */
} ForecastMilestone;

/* Two sides over the same paths: what a payer owes a payee in a year (0: in all) on side a, on
** side b, and the difference a - b, whose statistics are those of the per-path differences (its
** percentiles are not the differences of the sides' percentiles). A side without the pair owes
** 0 on every path. */
typedef struct ForecastDiff {
  int32_t payer, payee; /* party indexes, the same on both sides */
  int32_t year;         /* 0: in all */
  ForecastStat a, b, diff;
  bool has_pv;
  int64_t pv_a, pv_b; /* in all: each side's mean present value */
} ForecastDiff;

typedef struct Forecast Forecast;

/*
** Runs the forecast of n agreements (each checked clean) under one scenario checked against
** the first, after the actual events of feed (NULL: none). Warnings (a figure overlapping the
** actual events) and errors (an amount past 64 bits on some path) go to diags. PACT_ERR_INVALID
** when an error was reported, PACT_ERR_NOMEM, PACT_ERR_IO (the temporary file).
*/
PactStatus forecast_run(const Agreement *const *agreements, size_t n, const Scenario *scenario,
                        Feed *feed, const ForecastOptions *options, DiagList *diags,
                        Forecast **out);
void forecast_free(Forecast *forecast);

/* What was run, and the rows, each in a fixed order (agreement, then pair, year, clause). */
uint64_t forecast_paths(const Forecast *forecast);
uint64_t forecast_seed(const Forecast *forecast);
bool forecast_uncertain(const Forecast *forecast);
const Scenario *forecast_scenario(const Forecast *forecast);
size_t forecast_agreement_count(const Forecast *forecast);
const Agreement *forecast_agreement(const Forecast *forecast, size_t index);
const ForecastPair *forecast_pairs(const Forecast *forecast, size_t *count);
const ForecastYear *forecast_years(const Forecast *forecast, size_t *count);
const ForecastCap *forecast_caps(const Forecast *forecast, size_t *count);
const ForecastStake *forecast_stakes(const Forecast *forecast, size_t *count);
const ForecastMilestone *forecast_milestones(const Forecast *forecast, size_t *count);
/* The years the rows report: the first, and how many. */
int32_t forecast_years_reported(const Forecast *forecast, int32_t *count);
/* With options.sides: true, and per pair of either side its years then its total (else NULL). */
bool forecast_two_sided(const Forecast *forecast);
const ForecastDiff *forecast_differences(const Forecast *forecast, size_t *count);
/* Without uncertainty, the one path's settlement of each agreement (as settle shows it). */
const Settlement *forecast_settlement(const Forecast *forecast, size_t agreement);

/* The writer is render's (render/forecast_write.c): text for people, or the JSON document. */
void forecast_write(const Forecast *forecast, bool json, const DiagList *diags, FILE *out);
/* Its charts as a whole SVG file (render/forecast_svg.c), and its tables and charts as the body
** of an HTML section (render/forecast_html.c). PACT_ERR_IO when out has an error. */
PactStatus forecast_svg_write(const Forecast *forecast, FILE *out);
PactStatus forecast_html_write(const Forecast *forecast, FILE *out);

#endif
