/*
** settle_chart.h -- a finished settlement in pictures (render/svg.h): what each payer owes each
** payee year by year (bars), or the running total each way period by period (steps), and for
** each capped clause what is owed under its cap over time against the cap, with the period it
** first binds marked. What `settle --format svg` writes, and what the report (api_report.c)
** shows.
*/
#ifndef PACT_SETTLE_CHART_H
#define PACT_SETTLE_CHART_H

#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"
#include "engine/settle.h"
#include "render/chart_set.h"
#include "render/svg.h"

/* Which charts: any of these, in this order. */
enum {
  SETTLE_CHART_YEARS = 1,   /* a bar per payer -> payee per year */
  SETTLE_CHART_RUNNING = 2, /* the running total each way, period by period */
  SETTLE_CHART_CAPS = 4     /* one chart per capped clause that has obligations */
};

typedef ChartSet SettleCharts;

/* Builds the charts asked for (kinds: SETTLE_CHART_ flags) into *out, to be freed with
** settle_charts_free even when it fails. A sum past 64 bits is E1103 in diags and
** PACT_ERR_OVERFLOW; PACT_ERR_MISUSE before the settlement is finished; PACT_ERR_NOMEM. */
PactStatus settle_charts_build(const Settlement *settlement, unsigned kinds, DiagList *diags,
                               SettleCharts *out);
void settle_charts_free(SettleCharts *charts);

/* One SVG document: by year (bars) or by period (running totals), then the caps. */
PactStatus settle_chart_write(const Settlement *settlement, bool by_year, DiagList *diags,
                              FILE *out);

#endif
