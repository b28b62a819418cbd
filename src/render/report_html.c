/*
** report_html.c -- see report_html.h. What the commands print for people (show, history,
** settle --by year, explain, the diagnostics) is written here as it is, captured and escaped
** into <pre>; the obligations are a table, the charts inline SVG (render/settle_chart.h).
*/
#include "render/report_html.h"

#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/mem.h"
#include "render/describe.h"
#include "render/explain.h"
#include "render/settle_chart.h"
#include "render/summary.h"
#include "render/svg.h"

static const char style[] =
    "body{font-family:sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#222;"
    "background:#fff}\n"
    "h1{font-size:26px;margin-bottom:4px}h2{border-bottom:1px solid #ccc;padding-bottom:4px;"
    "margin-top:36px}\n"
    ".meta{color:#555;margin-top:0}nav a{margin-right:14px}\n"
    "pre{background:#f6f6f4;border:1px solid #e2e2dc;padding:10px;overflow-x:auto;"
    "font-size:12.5px;line-height:1.35}\n"
    "table{border-collapse:collapse;font-size:12.5px}th,td{padding:3px 8px;"
    "border-bottom:1px solid #e6e6e6;text-align:left;white-space:nowrap}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}tr.cap td{background:#fbeaea}\n"
    "details{margin:4px 0}summary{cursor:pointer}figure{margin:12px 0}\n"
    ".errors{color:#a00}\n";

typedef struct Page {
  const ReportRequest *rq;
  const Agreement *ag;
  DiagList *diags;
  FILE *out;
} Page;

static void text(FILE *out, const char *s) { svg_text(out, s, strlen(s)); }
static void str(FILE *out, Str s) { svg_text(out, s.ptr, s.len); }

/* ---------------------------------------------------------------- captured text */

/* What a writer of text for people prints, held in memory to be escaped into the page. */
typedef struct Capture {
  FILE *f;
  char *text;
  size_t len;
} Capture;

static FILE *capture_begin(Capture *c) {
  *c = (Capture){0};
  c->f = open_memstream(&c->text, &c->len);
  return c->f;
}

/* Ends the capture and writes it, escaped, as a <pre>; PACT_ERR_NOMEM when it could not be kept. */
static PactStatus capture_pre(Capture *c, FILE *out) {
  bool ok = fclose(c->f) == 0 && c->text;
  if (ok) {
    fputs("<pre>", out);
    svg_text(out, c->text, c->len);
    fputs("</pre>\n", out);
  }
  free(c->text);
  return ok ? PACT_OK : PACT_ERR_NOMEM;
}

/* ---------------------------------------------------------------- head, terms, history */

static const char *agreement_title(const Agreement *ag, size_t *len) {
  *len = ag->title.len ? ag->title.len : ag->id.len;
  return ag->title.len ? ag->title.ptr : ag->id.ptr;
}

static void page_head(const Page *p) {
  FILE *out = p->out;
  size_t len;
  const char *title = agreement_title(p->ag, &len);
  char on[11];
  pact_date_format(p->rq->on, on);
  /* well-formed XML too (XHTML), so that an XML parser checks every tag is closed */
  fputs(
      "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
      "<meta charset=\"utf-8\"/>\n<title>",
      out);
  svg_text(out, title, len);
  fprintf(out, ": pactum report</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", style);
  svg_text(out, title, len);
  fputs("</h1>\n<p class=\"meta\">agreement <code>", out);
  text(out, p->ag->path);
  fprintf(out, "</code>, in %s; terms as on %s", p->ag->currency.code, on);
  if (p->rq->sources) {
    fputs("; events from <code>", out);
    text(out, p->rq->sources);
    fputs("</code>", out);
  }
  fprintf(out, "; written by pactum %s</p>\n<nav>", PACT_VERSION);
  fputs(
      "<a href=\"#terms\">terms</a><a href=\"#history\">history</a>"
      "<a href=\"#settlement\">settlement</a><a href=\"#charts\">charts</a>"
      "<a href=\"#explanations\">explanations</a>",
      out);
  for (size_t i = 0; i < p->rq->section_count; i++) {
    const PactReportSection *s = &p->rq->sections[i];
    fputs("<a href=\"#", out);
    text(out, s->id ? s->id : "");
    fputs("\">", out);
    text(out, s->title ? s->title : "");
    fputs("</a>", out);
  }
  fputs("<a href=\"#diagnostics\">diagnostics</a></nav>\n", out);
}

/* Every version, oldest first: its name, its days in force and its title. */
static void versions_table(const Page *p) {
  FILE *out = p->out;
  fputs("<table>\n<tr><th>version</th><th>in force from</th><th>through</th><th>title</th></tr>\n",
        out);
  for (uint32_t h = 0; h < p->ag->history_count; h++) {
    const Version *v = &p->ag->versions[p->ag->history[h]];
    char from[11], through[11] = "";
    pact_date_format(v->effective, from);
    if (v->has_last_day) pact_date_format(v->last_day, through);
    fputs("<tr><td>", out);
    str(out, v->name);
    fprintf(out, "</td><td>%s</td><td>%s</td><td>", from,
            v->has_last_day ? through : "(the current terms)");
    str(out, v->title);
    fputs("</td></tr>\n", out);
  }
  fputs("</table>\n", out);
}

static PactStatus terms_and_history(const Page *p) {
  FILE *out = p->out;
  char on[11];
  pact_date_format(p->rq->on, on);
  fprintf(out, "<section id=\"terms\">\n<h2>Terms in force on %s</h2>\n", on);
  Capture c;
  if (!capture_begin(&c)) return PACT_ERR_NOMEM;
  PactStatus shown = pact_show(p->ag, p->rq->on, false, c.f);
  PactStatus status = capture_pre(&c, out);
  if (status == PACT_OK) status = shown;
  if (status != PACT_OK) return status;
  fputs("</section>\n<section id=\"history\">\n<h2>History of versions</h2>\n", out);
  versions_table(p);
  fputs("<details>\n<summary>What each version changed</summary>\n", out);
  if (!capture_begin(&c)) return PACT_ERR_NOMEM;
  PactStatus told = pact_history(p->ag, false, c.f);
  status = capture_pre(&c, out);
  fputs("</details>\n</section>\n", out);
  return status == PACT_OK ? told : status;
}

/* ---------------------------------------------------------------- settlement */

static void amount_cell(const Page *p, int64_t minor) {
  char amount[48];
  amount_text(p->ag, minor, amount, sizeof amount);
  fprintf(p->out, "<td class=\"n\">%s</td>", amount);
}

static void obligation_row(const Page *p, const Obligation *o) {
  FILE *out = p->out;
  char label[24], first[11], last[11], due[11] = "-", rate[24];
  pact_period_label(o->clause->u.share.calendar, o->period, label, sizeof label);
  pact_date_format(o->first, first);
  pact_date_format(o->last, last);
  if (o->has_due) pact_date_format(o->due, due);
  if (o->tiered) snprintf(rate, sizeof rate, "tiers");
  else pact_rate_format_percent(o->clause->u.share.rate, rate, sizeof rate);
  fprintf(out, "<tr%s><td>%s</td><td>", o->cap_binds ? " class=\"cap\"" : "", label);
  str(out, o->clause->id);
  fputs("</td><td>", out);
  str(out, p->ag->versions[o->clause->version].name);
  fprintf(out, "</td><td>%s..%s</td>", first, last);
  amount_cell(p, o->base_minor);
  fprintf(out, "<td class=\"n\">%s</td>", rate);
  amount_cell(p, o->uncapped_minor);
  amount_cell(p, o->amount_minor);
  amount_cell(p, o->cumulative_minor);
  fprintf(out, "<td>%s</td><td>%s</td></tr>\n", due, o->cap_binds ? "cap" : "");
}

static PactStatus settlement(const Page *p) {
  FILE *out = p->out;
  fputs("<section id=\"settlement\">\n<h2>Settlement</h2>\n<h3>By year</h3>\n", out);
  Capture c;
  if (!capture_begin(&c)) return PACT_ERR_NOMEM;
  PactStatus summed = summary_write(p->rq->settlement, false, p->diags, c.f);
  PactStatus status = capture_pre(&c, out);
  if (status == PACT_OK) status = summed;
  if (status != PACT_OK) return status;
  size_t count;
  const Obligation *all = settle_obligations(p->rq->settlement, &count);
  fprintf(out, "<h3>Every obligation (%zu), period by period (%s)</h3>\n", count,
          p->ag->currency.code);
  fputs(
      "<table>\n<tr><th>period</th><th>clause</th><th>version</th><th>days</th><th>base</th>"
      "<th>rate</th><th>before cap</th><th>amount</th><th>cumulative</th><th>due</th>"
      "<th></th></tr>\n",
      out);
  for (size_t i = 0; i < count; i++) obligation_row(p, &all[i]);
  fputs("</table>\n</section>\n", out);
  return PACT_OK;
}

static PactStatus charts(const Page *p) {
  FILE *out = p->out;
  SettleCharts all;
  unsigned kinds = SETTLE_CHART_YEARS | SETTLE_CHART_RUNNING | SETTLE_CHART_CAPS;
  PactStatus status = settle_charts_build(p->rq->settlement, kinds, p->diags, &all);
  fputs("<section id=\"charts\">\n<h2>Charts</h2>\n", out);
  for (size_t i = 0; status == PACT_OK && i < all.count; i++) {
    fputs("<figure>\n", out);
    status = chart_svg(&all.charts[i], out);
    fputs("</figure>\n", out);
  }
  fputs("</section>\n", out);
  settle_charts_free(&all);
  return status;
}

/* ---------------------------------------------------------------- explanations */

/* One obligation's explanation, as `pactum explain` prints it, in a <details>. Reading the
** events again says again what the settlement said of them: those words are dropped, unless
** the explanation fails, when they are kept with the rest. */
static PactStatus explanation(const Page *p, const Obligation *o) {
  FILE *out = p->out;
  char label[24], amount[48];
  pact_period_label(o->clause->u.share.calendar, o->period, label, sizeof label);
  amount_text(p->ag, o->amount_minor, amount, sizeof amount);
  const Str *version = &p->ag->versions[o->clause->version].name;
  fprintf(out, "<details>\n<summary>%s ", label);
  str(out, o->clause->id);
  fputs(" (version ", out);
  str(out, *version);
  fprintf(out, "): %s %s%s</summary>\n", p->ag->currency.code, amount,
          o->cap_binds ? ", cut by its cap" : "");
  char *clause = mem_malloc(o->clause->id.len + 1), *name = mem_malloc(version->len + 1);
  PactStatus status = clause && name ? PACT_OK : PACT_ERR_NOMEM;
  Capture c;
  if (status == PACT_OK && !capture_begin(&c)) status = PACT_ERR_NOMEM;
  if (status == PACT_OK) {
    memcpy(clause, o->clause->id.ptr, o->clause->id.len);
    clause[o->clause->id.len] = '\0';
    memcpy(name, version->ptr, version->len);
    name[version->len] = '\0';
    ExplainRequest request = {clause, label, name, p->rq->feed, false};
    DiagList said;
    diag_list_init(&said);
    PactStatus told = explain_write(p->rq->settlement, &request, &said, c.f);
    if (told != PACT_OK) diag_list_move(p->diags, &said);
    diag_list_free(&said);
    status = capture_pre(&c, out);
    if (status == PACT_OK) status = told;
  }
  fputs("</details>\n", out);
  free(clause);
  free(name);
  return status;
}

static PactStatus explanations(const Page *p) {
  FILE *out = p->out;
  size_t count;
  const Obligation *all = settle_obligations(p->rq->settlement, &count);
  fputs("<section id=\"explanations\">\n<h2>Why each obligation is what it is</h2>\n", out);
  fputs(
      "<p>Each as <code>pactum explain</code> says it: the clause's words and source, the "
      "events in its base with their parts of the period, the rate, the rounding and the "
      "cap. Click one to open it.</p>\n",
      out);
  PactStatus status = PACT_OK;
  for (size_t i = 0; status == PACT_OK && i < count && i < PACT_REPORT_EXPLAIN_MAX; i++)
    status = explanation(p, &all[i]);
  if (count > PACT_REPORT_EXPLAIN_MAX)
    fprintf(out,
            "<p>%zu more obligations are not explained here (a report explains the first %d); "
            "ask for one with <code>pactum explain --clause ID --period P</code>.</p>\n",
            count - PACT_REPORT_EXPLAIN_MAX, PACT_REPORT_EXPLAIN_MAX);
  fputs("</section>\n", out);
  return status;
}

/* ---------------------------------------------------------------- the rest */

static PactStatus extra_sections(const Page *p) {
  for (size_t i = 0; i < p->rq->section_count; i++) {
    const PactReportSection *s = &p->rq->sections[i];
    fputs("<section id=\"", p->out);
    text(p->out, s->id ? s->id : "");
    fputs("\">\n<h2>", p->out);
    text(p->out, s->title ? s->title : "");
    fputs("</h2>\n", p->out);
    PactStatus status = s->write ? s->write(s->context, p->out) : PACT_OK;
    fputs("\n</section>\n", p->out);
    if (status != PACT_OK) return status;
  }
  return PACT_OK;
}

/* The agreement's own warnings and those met settling, as the commands print them. */
static PactStatus diagnostics(const Page *p) {
  FILE *out = p->out;
  size_t count = p->ag->diags.count + p->diags->count;
  fputs("<section id=\"diagnostics\">\n<h2>Diagnostics</h2>\n", out);
  if (!count) {
    fputs("<p>None: the agreement checked clean and every event settled without a word.</p>\n",
          out);
    fputs("</section>\n", out);
    return PACT_OK;
  }
  size_t errors = p->ag->diags.errors + p->diags->errors;
  fprintf(out, "<p%s>%zu error%s, %zu warning%s.</p>\n", errors ? " class=\"errors\"" : "", errors,
          errors == 1 ? "" : "s", count - errors, count - errors == 1 ? "" : "s");
  Capture c;
  if (!capture_begin(&c)) return PACT_ERR_NOMEM;
  diag_render_all(c.f, &p->ag->diags, false);
  diag_render_all(c.f, p->diags, false);
  PactStatus status = capture_pre(&c, out);
  fputs("</section>\n", out);
  return status;
}

PactStatus report_html_write(const ReportRequest *rq, DiagList *diags, FILE *out) {
  if (settle_readable(rq->settlement) != PACT_OK) return PACT_ERR_MISUSE;
  Page p = {rq, settle_agreement(rq->settlement), diags, out};
  page_head(&p);
  PactStatus status = terms_and_history(&p);
  if (status == PACT_OK) status = settlement(&p);
  if (status == PACT_OK) status = charts(&p);
  if (status == PACT_OK) status = explanations(&p);
  if (status == PACT_OK) status = extra_sections(&p);
  if (status == PACT_OK) status = diagnostics(&p);
  fputs("</body>\n</html>\n", out);
  return status;
}
