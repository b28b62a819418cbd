/*
** cmd_forecast.c -- pactum forecast: what would happen under a scenario, after the actual
** events if any are given: one path with the figures exactly, or a seeded Monte Carlo run of
** many paths (docs/forecast.md).
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A whole number option from low to high: 0, or the exit status of a usage error. */
static int count_option(const Options *o, const char *name, const char *text, uint64_t low,
                        uint64_t high, uint64_t *out) {
  char *end = NULL;
  errno = 0;
  unsigned long long value = text[0] >= '0' && text[0] <= '9' ? strtoull(text, &end, 10) : 0;
  if (!end || *end || errno || value < low || value > high) {
    char message[128];
    snprintf(message, sizeof message, "%s takes a whole number from %llu to %llu, not", name,
             (unsigned long long)low, (unsigned long long)high);
    return usage_error(o->command, message, text);
  }
  *out = value;
  return 0;
}

static int forecast_usage(const Options *o, PactForecastOptions *fo) {
  if (!o->agreement) return usage_error(o->command, "give the agreement: --agreement PATH", NULL);
  if (o->path_count || o->ledger) {
    int usage = events_usage(o, 0);
    if (usage) return usage;
  }
  *fo = (PactForecastOptions){0};
  uint64_t threads = 1;
  int usage = 0;
  if (o->paths_text &&
      !(usage = count_option(o, "--paths", o->paths_text, 1, 10000000, &fo->paths)))
    fo->has_paths = true;
  if (!usage && o->seed &&
      !(usage = count_option(o, "--seed", o->seed, 0, UINT64_C(9007199254740991), &fo->seed)))
    fo->has_seed = true;
  if (!usage && o->threads) usage = count_option(o, "--threads", o->threads, 1, 64, &threads);
  fo->threads = (int)threads;
  return usage;
}

static int cmd_forecast(const Options *o) {
  PactForecastOptions fo;
  int status = forecast_usage(o, &fo);
  if (status) return status;
  PactAgreement *ag = load(o, o->agreement, &status);
  if (!ag) return status;
  PactDiagnostics *diags = diagnostics_new();
  PactScenario *scenario = NULL;
  PactFeed *feed = NULL;
  PactForecast *fc = NULL;
  bool ok = diags && pact_scenario_load(ag, o->scenario, diags, &scenario) == PACT_OK &&
            pact_diagnostics_error_count(diags) == 0;
  if (ok && (o->path_count || o->ledger)) {
    PactSource source = {(const char *const *)o->paths,
                         o->path_count,
                         o->ledger,
                         o->has_known_on,
                         o->known_on,
                         o->has_held_on,
                         o->held_on};
    ok = pact_feed_open(&source, diags, &feed) == PACT_OK;
  }
  const PactAgreement *ags[1] = {ag};
  if (ok)
    ok = pact_forecast(ags, 1, scenario, feed, &fo, diags, &fc) == PACT_OK &&
         pact_diagnostics_error_count(diags) == 0;
  if (diags) render_or_hold(o, diags);
  if (ok) pact_forecast_write(fc, o->json ? PACT_FORM_JSON : PACT_FORM_TEXT, diags, stdout);
  else if (o->json && diags) render_json_failure(ag, diags);
  pact_forecast_free(fc);
  pact_feed_close(feed);
  pact_diagnostics_free(diags); /* before the scenario, whose text they point into */
  pact_scenario_free(scenario);
  pact_agreement_free(ag);
  return ok ? 0 : EXIT_INPUT;
}

const Command command_forecast = {
    "forecast", cmd_forecast,
    "forecast --agreement PATH [--scenario FILE]\n"
    "                [--events FILE... | --ledger FILE]\n"
    "                [--paths N] [--seed S] [--threads N] [--json]",
    "What would happen under a scenario (docs/forecast.md): its figures split into monthly "
    "revenue and settled as settle would settle them, after the actual events if any are "
    "given (projected revenue only after the last day they cover). Without uncertainty, one "
    "path with the figures exactly; with ranges or chances, a seeded run of many paths: per "
    "payer and payee, by year and in all, the mean and the 10th, 50th and 90th percentiles "
    "of what is owed and its present value; for each capped clause the chance that the cap "
    "binds and the quarter it binds in; each stake's value by year. The same seed gives the "
    "same bytes on any number of threads.",
    "pactum forecast --agreement agreements/microsoft-openai \\\n"
    "    --scenario examples/microsoft-openai/reported.pact --paths 10000"};
