/*
** cmd_report.c -- pactum report: the agreement, its terms on a day, its settlement over the
** events, the charts and every obligation explained, as one HTML page (pact_report_write),
** written whole to its file (a temporary beside it, then renamed) or to standard output.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Where the events come from, for the page's heading: the files, or the ledger. */
static void sources_text(const Options *o, char *buf, size_t size) {
  size_t n = 0;
  buf[0] = '\0';
  if (o->ledger) {
    snprintf(buf, size, "the ledger %s", o->ledger);
    return;
  }
  if (!o->path_count) {
    snprintf(buf, size, "none: the scenario alone, from nothing that happened");
    return;
  }
  for (int i = 0; i < o->path_count && n < size; i++)
    n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "", o->paths[i]);
}

/* E1401: the page cannot be written where -o says; nothing is left there. */
static int cannot_write(const char *path, int error) {
  PactDiagnostics *diags = diagnostics_new();
  if (!diags) return EXIT_INPUT;
  pact_diagnostics_add(diags, PACT_SEVERITY_ERROR, "E1401", path, 0,
                       "write the report into a folder that exists and that you may write to",
                       "the report cannot be written: %s", strerror(error));
  render(diags);
  pact_diagnostics_free(diags);
  return EXIT_INPUT;
}

/* The output: standard output for "-", else a temporary file beside the report (*temp, to be
** renamed or removed). NULL (said) when it cannot be made. */
static FILE *output_open(const char *path, char **temp) {
  *temp = NULL;
  if (strcmp(path, "-") == 0) return stdout;
  size_t n = strlen(path) + 16;
  if (!(*temp = malloc(n))) return NULL;
  snprintf(*temp, n, "%s.tmp-XXXXXX", path);
  int fd = mkstemp(*temp);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!f) {
    cannot_write(path, errno);
    if (fd >= 0) {
      close(fd);
      unlink(*temp);
    }
    free(*temp);
    *temp = NULL;
    return NULL;
  }
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask); /* a page to share, as any file the user makes */
  return f;
}

/* Puts the written page in place (or, when ok is false, removes it); the exit status. */
static int output_close(const char *path, FILE *f, char *temp, bool ok) {
  if (!temp) return ok ? 0 : EXIT_INPUT;
  int error = 0;
  if (ok && (fflush(f) != 0 || fsync(fileno(f)) != 0)) error = errno;
  if (fclose(f) != 0 && ok && !error) error = errno;
  if (ok && !error && rename(temp, path) != 0) error = errno;
  if (!ok || error) unlink(temp);
  free(temp);
  if (error) return cannot_write(path, error);
  return ok ? 0 : EXIT_INPUT;
}

/* The comparison a report holds with --a and --b: its sides, its reading, what it said. */
typedef struct ReportCompare {
  PactAgreement *a, *b;
  PactComparison *c;
  PactDiagnostics *diags;
  PactReportSection section;
} ReportCompare;

static void report_compare_close(ReportCompare *x) {
  pact_comparison_free(x->c);
  pact_diagnostics_free(x->diags);
  pact_agreement_free(x->a);
  pact_agreement_free(x->b);
}

/* With --a and --b: the report's events settled under both sides, and the report's section of
** them. 0, or the exit status (the diagnostics said). */
static int report_compare_open(const Options *o, PactFeed *feed, ReportCompare *x) {
  int status = 0;
  if (!(x->a = load_side(o, o->agreement, "--a", o->side_a, &status))) return status;
  if (!(x->b = load_side(o, o->agreement, "--b", o->side_b, &status))) return status;
  if (!(x->diags = diagnostics_new())) return EXIT_INPUT;
  bool ok = pact_compare(x->a, x->b, feed, NULL, x->diags, &x->c) == PACT_OK &&
            pact_diagnostics_error_count(x->diags) == 0 &&
            pact_comparison_report_section(x->c, x->diags, &x->section) == PACT_OK;
  if (ok) return 0;
  render(x->diags);
  return EXIT_INPUT;
}

static bool diagnostic_held(const PactDiagnostics *list, const PactDiagnostic *d) {
  PactDiagnostic e;
  for (size_t i = 0; pact_diagnostics_get(list, i, &e); i++)
    if (e.severity == d->severity && e.line == d->line && e.column == d->column &&
        strcmp(e.code, d->code) == 0 && strcmp(e.message, d->message) == 0 &&
        (e.path && d->path ? strcmp(e.path, d->path) == 0 : e.path == d->path))
      return true;
  return false;
}

/* What the comparison said of the events, when the report's own settlement did not say it
** all (the sides' terms can take events the report's terms do not): said, never dropped. */
static void report_compare_said(const ReportCompare *x, const PactDiagnostics *report) {
  PactDiagnostic d;
  for (size_t i = 0; x->diags && pact_diagnostics_get(x->diags, i, &d); i++)
    if (!diagnostic_held(report, &d)) {
      fputs("pactum report: the comparison's own reading of the events said:\n", stderr);
      render(x->diags);
      return;
    }
}

/* The forecast a report holds with --scenario: the scenario projected after the report's
** events, under the report's terms, or under both sides with --a and --b (the same paths). */
typedef struct ReportForecast {
  PactScenario *scenario;
  PactForecast *fc;
  PactDiagnostics *diags;
  PactReportSection section;
} ReportForecast;

static PactStatus forecast_section_write(void *context, FILE *out) {
  return pact_forecast_html_write(context, out);
}

/* 0, or the exit status (the diagnostics said). */
static int report_forecast_open(const Options *o, const PactAgreement *ag,
                                const ReportCompare *compared, PactFeed *feed,
                                PactForecastOptions fo, ReportForecast *x) {
  const PactAgreement *sides[2] = {compared->a ? compared->a : ag, compared->b};
  fo.sides = compared->a != NULL;
  if (!(x->diags = diagnostics_new())) return EXIT_INPUT;
  bool ok =
      pact_scenario_load(sides[0], o->scenario, x->diags, &x->scenario) == PACT_OK &&
      pact_forecast(sides, fo.sides ? 2 : 1, x->scenario, feed, &fo, x->diags, &x->fc) == PACT_OK &&
      pact_diagnostics_error_count(x->diags) == 0;
  if (!ok) {
    render(x->diags);
    return EXIT_INPUT;
  }
  x->section = (PactReportSection){"forecast", "Forecast", forecast_section_write, x->fc};
  return 0;
}

/* Says what the forecast said (its warnings), then frees it: its diagnostics before the
** scenario, whose text they point into. */
static void report_forecast_close(ReportForecast *x) {
  if (x->fc) render(x->diags);
  pact_forecast_free(x->fc);
  pact_diagnostics_free(x->diags);
  pact_scenario_free(x->scenario);
}

/* The page: the comparison first (with --a and --b: it reads the same feed), then the report
** written whole to its file; the exit status. */
static int report_run(const Options *o, PactAgreement *ag, const PactForecastOptions *fo,
                      PactDiagnostics *diags) {
  PactDate on = o->has_on ? o->on : pact_date_today();
  if (!pact_agreement_version_on(ag, on)) {
    not_in_force(o, ag, on, NULL);
    return EXIT_INPUT;
  }
  PactSource source = events_source(o);
  PactFeed *feed = NULL;
  if (pact_feed_open(&source, diags, &feed) != PACT_OK) {
    render(diags);
    return EXIT_INPUT;
  }
  ReportCompare compared = {0};
  int status = o->side_a ? report_compare_open(o, feed, &compared) : 0;
  ReportForecast forecast = {0};
  if (!status && o->scenario) status = report_forecast_open(o, ag, &compared, feed, *fo, &forecast);
  char *temp;
  FILE *out = status ? NULL : output_open(o->output, &temp);
  if (out) {
    char sources[1024];
    sources_text(o, sources, sizeof sources);
    PactReportSection sections[2];
    size_t count = 0;
    if (compared.c) sections[count++] = compared.section;
    if (forecast.fc) sections[count++] = forecast.section;
    PactReportOptions options = {true, on, sources, sections, count};
    PactStatus written = pact_report_write(ag, feed, &options, diags, out);
    if (written == PACT_ERR_NOMEM) fprintf(stderr, "pactum report: out of memory\n");
    status = output_close(o->output, out, temp, written == PACT_OK);
    report_compare_said(&compared, diags);
  } else if (!status) {
    status = EXIT_INPUT;
  }
  render(diags);
  report_forecast_close(&forecast);
  report_compare_close(&compared);
  pact_feed_close(feed);
  return status;
}

static int cmd_report(const Options *o) {
  /* A scenario may stand alone: the page then settles no events, and the forecast starts from
  ** nothing that happened. */
  bool scenario_alone = o->scenario && o->agreement && !o->path_count && !o->ledger;
  int usage = scenario_alone ? 0 : events_usage(o, 0);
  if (usage) return usage;
  if (!o->output)
    return usage_error(o->command,
                       "say where to write the page: -o report.html (- for standard "
                       "output)",
                       NULL);
  if (!o->side_a != !o->side_b)
    return usage_error(o->command,
                       "a comparison names both sides: --a SIDE --b SIDE (actual, a version, "
                       "or an amendment file)",
                       NULL);
  if (!o->scenario && (o->paths_text || o->seed || o->threads))
    return usage_error(o->command, "--paths, --seed and --threads go with --scenario FILE", NULL);
  PactForecastOptions fo;
  int status = forecast_options(o, &fo);
  if (status) return status;
  PactAgreement *ag = load_side(o, o->agreement, "--terms", o->terms, &status);
  if (!ag) return status;
  PactDiagnostics *diags = diagnostics_new();
  status = diags ? report_run(o, ag, &fo, diags) : EXIT_INPUT;
  pact_diagnostics_free(diags);
  pact_agreement_free(ag);
  return status;
}

const Command command_report = {
    "report", cmd_report,
    "report EVENTS [--on DATE] [--terms SIDE] [--a SIDE --b SIDE]\n"
    "              [--scenario FILE [--paths N] [--seed S] [--threads N]]\n"
    "              -o FILE",
    "One HTML page for people who read rather than type: the agreement's title, the terms in "
    "force on the day (what pactum show says) and the history of its versions, the settlement "
    "by year and every obligation, the charts (settle --format svg), why each obligation is "
    "what it is (what pactum explain says; click one to open it), and the diagnostics. It "
    "needs no network and runs no script. The page is written whole or not at all; -o - "
    "writes it to standard output (docs/report.md). The settlement is made under --terms "
    "(default actual, as settle --terms takes it); with --a SIDE --b SIDE the page gains a "
    "comparison of the two sides (what pactum compare says: the totals, by year, by clause, "
    "the caps, and its charts); with --scenario FILE a forecast of the scenario after the events "
    "(what pactum forecast says, under the report's terms or both sides, with its "
    "charts); with a scenario the events may be left out, and the forecast starts from "
    "nothing that happened.\n\n" EVENTS_ABOUT,
    "pactum report --agreement agreements/microsoft-openai \\\n"
    "    --events examples/microsoft-openai/events.csv --a 2025-10-28 --b actual \\\n"
    "    -o report.html"};
