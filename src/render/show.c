/*
** show.c -- the terms in force on a date, for people (plain words with sources) and for
** scripts (one JSON object with a version and its clauses).
*/
#include <string.h>

#include "base/jsonw.h"
#include "render/describe.h"
#include "terms/terms.h"

/* ---------------------------------------------------------------- for people */

static void print_cite(FILE *out, Citation cite) {
  if (cite.certainty == CERT_NONE) return;
  fprintf(out, "%s: %.*s", certainty_name(cite.certainty), (int)cite.text.len, cite.text.ptr);
}

static void print_clause(FILE *out, const Agreement *ag, const Clause *c) {
  const Version *from = &ag->versions[c->version];
  fprintf(out, "\n%s %.*s  (version %.*s)\n", clause_kind_name(c->kind), (int)c->id.len, c->id.ptr,
          (int)from->name.len, from->name.ptr);
  if (c->says.len) text_wrap(out, "  ", c->says, 92);
  if (c->section.len) fprintf(out, "  section    %.*s\n", (int)c->section.len, c->section.ptr);
  Row rows[ROWS_MAX];
  size_t n = clause_rows(ag, c, rows);
  for (size_t i = 0; i < n; i++) {
    fprintf(out, "  %-11s %s", rows[i].name, rows[i].value);
    if (rows[i].note) {
      fputs("\n              ", out);
      print_cite(out, rows[i].note->cite);
    }
    fputc('\n', out);
  }
  if (c->source.certainty != CERT_NONE) {
    fputs("  source      ", out);
    print_cite(out, c->source);
    fputc('\n', out);
  }
}

static void print_version_head(FILE *out, const Version *v) {
  char day[11];
  pact_date_format(v->effective, day);
  fprintf(out, "version %.*s", (int)v->name.len, v->name.ptr);
  if (v->title.len) fprintf(out, ": %.*s", (int)v->title.len, v->title.ptr);
  fprintf(out, "\n  in force from %s", day);
  if (v->has_last_day) {
    pact_date_format(v->last_day, day);
    fprintf(out, " through %s", day);
  } else {
    fputs(" (the current terms)", out);
  }
  for (const TermNote *n = v->notes; n; n = n->next) {
    fputs("\n  effective date ", out);
    print_cite(out, n->cite);
  }
  fputc('\n', out);
}

static void show_text(const Agreement *ag, const Version *v, PactDate on, FILE *out) {
  char day[11];
  pact_date_format(on, day);
  fprintf(out, "%.*s: terms in force on %s\n", (int)(ag->title.len ? ag->title.len : ag->id.len),
          ag->title.len ? ag->title.ptr : ag->id.ptr, day);
  print_version_head(out, v);
  size_t shown = 0;
  for (uint32_t k = 0; k < v->term_count; k++) {
    const Clause *c = v->terms[k];
    if (!terms_clause_in_force(c, on)) continue;
    print_clause(out, ag, c);
    shown++;
  }
  if (!shown) fputs("\nno clause is in force on that date\n", out);
}

/* ---------------------------------------------------------------- for scripts */

static void json_str(JsonWriter *w, Str s) { json_string(w, s.ptr, s.len); }

static void json_date(JsonWriter *w, PactDate date) {
  char day[11];
  pact_date_format(date, day);
  json_cstring(w, day);
}

static void json_str_list(JsonWriter *w, const char *key, const StrList *list) {
  json_key(w, key);
  json_array_begin(w);
  for (uint32_t i = 0; i < list->count; i++) json_str(w, list->items[i]);
  json_array_end(w);
}

static void json_party(JsonWriter *w, const char *key, const Ref *ref) {
  json_key(w, key);
  json_str(w, ref->name);
}

static void json_rate(JsonWriter *w, PactDecimal rate) {
  char text[48];
  pact_rate_format(rate, text, sizeof text);
  json_cstring(w, text);
}

static void json_cite(JsonWriter *w, Citation cite) {
  if (cite.certainty == CERT_NONE) {
    json_null(w);
    return;
  }
  json_object_begin(w);
  json_key(w, "certainty");
  json_cstring(w, certainty_name(cite.certainty));
  json_key(w, "text");
  json_str(w, cite.text);
  json_object_end(w);
}

/* start, end (the last day, or the first milestone when there is no day) and milestones. */
static void json_term(JsonWriter *w, const Agreement *ag, const Clause *c) {
  json_key(w, "start");
  json_date(w, clause_start(ag, c));
  json_key(w, "end");
  if (c->term.has_through) json_date(w, c->term.through);
  else if (c->term.until.count) json_str(w, c->term.until.items[0].name);
  else json_null(w);
  json_key(w, "milestones");
  json_array_begin(w);
  for (uint32_t i = 0; i < c->term.until.count; i++) json_str(w, c->term.until.items[i].name);
  json_array_end(w);
}

static void json_share(JsonWriter *w, const Agreement *ag, const RevenueShare *s) {
  json_party(w, "payer", &s->payer);
  json_party(w, "payee", &s->payee);
  json_key(w, "base");
  json_object_begin(w);
  json_key(w, "measure");
  json_cstring(w, s->measure == BASE_PROFIT ? "profit" : "revenue");
  json_party(w, "party", &s->base_party);
  json_str_list(w, "include", &s->include);
  json_str_list(w, "exclude", &s->exclude);
  json_object_end(w);
  json_key(w, "rate");
  if (s->has_rate) json_rate(w, s->rate);
  else json_null(w);
  json_key(w, "tiers");
  json_array_begin(w);
  for (uint32_t i = 0; i < s->tier_count; i++) {
    json_object_begin(w);
    json_key(w, "rate");
    json_rate(w, s->tiers[i].rate);
    if (s->tiers[i].has_bound) {
      json_amount_about(w, ag, "up_to", s->tiers[i].bound_minor, s->tiers[i].bound_about);
    } else {
      json_key(w, "up_to");
      json_null(w);
      json_key(w, "up_to_approximate");
      json_bool(w, false);
    }
    json_object_end(w);
  }
  json_array_end(w);
  json_key(w, "tier_basis");
  json_cstring(w, s->tier_count ? (s->tier_basis == TIER_BY_PAID ? "paid" : "base") : NULL);
  if (s->has_cap) {
    json_amount_about(w, ag, "cap", s->cap_minor, s->cap_about);
  } else {
    json_key(w, "cap");
    json_null(w);
    json_key(w, "cap_approximate");
    json_bool(w, false);
  }
  json_key(w, "cap_counts");
  json_cstring(w, s->has_cap
                      ? (s->cap_counting == CAP_THIS_VERSION ? "this_version" : "all_versions")
                      : NULL);
  json_key(w, "settle");
  json_cstring(w, pact_period_kind_name(s->calendar.kind));
  json_key(w, "settle_default");
  json_bool(w, !s->has_settle);
  json_key(w, "fiscal_year_start_month");
  json_int(w, s->calendar.fiscal_start_month ? s->calendar.fiscal_start_month : 1);
  json_key(w, "due_days");
  if (s->has_due) json_int(w, s->due_days);
  else json_null(w);
  json_key(w, "rounding");
  json_cstring(w, pact_rounding_name(s->rounding));
  json_key(w, "rounding_default");
  json_bool(w, !s->has_rounding);
}

static void json_cloud(JsonWriter *w, const CloudTerm *t) {
  json_key(w, "mode");
  json_cstring(w, cloud_mode_name(t->mode));
  json_party(w, "provider", &t->provider);
  json_party(w, "customer", &t->customer);
  json_key(w, "exceptions");
  json_array_begin(w);
  for (uint32_t i = 0; i < t->exception_count; i++)
    json_cstring(w, answer_name(t->exceptions[i].answer));
  json_array_end(w);
  json_str_list(w, "scope", &t->scope);
  json_str_list(w, "carve_outs", &t->carve_outs);
  json_key(w, "window_days");
  if (t->has_window) json_int(w, t->window_days);
  else json_null(w);
  json_key(w, "silence_waives");
  json_bool(w, t->silence_waives);
}

static void json_licence(JsonWriter *w, const LicenceTerm *l) {
  json_party(w, "licensor", &l->licensor);
  json_party(w, "licensee", &l->licensee);
  json_str_list(w, "covers", &l->covers);
  json_str_list(w, "excludes", &l->excludes);
  json_key(w, "exclusive");
  json_bool(w, l->exclusive);
  json_key(w, "exclusive_end");
  if (l->exclusivity.has_through) json_date(w, l->exclusivity.through);
  else json_null(w);
  json_key(w, "exclusive_milestones");
  json_array_begin(w);
  for (uint32_t i = 0; i < l->exclusivity.until.count; i++)
    json_str(w, l->exclusivity.until.items[i].name);
  json_array_end(w);
}

static void json_other(JsonWriter *w, const Agreement *ag, const Clause *c) {
  if (c->kind == CLAUSE_COMMITMENT) {
    json_party(w, "by", &c->u.commitment.by);
    json_party(w, "to", &c->u.commitment.to);
    json_amount_about(w, ag, "amount", c->u.commitment.amount_minor, c->u.commitment.amount_about);
    json_key(w, "of");
    if (c->u.commitment.of.len) json_str(w, c->u.commitment.of);
    else json_null(w);
  } else if (c->kind == CLAUSE_EQUITY) {
    json_party(w, "holder", &c->u.equity.holder);
    json_party(w, "in", &c->u.equity.in);
    json_key(w, "stake");
    json_rate(w, c->u.equity.stake);
    json_key(w, "stake_approximate");
    json_bool(w, c->u.equity.stake_about);
  } else if (c->kind == CLAUSE_MILESTONE) {
    json_key(w, "declared_by");
    json_array_begin(w);
    for (uint32_t i = 0; i < c->u.milestone.declarers.count; i++)
      json_str(w, c->u.milestone.declarers.items[i].name);
    json_array_end(w);
  }
}

static void json_clause(JsonWriter *w, const Agreement *ag, const Clause *c) {
  json_object_begin(w);
  json_key(w, "id");
  json_str(w, c->id);
  json_key(w, "kind");
  json_cstring(w, clause_kind_json_name(c->kind));
  json_key(w, "version");
  json_str(w, ag->versions[c->version].name);
  json_key(w, "says");
  json_str(w, c->says);
  json_key(w, "source");
  json_cite(w, c->source);
  if (c->section.len) {
    json_key(w, "section");
    json_str(w, c->section);
  }
  json_term(w, ag, c);
  switch (c->kind) {
    case CLAUSE_REVENUE_SHARE: json_share(w, ag, &c->u.share); break;
    case CLAUSE_CLOUD: json_cloud(w, &c->u.cloud); break;
    case CLAUSE_LICENCE: json_licence(w, &c->u.licence); break;
    default: json_other(w, ag, c); break;
  }
  json_key(w, "notes");
  json_array_begin(w);
  for (const TermNote *n = c->notes; n; n = n->next) {
    json_object_begin(w);
    json_key(w, "field");
    json_cstring(w, n->field);
    json_key(w, "certainty");
    json_cstring(w, certainty_name(n->cite.certainty));
    json_key(w, "source");
    json_str(w, n->cite.text);
    json_object_end(w);
  }
  json_array_end(w);
  json_object_end(w);
}

static void show_json(const Agreement *ag, const Version *v, PactDate on, FILE *out) {
  JsonWriter w;
  json_report_begin(&w, out, ag);
  json_key(&w, "title");
  json_str(&w, ag->title);
  json_key(&w, "on");
  json_date(&w, on);
  json_key(&w, "version");
  json_str(&w, v->name);
  json_key(&w, "version_title");
  json_str(&w, v->title);
  json_key(&w, "effective");
  json_date(&w, v->effective);
  json_key(&w, "in_force_through");
  if (v->has_last_day) json_date(&w, v->last_day);
  else json_null(&w);
  json_key(&w, "clauses");
  json_array_begin(&w);
  for (uint32_t k = 0; k < v->term_count; k++)
    if (terms_clause_in_force(v->terms[k], on)) json_clause(&w, ag, v->terms[k]);
  json_array_end(&w);
  json_report_close(&w, ag, NULL);
}

PactStatus pact_show(const PactAgreement *ag, PactDate on, bool json, FILE *out) {
  if (ag->diags.errors || !ag->history_ok) return PACT_ERR_INVALID;
  int32_t index = terms_version_on(ag, on);
  if (index < 0) return PACT_ERR_RANGE;
  const Version *v = &ag->versions[index];
  if (json) show_json(ag, v, on, out);
  else show_text(ag, v, on, out);
  return PACT_OK;
}

PactDate pact_agreement_first_day(const PactAgreement *ag) {
  if (!ag->history_ok || !ag->history_count) return 0;
  return ag->versions[ag->history[0]].effective;
}
