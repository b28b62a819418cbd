/*
** report.c -- what `check` says about an agreement once its diagnostics are out: a summary line
** and the most each payment clause can ever pay; and the same, with every diagnostic, as JSON.
*/
#include <string.h>

#include "base/jsonw.h"
#include "render/describe.h"
#include "terms/terms.h"

/* Whether the most a clause can pay is approximate: its cap's, or its last paying tier's bound. */
static bool max_about(const RevenueShare *s) {
  if (s->has_cap) return s->cap_about;
  uint32_t last = s->tier_count;
  while (last > 0 && s->tiers[last - 1].rate.units == 0) last--;
  return last > 0 && s->tiers[last - 1].bound_about;
}

/* The most a clause can pay, for people: "USD 38,000,000,000.00 (its cap)" or "no cap; ...". */
static void max_payable_text(const Agreement *ag, const Clause *c, char *buf, size_t size) {
  const RevenueShare *s = &c->u.share;
  int64_t most;
  if (terms_max_payable(c, &most)) {
    char amount[96];
    money_text(ag, most, max_about(s), amount, sizeof amount);
    snprintf(buf, size, "%s (%s)", amount, s->has_cap ? "its cap" : "its last tier");
    return;
  }
  char end[200];
  term_end_text(&c->term, end, sizeof end);
  uint32_t paying = s->tier_count; /* tiers up to the last one with a rate above 0% */
  while (paying > 0 && s->tiers[paying - 1].rate.units == 0) paying--;
  if (terms_bounded(c) && paying > 0) {
    /* By cumulative base: bounded, but each period rounds on its own, so no one figure. */
    const Tier *last = &s->tiers[paying - 1];
    char amount[96];
    money_text(ag, last->bound_minor, last->bound_about, amount, sizeof amount);
    snprintf(buf, size,
             "no cap; nothing more once the cumulative base reaches %s (its last "
             "tier)%s%.200s",
             amount, end[0] ? "; " : "", end);
  } else if (terms_bounded(c)) {
    snprintf(buf, size, "nothing: %s 0%%%s%.200s", s->tier_count ? "every tier is" : "its rate is",
             end[0] ? "; " : "", end);
  } else {
    snprintf(buf, size, "no cap; %s", end[0] ? end : "no end either (unbounded)");
  }
}

/* The terms a payment clause leaves to their defaults, which change its amounts or their dates:
** said once per clause, so that a default is seen, never silent. */
static void print_defaults(const Agreement *ag, FILE *out) {
  bool header = false;
  for (uint32_t h = 0; h < ag->history_count; h++) {
    const Version *v = &ag->versions[ag->history[h]];
    for (uint32_t k = 0; k < v->own_count; k++) {
      const Clause *c = v->own[k];
      const RevenueShare *s = &c->u.share;
      if (c->kind != CLAUSE_REVENUE_SHARE || (s->has_settle && s->has_rounding)) continue;
      if (!header) fputs("defaults in force (no term says otherwise):\n", out);
      header = true;
      char text[160] = "";
      if (!s->has_settle)
        snprintf(text, sizeof text, "settles %s (no `settle` term)",
                 pact_period_kind_name(s->calendar.kind));
      if (!s->has_rounding) {
        size_t n = strlen(text);
        snprintf(text + n, sizeof text - n, "%srounds %s (no `rounding` term)", n ? "; " : "",
                 pact_rounding_name(s->rounding));
      }
      fprintf(out, "  %-12.*s %-24.*s %s\n", (int)v->name.len, v->name.ptr, (int)c->id.len,
              c->id.ptr, text);
    }
  }
}

void pact_check_summary(const PactAgreement *ag, FILE *out) {
  fprintf(out, "%s: %u version%s, %u clause%s", ag->path, ag->version_count,
          ag->version_count == 1 ? "" : "s", ag->clause_count, ag->clause_count == 1 ? "" : "s");
  fprintf(out, ", %zu error%s, %zu warning%s\n", ag->diags.errors, ag->diags.errors == 1 ? "" : "s",
          ag->diags.warnings, ag->diags.warnings == 1 ? "" : "s");
  if (ag->diags.errors || !ag->history_ok) return;
  bool header = false;
  for (uint32_t h = 0; h < ag->history_count; h++) {
    const Version *v = &ag->versions[ag->history[h]];
    for (uint32_t k = 0; k < v->own_count; k++) {
      const Clause *c = v->own[k];
      if (c->kind != CLAUSE_REVENUE_SHARE) continue;
      if (!header) fputs("the most each payment clause can ever pay:\n", out);
      header = true;
      char most[512];
      max_payable_text(ag, c, most, sizeof most);
      fprintf(out, "  %-12.*s %-24.*s %s\n", (int)v->name.len, v->name.ptr, (int)c->id.len,
              c->id.ptr, most);
    }
  }
  print_defaults(ag, out);
}

static void json_max_payable(JsonWriter *w, const Agreement *ag) {
  json_key(w, "payment_clauses");
  json_array_begin(w);
  for (uint32_t h = 0; ag->history_ok && !ag->diags.errors && h < ag->history_count; h++) {
    const Version *v = &ag->versions[ag->history[h]];
    for (uint32_t k = 0; k < v->own_count; k++) {
      const Clause *c = v->own[k];
      if (c->kind != CLAUSE_REVENUE_SHARE) continue;
      json_object_begin(w);
      json_key(w, "version");
      json_string(w, v->name.ptr, v->name.len);
      json_key(w, "id");
      json_string(w, c->id.ptr, c->id.len);
      int64_t most;
      char amount[64];
      json_key(w, "max_payable");
      bool known = terms_max_payable(c, &most);
      if (known) {
        pact_money_format(most, ag->currency.minor_digits, amount, sizeof amount);
        json_cstring(w, amount);
      } else {
        json_null(w);
      }
      const RevenueShare *s = &c->u.share;
      json_key(w, "max_payable_approximate");
      json_bool(w, known && max_about(s));
      json_key(w, "settle_default");
      json_bool(w, !s->has_settle);
      json_key(w, "rounding_default");
      json_bool(w, !s->has_rounding);
      json_object_end(w);
    }
  }
  json_array_end(w);
}

void pact_check_report_json(PactAgreement *const *ags, size_t count, FILE *out) {
  JsonWriter w;
  json_init(&w, out);
  json_object_begin(&w);
  json_key(&w, "agreements");
  json_array_begin(&w);
  for (size_t i = 0; i < count; i++) {
    const Agreement *ag = ags[i];
    json_object_begin(&w);
    json_key(&w, "path");
    json_cstring(&w, ag->path);
    json_key(&w, "agreement");
    if (ag->id.len) json_string(&w, ag->id.ptr, ag->id.len);
    else json_null(&w);
    json_key(&w, "currency");
    json_cstring(&w, ag->has_currency ? ag->currency.code : NULL);
    json_key(&w, "versions");
    json_int(&w, ag->version_count);
    json_key(&w, "clauses");
    json_int(&w, ag->clause_count);
    json_key(&w, "errors");
    json_int(&w, (int64_t)ag->diags.errors);
    json_key(&w, "warnings");
    json_int(&w, (int64_t)ag->diags.warnings);
    json_key(&w, "diagnostics");
    json_array_begin(&w);
    for (size_t k = 0; k < ag->diags.count; k++) diag_write_json(&w, &ag->diags.items[k]);
    json_array_end(&w);
    json_max_payable(&w, ag);
    json_object_end(&w);
  }
  json_array_end(&w);
  json_object_end(&w);
  json_finish(&w);
}
