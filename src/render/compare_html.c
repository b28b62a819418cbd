/*
** compare_html.c -- a comparison as a part of an HTML page (compare_chart.h's
** compare_html_write): the tables `pactum compare` prints, as tables, then its charts inline.
** Well-formed as XHTML, as the report is; every text from the agreements escaped.
*/
#include <string.h>

#include "render/compare_chart.h"
#include "render/describe.h"

static const Agreement *agreement_of(const Comparison *c, int side) {
  return settle_agreement(c->side[side]);
}

static void text(FILE *out, const char *s) { svg_text(out, s, strlen(s)); }
static void str(FILE *out, Str s) { svg_text(out, s.ptr, s.len); }

static const char *side_label(const Comparison *c, int side) {
  const char *label = agreement_of(c, side)->side_label;
  return label ? label : "actual";
}

static void pair_cell(FILE *out, const Comparison *c, int32_t payer, int32_t payee) {
  fputs("<td>", out);
  str(out, *settle_party_id(c->side[0], payer));
  fputs(" -&gt; ", out);
  str(out, *settle_party_id(c->side[0], payee));
  fputs("</td>", out);
}

static void amount_cell(FILE *out, const Comparison *c, int64_t minor) {
  char amount[48];
  amount_text(agreement_of(c, 0), minor, amount, sizeof amount);
  fprintf(out, "<td class=\"n\">%s</td>", amount);
}

static void amount_cells(FILE *out, const Comparison *c, int64_t a, int64_t b, int64_t d) {
  amount_cell(out, c, a);
  amount_cell(out, c, b);
  amount_cell(out, c, d);
}

static void rows_table(FILE *out, const Comparison *c, const CompareRow *rows, size_t count,
                       bool years) {
  fprintf(out,
          "<table class=\"compare-%s\">\n<tr>%s<th>payer -&gt; payee</th><th>a</th>"
          "<th>b</th><th>difference (a - b)</th></tr>\n",
          years ? "years" : "totals", years ? "<th>year</th>" : "");
  for (size_t i = 0; i < count; i++) {
    const CompareRow *r = &rows[i];
    fputs("<tr>", out);
    if (years) fprintf(out, "<td>%d</td>", r->year);
    pair_cell(out, c, r->payer, r->payee);
    amount_cells(out, c, r->a_minor, r->b_minor, r->difference_minor);
    fputs("</tr>\n", out);
  }
  fputs("</table>\n", out);
}

static void clauses_table(FILE *out, const Comparison *c) {
  fputs(
      "<table class=\"compare-clauses\">\n<tr><th>clause</th><th>payer -&gt; payee</th>"
      "<th>a</th><th>b</th><th>difference (a - b)</th><th></th></tr>\n",
      out);
  for (size_t k = 0; k < c->clause_count; k++) {
    const CompareClause *r = &c->clauses[k];
    fputs("<tr><td>", out);
    str(out, r->id);
    fputs("</td>", out);
    pair_cell(out, c, r->payer, r->payee);
    amount_cells(out, c, r->a_minor, r->b_minor, r->difference_minor);
    fprintf(out, "<td>%s</td></tr>\n",
            r->in_a && r->in_b ? ""
            : r->in_a          ? "only in a"
                               : "only in b");
  }
  fputs("</table>\n", out);
}

static void cap_row(FILE *out, const Comparison *c, const CompareCap *cap) {
  const Agreement *ag = agreement_of(c, cap->side);
  const Clause *clause = cap->first->clause;
  char limit[96], first[24], last[24];
  money_text(ag, clause->u.share.cap_minor, clause->u.share.cap_about, limit, sizeof limit);
  pact_period_label(clause->u.share.calendar, cap->first->period, first, sizeof first);
  pact_period_label(cap->last->clause->u.share.calendar, cap->last->period, last, sizeof last);
  fprintf(out, "<tr><td>%s</td><td>", cap->side ? "b" : "a");
  str(out, clause->id);
  fputs("</td><td>", out);
  str(out, ag->versions[clause->version].name);
  fputs("</td>", out);
  pair_cell(out, c, clause->u.share.payer.index, clause->u.share.payee.index);
  fprintf(out, "<td class=\"n\">%s</td><td>%s</td><td>%s</td><td class=\"n\">%u</td>", limit, first,
          last, cap->periods);
  amount_cell(out, c, cap->amount_minor);
  amount_cell(out, c, cap->uncapped_minor);
  fputs("</tr>\n", out);
}

static void caps_table(FILE *out, const Comparison *c) {
  if (!c->cap_count) {
    fputs("<p>No cap binds on either side.</p>\n", out);
    return;
  }
  fputs(
      "<table class=\"compare-caps\">\n<tr><th>side</th><th>clause</th><th>version</th>"
      "<th>payer -&gt; payee</th><th>cap</th><th>binds from</th><th>through</th>"
      "<th>periods cut</th><th>owed</th><th>without the cap</th></tr>\n",
      out);
  for (size_t i = 0; i < c->cap_count; i++) cap_row(out, c, &c->caps[i]);
  fputs("</table>\n", out);
}

PactStatus compare_html_write(const Comparison *c, DiagList *diags, FILE *out) {
  CompareCharts charts;
  PactStatus status = compare_charts_build(c, diags, &charts);
  if (status != PACT_OK) {
    compare_charts_free(&charts);
    return status;
  }
  fputs("<p class=\"meta\">The same events settled under two sides, in ", out);
  text(out, agreement_of(c, 0)->currency.code);
  fputs(": <b>a</b>, ", out);
  text(out, side_label(c, 0));
  fputs("; <b>b</b>, ", out);
  text(out, side_label(c, 1));
  fputs(" (docs/compare.md).</p>\n<h3>Totals</h3>\n", out);
  rows_table(out, c, c->totals, c->total_count, false);
  fputs("<h3>By year</h3>\n", out);
  rows_table(out, c, c->years, c->year_count, true);
  fputs("<h3>By clause</h3>\n", out);
  clauses_table(out, c);
  fputs("<h3>Caps</h3>\n", out);
  caps_table(out, c);
  fputs("<h3>Charts</h3>\n", out);
  for (size_t i = 0; status == PACT_OK && i < charts.count; i++) {
    fputs("<figure>\n", out);
    status = chart_svg(&charts.charts[i], out);
    fputs("</figure>\n", out);
  }
  compare_charts_free(&charts);
  return status;
}
