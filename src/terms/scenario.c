/*
** scenario.c -- reading `scenario` blocks into Scenarios and checking them against the
** agreement: its lines (title, says, source, from, discount, paths, seed), its revenue and
** valuation blocks (a figure per year, quarter or span of months, a growth, a range with its
** distribution) and its milestones. The checks are those a reviewer of a forecast would make:
** a party or stream the agreement does not know, a period given twice, a range upside down,
** a chance over 100%, a distribution without its parameters (docs/diagnostics.md, E08xx).
*/
#include "terms/scenario.h"

#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/mem.h"
#include "lang/file.h"
#include "terms/clause.h"

const char *scenario_dist_name(ScenDist dist) {
  static const char *const names[] = {"none", "uniform", "triangular", "lognormal"};
  return dist <= DIST_LOGNORMAL ? names[dist] : "none";
}

/* The scenario being read, and the random draws handed out so far. */
typedef struct Reading {
  Checker *ck;
  Scenario *sc;
} Reading;

static void *grow(Reading *r, void **items, uint32_t count, size_t size) {
  void *slot = arena_push(r->ck->arena, items, count, size);
  if (!slot) r->ck->out_of_memory = true;
  return slot;
}

/* A rate such as 5% or -3% as a double (growth, chance, volatility, discount). */
static bool read_percent(Cursor *c, const char *what, double *out, PactDecimal *exact) {
  PactDecimal d;
  if (!read_rate(c, what, &d, NULL, NULL)) return false;
  double v = (double)d.units;
  for (uint8_t i = 0; i < d.scale; i++) v /= 10.0;
  *out = v;
  if (exact) *exact = d;
  return true;
}

/* A plain number (a multiple): 20, 12.5. */
static bool read_plain(Cursor *c, const char *what, double *out) {
  const Token *t = cursor_peek(c);
  if (!t || t->type != TOK_NUMBER) {
    if (!c->failed)
      ck_report(c->ck, DIAG_ERROR, "E0205",
                t ? span_of(c->ck, t) : span_of(c->ck, &c->node->items[0]),
                "write a multiple as a number: multiple 20 of revenue", "expected %s", what);
    c->failed = true;
    return false;
  }
  c->pos++;
  PactDecimal d;
  if (pact_decimal_parse(token_text(c->ck->tree, t), t->length, true, &d) != PACT_OK) {
    c->failed = true;
    return false;
  }
  double v = (double)d.units;
  for (uint8_t i = 0; i < d.scale; i++) v /= 10.0;
  *out = v;
  return true;
}

static Span line_span(const Checker *ck, const Node *line) {
  return span_between(ck, &line->items[0], &line->items[line->item_count - 1]);
}

/* ---------------------------------------------------------------- periods */

/* year Y | quarter Y QN | months DATE through DATE: the days and months of a figure. */
static bool read_period(Cursor *c, Figure *f) {
  const Node *line = c->node;
  const Token *kw = &line->items[0];
  const Token *first = kw, *last = kw;
  bool ok = true;
  if (token_is(c->ck->tree, kw, "year") || token_is(c->ck->tree, kw, "quarter")) {
    const Token *t = cursor_peek(c);
    double y = 0;
    if (!t || t->type != TOK_NUMBER || !read_plain(c, "a year", &y) || y != (double)(int64_t)y ||
        y < 1900 || y > 9998) {
      if (!c->failed)
        ck_report(c->ck, DIAG_ERROR, "E0205", t ? span_of(c->ck, t) : span_of(c->ck, kw),
                  "write the year in four digits: year 2026", "expected a year after '%.*s'",
                  (int)kw->length, token_text(c->ck->tree, kw));
      c->failed = true;
      return false;
    }
    last = &line->items[c->pos - 1];
    f->year = (int32_t)y;
    f->period = PER_YEAR;
    int m0 = 1, months = 12;
    if (token_is(c->ck->tree, kw, "quarter")) {
      static const char *const qs[] = {"Q1", "Q2", "Q3", "Q4"};
      int q = expect_keyword_of(c, qs, 4);
      if (q < 0) return false;
      last = &line->items[c->pos - 1];
      f->period = PER_QUARTER;
      f->quarter = q + 1;
      m0 = 3 * q + 1;
      months = 3;
    }
    pact_date_from_ymd(f->year, m0, 1, &f->first);
    int m1 = m0 + months - 1;
    pact_date_from_ymd(f->year, m1, pact_days_in_month(f->year, m1), &f->last);
    f->months = (uint32_t)months;
  } else {
    Span a, b;
    ok = read_date(c, "the first day of the span", &f->first, &a) && expect_keyword(c, "through") &&
         read_date(c, "the last day of the span", &f->last, &b);
    if (!ok) return false;
    last = &line->items[c->pos - 1];
    f->period = PER_MONTHS;
    int y0, m0, d0, y1, m1, d1;
    pact_date_to_ymd(f->first, &y0, &m0, &d0);
    pact_date_to_ymd(f->last, &y1, &m1, &d1);
    if (d0 != 1 || d1 != pact_days_in_month(y1, m1) || f->last < f->first) {
      ck_report(
          c->ck, DIAG_ERROR, "E0807", span_between(c->ck, kw, last),
          "a span runs from the first day of a month through the last day of a month: "
          "months 2025-10-01 through 2026-04-30",
          f->last < f->first ? "the span ends before it starts" : "the span is not whole months");
      c->failed = true;
      return false;
    }
    f->months = (uint32_t)((y1 - y0) * 12 + (m1 - m0) + 1);
    f->year = y0;
  }
  f->span = span_between(c->ck, first, last);
  return ok;
}

/* ---------------------------------------------------------------- values */

/* After a range: uniform | triangular mode X | (growth) lognormal volatility V. */
static bool read_dist(Cursor *c, Figure *f, bool range) {
  static const char *const words[] = {"uniform", "triangular", "lognormal"};
  const Token *at = cursor_peek(c);
  if (!at) {
    if (!range) return true;
    ck_report(c->ck, DIAG_ERROR, "E0805", line_span(c->ck, c->node),
              "say how the range is drawn: uniform, or triangular mode VALUE",
              "the range has no distribution");
    c->failed = true;
    return false;
  }
  int d = expect_keyword_of(c, words, 3);
  if (d < 0) return false;
  f->dist = (ScenDist)(d + 1);
  Span where = span_of(c->ck, at);
  if (f->dist == DIST_LOGNORMAL) {
    if (f->kind != FIG_GROWTH || range) {
      ck_report(c->ck, DIAG_ERROR, "E0805", where,
                "write lognormal after one growth rate: growth 20% lognormal volatility 30%",
                "lognormal is for one growth rate with its volatility");
      c->failed = true;
      return false;
    }
    if (!cursor_peek(c)) {
      ck_report(c->ck, DIAG_ERROR, "E0805", where, "add: volatility 30%",
                "lognormal growth without its volatility");
      c->failed = true;
      return false;
    }
    return expect_keyword(c, "volatility") &&
           read_percent(c, "the volatility, as 30%", &f->volatility, NULL);
  }
  if (!range) {
    ck_report(c->ck, DIAG_ERROR, "E0805", where,
              "a distribution is drawn over a range: USD 100 billion to USD 125 billion uniform",
              "a single figure has no distribution");
    c->failed = true;
    return false;
  }
  if (f->dist == DIST_UNIFORM) return true;
  if (!cursor_peek(c)) {
    ck_report(c->ck, DIAG_ERROR, "E0805", where, "add: mode VALUE (the most likely value)",
              "triangular without its mode");
    c->failed = true;
    return false;
  }
  if (!expect_keyword(c, "mode")) return false;
  if (f->kind == FIG_AMOUNT) return read_money(c, &f->mode_minor, NULL, NULL);
  if (f->kind == FIG_GROWTH) return read_percent(c, "the mode, as 10%", &f->mode, NULL);
  return read_plain(c, "the mode, a number", &f->mode);
}

/* The value of a figure, one or a range (X to Y), in its kind's form. */
static bool read_one(Cursor *c, Figure *f, bool high) {
  if (f->kind == FIG_AMOUNT)
    return read_money(c, high ? &f->high_minor : &f->low_minor, NULL, NULL);
  if (f->kind == FIG_GROWTH)
    return read_percent(c, "a growth rate, as 5%", high ? &f->high : &f->low, NULL);
  return read_plain(c, "a multiple, a number", high ? &f->high : &f->low);
}

/* A range upside down, or a mode outside it. */
static bool check_range(Cursor *c, Figure *f, const Token *from) {
  bool upside = f->kind == FIG_AMOUNT ? f->low_minor > f->high_minor : f->low > f->high;
  bool mode_out =
      f->dist == DIST_TRIANGULAR &&
      (f->kind == FIG_AMOUNT ? f->mode_minor < f->low_minor || f->mode_minor > f->high_minor
                             : f->mode < f->low || f->mode > f->high);
  if (!upside && !mode_out) return true;
  ck_report(c->ck, DIAG_ERROR, "E0803", span_between(c->ck, from, &c->node->items[c->pos - 1]),
            upside ? "write the low end first: USD 100 billion to USD 125 billion"
                   : "the mode is the most likely value, between the two ends",
            upside ? "the range is upside down" : "the mode is outside the range");
  c->failed = true;
  return false;
}

static bool read_value(Cursor *c, Figure *f, SeriesKind kind) {
  const Token *from = cursor_peek(c);
  if (read_keyword(c, "growth")) {
    f->kind = FIG_GROWTH;
  } else if (read_keyword(c, "multiple")) {
    f->kind = FIG_MULTIPLE;
    if (kind != SERIES_VALUATION) {
      ck_report(c->ck, DIAG_ERROR, "E0205", span_of(c->ck, from),
                "a revenue figure is an amount or a growth", "a multiple is for valuations");
      c->failed = true;
      return false;
    }
  }
  if (!read_one(c, f, false)) return false;
  bool range = read_keyword(c, "to");
  if (range && !read_one(c, f, true)) return false;
  if (!range) f->high_minor = f->low_minor, f->high = f->low;
  if (f->kind == FIG_MULTIPLE && (!expect_keyword(c, "of") || !expect_keyword(c, "revenue")))
    return false;
  if (!read_dist(c, f, range) || !check_range(c, f, from)) return false;
  if (f->kind == FIG_AMOUNT && f->low_minor < 0) {
    ck_report(c->ck, DIAG_ERROR, "E0505", span_of(c->ck, from),
              "a projected figure is zero or more", "a negative figure");
    c->failed = true;
    return false;
  }
  return expect_end(c);
}

/* ---------------------------------------------------------------- series */

static bool periods_meet(const Figure *a, const Figure *b) {
  return a->first <= b->last && b->first <= a->last;
}

/* A period given twice or overlapping another; growth needs the period just before. */
static void check_figure(Reading *r, Series *s, Figure *f) {
  for (uint32_t i = 0; i < s->figure_count; i++) {
    const Figure *g = &s->figures[i];
    if (!periods_meet(f, g)) continue;
    uint32_t line, column;
    source_locate(g->span.source, g->span.offset, &line, &column);
    char help[128];
    snprintf(help, sizeof help, "line %u gives a figure for these days already; give each once",
             line);
    ck_report(
        r->ck, DIAG_ERROR, "E0802", f->span, help,
        f->first == g->first && f->last == g->last ? "a period given twice" : "periods overlap");
    return;
  }
  f->before = -1;
  if (f->kind != FIG_GROWTH) return;
  for (uint32_t i = 0; i < s->figure_count; i++) {
    const Figure *g = &s->figures[i];
    if (g->period == f->period && g->period != PER_MONTHS && g->last + 1 == f->first)
      f->before = (int32_t)i;
  }
  if (f->before >= 0) return;
  ck_report(r->ck, DIAG_ERROR, "E0806", f->span,
            "give the period before first (year 2030 USD 240 billion, then year 2031 growth 5%)",
            f->period == PER_MONTHS ? "a span of months cannot grow from the period before"
                                    : "growth from a period that has no figure before it");
}

/* How many random draws a figure takes: one for a range or a lognormal growth. */
static uint32_t figure_draws(const Figure *f) { return f->dist != DIST_NONE ? 1 : 0; }

static void read_figure_line(Reading *r, Series *s, const Node *line) {
  static const char *const words[] = {"year", "quarter", "months"};
  Cursor c;
  cursor_init(&c, r->ck, line);
  Str kw = cursor_keyword(&c);
  if (!token_is(r->ck->tree, &line->items[0], "year") &&
      !token_is(r->ck->tree, &line->items[0], "quarter") &&
      !token_is(r->ck->tree, &line->items[0], "months")) {
    const char *guess = closest_name(kw, words, 3);
    char help[160];
    snprintf(help, sizeof help, "%s%s%sa figure's line starts with year, quarter or months",
             guess ? "did you mean '" : "", guess ? guess : "", guess ? "'? " : "");
    ck_report(r->ck, DIAG_ERROR, "E0204", span_of(r->ck, &line->items[0]), help,
              "unknown term '%.*s' in a %s block", (int)kw.len, kw.ptr,
              s->kind == SERIES_REVENUE ? "revenue" : "valuation");
    return;
  }
  Figure f = {0};
  f.line = 0;
  source_locate(r->ck->tree->source, line->items[0].offset, &f.line, &(uint32_t){0});
  if (!read_period(&c, &f) || !read_value(&c, &f, s->kind)) return;
  f.cite = c.cite.certainty != CERT_NONE ? c.cite : r->sc->source;
  if (s->kind == SERIES_VALUATION && f.period != PER_YEAR) {
    ck_report(r->ck, DIAG_ERROR, "E0807", f.span, "give a valuation by year: year 2027 ...",
              "a valuation is given by year");
    return;
  }
  check_figure(r, s, &f);
  f.draw = r->sc->draw_count;
  r->sc->draw_count += figure_draws(&f);
  if (f.dist != DIST_NONE) r->sc->uncertain = true;
  Figure *slot = grow(r, (void **)&s->figures, s->figure_count, sizeof f);
  if (slot) *slot = f, s->figure_count++;
}

/* Whether some revenue share counts this party's revenue in this stream, and whether any
** counts its revenue at all; the closest stream a clause names, for "did you mean". */
static void stream_use(Checker *ck, Str party, Str stream, bool *counted, bool *party_used,
                       const char **names, size_t *name_count) {
  const Agreement *ag = ck->agreement;
  *counted = *party_used = false;
  for (uint32_t h = 0; h < ag->history_count; h++) {
    const Version *v = &ag->versions[ag->history[h]];
    for (uint32_t k = 0; k < v->own_count; k++) {
      const Clause *cl = v->own[k];
      if (cl->kind != CLAUSE_REVENUE_SHARE || cl->u.share.measure != BASE_REVENUE ||
          !str_eq(cl->u.share.base_party.name, party))
        continue;
      *party_used = true;
      const RevenueShare *rs = &cl->u.share;
      bool in = !rs->include.count;
      for (uint32_t i = 0; i < rs->include.count; i++) {
        in = in || str_eq(rs->include.items[i], stream);
        if (*name_count < 64) /* NUL-terminated, for the suggestion */
          names[(*name_count)++] =
              str_dup(ck, rs->include.items[i].ptr, rs->include.items[i].len).ptr;
      }
      for (uint32_t i = 0; i < rs->exclude.count; i++)
        if (str_eq(rs->exclude.items[i], stream)) in = false;
      *counted = *counted || in;
    }
  }
}

static void check_stream(Reading *r, Series *s, Span stream_span) {
  const char *names[64];
  size_t n = 0;
  bool counted, used;
  stream_use(r->ck, s->party.name, s->stream, &counted, &used, names, &n);
  if (!used) {
    ck_report(r->ck, DIAG_WARNING, "W0801", s->party.span,
              "a forecast of it moves no amount; check the party",
              "no revenue share of the agreement counts the revenue of '%.*s'",
              (int)s->party.name.len, s->party.name.ptr);
  } else if (!counted) {
    const char *guess = closest_name(s->stream, names, n);
    char help[160];
    if (guess) snprintf(help, sizeof help, "did you mean '%s'?", guess);
    else snprintf(help, sizeof help, "name a stream a revenue share of the agreement counts");
    ck_report(r->ck, DIAG_ERROR, "E0801", stream_span, help,
              "no revenue share counts stream '%.*s' of '%.*s'", (int)s->stream.len, s->stream.ptr,
              (int)s->party.name.len, s->party.name.ptr);
  }
}

/* Whether an equity clause of the agreement is in the company (a valuation serves a stake). */
static bool has_equity_in(const Agreement *ag, Str party) {
  for (uint32_t h = 0; h < ag->history_count; h++) {
    const Version *v = &ag->versions[ag->history[h]];
    for (uint32_t k = 0; k < v->own_count; k++)
      if (v->own[k]->kind == CLAUSE_EQUITY && str_eq(v->own[k]->u.equity.in.name, party))
        return true;
  }
  return false;
}

/* revenue of PARTY stream STREAM { ... } | valuation of PARTY { ... } */
static void read_series(Reading *r, const Node *node, SeriesKind kind) {
  Cursor c;
  cursor_init(&c, r->ck, node);
  Series s = {.kind = kind};
  Span stream_span = {0};
  if (!expect_keyword(&c, "of") || !read_party(&c, "the party", &s.party)) return;
  if (kind == SERIES_REVENUE &&
      (!expect_keyword(&c, "stream") ||
       !read_word(&c, "the revenue stream, as events name it", &s.stream, &stream_span)))
    return;
  if (!expect_end(&c)) return;
  s.span = line_span(r->ck, node);
  if (!node->has_block) {
    ck_report(r->ck, DIAG_ERROR, "E0212", span_of(r->ck, &node->items[0]),
              "open its block with '{' at the end of the line and give a figure per line",
              "'%s' needs a block", kind == SERIES_REVENUE ? "revenue" : "valuation");
    return;
  }
  for (uint32_t i = 0; i < r->sc->series_count; i++) {
    const Series *o = &r->sc->series[i];
    if (o->kind == kind && str_eq(o->party.name, s.party.name) && str_eq(o->stream, s.stream)) {
      ck_report(r->ck, DIAG_ERROR, "E0802", s.span, "give each party and stream one block",
                "a second block for the same %s", kind == SERIES_REVENUE ? "stream" : "company");
      return;
    }
  }
  if (kind == SERIES_REVENUE) check_stream(r, &s, stream_span);
  else if (!has_equity_in(r->ck->agreement, s.party.name))
    ck_report(r->ck, DIAG_WARNING, "W0801", s.party.span,
              "a valuation values the stake an equity clause gives in the company",
              "no equity clause of the agreement is in '%.*s'", (int)s.party.name.len,
              s.party.name.ptr);
  for (uint32_t i = 0; i < node->child_count && !r->ck->out_of_memory; i++) {
    const Node *line = &node->children[i];
    if (line->kind == NODE_STMT && !line->poisoned) read_figure_line(r, &s, line);
  }
  Series *slot = grow(r, (void **)&r->sc->series, r->sc->series_count, sizeof s);
  if (slot) *slot = s, r->sc->series_count++;
}

/* ---------------------------------------------------------------- milestones */

/* The milestone clause of the agreement with this id, or NULL. */
static const Clause *milestone_clause(const Agreement *ag, Str id) {
  for (uint32_t h = ag->history_count; h-- > 0;) {
    const Version *v = &ag->versions[ag->history[h]];
    for (uint32_t k = 0; k < v->own_count; k++)
      if (v->own[k]->kind == CLAUSE_MILESTONE && str_eq(v->own[k]->id, id)) return v->own[k];
  }
  return NULL;
}

static bool read_chance(Cursor *c, ScenMilestone *m) {
  const Token *at = cursor_peek(c);
  if (!read_percent(c, "the chance in a year, as 10%", &m->chance, NULL)) return false;
  if (m->chance < 0 || m->chance > 1) {
    ck_report(c->ck, DIAG_ERROR, "E0804", span_of(c->ck, at), "a chance is from 0% to 100%",
              "a chance of %.*s", (int)at->length, token_text(c->ck->tree, at));
    c->failed = true;
    return false;
  }
  Span a, b;
  if (!expect_keyword(c, "per") || !expect_keyword(c, "year") || !expect_keyword(c, "from") ||
      !read_date(c, "the first day it may happen", &m->from, &a) || !expect_keyword(c, "through") ||
      !read_date(c, "the last day it may happen", &m->through, &b))
    return false;
  if (m->through < m->from) {
    ck_report(c->ck, DIAG_ERROR, "E0402", b, "the last day comes after the first",
              "the milestone's days end before they start");
    c->failed = true;
    return false;
  }
  return true;
}

/* milestone ID by PARTY on DATE | milestone ID by PARTY chance P per year from D through D */
static void read_milestone(Reading *r, const Node *line) {
  Cursor c;
  cursor_init(&c, r->ck, line);
  ScenMilestone m = {0};
  Span id_span;
  if (!read_word(&c, "the milestone's id", &m.id, &id_span) || !expect_keyword(&c, "by") ||
      !read_party(&c, "the party that records it", &m.party))
    return;
  static const char *const how[] = {"on", "chance"};
  int k = expect_keyword_of(&c, how, 2);
  if (k < 0) return;
  m.dated = k == 0;
  if (m.dated ? !read_date(&c, "the day it happens", &m.date, NULL) : !read_chance(&c, &m)) return;
  if (!expect_end(&c)) return;
  const Clause *cl = milestone_clause(r->ck->agreement, m.id);
  if (!cl) {
    ck_report(r->ck, DIAG_ERROR, "E0302", id_span, "name a milestone the agreement declares",
              "unknown milestone '%.*s'", (int)m.id.len, m.id.ptr);
    return;
  }
  if (!terms_may_declare(cl, m.party.name.ptr, m.party.name.len)) {
    ck_report(r->ck, DIAG_ERROR, "E0808", m.party.span,
              "name a party the milestone's `declared by` line names",
              "'%.*s' may not declare milestone '%.*s'", (int)m.party.name.len, m.party.name.ptr,
              (int)m.id.len, m.id.ptr);
    return;
  }
  source_locate(r->ck->tree->source, line->items[0].offset, &m.line, &(uint32_t){0});
  m.span = line_span(r->ck, line);
  m.cite = c.cite.certainty != CERT_NONE ? c.cite : r->sc->source;
  if (!m.dated) {
    int y0, y1, mo, d;
    pact_date_to_ymd(m.from, &y0, &mo, &d);
    pact_date_to_ymd(m.through, &y1, &mo, &d);
    m.draw = r->sc->draw_count;
    r->sc->draw_count += 2u * (uint32_t)(y1 - y0 + 1);
    r->sc->uncertain = true;
  }
  ScenMilestone *slot = grow(r, (void **)&r->sc->milestones, r->sc->milestone_count, sizeof m);
  if (slot) *slot = m, r->sc->milestone_count++;
}

/* ---------------------------------------------------------------- the scenario's own lines */

/* paths N | seed N: a whole number, paths from 1 to PACT_FORECAST_PATHS_MAX. */
static bool read_count(Cursor *c, uint64_t *out, uint64_t low, uint64_t high) {
  const Token *t = cursor_peek(c);
  PactDecimal d;
  if (!t || t->type != TOK_NUMBER ||
      pact_decimal_parse(token_text(c->ck->tree, t), t->length, true, &d) != PACT_OK ||
      d.scale != 0 || d.units < (int64_t)low || (uint64_t)d.units > high) {
    char help[96];
    snprintf(help, sizeof help, "write a whole number from %llu to %llu", (unsigned long long)low,
             (unsigned long long)high);
    Str kw = cursor_keyword(c);
    ck_report(c->ck, DIAG_ERROR, "E0205", t ? span_of(c->ck, t) : span_of(c->ck, c->node->items),
              help, "expected a whole number after '%.*s'", (int)kw.len, kw.ptr);
    c->failed = true;
    return false;
  }
  c->pos++;
  *out = (uint64_t)d.units;
  return expect_end(c);
}

/* discount 8% per year to DATE */
static bool read_discount(Cursor *c, Scenario *sc) {
  const Token *at = cursor_peek(c);
  if (!read_percent(c, "a yearly rate, as 8%", &sc->discount, &sc->discount_rate)) return false;
  if (sc->discount < 0 || sc->discount > 1) {
    ck_report(c->ck, DIAG_ERROR, "E0804", span_of(c->ck, at), "a discount rate is 0% to 100%",
              "a discount rate of %.*s", (int)at->length, token_text(c->ck->tree, at));
    c->failed = true;
    return false;
  }
  sc->has_discount =
      expect_keyword(c, "per") && expect_keyword(c, "year") && expect_keyword(c, "to") &&
      read_date(c, "the day values are discounted to", &sc->discount_to, NULL) && expect_end(c);
  return sc->has_discount;
}

static void report_unknown_line(Reading *r, const Node *line) {
  static const char *const words[] = {"title", "says", "source",  "from",      "discount",
                                      "paths", "seed", "revenue", "valuation", "milestone"};
  Str w = str_of(r->ck, &line->items[0]);
  const char *guess = closest_name(w, words, 10);
  char help[200];
  snprintf(help, sizeof help,
           "%s%s%sa scenario takes: title, says, source, from, discount, paths, seed, revenue, "
           "valuation, milestone",
           guess ? "did you mean '" : "", guess ? guess : "", guess ? "'? " : "");
  ck_report(r->ck, DIAG_ERROR, "E0204", span_of(r->ck, &line->items[0]), help,
            "unknown term '%.*s' in the scenario", (int)w.len, w.ptr);
}

static void read_scenario_line(Reading *r, const Node *line) {
  const SyntaxTree *tree = r->ck->tree;
  const Token *kw = &line->items[0];
  Scenario *sc = r->sc;
  Cursor c;
  cursor_init(&c, r->ck, line);
  if (token_is(tree, kw, "title")) {
    if (read_string(&c, "the title in quotes", &sc->title)) expect_end(&c);
  } else if (token_is(tree, kw, "says")) {
    if (read_string(&c, "what the scenario assumes, in quotes", &sc->says)) expect_end(&c);
  } else if (token_is(tree, kw, "source")) {
    if (read_source_line(&c, &sc->source)) expect_end(&c);
  } else if (token_is(tree, kw, "from")) {
    sc->has_from = read_date(&c, "the first day projected", &sc->from, NULL) && expect_end(&c);
  } else if (token_is(tree, kw, "discount")) {
    read_discount(&c, sc);
  } else if (token_is(tree, kw, "paths")) {
    sc->has_paths = read_count(&c, &sc->paths, 1, PACT_FORECAST_PATHS_MAX);
  } else if (token_is(tree, kw, "seed")) {
    sc->has_seed = read_count(&c, &sc->seed, 0, UINT64_C(9007199254740991));
  } else if (token_is(tree, kw, "revenue")) {
    read_series(r, line, SERIES_REVENUE);
  } else if (token_is(tree, kw, "valuation")) {
    read_series(r, line, SERIES_VALUATION);
  } else if (token_is(tree, kw, "milestone")) {
    read_milestone(r, line);
  } else {
    report_unknown_line(r, line);
  }
}

/* The source line first, so that figures written before it still take it as their default. */
static void read_scenario(Checker *ck, const Node *node, Scenario *sc) {
  Reading r = {ck, sc};
  Cursor c;
  cursor_init(&c, ck, node);
  if (read_word(&c, "the scenario's name", &sc->name, &sc->name_span)) expect_end(&c);
  if (!node->has_block) {
    ck_report(ck, DIAG_ERROR, "E0212", span_of(ck, &node->items[0]),
              "open the scenario's block with '{' at the end of the line",
              "'scenario' needs a block");
    return;
  }
  for (uint32_t i = 0; i < node->child_count; i++) {
    const Node *line = &node->children[i];
    if (line->kind == NODE_STMT && !line->poisoned && token_is(ck->tree, line->items, "source")) {
      Cursor lc;
      cursor_init(&lc, ck, line);
      if (read_source_line(&lc, &sc->source)) expect_end(&lc);
    }
  }
  for (uint32_t i = 0; i < node->child_count && !ck->out_of_memory; i++) {
    const Node *line = &node->children[i];
    if (line->kind == NODE_STMT && !line->poisoned && !token_is(ck->tree, line->items, "source"))
      read_scenario_line(&r, line);
  }
}

bool scenario_read_tree(Checker *ck, const SyntaxTree *tree, bool only_scenarios, Scenario **list,
                        uint32_t *count) {
  ck->tree = tree;
  const Node *root = &tree->root;
  for (uint32_t i = 0; i < root->child_count && !ck->out_of_memory; i++) {
    const Node *node = &root->children[i];
    if (node->kind != NODE_STMT || node->poisoned) continue;
    if (!token_is(tree, &node->items[0], "scenario")) {
      if (only_scenarios) {
        Str w = str_of(ck, &node->items[0]);
        ck_report(ck, DIAG_ERROR, "E0204", span_of(ck, &node->items[0]),
                  "a scenario file holds scenario blocks; the agreement is given with --agreement",
                  "unknown statement '%.*s' in a scenario file", (int)w.len, w.ptr);
      }
      continue;
    }
    Scenario *sc = arena_push(ck->arena, (void **)list, *count, sizeof *sc);
    if (!sc) return false;
    memset(sc, 0, sizeof *sc);
    sc->path = tree->source->path;
    read_scenario(ck, node, sc);
    for (uint32_t k = 0; k < *count; k++)
      if (sc->name.len && str_eq((*list)[k].name, sc->name))
        ck_report(ck, DIAG_ERROR, "E0305", sc->name_span, "give each scenario its own name",
                  "scenario '%.*s' is defined twice", (int)sc->name.len, sc->name.ptr);
    (*count)++;
  }
  return !ck->out_of_memory;
}

/* ---------------------------------------------------------------- a file of scenarios */

PactStatus scenario_file_load(const Agreement *ag, const char *path, DiagList *diags,
                              ScenarioFile **out) {
  *out = NULL;
  ScenarioFile *file = mem_calloc(1, sizeof *file);
  if (!file) return PACT_ERR_NOMEM;
  arena_init(&file->arena);
  char *text;
  size_t len;
  PactStatus status = read_file_text(path, &text, &len, diags);
  if (status == PACT_ERR_NOMEM) { /* said nowhere: not a file reported unreadable */
    scenario_file_free(file);
    return status;
  }
  if (status != PACT_OK) {
    *out = file; /* reported */
    return PACT_OK;
  }
  bool ok = source_init(&file->source, path, text, len, 0);
  free(text);
  file->has_source = ok;
  Checker ck = {.diags = diags, .arena = &file->arena};
  memcpy(&ck.agreement, &ag, sizeof ag); /* read, never written: the checker's field is not const */
  strmap_init(&ck.parties);
  for (uint32_t i = 0; ok && i < ag->party_count; i++)
    ok = strmap_put(&ck.parties, ag->parties[i].id.ptr, ag->parties[i].id.len, (int32_t)i);
  SyntaxTree tree;
  if (ok) ok = parse_source(&file->source, &file->arena, diags, &tree);
  if (ok) ok = scenario_read_tree(&ck, &tree, true, &file->list, &file->count);
  strmap_free(&ck.parties);
  diag_list_sort(diags);
  if (!ok) {
    scenario_file_free(file);
    return PACT_ERR_NOMEM;
  }
  *out = file;
  return PACT_OK;
}

void scenario_file_free(ScenarioFile *file) {
  if (!file) return;
  if (file->has_source) source_free(&file->source);
  arena_free(&file->arena);
  free(file);
}
