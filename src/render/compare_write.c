/*
** compare_write.c -- see compare_write.h.
*/
#include "render/compare_write.h"

#include <string.h>

#include "base/jsonw.h"
#include "render/describe.h"

static const Agreement *agreement_of(const Comparison *c, int side) {
  return settle_agreement(c->side[side]);
}

static const char *side_label(const Comparison *c, int side) {
  const char *label = agreement_of(c, side)->side_label;
  return label ? label : "actual";
}

static void pair_label(const Comparison *c, int32_t payer, int32_t payee, char *buf, size_t size) {
  const Str *from = settle_party_id(c->side[0], payer), *to = settle_party_id(c->side[0], payee);
  snprintf(buf, size, "%.*s -> %.*s", (int)from->len, from->ptr, (int)to->len, to->ptr);
}

/* ---------------------------------------------------------------- text */

/* The width of the pairs' column. */
static int pair_width(const Comparison *c) {
  char label[160];
  int width = 14;
  for (size_t p = 0; p < c->total_count; p++) {
    pair_label(c, c->totals[p].payer, c->totals[p].payee, label, sizeof label);
    if ((int)strlen(label) > width) width = (int)strlen(label);
  }
  return width;
}

static void amounts(const Comparison *c, int64_t a, int64_t b, int64_t difference, FILE *out) {
  char text[3][40];
  const Agreement *ag = agreement_of(c, 0);
  amount_text(ag, a, text[0], sizeof text[0]);
  amount_text(ag, b, text[1], sizeof text[1]);
  amount_text(ag, difference, text[2], sizeof text[2]);
  fprintf(out, "  %22s  %22s  %22s", text[0], text[1], text[2]);
}

static void write_rows(const Comparison *c, const CompareRow *rows, size_t count, bool years,
                       FILE *out) {
  char label[160];
  int width = pair_width(c);
  fprintf(out, "%s%-*s  %22s  %22s  %22s\n", years ? "year  " : "", width, "payer -> payee", "a",
          "b", "difference (a - b)");
  for (size_t i = 0; i < count; i++) {
    const CompareRow *r = &rows[i];
    pair_label(c, r->payer, r->payee, label, sizeof label);
    if (years) fprintf(out, "%-4d  ", r->year);
    fprintf(out, "%-*s", width, label);
    amounts(c, r->a_minor, r->b_minor, r->difference_minor, out);
    fputc('\n', out);
  }
}

static void write_clauses(const Comparison *c, FILE *out) {
  int width = 24;
  for (size_t k = 0; k < c->clause_count; k++)
    if ((int)c->clauses[k].id.len > width) width = (int)c->clauses[k].id.len;
  fprintf(out, "\nclauses\n%-*s  %22s  %22s  %22s\n", width, "clause", "a", "b",
          "difference (a - b)");
  for (size_t k = 0; k < c->clause_count; k++) {
    const CompareClause *r = &c->clauses[k];
    fprintf(out, "%-*.*s", width, (int)r->id.len, r->id.ptr);
    amounts(c, r->a_minor, r->b_minor, r->difference_minor, out);
    if (!r->in_a || !r->in_b) fprintf(out, "  (only in %s)", r->in_a ? "a" : "b");
    fputc('\n', out);
  }
}

static void write_caps(const Comparison *c, FILE *out) {
  fputs("\ncaps\n", out);
  if (!c->cap_count) fputs("no cap binds on either side\n", out);
  for (size_t i = 0; i < c->cap_count; i++) {
    const CompareCap *cap = &c->caps[i];
    const Agreement *ag = agreement_of(c, cap->side);
    const Clause *clause = cap->first->clause;
    const Str *version = &ag->versions[clause->version].name;
    char limit[48], first[24], last[24], amount[40], uncapped[40];
    money_text(ag, clause->u.share.cap_minor, clause->u.share.cap_about, limit, sizeof limit);
    pact_period_label(clause->u.share.calendar, cap->first->period, first, sizeof first);
    pact_period_label(cap->last->clause->u.share.calendar, cap->last->period, last, sizeof last);
    amount_text(ag, cap->amount_minor, amount, sizeof amount);
    amount_text(ag, cap->uncapped_minor, uncapped, sizeof uncapped);
    fprintf(out,
            "%s  %.*s (version %.*s): the cap of %s binds from %s through %s (%u period%s);\n"
            "   it owes %s, against %s without the cap\n",
            cap->side ? "b" : "a", (int)clause->id.len, clause->id.ptr, (int)version->len,
            version->ptr, limit, first, last, cap->periods, cap->periods == 1 ? "" : "s", amount,
            uncapped);
  }
}

static void write_text(const Comparison *c, FILE *out) {
  fprintf(out, "comparison (%s)\na: %s\nb: %s\n\ntotals\n", agreement_of(c, 0)->currency.code,
          side_label(c, 0), side_label(c, 1));
  write_rows(c, c->totals, c->total_count, false, out);
  fputs("\nby year\n", out);
  write_rows(c, c->years, c->year_count, true, out);
  write_clauses(c, out);
  write_caps(c, out);
}

/* ---------------------------------------------------------------- JSON */

static void json_row(JsonWriter *w, const Comparison *c, const CompareRow *r) {
  const Agreement *ag = agreement_of(c, 0);
  json_object_begin(w);
  if (r->year) {
    json_key(w, "year");
    json_int(w, r->year);
  }
  settle_json_pair(w, c->side[0], r->payer, r->payee);
  json_amount(w, ag, "a", r->a_minor);
  json_amount(w, ag, "b", r->b_minor);
  json_amount(w, ag, "difference", r->difference_minor);
  json_object_end(w);
}

static void json_rows(JsonWriter *w, const Comparison *c, const char *key, const CompareRow *rows,
                      size_t count) {
  json_key(w, key);
  json_array_begin(w);
  for (size_t i = 0; i < count; i++) json_row(w, c, &rows[i]);
  json_array_end(w);
}

static void json_clauses(JsonWriter *w, const Comparison *c) {
  const Agreement *ag = agreement_of(c, 0);
  json_key(w, "clauses");
  json_array_begin(w);
  for (size_t k = 0; k < c->clause_count; k++) {
    const CompareClause *r = &c->clauses[k];
    json_object_begin(w);
    json_key(w, "clause");
    json_string(w, r->id.ptr, r->id.len);
    settle_json_pair(w, c->side[0], r->payer, r->payee);
    json_amount(w, ag, "a", r->a_minor);
    json_amount(w, ag, "b", r->b_minor);
    json_amount(w, ag, "difference", r->difference_minor);
    json_key(w, "only_in");
    json_cstring(w, r->in_a && r->in_b ? NULL : r->in_a ? "a" : "b");
    json_object_end(w);
  }
  json_array_end(w);
}

static void json_period(JsonWriter *w, const char *key, const Obligation *o) {
  char label[24];
  pact_period_label(o->clause->u.share.calendar, o->period, label, sizeof label);
  json_key(w, key);
  json_cstring(w, label);
}

static void json_caps(JsonWriter *w, const Comparison *c) {
  json_key(w, "caps");
  json_array_begin(w);
  for (size_t i = 0; i < c->cap_count; i++) {
    const CompareCap *cap = &c->caps[i];
    const Agreement *ag = agreement_of(c, cap->side);
    const Clause *clause = cap->first->clause;
    const Str *version = &ag->versions[clause->version].name;
    json_object_begin(w);
    json_key(w, "side");
    json_cstring(w, cap->side ? "b" : "a");
    json_key(w, "clause");
    json_string(w, clause->id.ptr, clause->id.len);
    json_key(w, "version");
    json_string(w, version->ptr, version->len);
    settle_json_pair(w, c->side[cap->side], clause->u.share.payer.index,
                     clause->u.share.payee.index);
    json_amount(w, ag, "cap", clause->u.share.cap_minor);
    json_period(w, "binds_from", cap->first);
    json_period(w, "binds_through", cap->last);
    json_key(w, "periods_cut");
    json_int(w, cap->periods);
    json_amount(w, ag, "amount", cap->amount_minor);
    json_amount(w, ag, "amount_without_cap", cap->uncapped_minor);
    json_object_end(w);
  }
  json_array_end(w);
}

static void json_side(JsonWriter *w, const Comparison *c, int side) {
  json_key(w, side ? "b" : "a");
  json_object_begin(w);
  json_key(w, "label");
  json_cstring(w, side_label(c, side));
  json_object_end(w);
}

/* The diagnostics: side A's agreement's, side B's that A's do not hold, then the list's. */
static void json_diagnostics(JsonWriter *w, const Comparison *c, const DiagList *diags) {
  const DiagList *a = &agreement_of(c, 0)->diags, *b = &agreement_of(c, 1)->diags;
  json_key(w, "diagnostics");
  json_array_begin(w);
  for (size_t k = 0; k < a->count; k++) diag_write_json(w, &a->items[k]);
  for (size_t k = 0; k < b->count; k++)
    if (!diag_list_holds(a, &b->items[k])) diag_write_json(w, &b->items[k]);
  for (size_t k = 0; diags && k < diags->count; k++) diag_write_json(w, &diags->items[k]);
  json_array_end(w);
  json_object_end(w);
  json_finish(w);
}

static void write_json(const Comparison *c, const DiagList *diags, FILE *out) {
  JsonWriter w;
  json_report_begin(&w, out, agreement_of(c, 0));
  json_side(&w, c, 0);
  json_side(&w, c, 1);
  json_rows(&w, c, "totals", c->totals, c->total_count);
  json_rows(&w, c, "years", c->years, c->year_count);
  json_clauses(&w, c);
  json_caps(&w, c);
  json_diagnostics(&w, c, diags);
}

void compare_write(const Comparison *c, bool json, const DiagList *diags, FILE *out) {
  if (json) write_json(c, diags, out);
  else write_text(c, out);
}
