/*
** forecast_html.c -- a forecast as the body of an HTML section (for the report's
** PactReportSection hook, docs/report.md): what was run, the table of what each payer owes each
** payee by year and in all (with two sides: a, b and the per-path difference a - b), each capped
** clause's chance and quarters, then the charts of forecast_svg.c inline. Every text from the
** agreement or the scenario is escaped (svg_text, which pact_write_html_text is); the output is
** well-formed XML inside one element.
*/
#include <string.h>

#include "render/describe.h"
#include "render/forecast_render.h"

static void text(FILE *out, const char *s) { svg_text(out, s, strlen(s)); }
static void str(FILE *out, Str s) { svg_text(out, s.ptr, s.len); }

static void cell_amount(FILE *out, const Agreement *ag, int64_t minor) {
  char buf[40];
  amount_text(ag, minor, buf, sizeof buf);
  fprintf(out, "<td class=\"num\">%s</td>", buf);
}

static void cells_stat(FILE *out, const Agreement *ag, const ForecastStat *st) {
  cell_amount(out, ag, st->mean);
  cell_amount(out, ag, st->p10);
  cell_amount(out, ag, st->p50);
  cell_amount(out, ag, st->p90);
}

static void cell_pair(FILE *out, const Agreement *ag, int32_t year, int32_t payer, int32_t payee) {
  if (year) fprintf(out, "<tr><td>%d</td><td>", year);
  else fputs("<tr><td>total</td><td>", out);
  str(out, ag->parties[payer].id);
  fputs(" -&gt; ", out);
  str(out, ag->parties[payee].id);
  fputs("</td>", out);
}

static void head_row(FILE *out, const char *const *names, size_t n) {
  fputs("<tr>", out);
  for (size_t i = 0; i < n; i++) {
    fputs("<th>", out);
    text(out, names[i]);
    fputs("</th>", out);
  }
  fputs("</tr>\n", out);
}

static void one_side_table(const Forecast *fc, FILE *out) {
  static const char *const names[] = {"year", "payer -> payee", "mean", "p10", "p50", "p90"};
  size_t n, ny;
  const ForecastPair *pairs = forecast_pairs(fc, &n);
  const ForecastYear *years = forecast_years(fc, &ny);
  fputs("<table>\n", out);
  head_row(out, names, 6);
  for (size_t i = 0; i < n; i++) {
    const Agreement *ag = forecast_agreement(fc, pairs[i].agreement);
    for (size_t y = 0; y < ny; y++) {
      if (years[y].pair != i) continue;
      cell_pair(out, ag, years[y].year, pairs[i].payer, pairs[i].payee);
      cells_stat(out, ag, &years[y].owed);
      fputs("</tr>\n", out);
    }
    cell_pair(out, ag, 0, pairs[i].payer, pairs[i].payee);
    cells_stat(out, ag, &pairs[i].owed);
    fputs("</tr>\n", out);
  }
  fputs("</table>\n", out);
}

static void two_side_table(const Forecast *fc, FILE *out) {
  static const char *const names[] = {"year",         "payer -> payee", "a (mean)",  "b (mean)",
                                      "a - b (mean)", "a - b p10",      "a - b p50", "a - b p90"};
  const Agreement *ag = forecast_agreement(fc, 0);
  for (size_t s = 0; s < 2; s++) {
    const Agreement *side = forecast_agreement(fc, s);
    fprintf(out, "<p>side %c: ", s ? 'b' : 'a');
    text(out, side->side_label ? side->side_label : "actual");
    fputs("</p>\n", out);
  }
  fputs(
      "<p>a - b is the difference on each path: its mean and percentiles are those of the "
      "paths' differences, not the differences of the sides' percentiles.</p>\n<table>\n",
      out);
  head_row(out, names, 8);
  size_t n;
  const ForecastDiff *rows = forecast_differences(fc, &n);
  for (size_t i = 0; i < n; i++) {
    cell_pair(out, ag, rows[i].year, rows[i].payer, rows[i].payee);
    cell_amount(out, ag, rows[i].a.mean);
    cell_amount(out, ag, rows[i].b.mean);
    cell_amount(out, ag, rows[i].diff.mean);
    cell_amount(out, ag, rows[i].diff.p10);
    cell_amount(out, ag, rows[i].diff.p50);
    cell_amount(out, ag, rows[i].diff.p90);
    fputs("</tr>\n", out);
  }
  fputs("</table>\n", out);
}

static void caps_table(const Forecast *fc, FILE *out) {
  static const char *const names[] = {"side",        "clause",      "version",    "binds (share)",
                                      "quarter p10", "quarter p50", "quarter p90"};
  size_t n;
  const ForecastCap *caps = forecast_caps(fc, &n);
  if (!n) return;
  fputs("<table>\n", out);
  head_row(out, names, 7);
  for (size_t i = 0; i < n; i++) {
    const Agreement *ag = forecast_agreement(fc, caps[i].agreement);
    char share[16], q[3][32];
    forecast_share_text(caps[i].binds, forecast_paths(fc), share, sizeof share);
    forecast_quarter_text(caps[i].q10, q[0], sizeof q[0]);
    forecast_quarter_text(caps[i].q50, q[1], sizeof q[1]);
    forecast_quarter_text(caps[i].q90, q[2], sizeof q[2]);
    fprintf(out, "<tr><td>%s</td><td>",
            forecast_two_sided(fc) ? (caps[i].agreement ? "b" : "a") : "");
    str(out, caps[i].clause->id);
    fputs("</td><td>", out);
    str(out, ag->versions[caps[i].clause->version].name);
    fprintf(out, "</td><td class=\"num\">%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", share,
            q[0], q[1], q[2]);
  }
  fputs("</table>\n", out);
}

PactStatus forecast_html_write(const Forecast *fc, FILE *out) {
  const Scenario *sc = forecast_scenario(fc);
  fputs("<p>scenario ", out);
  str(out, sc->name);
  if (forecast_uncertain(fc))
    fprintf(out, ": %llu paths, seed %llu; amounts in ", (unsigned long long)forecast_paths(fc),
            (unsigned long long)forecast_seed(fc));
  else fputs(": no uncertainty, one path with the figures exactly; amounts in ", out);
  text(out, forecast_agreement(fc, 0)->currency.code);
  fputs("</p>\n", out);
  if (forecast_two_sided(fc)) two_side_table(fc, out);
  else one_side_table(fc, out);
  caps_table(fc, out);
  ForecastCharts charts;
  PactStatus status = forecast_charts_build(fc, &charts);
  if (status != PACT_OK) return status; /* the charts freed */
  for (size_t i = 0; i < charts.count && status == PACT_OK; i++)
    status = chart_svg(&charts.charts[i], out);
  forecast_charts_free(&charts);
  return status == PACT_OK && ferror(out) ? PACT_ERR_IO : status;
}
