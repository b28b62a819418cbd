/*
** chart_set.h -- charts being built for one SVG document (render/svg.h draws them): the list,
** and the arena that holds the charts, their points and their texts. The settlement's, the
** comparison's and the forecast's charts are each built in one.
*/
#ifndef PACT_CHART_SET_H
#define PACT_CHART_SET_H

#include "base/arena.h"
#include "render/svg.h"

typedef struct ChartSet {
  Arena arena; /* every chart, point and label */
  Chart *charts;
  size_t count;
} ChartSet;

/* An empty set. */
void chart_set_init(ChartSet *set);
/* A new chart at the end of the set, its amounts in the currency (which must outlive the set:
** the agreement's); NULL when memory runs out. */
Chart *chart_set_add(ChartSet *set, ChartXKind x_kind, const PactCurrency *currency);
/* A text of the set's arena, as printf writes it (cut at 511 bytes); NULL when memory runs
** out. */
const char *chart_set_text(ChartSet *set, const char *format, ...) PACT_PRINTF(2, 3);
void chart_set_free(ChartSet *set);

#endif
