/*
** compare_chart.h -- a comparison (engine/compare.h) in pictures (render/svg.h): for each payer
** and payee, what side A and side B owe year by year (a bar for each side in each year's slot,
** one chart per pair, so that a small flow is not flattened by a large one); and for each capped
** wording of a clause (its id and version), what is owed under it over time on each side against
** its cap, each side's first binding period marked, so that a cap binding on one side only is
** seen as such. What `compare --format svg` writes, and what the report's comparison shows.
*/
#ifndef PACT_COMPARE_CHART_H
#define PACT_COMPARE_CHART_H

#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"
#include "engine/compare.h"
#include "render/chart_set.h"
#include "render/svg.h"

typedef ChartSet CompareCharts;

/* Builds the charts into *out, to be freed with compare_charts_free even when it fails. A
** running total past 64 bits is E1103 in diags and PACT_ERR_OVERFLOW; PACT_ERR_NOMEM. */
PactStatus compare_charts_build(const Comparison *comparison, DiagList *diags, CompareCharts *out);
void compare_charts_free(CompareCharts *charts);

/* One SVG document of the charts, top to bottom: the pairs by year, then the caps. */
PactStatus compare_chart_write(const Comparison *comparison, DiagList *diags, FILE *out);

/* The comparison as a part of an HTML page (pactum report's section): the sides, the totals,
** by year, by clause and the caps as tables, then the charts inline; every text escaped. */
PactStatus compare_html_write(const Comparison *comparison, DiagList *diags, FILE *out);

#endif
