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

int forecast_options(const Options *o, PactForecastOptions *fo) {
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

static int forecast_usage(const Options *o, PactForecastOptions *fo) {
  if (!o->agreement) return usage_error(o->command, "give the agreement: --agreement PATH", NULL);
  if (o->path_count || o->ledger) {
    int usage = events_usage(o, 0);
    if (usage) return usage;
  }
  return forecast_options(o, fo);
}

/* The sides: --a and --b together (two sides over the same paths), or --terms (one), or the
** agreement as it is; a usage error's status, or 0. */
static int sides_usage(const Options *o) {
  if ((o->side_a != NULL) != (o->side_b != NULL))
    return usage_error(o->command,
                       "name both sides: --a SIDE --b SIDE (actual, a version, or an "
                       "amendment file)",
                       NULL);
  if (o->side_a && o->terms)
    return usage_error(o->command,
                       "--terms forecasts one side; --a and --b two: give one or the other", NULL);
  return 0;
}

/* Loads the one side or the two; the number loaded, 0 with *status set. */
static size_t load_sides(const Options *o, PactAgreement **ags, int *status) {
  if (!o->side_a) return (ags[0] = load_side(o, o->agreement, "--terms", o->terms, status)) ? 1 : 0;
  if (!(ags[0] = load_side(o, o->agreement, "--a", o->side_a, status))) return 0;
  if ((ags[1] = load_side(o, o->agreement, "--b", o->side_b, status))) return 2;
  pact_agreement_free(ags[0]);
  return 0;
}

/* The forecast as text, JSON or SVG; false when the SVG could not be written. */
static bool forecast_out(const Options *o, bool svg, const PactForecast *fc,
                         PactDiagnostics *diags) {
  if (!svg) {
    render_or_hold(o, diags);
    return pact_forecast_write(fc, o->json ? PACT_FORM_JSON : PACT_FORM_TEXT, diags, stdout) ==
           PACT_OK;
  }
  render(diags);
  return pact_forecast_svg_write(fc, stdout) == PACT_OK;
}

static int cmd_forecast(const Options *given) {
  PactForecastOptions fo;
  Options copy = *given; /* --format json holds the diagnostics for the document, as --json */
  const Options *o = &copy;
  bool svg;
  int status = forecast_usage(given, &fo);
  if (!status) status = format_text_json_svg(given, &copy.json, &svg);
  if (!status) status = sides_usage(given);
  if (status) return status;
  PactAgreement *sides[2] = {NULL, NULL};
  size_t side_count = load_sides(o, sides, &status);
  if (!side_count) return status;
  PactAgreement *ag = sides[0];
  fo.sides = side_count == 2;
  PactDiagnostics *diags = diagnostics_new();
  PactScenario *scenario = NULL;
  PactFeed *feed = NULL;
  PactForecast *fc = NULL;
  bool ok = diags && pact_scenario_load(ag, o->scenario, diags, &scenario) == PACT_OK &&
            pact_diagnostics_error_count(diags) == 0;
  if (ok && (o->path_count || o->ledger)) {
    PactSource source = events_source(o);
    ok = pact_feed_open(&source, diags, &feed) == PACT_OK;
  }
  const PactAgreement *ags[2] = {sides[0], sides[1]};
  if (ok)
    ok = pact_forecast(ags, side_count, scenario, feed, &fo, diags, &fc) == PACT_OK &&
         pact_diagnostics_error_count(diags) == 0;
  if (ok) ok = forecast_out(o, svg, fc, diags);
  else if (diags && o->json) render_json_failure(ag, diags);
  else if (diags) render(diags);
  pact_forecast_free(fc);
  pact_feed_close(feed);
  pact_diagnostics_free(diags); /* before the scenario, whose text they point into */
  pact_scenario_free(scenario);
  pact_agreement_free(sides[0]);
  pact_agreement_free(sides[1]);
  return ok ? 0 : EXIT_INPUT;
}

const Command command_forecast = {
    "forecast", cmd_forecast,
    "forecast --agreement PATH [--scenario FILE]\n"
    "                [--events FILE... | --ledger FILE]\n"
    "                [--terms SIDE | --a SIDE --b SIDE]\n"
    "                [--paths N] [--seed S] [--threads N]\n"
    "                [--format text|json|svg | --json]",
    "What would happen under a scenario (docs/forecast.md): its figures split into monthly "
    "revenue and settled as settle would settle them, after the actual events if any are "
    "given (projected revenue only after the last day they cover). Without uncertainty, one "
    "path with the figures exactly; with ranges or chances, a seeded run of many paths: per "
    "payer and payee, by year and in all, the mean and the 10th, 50th and 90th percentiles "
    "of what is owed and its present value; for each capped clause the chance that the cap "
    "binds and the quarter it binds in; each stake's value by year. The same seed gives the "
    "same bytes on any number of threads. With --a and --b, two sides of the agreement "
    "(actual, a version as if it had stayed in force, or an amendment file) settle the same "
    "paths: each side's figures and the difference a - b on each path, whose percentiles are "
    "those of the paths' differences. --format svg draws the bands and the caps' quarters.",
    "pactum forecast --agreement agreements/microsoft-openai \\\n"
    "    --scenario examples/microsoft-openai/reported.pact --paths 10000"};
