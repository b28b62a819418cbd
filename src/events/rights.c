/*
** rights.c -- see rights.h.
*/
#include "events/rights.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static bool is(EventText text, const char *party) {
  return text.len == strlen(party) && memcmp(text.ptr, party, text.len) == 0;
}

/* ---------------------------------------------------------------- milestones */

/* The milestone of that id in a version's terms, or NULL. */
static const Clause *worded_by(const Version *v, const char *subject, uint32_t len) {
  for (uint32_t c = 0; c < v->term_count; c++) {
    const Clause *clause = v->terms[c];
    if (clause->kind == CLAUSE_MILESTONE && terms_milestone_id_eq(subject, len, clause->id))
      return clause;
  }
  return NULL;
}

const Clause *rights_milestone(const Agreement *ag, const char *subject, uint32_t len, PactDate day,
                               const Version **version, RightsWording *how) {
  const Version *unused_version;
  RightsWording unused_how;
  if (!version) version = &unused_version;
  if (!how) how = &unused_how;
  *version = NULL;
  *how = RIGHTS_IN_FORCE;
  if (!ag->history_ok) { /* no order of versions to go by: the first as written that has it */
    for (uint32_t v = 0; v < ag->version_count; v++) {
      const Clause *m = worded_by(&ag->versions[v], subject, len);
      if (m) {
        *version = &ag->versions[v];
        *how = RIGHTS_LAST_BEFORE;
        return m;
      }
    }
    return NULL;
  }
  /* The versions in force up to the day: history[0 .. after - 1], the last of them in force on
  ** it (a version with no effective date never is). */
  uint32_t after = 0;
  while (after < ag->history_count) {
    const Version *v = &ag->versions[ag->history[after]];
    if (!v->has_effective || v->effective > day) break;
    after++;
  }
  for (uint32_t h = after; h-- > 0;) {
    const Version *v = &ag->versions[ag->history[h]];
    const Clause *m = worded_by(v, subject, len);
    if (m) {
      *version = v;
      *how = h + 1 == after ? RIGHTS_IN_FORCE : RIGHTS_LAST_BEFORE;
      return m;
    }
  }
  for (uint32_t h = after; h < ag->history_count; h++) {
    const Version *v = &ag->versions[ag->history[h]];
    const Clause *m = worded_by(v, subject, len);
    if (m) {
      *version = v;
      *how = RIGHTS_FIRST_AFTER;
      return m;
    }
  }
  return NULL;
}

bool rights_may_declare(const Agreement *ag, const char *subject, uint32_t subject_len,
                        const char *party, uint32_t party_len, PactDate day, char *why,
                        size_t size) {
  const Version *v;
  RightsWording how;
  const Clause *m = rights_milestone(ag, subject, subject_len, day, &v, &how);
  if (!m) {
    snprintf(why, size, "the agreement has no milestone '%.*s'", (int)subject_len, subject);
    return false;
  }
  if (terms_may_declare(m, party, party_len)) return true;
  const RefList *who = &m->u.milestone.declarers;
  char names[160] = "";
  size_t at = 0;
  for (uint32_t i = 0; i < who->count && at < sizeof names; i++)
    at += (size_t)snprintf(names + at, sizeof names - at, "%s%.*s",
                           i == 0                ? ""
                           : i + 1 == who->count ? " or "
                                                 : ", ",
                           (int)who->items[i].name.len, who->items[i].name.ptr);
  char date[11];
  pact_date_format(day, date);
  static const char *const whence[] = {
      [RIGHTS_IN_FORCE] = "",
      [RIGHTS_LAST_BEFORE] = " (the last version before that day to have it)",
      [RIGHTS_FIRST_AFTER] = " (the first version to have it, after that day)",
  };
  snprintf(why, size, "only %s may declare %.*s on %s, as version %.*s words it%s",
           who->count ? names : "no party", (int)m->id.len, m->id.ptr, date, (int)v->name.len,
           v->name.ptr, whence[how]);
  return false;
}

/* ---------------------------------------------------------------- events */

bool rights_need_target(const Event *e) {
  if (!e->ref.len) return false;
  return e->kind == EVENT_RESPONSE || e->kind == EVENT_CORRECTION || e->kind == EVENT_REVENUE ||
         e->kind == EVENT_PAYMENT || e->kind == EVENT_PURCHASE;
}

/* The party field's owner, for the kinds whose recorder is the event's party. */
static const char *owner_rule(EventKind kind) {
  switch (kind) {
    case EVENT_REVENUE: return "the earner reports its revenue";
    case EVENT_PROFIT: return "the earner reports its profit";
    case EVENT_PAYMENT: return "only the payer records a payment";
    case EVENT_OFFER: return "only the customer records its offer";
    case EVENT_RESPONSE: return "only the provider offered to may answer an offer";
    case EVENT_LAUNCH: return "only the party launching records a launch";
    case EVENT_USE: return "only the licensee records its use";
    case EVENT_GRANT: return "only the licensor records a grant";
    default: return "";
  }
}

/* The rule for the event itself, its target aside (a correction's is its target's). */
static bool may_record_own(const Agreement *ag, const char *party, const Event *e, char *why,
                           size_t size) {
  int id_len = (int)e->id.len;
  switch (e->kind) {
    case EVENT_MILESTONE:
      return rights_may_declare(ag, e->subject.ptr, e->subject.len, party, (uint32_t)strlen(party),
                                e->date, why, size);
    case EVENT_PURCHASE:
      if (is(e->party, party) || is(e->counterparty, party)) return true;
      snprintf(why, size,
               "a purchase is recorded by its buyer or its seller: '%.*s' is between "
               "%.*s and %.*s",
               id_len, e->id.ptr, (int)e->party.len, e->party.ptr, (int)e->counterparty.len,
               e->counterparty.ptr);
      return false;
    case EVENT_CORRECTION: return true; /* decided by the event it corrects */
    default:
      if (is(e->party, party)) return true;
      snprintf(why, size, "%s: '%.*s' is %.*s's", owner_rule(e->kind), id_len, e->id.ptr,
               (int)e->party.len, e->party.ptr);
      return false;
  }
}

/* How many corrections of corrections are followed before the chain is called a loop. */
enum { CHAIN_MAX = 64 };

/* Appends to a chain's text: " of 'id'" (cut short when the room runs out). */
static void chain_add(char *chain, size_t size, const char *id, uint32_t len) {
  size_t at = strlen(chain);
  if (at + 1 < size) snprintf(chain + at, size - at, " of '%.*s'", (int)len, id);
}

/* A response: only the provider the offer it answers (target, found) was made to may record
** it. */
static bool may_answer(const char *party, const Event *e, const Event *target, bool found,
                       char *why, size_t size) {
  int ref_len = (int)e->ref.len;
  if (!found || target->kind != EVENT_OFFER) {
    snprintf(why, size, "a response answers an offer in the ledger, and '%.*s' is none", ref_len,
             e->ref.ptr);
    return false;
  }
  if (is(target->counterparty, party)) return true;
  snprintf(why, size, "only the provider offered to may answer: offer '%.*s' was made to %.*s",
           ref_len, e->ref.ptr, (int)target->counterparty.len, target->counterparty.ptr);
  return false;
}

/* The corrections a chain of corrections passed: their ids, for the reason (find's texts last
** only until its next call), and how many. */
typedef struct Chain {
  char ids[200];
  int hops;
} Chain;

/*
** A correction of a correction speaks for what that one corrects, down to the first event
** that is not a correction: whoever may record it may correct it, and its corrections. Follows
** target's chain down to that event (into target). *followed is false, with why, when the chain
** cannot be followed: a loop, a correction of nothing, an event the ledger does not hold.
*/
static PactStatus follow_corrections(const Event *e, Event *target, RightsFind find, void *context,
                                     Chain *chain, bool *followed, char *why, size_t size) {
  int ref_len = (int)e->ref.len;
  char *next = NULL;
  bool failed = false;
  *followed = false;
  while (target->kind == EVENT_CORRECTION) {
    if (++chain->hops > CHAIN_MAX || !target->ref.len) {
      free(next);
      snprintf(why, size,
               "'%.*s' supersedes correction '%.*s'%s, %s, so whose it is to record "
               "cannot be told",
               (int)e->id.len, e->id.ptr, ref_len, e->ref.ptr, chain->ids,
               target->ref.len ? "a chain of more corrections than pactum follows (a loop?)"
                               : "which corrects no event");
      return PACT_OK;
    }
    char *ref = mem_malloc((size_t)target->ref.len + 1);
    if (!ref) {
      free(next);
      return PACT_ERR_NOMEM;
    }
    memcpy(ref, target->ref.ptr, target->ref.len);
    ref[target->ref.len] = '\0';
    free(next);
    next = ref;
    uint32_t len = target->ref.len;
    chain_add(chain->ids, sizeof chain->ids, ref, len);
    bool found = find(context, ref, len, target, &failed);
    if (failed) {
      free(next);
      return PACT_ERR_IO;
    }
    if (!found) {
      snprintf(why, size,
               "'%.*s' supersedes correction '%.*s'%s, which the ledger does not hold, "
               "so whose it is to record cannot be told",
               (int)e->id.len, e->id.ptr, ref_len, e->ref.ptr, chain->ids);
      free(next);
      return PACT_OK;
    }
  }
  free(next);
  *followed = true;
  return PACT_OK;
}

PactStatus rights_may_record(const Agreement *ag, const char *party, const Event *e,
                             RightsFind find, void *context, bool *may, char *why, size_t size) {
  *may = false;
  if (!may_record_own(ag, party, e, why, size)) return PACT_OK;
  if (!rights_need_target(e)) {
    *may = true;
    return PACT_OK;
  }
  int ref_len = (int)e->ref.len;
  Event target;
  bool failed = false;
  bool found = find(context, e->ref.ptr, e->ref.len, &target, &failed);
  if (failed) return PACT_ERR_IO;
  if (e->kind == EVENT_RESPONSE) {
    *may = may_answer(party, e, &target, found, why, size);
    return PACT_OK;
  }
  if (!found) {
    if (e->kind != EVENT_CORRECTION) { /* a restatement of what is not known yet */
      *may = true;
      return PACT_OK;
    }
    snprintf(why, size, "a correction withdraws an event in the ledger, and '%.*s' is none",
             ref_len, e->ref.ptr);
    return PACT_OK;
  }
  Chain chain = {"", 0};
  bool followed;
  PactStatus status = follow_corrections(e, &target, find, context, &chain, &followed, why, size);
  if (status != PACT_OK || !followed) return status;
  /* A correction or a restatement speaks for the event it supersedes: its recorder's to make. */
  char inner[240];
  if (may_record_own(ag, party, &target, inner, sizeof inner)) {
    *may = true;
    return PACT_OK;
  }
  if (chain.hops)
    snprintf(why, size, "'%.*s' supersedes correction '%.*s'%s, which is not %s's to record (%s)",
             (int)e->id.len, e->id.ptr, ref_len, e->ref.ptr, chain.ids, party, inner);
  else
    snprintf(why, size, "'%.*s' supersedes '%.*s', which is not %s's to record (%s)",
             (int)e->id.len, e->id.ptr, ref_len, e->ref.ptr, party, inner);
  return PACT_OK;
}
