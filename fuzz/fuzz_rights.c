/*
** fuzz_rights.c -- libFuzzer target for the rights rules (src/events/rights.c): who may record
** what, over random sequences of events from random parties under the bundled agreement.
**
** The input is read as a stream of choices that make up to 32 events (every kind; parties among
** the agreement's two and an outsider, sometimes with the wrong case; refs to earlier events, to
** themselves, or to nothing; dates from 2018 to 2033) and, for each, a party that asks to record
** it. The events asked for so far form the ledger the rule looks refs up in. The target checks:
**   1. the answer is a pure function of its inputs: asked twice, the same answer and reason;
**   2. a refusal has a reason, and an answer never fails without cause (the lookups never fail);
**   3. nobody records for another: a party may record an event of its own kind only when the
**      event names it (revenue, profit, payment, offer, launch, use, grant: as its party; a
**      purchase: as buyer or seller; a milestone: as a declarer of the wording the day takes);
**   4. superseding speaks for what is superseded: whoever may restate or correct an event may
**      record that event itself (at the bottom of a chain of corrections);
**   5. a response is recorded only by the provider the offer it answers was made to.
** A broken promise is a __builtin_trap(), so libFuzzer saves the input as a crash.
**
** Build and run: scripts/fuzz.sh SECONDS rights (docs/fuzzing.md); seeds in fuzz/corpus-settle/
** (any bytes serve).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/events.h"
#include "events/rights.h"
#include "fuzz.h"
#include "terms/terms.h"

enum { EVENTS_MAX = 32 };

/* A broken promise: what it was, for the reproducer's reader, then a trap. */
#define BROKEN(what)                                                                               \
  do {                                                                                             \
    fprintf(stderr, "fuzz_rights: %s (event %zu, %s, asked by %s: %s)\n", what, i,                 \
            event_kind_name(e->kind), asker, may ? "may" : why);                                   \
    __builtin_trap();                                                                              \
  } while (0)

typedef struct Sequence {
  Event events[EVENTS_MAX];
  char ids[EVENTS_MAX][8], refs[EVENTS_MAX][8];
  size_t count;
} Sequence;

typedef struct Choices {
  const uint8_t *data;
  size_t size, at;
} Choices;

static unsigned take(Choices *c) { return c->at < c->size ? c->data[c->at++] : 0; }

static EventText text(const char *s) { return (EventText){s, (uint32_t)strlen(s)}; }

static const char *const parties[] = {"openai", "microsoft", "amazon", "OpenAI"};
static const char *const subjects[] = {"agi-declared", "agi_declared", "agi-verified",
                                       "model:gpt-4",  "nothing",      ""};

/* The ledger is the events so far: the rule finds a ref there (the first with that id). */
static bool find(void *context, const char *id, uint32_t len, Event *out, bool *failed) {
  const Sequence *q = context;
  (void)failed;
  for (size_t i = 0; i < q->count; i++)
    if (q->events[i].id.len == len && memcmp(q->events[i].id.ptr, id, len) == 0) {
      *out = q->events[i];
      return true;
    }
  return false;
}

static bool named(EventText t, const char *party) {
  return t.len == strlen(party) && memcmp(t.ptr, party, t.len) == 0;
}

static const Agreement *agreement(void) {
  static PactAgreement *ag;
  if (!ag && (pact_agreement_load("agreements/microsoft-openai", &ag) != PACT_OK || !ag ||
              pact_agreement_error_count(ag)))
    abort(); /* run from the repository's root (scripts/fuzz.sh does) */
  return ag;
}

/* The promises a permitted record keeps (3 to 5 in the list above). */
static void check_granted(const Agreement *ag, Sequence *q, const Event *e, const char *asker,
                          size_t i) {
  const bool may = true;
  const char *why = "";
  switch (e->kind) {
    case EVENT_REVENUE:
    case EVENT_PROFIT:
    case EVENT_PAYMENT:
    case EVENT_OFFER:
    case EVENT_LAUNCH:
    case EVENT_USE:
    case EVENT_GRANT:
      if (!named(e->party, asker)) BROKEN("recorded for another");
      break;
    case EVENT_PURCHASE:
      if (!named(e->party, asker) && !named(e->counterparty, asker))
        BROKEN("a purchase recorded by neither side");
      break;
    case EVENT_MILESTONE: {
      char reason[200];
      if (!rights_may_declare(ag, e->subject.ptr, e->subject.len, asker, (uint32_t)strlen(asker),
                              e->date, reason, sizeof reason))
        BROKEN("a milestone declared by a party the day's wording does not name");
      break;
    }
    case EVENT_RESPONSE: {
      Event offer;
      bool failed = false;
      bool got = find(q, e->ref.ptr, e->ref.len, &offer, &failed);
      if (getenv("FUZZ_RIGHTS_SHOW"))
        fprintf(stderr, "response %.*s ref %.*s: found %d kind %s counterparty %.*s\n",
                (int)e->id.len, e->id.ptr, (int)e->ref.len, e->ref.ptr, got,
                got ? event_kind_name(offer.kind) : "-", got ? (int)offer.counterparty.len : 0,
                got ? offer.counterparty.ptr : "");
      if (!got || offer.kind != EVENT_OFFER || !named(offer.counterparty, asker))
        BROKEN("a response by another than the provider offered to");
      break;
    }
    default: break;
  }
  /* Superseding speaks for what is superseded, down a chain of corrections. */
  if (rights_need_target(e) && e->kind != EVENT_RESPONSE) {
    Event target;
    bool failed = false;
    bool found = find(q, e->ref.ptr, e->ref.len, &target, &failed);
    for (int hops = 0; found && target.kind == EVENT_CORRECTION && hops < 64; hops++)
      found = find(q, target.ref.ptr, target.ref.len, &target, &failed);
    if (found && target.kind != EVENT_CORRECTION && target.kind != EVENT_RESPONSE) {
      /* The target as if recorded now, with no ref of its own to follow. */
      Event bare = target;
      bare.ref = (EventText){NULL, 0};
      bool own = false;
      char reason[600];
      if (rights_may_record(ag, asker, &bare, find, q, &own, reason, sizeof reason) != PACT_OK ||
          !own)
        BROKEN("a superseding event recorded by one who may not record what it supersedes");
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 2048) return 0;
  const Agreement *ag = agreement();
  Choices c = {data, size, 0};
  static Sequence q;
  memset(&q, 0, sizeof q);
  PactDate first;
  pact_date_parse("2018-01-01", 10, &first);
  size_t count = 1 + take(&c) % EVENTS_MAX;
  for (size_t i = 0; i < count; i++) {
    Event *e = &q.events[i];
    memset(e, 0, sizeof *e);
    snprintf(q.ids[i], sizeof q.ids[i], "e%u", take(&c) % 40);
    e->id = text(q.ids[i]);
    e->kind = (EventKind)(take(&c) % EVENT_KIND_COUNT);
    e->date = first + (PactDate)((take(&c) << 8 | take(&c)) % 5800);
    e->party = text(parties[take(&c) % 4]);
    if (take(&c) % 2) e->counterparty = text(parties[take(&c) % 4]);
    e->subject = text(subjects[take(&c) % 6]);
    e->stream = text(take(&c) % 2 ? "api" : "devices");
    if (take(&c) % 3 != 0) {
      snprintf(q.refs[i], sizeof q.refs[i], "e%u", take(&c) % 40);
      e->ref = text(q.refs[i]);
    }
    /* What its kind needs, as a reader requires it (a response without a ref is never read). */
    uint32_t needs = event_kind_needs(e->kind);
    if ((needs & 1u << EVENT_FIELD_REF) && !e->ref.len) {
      snprintf(q.refs[i], sizeof q.refs[i], "e%u", take(&c) % 40);
      e->ref = text(q.refs[i]);
    }
    if ((needs & 1u << EVENT_FIELD_COUNTERPARTY) && !e->counterparty.len)
      e->counterparty = text(parties[take(&c) % 4]);
    if ((needs & 1u << EVENT_FIELD_SUBJECT) && !e->subject.len) e->subject = text("agi-declared");
    e->has_amount = true;
    e->amount_minor = 100;
    memcpy(e->currency.code, "USD", 4);
    e->currency.minor_digits = 2;
    const char *asker = parties[take(&c) % 4];
    q.count = i; /* what is in the ledger when it is asked */
    bool may = false, again = true;
    char why[600] = "", why_again[600] = "";
    PactStatus status = rights_may_record(ag, asker, e, find, &q, &may, why, sizeof why);
    PactStatus status_again =
        rights_may_record(ag, asker, e, find, &q, &again, why_again, sizeof why_again);
    if (status != PACT_OK || status_again != PACT_OK)
      BROKEN("a lookup failed"); /* find never fails */
    if (may != again || (!may && strcmp(why, why_again) != 0)) BROKEN("asked twice, two answers");
    if (!may && !why[0]) BROKEN("a refusal without a reason");
    if (may) check_granted(ag, &q, e, asker, i);
    q.count = i + 1;
  }
  return 0;
}
