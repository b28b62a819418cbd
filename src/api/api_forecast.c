/*
** api_forecast.c -- pactum.h's forecasts: a scenario found in the agreement's files or read
** from a file of its own, the forecast run over one or more agreements, its rows as public
** values, and what is written of it.
*/
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "api/api.h"
#include "base/mem.h"
#include "engine/forecast.h"

struct PactScenario {
  ScenarioFile *file; /* when read from a file of its own */
  const Scenario *scenario;
};

struct PactForecast {
  Forecast *fc;
  Arena arena;
  const char **clause_ids;    /* per cap row, as C strings */
  const char **milestone_ids; /* per milestone row */
};

/* A scenario of the agreement's own files by name (NULL: its one scenario), or NULL. */
static const Scenario *own_scenario(const PactAgreement *ag, const char *name) {
  if (!name) return ag->scenario_count == 1 ? &ag->scenarios[0] : NULL;
  for (uint32_t i = 0; i < ag->scenario_count; i++)
    if (str_eq_cstr(ag->scenarios[i].name, name)) return &ag->scenarios[i];
  return NULL;
}

PactStatus pact_scenario_load(const PactAgreement *ag, const char *path_or_name, PactDiagnostics *d,
                              PactScenario **out) {
  *out = NULL;
  if (!ag || !d || ag->diags.errors) return PACT_ERR_MISUSE;
  PactScenario *p = mem_calloc(1, sizeof *p);
  if (!p) return PACT_ERR_NOMEM;
  struct stat st;
  p->scenario = own_scenario(ag, path_or_name);
  if (!p->scenario && path_or_name && stat(path_or_name, &st) == 0) {
    PactStatus status = scenario_file_load(ag, path_or_name, &d->list, &p->file);
    if (status != PACT_OK) {
      free(p);
      return status;
    }
    if (p->file->count == 1 && !d->list.errors) p->scenario = &p->file->list[0];
    else if (!d->list.errors)
      diag_add_path(&d->list, DIAG_ERROR, "E1504", path_or_name,
                    "a scenario file holds one scenario block", "the file holds %u scenarios",
                    p->file->count);
  } else if (!p->scenario) {
    diag_add_path(&d->list, DIAG_ERROR, "E1504", path_or_name ? path_or_name : ag->path,
                  "give a file of scenario blocks, or the name of a scenario of the agreement",
                  path_or_name ? "no such file, and no scenario of the agreement by that name"
                               : "the agreement has %u scenarios: name one",
                  ag->scenario_count);
  }
  *out = p;
  return p->scenario ? PACT_OK : PACT_ERR_INVALID;
}

void pact_scenario_free(PactScenario *p) {
  if (!p) return;
  scenario_file_free(p->file);
  free(p);
}

static PactStatus forecast_names(PactForecast *p) {
  size_t n;
  const ForecastCap *caps = forecast_caps(p->fc, &n);
  p->clause_ids = arena_alloc(&p->arena, (n + 1) * sizeof *p->clause_ids);
  if (!p->clause_ids) return PACT_ERR_NOMEM;
  for (size_t i = 0; i < n; i++)
    if (!(p->clause_ids[i] =
              arena_strndup(&p->arena, caps[i].clause->id.ptr, caps[i].clause->id.len)))
      return PACT_ERR_NOMEM;
  const ForecastMilestone *ms = forecast_milestones(p->fc, &n);
  p->milestone_ids = arena_alloc(&p->arena, (n + 1) * sizeof *p->milestone_ids);
  if (!p->milestone_ids) return PACT_ERR_NOMEM;
  for (size_t i = 0; i < n; i++)
    if (!(p->milestone_ids[i] = arena_strndup(&p->arena, ms[i].id.ptr, ms[i].id.len)))
      return PACT_ERR_NOMEM;
  return PACT_OK;
}

PactStatus pact_forecast(const PactAgreement *const *ags, size_t n, const PactScenario *scenario,
                         PactFeed *feed, const PactForecastOptions *options, PactDiagnostics *d,
                         PactForecast **out) {
  *out = NULL;
  if (!ags || n == 0 || !scenario || !scenario->scenario || !d) return PACT_ERR_MISUSE;
  for (size_t i = 0; i < n; i++)
    if (!ags[i] || ags[i]->diags.errors || !ags[i]->party_ids) return PACT_ERR_MISUSE;
  PactForecast *p = mem_calloc(1, sizeof *p);
  if (!p) return PACT_ERR_NOMEM;
  arena_init(&p->arena);
  ForecastOptions o = {0};
  if (options)
    o = (ForecastOptions){options->has_paths, options->has_seed, options->paths,
                          options->seed,      options->threads,  options->sides};
  PactStatus status =
      forecast_run(ags, n, scenario->scenario, feed ? feed->feed : NULL, &o, &d->list, &p->fc);
  if (status == PACT_OK) status = forecast_names(p);
  if (status != PACT_OK) {
    pact_forecast_free(p);
    return status;
  }
  *out = p;
  return PACT_OK;
}

void pact_forecast_free(PactForecast *p) {
  if (!p) return;
  forecast_free(p->fc);
  arena_free(&p->arena);
  free(p);
}

static PactForecastStat stat_out(ForecastStat s) {
  return (PactForecastStat){s.mean, s.p10, s.p50, s.p90};
}

static const char *party_of(const PactForecast *p, uint32_t agreement, int32_t index) {
  return forecast_agreement(p->fc, agreement)->party_ids[index];
}

uint64_t pact_forecast_paths(const PactForecast *p) { return p ? forecast_paths(p->fc) : 0; }
uint64_t pact_forecast_seed(const PactForecast *p) { return p ? forecast_seed(p->fc) : 0; }

size_t pact_forecast_total_count(const PactForecast *p) {
  size_t n = 0;
  if (p) forecast_pairs(p->fc, &n);
  return n;
}

bool pact_forecast_total(const PactForecast *p, size_t i, PactForecastTotal *out) {
  size_t n = 0;
  const ForecastPair *rows = p ? forecast_pairs(p->fc, &n) : NULL;
  if (i >= n) return false;
  const ForecastPair *r = &rows[i];
  *out = (PactForecastTotal){r->agreement,
                             party_of(p, r->agreement, r->payer),
                             party_of(p, r->agreement, r->payee),
                             stat_out(r->owed),
                             r->has_pv,
                             r->pv.mean};
  return true;
}

size_t pact_forecast_year_count(const PactForecast *p) {
  size_t n = 0;
  if (p) forecast_years(p->fc, &n);
  return n;
}

bool pact_forecast_year(const PactForecast *p, size_t i, PactForecastYear *out) {
  size_t n = 0, np;
  const ForecastYear *rows = p ? forecast_years(p->fc, &n) : NULL;
  if (i >= n) return false;
  const ForecastPair *pair = &forecast_pairs(p->fc, &np)[rows[i].pair];
  *out =
      (PactForecastYear){pair->agreement, rows[i].year, party_of(p, pair->agreement, pair->payer),
                         party_of(p, pair->agreement, pair->payee), stat_out(rows[i].owed)};
  return true;
}

size_t pact_forecast_cap_count(const PactForecast *p) {
  size_t n = 0;
  if (p) forecast_caps(p->fc, &n);
  return n;
}

bool pact_forecast_cap(const PactForecast *p, size_t i, PactForecastCap *out) {
  size_t n = 0;
  const ForecastCap *rows = p ? forecast_caps(p->fc, &n) : NULL;
  if (i >= n) return false;
  const Agreement *ag = forecast_agreement(p->fc, rows[i].agreement);
  *out = (PactForecastCap){
      rows[i].agreement, p->clause_ids[i], ag->version_names[rows[i].clause->version],
      rows[i].binds,     rows[i].q10,      rows[i].q50,
      rows[i].q90};
  return true;
}

size_t pact_forecast_stake_count(const PactForecast *p) {
  size_t n = 0;
  if (p) forecast_stakes(p->fc, &n);
  return n;
}

bool pact_forecast_stake(const PactForecast *p, size_t i, PactForecastStake *out) {
  size_t n = 0;
  const ForecastStake *rows = p ? forecast_stakes(p->fc, &n) : NULL;
  if (i >= n) return false;
  const Equity *e = &rows[i].equity->u.equity;
  *out = (PactForecastStake){rows[i].agreement, rows[i].year,
                             party_of(p, rows[i].agreement, e->holder.index),
                             party_of(p, rows[i].agreement, e->in.index), stat_out(rows[i].value)};
  return true;
}

size_t pact_forecast_difference_count(const PactForecast *p) {
  size_t n = 0;
  if (p) forecast_differences(p->fc, &n);
  return n;
}

bool pact_forecast_difference(const PactForecast *p, size_t i, PactForecastDifference *out) {
  size_t n = 0;
  const ForecastDiff *rows = p ? forecast_differences(p->fc, &n) : NULL;
  if (i >= n) return false;
  *out = (PactForecastDifference){
      rows[i].year,        party_of(p, 0, rows[i].payer), party_of(p, 0, rows[i].payee),
      stat_out(rows[i].a), stat_out(rows[i].b),           stat_out(rows[i].diff)};
  return true;
}

uint64_t pact_forecast_cap_paths_in(const PactForecast *p, size_t i, int64_t quarter) {
  size_t n = 0;
  const ForecastCap *rows = p ? forecast_caps(p->fc, &n) : NULL;
  if (i >= n) return 0;
  if (quarter == PACT_FORECAST_NEVER) return forecast_paths(p->fc) - rows[i].binds;
  int32_t years, first = forecast_years_reported(p->fc, &years);
  int64_t slot = quarter - (int64_t)first * 4;
  return slot >= 0 && slot < (int64_t)years * 4 ? rows[i].quarters[slot] : 0;
}

size_t pact_forecast_milestone_count(const PactForecast *p) {
  size_t n = 0;
  if (p) forecast_milestones(p->fc, &n);
  return n;
}

bool pact_forecast_milestone(const PactForecast *p, size_t i, PactForecastMilestone *out) {
  size_t n = 0;
  const ForecastMilestone *rows = p ? forecast_milestones(p->fc, &n) : NULL;
  if (i >= n) return false;
  *out = (PactForecastMilestone){p->milestone_ids[i], rows[i].happened};
  return true;
}

PactStatus pact_forecast_write(const PactForecast *p, PactForm form, const PactDiagnostics *d,
                               FILE *out) {
  if (!p) return PACT_ERR_MISUSE;
  forecast_write(p->fc, form == PACT_FORM_JSON, api_clist(d), out);
  return PACT_OK;
}

PactStatus pact_forecast_svg_write(const PactForecast *p, FILE *out) {
  if (!p || !out) return PACT_ERR_MISUSE;
  return forecast_svg_write(p->fc, out);
}

PactStatus pact_forecast_html_write(const PactForecast *p, FILE *out) {
  if (!p || !out) return PACT_ERR_MISUSE;
  return forecast_html_write(p->fc, out);
}
