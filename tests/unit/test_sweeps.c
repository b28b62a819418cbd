/*
** test_sweeps.c -- every allocation failed in turn, through pactum.h as the program calls it: the
** toy agreement's loading; the comparison of tests/settle/amended as it is against as if v1 had
** stayed in force (its tables, its JSON, its charts); the toy forecast of tests/forecast (one
** side, then two sides over a few paths) as a table, JSON, charts and HTML; the settlement's
** charts; the report with a comparison section. Each failed run must say PACT_ERR_NOMEM with
** nothing written (only the report and a forecast's HTML section stream, and may have begun),
** never PACT_OK with a shorter answer; or count a diagnostic it could not keep as lost; or write
** exactly the bytes of a run that failed nothing. ASan (make test's asan build) proves that every
** failed run freed what it took.
*/
#define _DEFAULT_SOURCE /* open_memstream */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "pactum.h"
#include "unit.h"

static const char *const amended_files[] = {"tests/settle/amended.csv",
                                            "tests/settle/payments.csv"};

/* What one run does, from loading what it needs to writing it to out; its status. */
typedef PactStatus (*Run)(PactDiagnostics *diagnostics, FILE *out);

/* The agreements every run reads, loaded once (their loading is swept elsewhere). */
static PactAgreement *amended, *amended_v1, *toy, *toy_actual, *toy_rate_5;

static PactStatus open_amended(PactDiagnostics *d, PactFeed **feed) {
  PactSource source = {0};
  source.files = amended_files;
  source.file_count = 2;
  return pact_feed_open(&source, d, feed);
}

/* ------------------------------------------------------------------ comparison */

typedef enum { AS_TEXT, AS_JSON, AS_SVG } Shape;

static PactStatus compare_as(Shape shape, PactDiagnostics *d, FILE *out) {
  PactFeed *feed = NULL;
  PactComparison *c = NULL;
  PactStatus status = open_amended(d, &feed);
  if (status == PACT_OK) status = pact_compare(amended, amended_v1, feed, NULL, d, &c);
  if (status == PACT_OK && shape == AS_SVG) status = pact_comparison_svg_write(c, d, out);
  else if (status == PACT_OK)
    status = pact_comparison_write(c, shape == AS_JSON ? PACT_FORM_JSON : PACT_FORM_TEXT, d, out);
  pact_comparison_free(c);
  pact_feed_close(feed);
  return status;
}

static PactStatus compare_text(PactDiagnostics *d, FILE *out) {
  return compare_as(AS_TEXT, d, out);
}
static PactStatus compare_json(PactDiagnostics *d, FILE *out) {
  return compare_as(AS_JSON, d, out);
}
static PactStatus compare_svg(PactDiagnostics *d, FILE *out) { return compare_as(AS_SVG, d, out); }

/* ------------------------------------------------------------------ forecast */

typedef enum { FC_TEXT, FC_JSON, FC_SVG, FC_HTML } ForecastShape;

static PactStatus forecast_as(bool sides, ForecastShape shape, PactDiagnostics *d, FILE *out) {
  const PactAgreement *one[] = {toy}, *two[] = {toy_actual, toy_rate_5};
  PactScenario *scenario = NULL;
  PactForecast *fc = NULL;
  PactForecastOptions options = {0};
  options.has_paths = true;
  options.paths = 5;
  options.has_seed = true;
  options.seed = 3;
  options.threads = 1;
  options.sides = sides;
  PactStatus status =
      pact_scenario_load(sides ? toy_actual : toy, "tests/forecast/uniform.pact", d, &scenario);
  if (status == PACT_OK)
    status = pact_forecast(sides ? two : one, sides ? 2 : 1, scenario, NULL, &options, d, &fc);
  if (status == PACT_OK) {
    switch (shape) {
      case FC_TEXT: status = pact_forecast_write(fc, PACT_FORM_TEXT, d, out); break;
      case FC_JSON: status = pact_forecast_write(fc, PACT_FORM_JSON, d, out); break;
      case FC_SVG: status = pact_forecast_svg_write(fc, out); break;
      case FC_HTML: status = pact_forecast_html_write(fc, out); break;
    }
  }
  pact_forecast_free(fc);
  pact_scenario_free(scenario);
  return status;
}

static PactStatus forecast_text(PactDiagnostics *d, FILE *out) {
  return forecast_as(false, FC_TEXT, d, out);
}
static PactStatus forecast_json(PactDiagnostics *d, FILE *out) {
  return forecast_as(false, FC_JSON, d, out);
}
static PactStatus forecast_svg(PactDiagnostics *d, FILE *out) {
  return forecast_as(false, FC_SVG, d, out);
}
static PactStatus forecast_html(PactDiagnostics *d, FILE *out) {
  return forecast_as(false, FC_HTML, d, out);
}
static PactStatus sides_text(PactDiagnostics *d, FILE *out) {
  return forecast_as(true, FC_TEXT, d, out);
}
static PactStatus sides_json(PactDiagnostics *d, FILE *out) {
  return forecast_as(true, FC_JSON, d, out);
}
static PactStatus sides_svg(PactDiagnostics *d, FILE *out) {
  return forecast_as(true, FC_SVG, d, out);
}
static PactStatus sides_html(PactDiagnostics *d, FILE *out) {
  return forecast_as(true, FC_HTML, d, out);
}

/* --------------------------------------------------------- settlement and report */

static PactStatus settlement_svg(bool by_year, PactDiagnostics *d, FILE *out) {
  PactFeed *feed = NULL;
  PactSettlement *s = NULL;
  PactStatus status = open_amended(d, &feed);
  if (status == PACT_OK) status = pact_settle(amended, feed, NULL, d, &s);
  if (status == PACT_OK) status = pact_settlement_svg_write(s, by_year, d, out);
  pact_settlement_free(s);
  pact_feed_close(feed);
  return status;
}

static PactStatus settlement_svg_periods(PactDiagnostics *d, FILE *out) {
  return settlement_svg(false, d, out);
}
static PactStatus settlement_svg_years(PactDiagnostics *d, FILE *out) {
  return settlement_svg(true, d, out);
}

static PactStatus report(PactDiagnostics *d, FILE *out) {
  PactFeed *feed = NULL;
  PactComparison *c = NULL;
  PactReportSection section;
  PactReportOptions options = {0};
  options.has_on = true;
  pact_date_parse("2025-03-01", 10, &options.on);
  options.sources = "amended.csv, payments.csv";
  PactStatus status = open_amended(d, &feed);
  if (status == PACT_OK) status = pact_compare(amended, amended_v1, feed, NULL, d, &c);
  if (status == PACT_OK) status = pact_comparison_report_section(c, d, &section);
  if (status == PACT_OK) {
    options.sections = &section;
    options.section_count = 1;
    status = pact_report_write(amended, feed, &options, d, out);
  }
  pact_comparison_free(c);
  pact_feed_close(feed);
  return status;
}

/* ------------------------------------------------------------------ the sweep */

/* One run with the fail_at-th allocation failed (0: none): what it wrote, its status, and how
** many allocations it made and diagnostics it lost. */
static char *written(Run run, long fail_at, PactStatus *status, long *allocations, size_t *lost) {
  char *text = NULL;
  size_t size = 0;
  PactDiagnostics *d = NULL;
  FILE *out = open_memstream(&text, &size);
  if (!out || pact_diagnostics_new(&d) != PACT_OK) {
    if (out) fclose(out);
    free(text);
    *status = PACT_ERR_IO;
    return NULL;
  }
  mem_allocation_count = 0;
  mem_fail_countdown = fail_at;
  *status = run(d, out);
  mem_fail_countdown = 0;
  if (allocations) *allocations = mem_allocation_count;
  *lost = pact_diagnostics_lost_count(d);
  pact_diagnostics_free(d);
  fclose(out);
  return text;
}

/* Every allocation of one run failed in turn. A writer that streams (the report, a section of
** it) may have begun the page when memory runs out: the program writes the page to a temporary
** file and removes it on failure. Every other writer writes nothing unless it writes it all. */
static void sweep(Run run, const char *name, bool streams) {
  PactStatus status;
  long total = 0;
  size_t lost = 0;
  char *expected = written(run, 0, &status, &total, &lost);
  CHECK_EQ_INT(status, PACT_OK);
  CHECK_EQ_INT(lost, 0);
  CHECK(expected && strlen(expected) > 100);
  CHECK(total > 0);
  int wrong = 0, out_of_memory = 0, kept_short = 0, half = 0;
  for (long n = 1; n <= total; n++) {
    char *got = written(run, n, &status, NULL, &lost);
    if (status == PACT_ERR_NOMEM) {
      out_of_memory++;
      /* A writer that failed may have begun; what it wrote is no answer, and says so. */
      if (got && got[0]) half++;
      if (!got || (got[0] && !streams)) wrong++;
    } else if (status == PACT_OK && lost) {
      kept_short++;
    } else if (status != PACT_OK || !got || !expected || strcmp(got, expected) != 0) {
      if (wrong < 3)
        fprintf(stderr, "%s: allocation %ld of %ld failed: status %d%s\n", name, n, total,
                (int)status, status == PACT_OK ? ", other bytes" : "");
      wrong++;
    }
    free(got);
  }
  if (wrong) fprintf(stderr, "%s: %d of %ld failed allocations went wrong\n", name, wrong, total);
  if (getenv("PACTUM_SWEEP_COUNTS"))
    fprintf(stderr, "%s: %ld allocations: %d out of memory (%d half written), %d lost one\n", name,
            total, out_of_memory, half, kept_short);
  CHECK_EQ_INT(wrong, 0);
  CHECK(out_of_memory > 0);
  CHECK(out_of_memory + kept_short <= total);
  free(expected);
}

/* Every allocation of loading the toy agreement failed in turn: PACT_ERR_NOMEM, or the agreement
** checked clean, never one that lacks its file (memory running out while reading it). */
static void sweep_load(void) {
  PactAgreement *ag = NULL;
  mem_allocation_count = 0;
  CHECK_EQ_INT(pact_agreement_load("tests/forecast/toy.pact", &ag), PACT_OK);
  long total = mem_allocation_count;
  pact_agreement_free(ag);
  int wrong = 0;
  for (long n = 1; n <= total; n++) {
    ag = NULL;
    mem_fail_countdown = n;
    PactStatus status = pact_agreement_load("tests/forecast/toy.pact", &ag);
    mem_fail_countdown = 0;
    if (status != PACT_ERR_NOMEM &&
        (status != PACT_OK || pact_agreement_error_count(ag) || !pact_agreement_currency(ag)))
      wrong++;
    pact_agreement_free(ag);
  }
  CHECK(total > 10);
  CHECK_EQ_INT(wrong, 0);
}

/* The status of a load, and whether its agreement checks clean. */
static bool loaded(PactStatus status, PactAgreement *const *ag, const char *name) {
  if (status == PACT_OK && *ag && pact_agreement_error_count(*ag) == 0) return true;
  fprintf(stderr, "%s does not load clean\n", name);
  if (*ag) pact_agreement_print_diagnostics(*ag, stderr, false);
  CHECK(false);
  return false;
}

int main(void) {
  const char *toy_path = "tests/forecast/toy.pact", *amended_path = "tests/settle/amended.pact";
  bool ok = loaded(pact_agreement_load(amended_path, &amended), &amended, "amended");
  ok &= loaded(pact_agreement_load_side(amended_path, "v1", &amended_v1), &amended_v1, "v1");
  ok &= loaded(pact_agreement_load(toy_path, &toy), &toy, "toy");
  ok &= loaded(pact_agreement_load_side(toy_path, "actual", &toy_actual), &toy_actual, "actual");
  ok &= loaded(pact_agreement_load_side(toy_path, "tests/forecast/toy-rate-5.pact", &toy_rate_5),
               &toy_rate_5, "toy at 5%");
  sweep_load();
  if (ok) {
    sweep(compare_text, "compare", false);
    sweep(compare_json, "compare --json", false);
    sweep(compare_svg, "compare --svg", false);
    sweep(forecast_text, "forecast", false);
    sweep(forecast_json, "forecast --json", false);
    sweep(forecast_svg, "forecast --svg", false);
    sweep(forecast_html, "forecast html", true);
    sweep(sides_text, "forecast --a --b", false);
    sweep(sides_json, "forecast --a --b --json", false);
    sweep(sides_svg, "forecast --a --b --svg", false);
    sweep(sides_html, "forecast --a --b html", true);
    sweep(settlement_svg_periods, "settle --svg", false);
    sweep(settlement_svg_years, "settle --by year --svg", false);
    sweep(report, "report with a comparison", true);
  }
  pact_agreement_free(amended);
  pact_agreement_free(amended_v1);
  pact_agreement_free(toy);
  pact_agreement_free(toy_actual);
  pact_agreement_free(toy_rate_5);
  return check_summary();
}
