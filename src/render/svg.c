/*
** svg.c -- see svg.h. Amounts are placed on the page as doubles and written as fixed tenths of
** a pixel (integers, so that no locale and no printf rounding can change a byte); every label
** of an amount is made from the exact int64 amount.
*/
#include "render/svg.h"

#include <string.h>

#include "base/money.h"
#include "base/utf8.h"

/* The colours of series and bands, in order; a chart with more repeats them. */
static const char *const palette[] = {"#1f5fa8", "#d9822b", "#2a9d5c", "#8e44ad",
                                      "#c0392b", "#16a2b8", "#7f8c8d", "#b8860b"};
#define PALETTE_SIZE (sizeof palette / sizeof *palette)

enum { MARGIN_LEFT = 96, MARGIN_RIGHT = 24, MARGIN_TOP = 72, MARGIN_BOTTOM = 40, TICKS = 5 };

/* ---------------------------------------------------------------- text and numbers */

void svg_text(FILE *out, const char *text, size_t len) {
  if (!text) return;
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)text[i];
    const char *entity = c == '&'    ? "&amp;"
                         : c == '<'  ? "&lt;"
                         : c == '>'  ? "&gt;"
                         : c == '"'  ? "&quot;"
                         : c == '\'' ? "&#39;"
                                     : NULL;
    if (entity) {
      fputs(entity, out);
      i++;
      continue;
    }
    uint32_t n = utf8_char_length(text + i, (uint32_t)(len - i < UINT32_MAX ? len - i : 0));
    bool control = c < 0x20
                       ? c != '\t' && c != '\n' && c != '\r'
                       : c == 0x7f || (c == 0xc2 && n == 2 && (unsigned char)text[i + 1] < 0xa0);
    if (n == 0 || control) {
      fputs("\xef\xbf\xbd", out); /* U+FFFD */
      i += n ? n : 1;
      continue;
    }
    fwrite(text + i, 1, n, out);
    i += n;
  }
}

static void svg_cstr(FILE *out, const char *text) {
  if (text) svg_text(out, text, strlen(text));
}

/* A coordinate in fixed tenths: "12.3", "-4", "0.5". */
static void num(FILE *out, double v) {
  /* rounded half away from zero by hand: the library links no maths library */
  double scaled = v * 10.0;
  long tenths = (long)(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
  if (tenths < 0) {
    fputc('-', out);
    tenths = -tenths;
  }
  if (tenths % 10) fprintf(out, "%ld.%ld", tenths / 10, tenths % 10);
  else fprintf(out, "%ld", tenths / 10);
}

static int64_t pow10i(int n) {
  int64_t v = 1;
  while (n-- > 0) v *= 10;
  return v;
}

size_t chart_money_short(int64_t minor, uint8_t minor_digits, const char *currency, char *buf,
                         size_t size) {
  static const char suffix[] = {'\0', 'K', 'M', 'B', 'T'};
  PactWide v = minor < 0 ? -(PactWide)minor : minor;
  PactWide one = pow10i(minor_digits); /* one major unit, in minor units */
  int unit = 0;
  PactWide scale = one;
  while (unit < 4 && v >= scale * 1000) {
    scale *= 1000;
    unit++;
  }
  PactWide whole = v / scale, rest = v % scale;
  char fraction[40] = "";
  if (rest) { /* every digit the amount has, trailing zeros dropped */
    int at = 0;
    fraction[at++] = '.';
    for (PactWide s = scale / 10; s >= 1 && at < (int)sizeof fraction - 1; s /= 10)
      fraction[at++] = (char)('0' + (int)(rest / s % 10));
    while (at > 1 && fraction[at - 1] == '0') at--;
    fraction[at] = '\0';
  }
  int n = snprintf(buf, size, "%s%s%s%lld%s%c", minor < 0 ? "-" : "", currency ? currency : "",
                   currency ? " " : "", (long long)whole, fraction, suffix[unit]);
  if (suffix[unit] == '\0' && n > 0 && (size_t)n < size) buf[--n] = '\0';
  return n < 0 ? 0 : (size_t)n;
}

/* ---------------------------------------------------------------- the frame */

typedef struct Frame {
  const Chart *c;
  int width, height;
  double left, top, right, bottom; /* the plot area */
  int64_t y_lo, y_hi, y_step;      /* the axis: y_lo..y_hi in steps of y_step */
  int32_t x_lo, x_hi;              /* dates, or the first and last year */
  size_t bar_series;               /* how many series are bars: they share each slot */
  bool empty;                      /* nothing to draw */
} Frame;

static void widen(Frame *f, int32_t x, int64_t y, bool *any) {
  if (!*any || x < f->x_lo) f->x_lo = x;
  if (!*any || x > f->x_hi) f->x_hi = x;
  if (y < f->y_lo) f->y_lo = y;
  if (y > f->y_hi) f->y_hi = y;
  *any = true;
}

/* The round step of about a fifth of the span: 1, 2 or 5 times a power of ten minor units. */
static int64_t nice_step(PactWide span) {
  PactWide raw = span / TICKS + (span % TICKS != 0);
  for (PactWide power = 1;; power *= 10) {
    if (power >= raw) return (int64_t)power;
    if (power * 2 >= raw) return (int64_t)(power * 2);
    if (power * 5 >= raw) return (int64_t)(power * 5);
    if (power > INT64_MAX / 100) return (int64_t)(power * 10);
  }
}

static int64_t floor_to(int64_t v, int64_t step) {
  int64_t q = v / step;
  if (v % step && v < 0) q--;
  return q * step;
}

static void frame_range(Frame *f) {
  const Chart *c = f->c;
  bool any = false;
  f->y_lo = f->y_hi = 0;
  for (size_t s = 0; s < c->series_count; s++) {
    for (size_t i = 0; i < c->series[s].count; i++)
      widen(f, c->series[s].points[i].x, c->series[s].points[i].y_minor, &any);
    if (c->series[s].draw == CHART_BARS) f->bar_series++;
  }
  for (size_t b = 0; b < c->band_count; b++)
    for (size_t i = 0; i < c->bands[b].count; i++) {
      widen(f, c->bands[b].low[i].x, c->bands[b].low[i].y_minor, &any);
      widen(f, c->bands[b].high[i].x, c->bands[b].high[i].y_minor, &any);
    }
  for (size_t m = 0; m < c->marker_count; m++)
    widen(f, c->markers[m].x, c->markers[m].y_minor, &any);
  f->empty = !any;
  for (size_t r = 0; r < c->rule_count; r++) {
    if (c->rules[r].y_minor < f->y_lo) f->y_lo = c->rules[r].y_minor;
    if (c->rules[r].y_minor > f->y_hi) f->y_hi = c->rules[r].y_minor;
  }
  if (f->y_hi == f->y_lo) f->y_hi = f->y_lo + pow10i(c->minor_digits);
  f->y_step = nice_step((PactWide)f->y_hi - f->y_lo);
  f->y_lo = floor_to(f->y_lo, f->y_step);
  int64_t top = floor_to(f->y_hi, f->y_step);
  f->y_hi = top < f->y_hi && top <= INT64_MAX - f->y_step ? top + f->y_step : top;
  if (!any) f->x_lo = f->x_hi = 0;
}

static double y_at(const Frame *f, int64_t y) {
  double span = (double)((PactWide)f->y_hi - f->y_lo);
  return f->bottom - (double)((PactWide)y - f->y_lo) / span * (f->bottom - f->top);
}

/* Years: the middle of the year's slot. Dates: to scale (a single day in the middle). */
static double x_at(const Frame *f, int32_t x) {
  double w = f->right - f->left;
  if (f->c->x_kind == CHART_X_YEARS) {
    double slot = w / (f->x_hi - f->x_lo + 1);
    return f->left + slot * (x - f->x_lo) + slot / 2;
  }
  if (f->x_hi == f->x_lo) return f->left + w / 2;
  return f->left + (double)(x - f->x_lo) / (f->x_hi - f->x_lo) * w;
}

static double slot_width(const Frame *f, size_t count) {
  double w = f->right - f->left;
  if (f->c->x_kind == CHART_X_YEARS) return w / (f->x_hi - f->x_lo + 1);
  return count > 1 ? w / (double)count : w / 4;
}

/* ---------------------------------------------------------------- axes, title, legend */

static void x_text(const Frame *f, int32_t x, char *buf, size_t size) {
  if (f->c->x_kind == CHART_X_YEARS) {
    snprintf(buf, size, "%d", (int)x);
    return;
  }
  char day[11];
  pact_date_format(x, day);
  snprintf(buf, size, "%s", day);
}

static void tick_label(FILE *out, const Frame *f, double x, double y, const char *text,
                       const char *anchor) {
  fputs("<text x=\"", out);
  num(out, x);
  fputs("\" y=\"", out);
  num(out, y);
  fprintf(out, "\" text-anchor=\"%s\" font-size=\"11\" fill=\"#444\">", anchor);
  svg_cstr(out, text);
  fputs("</text>\n", out);
}

static void hline(FILE *out, double x1, double x2, double y, const char *attrs) {
  fputs("<line x1=\"", out);
  num(out, x1);
  fputs("\" x2=\"", out);
  num(out, x2);
  fputs("\" y1=\"", out);
  num(out, y);
  fputs("\" y2=\"", out);
  num(out, y);
  fprintf(out, "\" %s/>\n", attrs);
}

static void y_axis(FILE *out, const Frame *f) {
  char label[64];
  for (PactWide v = f->y_lo; v <= f->y_hi; v += f->y_step) {
    double y = y_at(f, (int64_t)v);
    hline(out, f->left, f->right, y, v == 0 ? "stroke=\"#888\"" : "stroke=\"#e4e4e4\"");
    chart_money_short((int64_t)v, f->c->minor_digits, f->c->currency, label, sizeof label);
    tick_label(out, f, f->left - 6, y + 4, label, "end");
  }
}

/* Every year on a years axis (every second, third... when they are many); on a dates axis each
** January 1 inside it, or its two ends when it holds none. */
static void x_axis(FILE *out, const Frame *f) {
  char label[24];
  hline(out, f->left, f->right, f->bottom, "stroke=\"#888\"");
  if (f->empty) return;
  if (f->c->x_kind == CHART_X_YEARS) {
    int32_t every = (f->x_hi - f->x_lo) / 16 + 1;
    for (int32_t year = f->x_lo; year <= f->x_hi; year += every) {
      x_text(f, year, label, sizeof label);
      tick_label(out, f, x_at(f, year), f->bottom + 16, label, "middle");
    }
    return;
  }
  int y_lo, y_hi, month, day;
  pact_date_to_ymd(f->x_lo, &y_lo, &month, &day);
  pact_date_to_ymd(f->x_hi, &y_hi, &month, &day);
  int every = (y_hi - y_lo) / 16 + 1, shown = 0;
  for (int year = y_lo + 1; year <= y_hi; year += every) {
    PactDate jan1;
    if (pact_date_from_ymd(year, 1, 1, &jan1) != PACT_OK) continue;
    double x = x_at(f, jan1);
    fputs("<line x1=\"", out);
    num(out, x);
    fputs("\" x2=\"", out);
    num(out, x);
    fputs("\" y1=\"", out);
    num(out, f->bottom);
    fputs("\" y2=\"", out);
    num(out, f->bottom + 4);
    fputs("\" stroke=\"#888\"/>\n", out);
    snprintf(label, sizeof label, "%d", year);
    tick_label(out, f, x, f->bottom + 16, label, "middle");
    shown++;
  }
  if (shown) return;
  x_text(f, f->x_lo, label, sizeof label);
  tick_label(out, f, f->left, f->bottom + 16, label, "start");
  x_text(f, f->x_hi, label, sizeof label);
  if (f->x_hi != f->x_lo) tick_label(out, f, f->right, f->bottom + 16, label, "end");
}

static void legend_item(FILE *out, double *x, double y, const char *colour, const char *name,
                        bool dashed) {
  fputs("<rect x=\"", out);
  num(out, *x);
  fputs("\" y=\"", out);
  num(out, y - 9);
  fprintf(out, "\" width=\"14\" height=\"10\" fill=\"%s\"%s/>\n", colour,
          dashed ? " fill-opacity=\"0.35\"" : "");
  fputs("<text x=\"", out);
  num(out, *x + 18);
  fputs("\" y=\"", out);
  num(out, y);
  fputs("\" font-size=\"12\" fill=\"#222\">", out);
  svg_cstr(out, name);
  fputs("</text>\n", out);
  /* room for the name: about 6.5 pixels a character */
  *x += 18 + 6.5 * (double)(name ? strlen(name) : 0) + 18;
}

static void title_and_legend(FILE *out, const Frame *f) {
  const Chart *c = f->c;
  fputs("<text x=\"12\" y=\"20\" font-size=\"15\" font-weight=\"bold\" fill=\"#111\">", out);
  svg_cstr(out, c->title);
  fputs("</text>\n", out);
  if (c->subtitle) {
    fputs("<text x=\"12\" y=\"38\" font-size=\"12\" fill=\"#444\">", out);
    svg_cstr(out, c->subtitle);
    fputs("</text>\n", out);
  }
  double x = f->left;
  for (size_t s = 0; s < c->series_count; s++)
    legend_item(out, &x, 58, palette[s % PALETTE_SIZE], c->series[s].name, c->series[s].dashed);
  for (size_t b = 0; b < c->band_count; b++)
    legend_item(out, &x, 58, palette[(c->series_count + b) % PALETTE_SIZE], c->bands[b].name, true);
}

/* ---------------------------------------------------------------- what is drawn */

/* A point's hover text: the caller's label, or the series' name, its x and the exact amount. */
static void point_title(FILE *out, const Frame *f, const char *name, const ChartPoint *p) {
  fputs("<title>", out);
  if (p->label) {
    svg_cstr(out, p->label);
  } else {
    char x[24], amount[48];
    x_text(f, p->x, x, sizeof x);
    pact_money_format_grouped(p->y_minor, f->c->minor_digits, amount, sizeof amount);
    if (name) {
      svg_cstr(out, name);
      fputs(", ", out);
    }
    fprintf(out, "%s: ", x);
    svg_cstr(out, f->c->currency);
    fprintf(out, "%s%s", f->c->currency ? " " : "", amount);
  }
  fputs("</title>", out);
}

static void bars(FILE *out, const Frame *f, const ChartSeries *s, size_t colour, size_t k) {
  double group = slot_width(f, s->count) * 0.8, w = group / (double)f->bar_series;
  double zero = y_at(f, 0);
  for (size_t i = 0; i < s->count; i++) {
    const ChartPoint *p = &s->points[i];
    double x = x_at(f, p->x) - group / 2 + w * (double)k, y = y_at(f, p->y_minor);
    fputs("<rect class=\"bar\" x=\"", out);
    num(out, x);
    fputs("\" y=\"", out);
    num(out, y < zero ? y : zero);
    fputs("\" width=\"", out);
    num(out, w * 0.92);
    fputs("\" height=\"", out);
    num(out, zero > y ? zero - y : y - zero);
    fprintf(out, "\" fill=\"%s\">", palette[colour % PALETTE_SIZE]);
    point_title(out, f, s->name, p);
    fputs("</rect>\n", out);
  }
}

static void xy(FILE *out, double x, double y) {
  num(out, x);
  fputc(',', out);
  num(out, y);
  fputc(' ', out);
}

/* A line or steps, then a dot under each point that carries its hover text. */
static void line(FILE *out, const Frame *f, const ChartSeries *s, size_t colour) {
  const char *stroke = palette[colour % PALETTE_SIZE];
  fputs("<polyline class=\"series\" points=\"", out);
  for (size_t i = 0; i < s->count; i++) {
    double x = x_at(f, s->points[i].x), y = y_at(f, s->points[i].y_minor);
    if (s->draw == CHART_STEP && i > 0) xy(out, x, y_at(f, s->points[i - 1].y_minor));
    xy(out, x, y);
  }
  fprintf(out, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", stroke,
          s->dashed ? " stroke-dasharray=\"6 4\"" : "");
  for (size_t i = 0; i < s->count; i++) {
    fputs("<circle cx=\"", out);
    num(out, x_at(f, s->points[i].x));
    fputs("\" cy=\"", out);
    num(out, y_at(f, s->points[i].y_minor));
    fprintf(out, "\" r=\"2.5\" fill=\"%s\">", stroke);
    point_title(out, f, s->name, &s->points[i]);
    fputs("</circle>\n", out);
  }
}

static void band(FILE *out, const Frame *f, const ChartBand *b, size_t colour) {
  fputs("<polygon class=\"band\" points=\"", out);
  for (size_t i = 0; i < b->count; i++) xy(out, x_at(f, b->low[i].x), y_at(f, b->low[i].y_minor));
  for (size_t i = b->count; i-- > 0;) xy(out, x_at(f, b->high[i].x), y_at(f, b->high[i].y_minor));
  fprintf(out, "\" fill=\"%s\" fill-opacity=\"0.25\" stroke=\"none\">", palette[colour]);
  fputs("<title>", out);
  svg_cstr(out, b->name);
  fputs("</title></polygon>\n", out);
}

static void rule(FILE *out, const Frame *f, const ChartRule *r) {
  double y = y_at(f, r->y_minor);
  hline(out, f->left, f->right, y,
        "class=\"rule\" stroke=\"#b03030\" stroke-width=\"1.5\" stroke-dasharray=\"8 4\"");
  fputs("<text class=\"rule\" x=\"", out);
  num(out, f->left + 6);
  fputs("\" y=\"", out);
  num(out, y - 5);
  fputs("\" font-size=\"12\" fill=\"#b03030\">", out);
  svg_cstr(out, r->label);
  fputs("</text>\n", out);
}

static void marker(FILE *out, const Frame *f, const ChartMarker *m) {
  double x = x_at(f, m->x), y = y_at(f, m->y_minor);
  bool right_half = x > (f->left + f->right) / 2;
  fputs("<circle class=\"marker\" cx=\"", out);
  num(out, x);
  fputs("\" cy=\"", out);
  num(out, y);
  fputs("\" r=\"6\" fill=\"none\" stroke=\"#b03030\" stroke-width=\"2\"/>\n", out);
  fputs("<text class=\"marker\" x=\"", out);
  num(out, right_half ? x - 10 : x + 10);
  fputs("\" y=\"", out);
  num(out, y - 12); /* above it: a running total comes from below and to the left */
  fprintf(out, "\" text-anchor=\"%s\" font-size=\"12\" font-weight=\"bold\" fill=\"#b03030\">",
          right_half ? "end" : "start");
  svg_cstr(out, m->label);
  fputs("</text>\n", out);
}

/* ---------------------------------------------------------------- charts */

static bool chart_valid(const Chart *c) {
  if (!c || (c->series_count && !c->series) || (c->band_count && !c->bands) ||
      (c->rule_count && !c->rules) || (c->marker_count && !c->markers))
    return false;
  for (size_t s = 0; s < c->series_count; s++)
    if (c->series[s].count && !c->series[s].points) return false;
  for (size_t b = 0; b < c->band_count; b++)
    if (c->bands[b].count && (!c->bands[b].low || !c->bands[b].high)) return false;
  return true;
}

static void frame_init(Frame *f, const Chart *c) {
  *f = (Frame){.c = c, .width = c->width > 0 ? c->width : CHART_WIDTH};
  f->height = c->height > 0 ? c->height : CHART_HEIGHT;
  f->left = MARGIN_LEFT;
  f->top = MARGIN_TOP;
  f->right = f->width - MARGIN_RIGHT;
  f->bottom = f->height - MARGIN_BOTTOM;
  frame_range(f);
}

/* The <svg> element of one chart; at (x, y) inside a document, or at none (inline). */
static void chart_body(const Chart *c, FILE *out, const int *at_y) {
  Frame f;
  frame_init(&f, c);
  fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\"");
  if (at_y) fprintf(out, " x=\"0\" y=\"%d\"", *at_y);
  fprintf(out, " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n",
          f.width, f.height, f.width, f.height);
  fputs("<title>", out);
  svg_cstr(out, c->title);
  fputs("</title>\n", out);
  fprintf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", f.width, f.height);
  title_and_legend(out, &f);
  y_axis(out, &f);
  x_axis(out, &f);
  if (f.empty) {
    fputs("<text x=\"", out);
    num(out, (f.left + f.right) / 2);
    fputs("\" y=\"", out);
    num(out, (f.top + f.bottom) / 2);
    fputs("\" text-anchor=\"middle\" font-size=\"13\" fill=\"#666\">nothing to draw</text>\n", out);
  }
  for (size_t b = 0; b < c->band_count; b++)
    band(out, &f, &c->bands[b], (c->series_count + b) % PALETTE_SIZE);
  size_t k = 0;
  for (size_t s = 0; s < c->series_count; s++)
    if (c->series[s].draw == CHART_BARS) bars(out, &f, &c->series[s], s, k++);
    else line(out, &f, &c->series[s], s);
  for (size_t r = 0; r < c->rule_count; r++) rule(out, &f, &c->rules[r]);
  for (size_t m = 0; m < c->marker_count; m++) marker(out, &f, &c->markers[m]);
  fputs("</svg>\n", out);
}

PactStatus chart_svg(const Chart *chart, FILE *out) {
  if (!chart_valid(chart)) return PACT_ERR_MISUSE;
  chart_body(chart, out, NULL);
  return ferror(out) ? PACT_ERR_IO : PACT_OK;
}

PactStatus chart_svg_document(const Chart *charts, size_t count, FILE *out) {
  int width = 0, height = 0;
  for (size_t i = 0; i < count; i++) {
    if (!chart_valid(&charts[i])) return PACT_ERR_MISUSE;
    int w = charts[i].width > 0 ? charts[i].width : CHART_WIDTH;
    if (w > width) width = w;
    height += charts[i].height > 0 ? charts[i].height : CHART_HEIGHT;
  }
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
  fprintf(out,
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
          "viewBox=\"0 0 %d %d\">\n",
          width, height, width, height);
  int y = 0;
  for (size_t i = 0; i < count; i++) {
    chart_body(&charts[i], out, &y);
    y += charts[i].height > 0 ? charts[i].height : CHART_HEIGHT;
  }
  fputs("</svg>\n", out);
  return ferror(out) ? PACT_ERR_IO : PACT_OK;
}
