/*
** terms.c -- questions asked of checked terms: which version is in force on a date, whether
** a clause is, the most a payment clause can pay, and the names of things.
*/
#include "terms/terms.h"

#include "lang/keywords.h"

#include <string.h>

bool str_eq(Str a, Str b) { return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0; }

bool terms_name_texts(Agreement *ag) {
  ag->party_ids = arena_alloc(&ag->arena, (ag->party_count + 1) * sizeof *ag->party_ids);
  ag->version_names = arena_alloc(&ag->arena, (ag->version_count + 1) * sizeof *ag->version_names);
  if (!ag->party_ids || !ag->version_names) return false;
  for (uint32_t i = 0; i < ag->party_count; i++)
    if (!(ag->party_ids[i] =
              arena_strndup(&ag->arena, ag->parties[i].id.ptr, ag->parties[i].id.len)))
      return false;
  for (uint32_t i = 0; i < ag->version_count; i++)
    if (!(ag->version_names[i] =
              arena_strndup(&ag->arena, ag->versions[i].name.ptr, ag->versions[i].name.len)))
      return false;
  return true;
}

bool str_eq_cstr(Str a, const char *text) {
  size_t n = strlen(text);
  return a.len == n && memcmp(a.ptr, text, n) == 0;
}

_Static_assert((int)CLAUSE_KIND_COUNT == (int)KEYWORD_CLAUSE_KIND_COUNT,
               "one word per clause kind");

const char *clause_kind_name(ClauseKind kind) {
  return kind < CLAUSE_KIND_COUNT ? keyword_clause_kind((int)kind) : "clause";
}

const char *clause_kind_json_name(ClauseKind kind) {
  static const char *const names[CLAUSE_KIND_COUNT] = {"revenue_share", "cloud",  "licence",
                                                       "commitment",    "equity", "milestone"};
  return kind < CLAUSE_KIND_COUNT ? names[kind] : "clause";
}

const char *certainty_name(Certainty certainty) {
  switch (certainty) {
    case CERT_OFFICIAL: return "official";
    case CERT_REPORTED: return "reported";
    case CERT_ASSUMED: return "assumed";
    case CERT_CONTRACT: return "contract";
    case CERT_NONE: break;
  }
  return "none";
}

const char *cloud_mode_name(CloudMode mode) {
  switch (mode) {
    case MODE_EXCLUSIVE: return "exclusive";
    case MODE_FIRST_REFUSAL: return "first_refusal";
    case MODE_PRIMARY: return "primary";
    case MODE_NONE: return "none";
  }
  return "none";
}

const char *answer_name(Answer answer) {
  switch (answer) {
    case ANSWER_ACCEPT: return "accept";
    case ANSWER_UNABLE: return "unable";
    case ANSWER_UNWILLING: return "unwilling";
  }
  return "accept";
}

int32_t terms_version_on(const Agreement *ag, PactDate date) {
  if (!ag->history_ok) return -1;
  int32_t found = -1;
  for (uint32_t h = 0; h < ag->history_count; h++) {
    const Version *v = &ag->versions[ag->history[h]];
    if (v->has_effective && v->effective <= date) found = (int32_t)ag->history[h];
  }
  return found;
}

bool terms_clause_in_force(const Clause *clause, PactDate date) {
  if (clause->term.has_from && date < clause->term.from) return false;
  if (clause->term.has_through && date > clause->term.through) return false;
  return true;
}

bool terms_max_payable(const Clause *clause, int64_t *out_minor) {
  if (clause->kind != CLAUSE_REVENUE_SHARE) return false;
  const RevenueShare *s = &clause->u.share;
  if (s->has_cap) {
    *out_minor = s->cap_minor;
    return true;
  }
  /* Tiers by cumulative payment stop paying at the bound of the last tier that pays anything:
  ** past a last bounded tier nothing more is owed, and a 0% tier owes nothing. */
  if (s->tier_count && s->tier_basis == TIER_BY_PAID) {
    uint32_t last = s->tier_count;
    while (last > 0 && s->tiers[last - 1].rate.units == 0) last--;
    if (last == 0) {
      *out_minor = 0;
      return true;
    }
    if (!s->tiers[last - 1].has_bound) return false;
    *out_minor = s->tiers[last - 1].bound_minor;
    return true;
  }
  return false;
}

bool terms_bounded(const Clause *clause) {
  if (clause->kind != CLAUSE_REVENUE_SHARE) return false;
  const RevenueShare *s = &clause->u.share;
  if (s->has_cap) return true;
  if (s->has_rate) return s->rate.units == 0;
  if (!s->tier_count) return false;
  /* Past a last bounded tier nothing more is owed, by cumulative base as by cumulative paid;
  ** a last tier of 0% owes nothing either. */
  const Tier *last = &s->tiers[s->tier_count - 1];
  return last->has_bound || last->rate.units == 0;
}

const TermNote *terms_note(const Clause *clause, const char *field) {
  for (const TermNote *n = clause->notes; n; n = n->next)
    if (strcmp(n->field, field) == 0) return n;
  return NULL;
}

bool terms_milestone_id_eq(const char *subject, uint32_t len, Str id) {
  if (len != id.len) return false;
  for (uint32_t i = 0; i < len; i++) {
    char a = subject[i] == '_' ? '-' : subject[i];
    if (a != id.ptr[i]) return false;
  }
  return true;
}

bool terms_may_declare(const Clause *milestone, const char *party, uint32_t len) {
  const RefList *who = &milestone->u.milestone.declarers;
  for (uint32_t i = 0; i < who->count; i++)
    if (who->items[i].name.len == len && memcmp(who->items[i].name.ptr, party, len) == 0)
      return true;
  return false;
}

const Clause *terms_milestone(const Agreement *ag, const char *subject, uint32_t len,
                              PactDate date) {
  int32_t in_force = terms_version_on(ag, date);
  const Clause *any = NULL;
  for (uint32_t v = 0; v < ag->version_count; v++) {
    const Version *version = &ag->versions[v];
    for (uint32_t c = 0; c < version->term_count; c++) {
      const Clause *clause = version->terms[c];
      if (clause->kind != CLAUSE_MILESTONE || !terms_milestone_id_eq(subject, len, clause->id))
        continue;
      if ((int32_t)v == in_force) return clause;
      if (!any) any = clause;
    }
  }
  return any;
}

int32_t terms_party(const Agreement *ag, const char *id, uint32_t len) {
  for (uint32_t i = 0; i < ag->party_count; i++)
    if (ag->parties[i].id.len == len && memcmp(ag->parties[i].id.ptr, id, len) == 0)
      return (int32_t)i;
  return -1;
}
