/*
** api_pacttest_forecast.c -- the figures of a scenario test that forecasts (`forecast FILE
** [paths N] [seed S]`, docs/testing.md). The scenario file, relative to the test file, is
** loaded against the test's agreement and forecast by pact_forecast after the test's events
** (the actual events it continues from); each forecast line (total, year, cap, milestone) is
** written twice in the file's own words, as expected from the line and as found in the
** forecast's rows, so that a failure reads as a diff of two lines. Amounts, shares of paths and
** quarters are compared as the printed strings are: exactly.
*/
#include <string.h>
#include <sys/stat.h>

#include "api/pacttest_int.h"

PactStatus pacttest_forecast(TestFile *file, const TestCase *test, const PactAgreement *ag,
                             const char *dir, PactFeed *feed, DiagList *diags,
                             PactDiagnostics *events, PactScenario **scenario, PactForecast **out) {
  const TestWord *w = &test->scenario;
  TestText where = {{0}, 0};
  if (*dir && w->ptr[0] != '/') pacttest_add(&where, "%s/", dir);
  pacttest_add(&where, "%.*s", (int)w->len, w->ptr);
  struct stat st;
  if (stat(where.buf, &st) != 0 || !S_ISREG(st.st_mode)) {
    diag_add(diags, DIAG_ERROR, TEST_E_MISSING, &file->source, w->offset, w->length,
             "the path is read from the test file's folder", "no scenario file at '%s'", where.buf);
    return PACT_ERR_IO;
  }
  PactStatus status = pact_scenario_load(ag, where.buf, events, scenario);
  if (status != PACT_OK) return status == PACT_ERR_NOMEM ? status : PACT_OK;
  const PactAgreement *ags[1] = {ag};
  status = pact_forecast(ags, 1, *scenario, feed, &test->forecast, events, out);
  return status == PACT_ERR_NOMEM ? status : PACT_OK;
}

/* ---------------------------------------------------------------- the forecast's lines */

static bool word_eq(TestWord w, const char *s) {
  return s && strlen(s) == w.len && !memcmp(s, w.ptr, w.len);
}

/* A share of paths with four places, half-even: as pactum forecast writes it (paths are at most
** ten million, so count * 10000 fits 64 bits). */
static void add_share(TestText *t, uint64_t count, uint64_t paths) {
  if (!paths) paths = 1;
  uint64_t scaled = count * 10000, q = scaled / paths, r = scaled % paths;
  if (2 * r > paths || (2 * r == paths && q % 2)) q++;
  pacttest_add(t, "probability %d.%04d", (int)(q / 10000), (int)(q % 10000));
}

static void add_quarter(TestText *t, const char *word, int64_t q) {
  if (q == PACT_FORECAST_NEVER) pacttest_add(t, " %s never", word);
  else pacttest_add(t, " %s %lld-Q%d", word, (long long)(q / 4), (int)(q % 4) + 1);
}

/* The words of a total or year line with figures v, as far as e names them; has_pv false: the
** forecast has no present value (the scenario has no discount line). */
static void write_stat(TestText *t, const Expectation *e, const PactAgreement *ag,
                       const int64_t v[FIG_COUNT], bool has_pv) {
  if (e->kind == EXPECT_FC_YEAR) pacttest_add(t, "year %d ", e->year);
  else pacttest_add(t, "total ");
  pacttest_add(t, "%.*s to %.*s ", (int)e->payer.len, e->payer.ptr, (int)e->payee.len,
               e->payee.ptr);
  pacttest_add_money(t, ag, "mean", v[FIG_AMOUNT]);
  static const char *const words[] = {"p10", "p50", "p90"};
  for (int k = 0; k < 3; k++) {
    if (!(e->figures & (1u << (FIG_P10 + k)))) continue;
    pacttest_add(t, " ");
    pacttest_add_money(t, ag, words[k], v[FIG_P10 + k]);
  }
  if (!(e->figures & (1u << FIG_PRESENT_VALUE))) return;
  pacttest_add(t, " ");
  if (has_pv) pacttest_add_money(t, ag, "present value", v[FIG_PRESENT_VALUE]);
  else pacttest_add(t, "present value (none: the scenario has no discount line)");
}

/* The forecast's figures for a total or year line; false when it has no such row. */
static bool stat_figures(const Expectation *e, const PactForecast *fc, int64_t v[FIG_COUNT],
                         bool *has_pv) {
  PactForecastStat owed = {0};
  bool found = false;
  *has_pv = false;
  if (e->kind == EXPECT_FC_TOTAL) {
    PactForecastTotal row;
    for (size_t i = 0; !found && pact_forecast_total(fc, i, &row); i++)
      if ((found = word_eq(e->payer, row.payer) && word_eq(e->payee, row.payee))) {
        owed = row.owed;
        *has_pv = row.has_present_value;
        v[FIG_PRESENT_VALUE] = row.present_value_minor;
      }
  } else {
    PactForecastYear row;
    for (size_t i = 0; !found && pact_forecast_year(fc, i, &row); i++)
      if ((found =
               row.year == e->year && word_eq(e->payer, row.payer) && word_eq(e->payee, row.payee)))
        owed = row.owed;
  }
  v[FIG_AMOUNT] = owed.mean_minor;
  v[FIG_P10] = owed.p10_minor;
  v[FIG_P50] = owed.p50_minor;
  v[FIG_P90] = owed.p90_minor;
  return found;
}

/* The words of a cap line as written (row NULL), or with the forecast's row. */
static void write_cap(TestText *t, const Expectation *e, const PactForecastCap *row,
                      uint64_t paths) {
  pacttest_add(t, "cap %.*s ", (int)e->clause.len, e->clause.ptr);
  if (e->version.len) pacttest_add(t, "version %.*s ", (int)e->version.len, e->version.ptr);
  if (row) add_share(t, row->paths_bound, paths);
  else pacttest_add(t, "probability %.*s", (int)e->probability.len, e->probability.ptr);
  static const char *const words[] = {"p10", "p50", "p90"};
  for (int k = 0; k < 3; k++) {
    if (!e->quarters[k].len) continue;
    if (!row) pacttest_add(t, " %s %.*s", words[k], (int)e->quarters[k].len, e->quarters[k].ptr);
    else
      add_quarter(t, words[k],
                  k == 0   ? row->quarter_p10
                  : k == 1 ? row->quarter_p50
                           : row->quarter_p90);
  }
}

/* A cap line's row: the clause's capped wording (of the version named). Without a version and
** with capped wordings in several, got says so. */
static void cap_found(const Expectation *e, const PactForecast *fc, TestText *got) {
  PactForecastCap row, match = {0};
  size_t count = 0;
  for (size_t i = 0; pact_forecast_cap(fc, i, &row); i++)
    if (word_eq(e->clause, row.clause) && (!e->version.len || word_eq(e->version, row.version)))
      if (!count++) match = row;
  if (count == 1) write_cap(got, e, &match, pact_forecast_paths(fc));
  else if (count)
    pacttest_add(got, "%.*s has a cap in %zu versions: name one (cap %.*s version V ...)",
                 (int)e->clause.len, e->clause.ptr, count, (int)e->clause.len, e->clause.ptr);
  else
    pacttest_add(got, "no cap of %.*s%s%.*s in the forecast", (int)e->clause.len, e->clause.ptr,
                 e->version.len ? " in version " : "", (int)e->version.len, e->version.ptr);
}

/* A milestone line's row; a milestone the scenario lacks is E1603 with the closest one. */
static void milestone_found(TestFile *file, const Expectation *e, const PactForecast *fc,
                            DiagList *diags, TestText *got) {
  PactForecastMilestone row;
  const char *names[64];
  size_t count = 0;
  for (size_t i = 0; pact_forecast_milestone(fc, i, &row); i++) {
    if (word_eq(e->milestone, row.milestone)) {
      pacttest_add(got, "milestone %s ", row.milestone);
      add_share(got, row.paths_recorded, pact_forecast_paths(fc));
      return;
    }
    if (count < 64) names[count++] = row.milestone;
  }
  const char *near = pact_suggest(e->milestone.ptr, e->milestone.len, names, count);
  char help[128];
  if (near) snprintf(help, sizeof help, "did you mean '%s'?", near);
  else snprintf(help, sizeof help, "the scenario's milestones are its milestone lines");
  diag_add(diags, DIAG_ERROR, TEST_E_UNKNOWN, &file->source, e->milestone.offset,
           e->milestone.length, help, "the scenario has no milestone '%.*s'", (int)e->milestone.len,
           e->milestone.ptr);
  pacttest_add(got, "not compared: the scenario has no milestone %.*s", (int)e->milestone.len,
               e->milestone.ptr);
}

void pacttest_forecasted(TestFile *file, const Expectation *e, const PactAgreement *ag,
                         const PactForecast *fc, const int64_t expected[FIG_COUNT], DiagList *diags,
                         TestText *want, TestText *got) {
  if (e->kind == EXPECT_FC_MILESTONE) {
    pacttest_add(want, "milestone %.*s probability %.*s", (int)e->milestone.len, e->milestone.ptr,
                 (int)e->probability.len, e->probability.ptr);
    if (fc) milestone_found(file, e, fc, diags, got);
    return;
  }
  if (e->kind == EXPECT_FC_CAP) {
    write_cap(want, e, NULL, 0);
    if (fc) cap_found(e, fc, got);
    return;
  }
  write_stat(want, e, ag, expected, true);
  if (!fc) return;
  int64_t v[FIG_COUNT] = {0};
  bool has_pv = false;
  if (stat_figures(e, fc, v, &has_pv)) write_stat(got, e, ag, v, has_pv);
  else if (e->kind == EXPECT_FC_YEAR)
    pacttest_add(got, "no figures of %d: the forecast's years are those with obligations", e->year);
  else pacttest_add(got, "nothing owed between them on any path: no total");
}
