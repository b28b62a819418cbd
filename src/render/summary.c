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
  SummaryYears y; /* the table: a row per year, a column per payer and payee */
  CapCut *cuts;   /* by obligation: for the first one each cap cut, all it cut */
} Summary;

static int year_of(PactDate day) {
  int year, month, dom;
  pact_date_to_ymd(day, &year, &month, &dom);
  return year;
}

static size_t column_of(const SummaryYears *y, const Obligation *o) {
  for (size_t t = 0; t < y->total_count; t++)
    if (y->totals[t].payer == o->clause->u.share.payer.index &&
        y->totals[t].payee == o->clause->u.share.payee.index)
      return t;
  return y->total_count;
}

static void first_and_last_year(SummaryYears *y, const Obligation *all, size_t count) {
  int last_year = 0;
  for (size_t i = 0; i < count; i++) {
    int year = year_of(all[i].period.last);
    if (i == 0 || year < y->first_year) y->first_year = year;
    if (i == 0 || year > last_year) last_year = year;
  }
  y->year_count = count ? last_year - y->first_year + 1 : 0;
}

PactStatus summary_years(const Settlement *s, DiagList *diags, SummaryYears *y) {
  *y = (SummaryYears){0};
  if (settle_readable(s) != PACT_OK) return PACT_ERR_MISUSE;
  size_t count;
  const Obligation *all = settle_obligations(s, &count);
  y->totals = settle_totals(s, &y->total_count);
  first_and_last_year(y, all, count);
  y->cells = mem_calloc((size_t)y->year_count * y->total_count + 1, sizeof *y->cells);
  if (!y->cells) return PACT_ERR_NOMEM;
  for (size_t i = 0; i < count; i++) {
    const Obligation *o = &all[i];
    size_t column = column_of(y, o);
    /* settle_finish counts every obligation it reports in its pair's total */
    if (NEVER(column == y->total_count)) continue;
    int row = year_of(o->period.last) - y->first_year;
    pact_assert(row >= 0 && row < y->year_count);
    SummaryCell *c = &y->cells[(size_t)row * y->total_count + column];
    /* The totals fit in 64 bits (settle checked them), but a year's part of a total with
    ** credits in other years may not: checked too. */
    if (pact_money_add(c->amount_minor, o->amount_minor, &c->amount_minor) != PACT_OK ||
        pact_money_add(c->uncapped_minor, o->uncapped_minor, &c->uncapped_minor) != PACT_OK) {
      const Str *payer = settle_party_id(s, y->totals[column].payer);
      const Str *payee = settle_party_id(s, y->totals[column].payee);
      diag_add_path(diags, DIAG_ERROR, "E1103", settle_agreement(s)->path,
                    "pactum never wraps money; check the event amounts of that year for a typo",
                    "what %.*s owes %.*s in %d does not fit in 64-bit minor units", (int)payer->len,
                    payer->ptr, (int)payee->len, payee->ptr, year_of(o->period.last));
      summary_years_free(y);
      return PACT_ERR_OVERFLOW;
    }
  }
  return PACT_OK;
}

void summary_years_free(SummaryYears *y) {
  free(y->cells);
  y->cells = NULL;
}

bool summary_cap_first(const Settlement *s, const Obligation *o) {
  return o->cap_binds && settle_cap_reached(s, o) == o;
}

/* The first obligation each cap cut: the period in which that cap was reached. */
static bool cap_first(const Summary *m, const Obligation *o) { return summary_cap_first(m->s, o); }

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
  for (size_t t = 0; t < m->y.total_count; t++) {
    pair_label(m, &m->y.totals[t], label, sizeof label);
    if ((int)strlen(label) > width) width = (int)strlen(label);
  }
  fprintf(out, "settlement by year (%s)\n%-17s", m->ag->currency.code, "year");
  for (size_t t = 0; t < m->y.total_count; t++) {
    pair_label(m, &m->y.totals[t], label, sizeof label);
    fprintf(out, "  %*s", width, label);
  }
  fputc('\n', out);
  for (int y = 0; y < m->y.year_count; y++) {
    fprintf(out, "%-17d", m->y.first_year + y);
    for (size_t t = 0; t < m->y.total_count; t++) {
      amount_text(m->ag, m->y.cells[(size_t)y * m->y.total_count + t].amount_minor, amount,
                  sizeof amount);
      fprintf(out, "  %*s", width, amount);
    }
    for (size_t i = 0; i < m->obligation_count; i++) {
      const Obligation *o = &m->obligations[i];
      if (!cap_first(m, o) || year_of(o->period.last) != m->y.first_year + y) continue;
      pact_period_label(o->clause->u.share.calendar, o->period, label, sizeof label);
      fprintf(out, "  cap first binds in %s (%.*s)", label, (int)o->clause->id.len,
              o->clause->id.ptr);
    }
    fputc('\n', out);
  }
  fprintf(out, "%-17s", "total");
  for (size_t t = 0; t < m->y.total_count; t++) {
    amount_text(m->ag, m->y.totals[t].amount_minor, amount, sizeof amount);
    fprintf(out, "  %*s", width, amount);
  }
  fprintf(out, "\n%-17s", "without the caps");
  for (size_t t = 0; t < m->y.total_count; t++) {
    amount_text(m->ag, m->y.totals[t].uncapped_minor, amount, sizeof amount);
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

static void json_pair(JsonWriter *w, const Summary *m, const SettleTotal *t, const SummaryCell *c) {
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
  for (int y = 0; y < m->y.year_count; y++) {
    json_object_begin(&w);
    json_key(&w, "year");
    json_int(&w, m->y.first_year + y);
    json_key(&w, "pairs");
    json_array_begin(&w);
    for (size_t t = 0; t < m->y.total_count; t++)
      json_pair(&w, m, &m->y.totals[t], &m->y.cells[(size_t)y * m->y.total_count + t]);
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
  for (size_t t = 0; t < m->y.total_count; t++) {
    SummaryCell c = {m->y.totals[t].amount_minor, m->y.totals[t].uncapped_minor};
    json_pair(&w, m, &m->y.totals[t], &c);
  }
  json_array_end(&w);
  json_report_close(&w, m->ag, diags);
}

PactStatus summary_write(const Settlement *settlement, bool json, DiagList *diags, FILE *out) {
  if (settle_readable(settlement) != PACT_OK) return PACT_ERR_MISUSE;
  Summary m = {.s = settlement, .ag = settle_agreement(settlement)};
  m.obligations = settle_obligations(settlement, &m.obligation_count);
  PactStatus status = summary_years(settlement, diags, &m.y);
  if (status == PACT_OK) status = build_cuts(&m, diags);
  if (status == PACT_OK) {
    if (json) write_json(&m, diags, out);
    else write_table(&m, out);
  }
  summary_years_free(&m.y);
  free(m.cuts);
  return status;
}
