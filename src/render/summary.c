/*
** summary.c -- see summary.h. Built only from what settle.h exposes.
*/
#include "render/summary.h"

#include <stdlib.h>
#include <string.h>

#include "base/invariant.h"
#include "base/jsonw.h"
#include "base/mem.h"
#include "render/describe.h"

typedef struct Cell {
  int64_t amount_minor, uncapped_minor;
} Cell;

/* What one cap removed in the periods shown: the sum of every cut of its count, how many
** periods it cut and the last of them (first: the obligation cap_first found). */
typedef struct CapCut {
  int64_t removed_minor;
  uint32_t periods;
  const Obligation *last;
} CapCut;

typedef struct Summary {
  const Settlement *s;
  const Agreement *ag;
  const Obligation *obligations;
  size_t obligation_count;
  const SettleTotal *totals; /* one per payer and payee: the table's columns */
  size_t total_count;
  int first_year, year_count;
  Cell *cells;  /* year_count rows of total_count columns */
  CapCut *cuts; /* by obligation: for the first one each cap cut, all it cut */
} Summary;

static int year_of(PactDate day) {
  int year, month, dom;
  pact_date_to_ymd(day, &year, &month, &dom);
  return year;
}

static size_t column_of(const Summary *m, const Obligation *o) {
  for (size_t t = 0; t < m->total_count; t++)
    if (m->totals[t].payer == o->clause->u.share.payer.index &&
        m->totals[t].payee == o->clause->u.share.payee.index)
      return t;
  return m->total_count;
}

static PactStatus build(Summary *m, DiagList *diags) {
  m->obligations = settle_obligations(m->s, &m->obligation_count);
  m->totals = settle_totals(m->s, &m->total_count);
  int last_year = 0;
  for (size_t i = 0; i < m->obligation_count; i++) {
    int year = year_of(m->obligations[i].period.last);
    if (i == 0 || year < m->first_year) m->first_year = year;
    if (i == 0 || year > last_year) last_year = year;
  }
  m->year_count = m->obligation_count ? last_year - m->first_year + 1 : 0;
  m->cells = mem_calloc((size_t)m->year_count * m->total_count + 1, sizeof *m->cells);
  if (!m->cells) return PACT_ERR_NOMEM;
  for (size_t i = 0; i < m->obligation_count; i++) {
    const Obligation *o = &m->obligations[i];
    size_t column = column_of(m, o);
    /* settle_finish counts every obligation it reports in its pair's total */
    if (NEVER(column == m->total_count)) continue;
    int row = year_of(o->period.last) - m->first_year;
    pact_assert(row >= 0 && row < m->year_count);
    Cell *c = &m->cells[(size_t)row * m->total_count + column];
    /* The totals fit in 64 bits (settle checked them), but a year's part of a total with
    ** credits in other years may not: checked too. */
    if (pact_money_add(c->amount_minor, o->amount_minor, &c->amount_minor) != PACT_OK ||
        pact_money_add(c->uncapped_minor, o->uncapped_minor, &c->uncapped_minor) != PACT_OK) {
      const Str *payer = settle_party_id(m->s, m->totals[column].payer);
      const Str *payee = settle_party_id(m->s, m->totals[column].payee);
      diag_add_path(diags, DIAG_ERROR, "E1103", m->ag->path,
                    "pactum never wraps money; check the event amounts of that year for a typo",
                    "what %.*s owes %.*s in %d does not fit in 64-bit minor units", (int)payer->len,
                    payer->ptr, (int)payee->len, payee->ptr, year_of(o->period.last));
      return PACT_ERR_OVERFLOW;
    }
  }
  return PACT_OK;
}

/* The first obligation each cap cut: the period in which that cap was reached. */
static bool cap_first(const Summary *m, const Obligation *o) {
  return o->cap_binds && settle_cap_reached(m->s, o) == o;
}

static PactStatus cap_cut(const Summary *m, const Obligation *first, DiagList *diags, CapCut *out) {
  *out = (CapCut){0, 0, first};
  for (size_t i = 0; i < m->obligation_count; i++) {
    const Obligation *o = &m->obligations[i];
    if (!o->cap_binds || settle_cap_reached(m->s, o) != first) continue;
    int64_t cut;
    if (pact_money_sub(o->uncapped_minor, o->amount_minor, &cut) != PACT_OK ||
        pact_money_add(out->removed_minor, cut, &out->removed_minor) != PACT_OK) {
      diag_add_path(diags, DIAG_ERROR, "E1103", m->ag->path,
                    "pactum never wraps money; check the event amounts for a typo",
                    "what the cap of clause '%.*s' removed does not fit in 64-bit minor units",
                    (int)first->clause->id.len, first->clause->id.ptr);
      return PACT_ERR_OVERFLOW;
    }
    out->periods++;
    out->last = o;
  }
  return PACT_OK;
}

static PactStatus build_cuts(Summary *m, DiagList *diags) {
  m->cuts = mem_calloc(m->obligation_count + 1, sizeof *m->cuts);
  if (!m->cuts) return PACT_ERR_NOMEM;
  for (size_t i = 0; i < m->obligation_count; i++) {
    if (!cap_first(m, &m->obligations[i])) continue;
    PactStatus status = cap_cut(m, &m->obligations[i], diags, &m->cuts[i]);
    if (status != PACT_OK) return status;
  }
  return PACT_OK;
}

static void pair_label(const Summary *m, const SettleTotal *t, char *buf, size_t size) {
  const Str *payer = settle_party_id(m->s, t->payer), *payee = settle_party_id(m->s, t->payee);
  snprintf(buf, size, "%.*s -> %.*s", (int)payer->len, payer->ptr, (int)payee->len, payee->ptr);
}

static void write_table(const Summary *m, FILE *out) {
  char label[160], amount[40];
  int width = 18;
  for (size_t t = 0; t < m->total_count; t++) {
    pair_label(m, &m->totals[t], label, sizeof label);
    if ((int)strlen(label) > width) width = (int)strlen(label);
  }
  fprintf(out, "settlement by year (%s)\n%-17s", m->ag->currency.code, "year");
  for (size_t t = 0; t < m->total_count; t++) {
    pair_label(m, &m->totals[t], label, sizeof label);
    fprintf(out, "  %*s", width, label);
  }
  fputc('\n', out);
  for (int y = 0; y < m->year_count; y++) {
    fprintf(out, "%-17d", m->first_year + y);
    for (size_t t = 0; t < m->total_count; t++) {
      amount_text(m->ag, m->cells[(size_t)y * m->total_count + t].amount_minor, amount,
                  sizeof amount);
      fprintf(out, "  %*s", width, amount);
    }
    for (size_t i = 0; i < m->obligation_count; i++) {
      const Obligation *o = &m->obligations[i];
      if (!cap_first(m, o) || year_of(o->period.last) != m->first_year + y) continue;
      pact_period_label(o->clause->u.share.calendar, o->period, label, sizeof label);
      fprintf(out, "  cap first binds in %s (%.*s)", label, (int)o->clause->id.len,
              o->clause->id.ptr);
    }
    fputc('\n', out);
  }
  fprintf(out, "%-17s", "total");
  for (size_t t = 0; t < m->total_count; t++) {
    amount_text(m->ag, m->totals[t].amount_minor, amount, sizeof amount);
    fprintf(out, "  %*s", width, amount);
  }
  fprintf(out, "\n%-17s", "without the caps");
  for (size_t t = 0; t < m->total_count; t++) {
    amount_text(m->ag, m->totals[t].uncapped_minor, amount, sizeof amount);
    fprintf(out, "  %*s", width, amount);
  }
  fputc('\n', out);
  bool any = false;
  for (size_t i = 0; i < m->obligation_count; i++) {
    const Obligation *o = &m->obligations[i];
    if (!cap_first(m, o)) continue;
    const RevenueShare *r = &o->clause->u.share;
    const Str *version = &m->ag->versions[o->clause->version].name;
    const CapCut *c = &m->cuts[i];
    char cap[48], cut[40], removed[40], last[24];
    money_text(m->ag, r->cap_minor, r->cap_about, cap, sizeof cap);
    amount_text(m->ag, o->uncapped_minor - o->amount_minor, cut, sizeof cut);
    amount_text(m->ag, c->removed_minor, removed, sizeof removed);
    pact_period_label(r->calendar, o->period, label, sizeof label);
    pact_period_label(c->last->clause->u.share.calendar, c->last->period, last, sizeof last);
    fprintf(out,
            "%s  %.*s (version %.*s): the cap of %s first binds in %s, cutting it by %s;\n"
            "    it removes %s in all, over %u period%s",
            any ? "" : "\ncaps\n", (int)o->clause->id.len, o->clause->id.ptr, (int)version->len,
            version->ptr, cap, label, cut, removed, c->periods, c->periods == 1 ? "" : "s");
    if (c->periods > 1) fprintf(out, " (%s through %s)", label, last);
    fputs("\n", out);
    any = true;
  }
}

static void json_pair(JsonWriter *w, const Summary *m, const SettleTotal *t, const Cell *c) {
  json_object_begin(w);
  settle_json_pair(w, m->s, t->payer, t->payee);
  json_amount(w, m->ag, "amount", c->amount_minor);
  json_amount(w, m->ag, "amount_without_cap", c->uncapped_minor);
  json_object_end(w);
}

static void write_json(const Summary *m, const DiagList *diags, FILE *out) {
  JsonWriter w;
  json_report_begin(&w, out, m->ag);
  json_key(&w, "years");
  json_array_begin(&w);
  for (int y = 0; y < m->year_count; y++) {
    json_object_begin(&w);
    json_key(&w, "year");
    json_int(&w, m->first_year + y);
    json_key(&w, "pairs");
    json_array_begin(&w);
    for (size_t t = 0; t < m->total_count; t++)
      json_pair(&w, m, &m->totals[t], &m->cells[(size_t)y * m->total_count + t]);
    json_array_end(&w);
    json_object_end(&w);
  }
  json_array_end(&w);
  json_key(&w, "caps");
  json_array_begin(&w);
  for (size_t i = 0; i < m->obligation_count; i++) {
    const Obligation *o = &m->obligations[i];
    if (!cap_first(m, o)) continue;
    const Str *version = &m->ag->versions[o->clause->version].name;
    char label[24];
    pact_period_label(o->clause->u.share.calendar, o->period, label, sizeof label);
    json_object_begin(&w);
    json_key(&w, "clause");
    json_string(&w, o->clause->id.ptr, o->clause->id.len);
    json_key(&w, "version");
    json_string(&w, version->ptr, version->len);
    json_amount(&w, m->ag, "cap", o->clause->u.share.cap_minor);
    json_key(&w, "first_binds_in");
    json_cstring(&w, label);
    json_amount(&w, m->ag, "first_cut", o->uncapped_minor - o->amount_minor);
    const CapCut *c = &m->cuts[i];
    json_amount(&w, m->ag, "removed", c->removed_minor);
    json_key(&w, "periods_cut");
    json_int(&w, c->periods);
    pact_period_label(c->last->clause->u.share.calendar, c->last->period, label, sizeof label);
    json_key(&w, "last_cut_in");
    json_cstring(&w, label);
    json_object_end(&w);
  }
  json_array_end(&w);
  json_key(&w, "totals");
  json_array_begin(&w);
  for (size_t t = 0; t < m->total_count; t++) {
    Cell c = {m->totals[t].amount_minor, m->totals[t].uncapped_minor};
    json_pair(&w, m, &m->totals[t], &c);
  }
  json_array_end(&w);
  json_report_close(&w, m->ag, diags);
}

PactStatus summary_write(const Settlement *settlement, bool json, DiagList *diags, FILE *out) {
  if (settle_readable(settlement) != PACT_OK) return PACT_ERR_MISUSE;
  Summary m = {.s = settlement, .ag = settle_agreement(settlement)};
  PactStatus status = build(&m, diags);
  if (status == PACT_OK) status = build_cuts(&m, diags);
  if (status == PACT_OK) {
    if (json) write_json(&m, diags, out);
    else write_table(&m, out);
  }
  free(m.cells);
  free(m.cuts);
  return status;
}
