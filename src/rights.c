/*
** rights.c -- see rights.h.
*/
#include "rights.h"

#include <stdio.h>
#include <string.h>

static bool is(EventText text, const char *party) {
  return text.len == strlen(party) && memcmp(text.ptr, party, text.len) == 0;
}

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

/* The rule for the event itself, its target aside. */
static bool may_record_own(const Agreement *ag, const char *party, const Event *e, char *why,
                           size_t size) {
  int id_len = (int)e->id.len;
  switch (e->kind) {
    case EVENT_MILESTONE: {
      const Clause *m = terms_milestone(ag, e->subject.ptr, e->subject.len, e->date);
      if (!m) {
        snprintf(why, size, "the agreement has no milestone '%.*s'", (int)e->subject.len,
                 e->subject.ptr);
        return false;
      }
      if (terms_may_declare(m, party, (uint32_t)strlen(party))) return true;
      const RefList *who = &m->u.milestone.declarers;
      char names[160] = "";
      size_t at = 0;
      for (uint32_t i = 0; i < who->count && at < sizeof names; i++)
        at += (size_t)snprintf(names + at, sizeof names - at, "%s%.*s",
                               i == 0 ? "" : i + 1 == who->count ? " or " : ", ",
                               (int)who->items[i].name.len, who->items[i].name.ptr);
      snprintf(why, size, "only %s may declare %.*s", who->count ? names : "no party",
               (int)m->id.len, m->id.ptr);
      return false;
    }
    case EVENT_PURCHASE:
      if (is(e->party, party) || is(e->counterparty, party)) return true;
      snprintf(why, size, "a purchase is recorded by its buyer or its seller: '%.*s' is between "
               "%.*s and %.*s", id_len, e->id.ptr, (int)e->party.len, e->party.ptr,
               (int)e->counterparty.len, e->counterparty.ptr);
      return false;
    case EVENT_CORRECTION:
      return true; /* decided by the event it corrects */
    default:
      if (is(e->party, party)) return true;
      snprintf(why, size, "%s: '%.*s' is %.*s's", owner_rule(e->kind), id_len, e->id.ptr,
               (int)e->party.len, e->party.ptr);
      return false;
  }
}

bool rights_may_record(const Agreement *ag, const char *party, const Event *e,
                       const Event *target, char *why, size_t size) {
  if (!may_record_own(ag, party, e, why, size)) return false;
  if (!rights_need_target(e)) return true;
  int ref_len = (int)e->ref.len;
  if (e->kind == EVENT_RESPONSE) {
    if (!target || target->kind != EVENT_OFFER) {
      snprintf(why, size, "a response answers an offer in the ledger, and '%.*s' is none", ref_len,
               e->ref.ptr);
      return false;
    }
    if (is(target->counterparty, party)) return true;
    snprintf(why, size, "only the provider offered to may answer: offer '%.*s' was made to %.*s",
             ref_len, e->ref.ptr, (int)target->counterparty.len, target->counterparty.ptr);
    return false;
  }
  if (!target) {
    if (e->kind != EVENT_CORRECTION) return true; /* a restatement of what is not known yet */
    snprintf(why, size, "a correction withdraws an event in the ledger, and '%.*s' is none",
             ref_len, e->ref.ptr);
    return false;
  }
  /* A correction or a restatement speaks for the event it supersedes: its recorder's to make. */
  char inner[200];
  if (may_record_own(ag, party, target, inner, sizeof inner)) return true;
  snprintf(why, size, "'%.*s' supersedes '%.*s', which is not %s's to record (%s)",
           (int)e->id.len, e->id.ptr, ref_len, e->ref.ptr, party, inner);
  return false;
}
