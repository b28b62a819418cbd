/*
** svg.h -- pactum's charts, written as SVG text: plain data in, a well-formed picture out, the
** same bytes on every run (coordinates in fixed tenths, no clock, no locale), with no script
** and no reference to anything outside the picture. Every text is escaped for XML.
**
** How to use it. Fill a Chart: a title, the kind of x axis (dates to scale, or years as equal
** slots), the currency its amounts are in, and any of
**   series   points (x, amount) drawn as a line, as steps (a running total) or as bars (on a
**            years axis, the bar series stand side by side in each year's slot);
**   bands    the area between two series of the same x's (a forecast's 10th to 90th
**            percentile);
**   rules    horizontal reference lines with a label (a cap);
**   markers  a point with a label (the quarter a cap binds).
** Each series and band is named in the legend. Then chart_svg writes one <svg> element (to
** stand inside an HTML page), or chart_svg_document a whole SVG file of charts stacked top to
** bottom. The arrays are the caller's and need last only the call; nothing is allocated.
**
** Amounts are exact int64 minor units; they become double only to be placed on the page. The
** y axis always holds zero, every amount drawn and every rule, with ticks at round amounts
** labelled short ("USD 38B", "USD 500M", "USD 2.5K"); a point's own <title> (what a browser
** shows on hover) carries its exact amount ("USD 38,000,000,000.00") or the caller's label.
*/
#ifndef PACT_SVG_H
#define PACT_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "pactum.h"

/* The x axis: days (a PactDate) drawn to scale, with a tick each January 1; or calendar years
** drawn as equal slots (2023, 2024, ...), one tick each. */
typedef enum ChartXKind { CHART_X_DATES = 0, CHART_X_YEARS } ChartXKind;

typedef enum ChartDraw {
  CHART_LINE = 0, /* straight segments from point to point */
  CHART_STEP,     /* each amount held until the next point's x, then a step: a running total */
  CHART_BARS      /* a bar from zero to each amount (a slot's width shared between bar series) */
} ChartDraw;

typedef struct ChartPoint {
  int32_t x;         /* a PactDate, or a year on a years axis */
  int64_t y_minor;   /* an amount in minor units of the chart's currency */
  const char *label; /* the point's hover text, or NULL: its x and its exact amount */
} ChartPoint;

typedef struct ChartSeries {
  const char *name; /* in the legend, and before each point's hover text */
  ChartDraw draw;
  const ChartPoint *points; /* in order of x */
  size_t count;
  bool dashed; /* drawn dashed (a line or steps): "what it would have been" */
} ChartSeries;

/* The area between low and high, which have count points each at the same x's. */
typedef struct ChartBand {
  const char *name;
  const ChartPoint *low, *high;
  size_t count;
} ChartBand;

/* A horizontal line across the chart at an amount, labelled above its left end. */
typedef struct ChartRule {
  const char *label; /* "cap USD 38,000,000,000.00" */
  int64_t y_minor;
} ChartRule;

/* A point ringed and labelled. */
typedef struct ChartMarker {
  const char *label; /* "cap binds 2029-Q1" */
  int32_t x;
  int64_t y_minor;
} ChartMarker;

typedef struct Chart {
  const char *title;
  const char *subtitle; /* a line under the title, or NULL */
  ChartXKind x_kind;
  const char *currency; /* "USD": before every amount */
  uint8_t minor_digits; /* the currency's decimal places */
  const ChartSeries *series;
  size_t series_count;
  const ChartBand *bands;
  size_t band_count;
  const ChartRule *rules;
  size_t rule_count;
  const ChartMarker *markers;
  size_t marker_count;
  int width, height; /* in pixels; 0: CHART_WIDTH x CHART_HEIGHT */
} Chart;

#define CHART_WIDTH  880
#define CHART_HEIGHT 380

/*
** One chart as an <svg> element with its namespace, its size and a <title> (for inlining). A
** chart with nothing to draw says so inside its frame. PACT_ERR_MISUSE for a count without its
** array; PACT_ERR_IO when out has an error after writing.
*/
PactStatus chart_svg(const Chart *chart, FILE *out);
/* A whole SVG file: the XML declaration and one <svg> holding the charts top to bottom, each as
** chart_svg writes it, placed below the one before. */
PactStatus chart_svg_document(const Chart *charts, size_t count, FILE *out);

/* Text for XML or HTML: & < > " ' as entities; a control character or a byte that is not UTF-8
** (neither may stand in XML) as U+FFFD. */
void svg_text(FILE *out, const char *text, size_t len);
/* A short amount for an axis: "USD 38B", "USD 500M", "USD 0", "-USD 1.5K"; exact (no digit is
** dropped, so a tick's label is its amount), currency NULL for none. */
size_t chart_money_short(int64_t minor, uint8_t minor_digits, const char *currency, char *buf,
                         size_t size);

#endif
