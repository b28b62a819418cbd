/*
** test_rights.c -- who may declare a milestone is one rule (rights.h): the wording in force on
** the event's date, else the last version before it to have the milestone, else the first after
** it. Checked on fixed days worked by hand, then as a seeded property: for random milestone
** records, settlement ends the clause on the earliest record the rule allows, and the rule
** agrees with a plain reading of the versions. And a correction of a correction follows the
** rights of the event at the end of its chain.
*/
#include <stdlib.h>
#include <string.h>

#include "engine/settle.h"
#include "events/events.h"
#include "events/rights.h"
#include "unit.h"
#include "clean.h"

/* v1 (2024): only a declares stop; v2 (2025): only b; v3 (2026): stop and the fee are gone. */
static const char agreement_text[] =
    "agreement rights {\n  currency USD\n  party a \"A\"\n  party b \"B\"\n  party c \"C\"\n}\n"
    "version v1 {\n  effective 2024-01-01\n  source contract \"test\"\n"
    "  milestone stop {\n    says \"stop\"\n    declared by a\n  }\n"
    "  revenue-share fee {\n    says \"fee\"\n    payer a\n    payee c\n"
    "    base revenue of a\n    rate 10%\n    until stop\n    settle quarterly\n  }\n}\n"
    "version v2 {\n  effective 2025-01-01\n  amends v1\n  source contract \"test\"\n"
    "  milestone stop {\n    says \"stop, by b\"\n    declared by b\n  }\n}\n"
    "version v3 {\n  effective 2026-01-01\n  amends v2\n  source contract \"test\"\n"
    "  remove fee \"ended\"\n  remove stop \"ended\"\n}\n";

static EventText text(const char *s) { return (EventText){s, (uint32_t)strlen(s)}; }

static PactDate day(const char *iso) {
  PactDate d = 0;
  pact_date_parse(iso, strlen(iso), &d);
  return d;
}

static bool may(const PactAgreement *ag, const char *party, const char *iso, char *why,
                size_t size) {
  return rights_may_declare(ag, "stop", 4, party, (uint32_t)strlen(party), day(iso), why, size);
}

/* The fixed days: who may declare stop, and what the reason says when not. */
static void check_days(const PactAgreement *ag) {
  char why[300];
  /* Before v1: no version in force; the first to have it (v1) says a. */
  CHECK(may(ag, "a", "2023-06-01", why, sizeof why));
  CHECK(!may(ag, "b", "2023-06-01", why, sizeof why));
  CHECK_EQ_STR(why,
               "only a may declare stop on 2023-06-01, as version v1 words it (the first "
               "version to have it, after that day)");
  /* v1 in force: a. */
  CHECK(may(ag, "a", "2024-12-31", why, sizeof why));
  CHECK(!may(ag, "b", "2024-12-31", why, sizeof why));
  CHECK_EQ_STR(why, "only a may declare stop on 2024-12-31, as version v1 words it");
  /* v2 in force: b. */
  CHECK(may(ag, "b", "2025-01-01", why, sizeof why));
  CHECK(!may(ag, "a", "2025-01-01", why, sizeof why));
  CHECK_EQ_STR(why, "only b may declare stop on 2025-01-01, as version v2 words it");
  /* v3 removed it: the last version before the day to have it (v2) says b. */
  CHECK(may(ag, "b", "2026-03-01", why, sizeof why));
  CHECK(!may(ag, "a", "2026-03-01", why, sizeof why));
  CHECK_EQ_STR(why,
               "only b may declare stop on 2026-03-01, as version v2 words it (the last "
               "version before that day to have it)");
  /* agi_declared is agi-declared: the subject's underscores are hyphens; no such milestone. */
  CHECK(!rights_may_declare(ag, "go", 2, "a", 1, day("2024-06-01"), why, sizeof why));
  CHECK_EQ_STR(why, "the agreement has no milestone 'go'");
}

/* The rule read plainly: the party named on that day, by the table above. */
static bool reference_may(uint32_t party, PactDate d) {
  return d < day("2025-01-01") ? party == 0 : party == 1;
}

/* Random records of stop by a, b or c over 2023..2026: settlement ends fee on the earliest the
** rule allows (the day before it is the last that accrues), and never on another. */
static void check_random_records(const PactAgreement *ag) {
  static const char *const parties[] = {"a", "b", "c"};
  const Clause *fee = NULL;
  for (uint32_t i = 0; i < ag->versions[0].term_count; i++)
    if (str_eq_cstr(ag->versions[0].terms[i]->id, "fee")) fee = ag->versions[0].terms[i];
  CHECK(fee != NULL);
  if (!fee) return;
  for (int round = 0; round < 200; round++) {
    DiagList diags;
    diag_list_init(&diags);
    Settlement *s = NULL;
    if (settle_begin(ag, NULL, &diags, &s) != PACT_OK) {
      CHECK(false);
      diag_list_free(&diags);
      return;
    }
    settle_set_events_path(s, "random.csv");
    int count = 1 + (int)(rng() % 6);
    bool want = false;
    PactDate want_day = 0;
    int ignored = 0;
    for (int i = 0; i < count; i++) {
      Event e;
      memset(&e, 0, sizeof e);
      e.id = text("m");
      e.kind = EVENT_MILESTONE;
      e.date = day("2023-01-01") + (PactDate)(rng() % (4 * 365));
      uint32_t p = (uint32_t)(rng() % 3);
      e.party = text(parties[p]);
      e.subject = text("stop");
      e.line = (uint32_t)i + 2;
      char why[300];
      bool allowed = rights_may_declare(ag, "stop", 4, parties[p], 1, e.date, why, sizeof why);
      CHECK_EQ_INT(allowed, reference_may(p, e.date));
      if (reference_may(p, e.date)) {
        if (!want || e.date < want_day) want_day = e.date;
        want = true;
      } else {
        ignored++;
      }
      settle_add(s, &e);
    }
    Str milestone;
    PactDate ended = 0;
    bool got = settle_ended_by(s, fee, &milestone, &ended);
    CHECK_EQ_INT(got, want);
    if (got && want) CHECK_EQ_INT(ended, want_day);
    CHECK_EQ_INT(diags.warnings, ignored);
    settle_free(s);
    diag_list_free(&diags);
  }
}

/* ---------------------------------------------------------------- corrections */

typedef struct Book {
  const Event *events;
  size_t count;
  int lookups;
} Book;

static bool find_in(void *context, const char *id, uint32_t len, Event *out, bool *failed) {
  Book *book = context;
  book->lookups++;
  (void)failed;
  for (size_t i = 0; i < book->count; i++)
    if (book->events[i].id.len == len && memcmp(book->events[i].id.ptr, id, len) == 0) {
      *out = book->events[i];
      return true;
    }
  return false;
}

static Event correction(const char *id, const char *ref) {
  Event e;
  memset(&e, 0, sizeof e);
  e.id = text(id);
  e.kind = EVENT_CORRECTION;
  e.date = day("2024-03-01");
  e.ref = text(ref);
  return e;
}

static void check_corrections(const PactAgreement *ag) {
  Event r1;
  memset(&r1, 0, sizeof r1);
  r1.id = text("r1");
  r1.kind = EVENT_REVENUE;
  r1.date = day("2024-02-01");
  r1.party = text("a");
  Event m1;
  memset(&m1, 0, sizeof m1);
  m1.id = text("m1");
  m1.kind = EVENT_MILESTONE;
  m1.date = day("2025-02-01");
  m1.party = text("b");
  m1.subject = text("stop");
  /* c1 corrects r1, c2 corrects c1, c3 c2; x1 and x2 correct each other; d1 corrects gone. */
  Event book_events[] = {r1,
                         m1,
                         correction("c1", "r1"),
                         correction("c2", "c1"),
                         correction("c3", "c2"),
                         correction("x1", "x2"),
                         correction("x2", "x1"),
                         correction("d1", "gone"),
                         correction("n1", "m1")};
  Book book = {book_events, sizeof book_events / sizeof *book_events, 0};
  char why[600];
  bool ok = false;
  Event c4 = correction("c4", "c3");
  CHECK_EQ_INT(rights_may_record(ag, "a", &c4, find_in, &book, &ok, why, sizeof why), PACT_OK);
  CHECK(ok);
  CHECK_EQ_INT(rights_may_record(ag, "b", &c4, find_in, &book, &ok, why, sizeof why), PACT_OK);
  CHECK(!ok);
  CHECK_EQ_STR(why,
               "'c4' supersedes correction 'c3' of 'c2' of 'c1' of 'r1', which is not b's to "
               "record (the earner reports its revenue: 'r1' is a's)");
  /* One level, as before. */
  Event c = correction("c", "r1");
  CHECK_EQ_INT(rights_may_record(ag, "b", &c, find_in, &book, &ok, why, sizeof why), PACT_OK);
  CHECK(!ok);
  CHECK_EQ_STR(why,
               "'c' supersedes 'r1', which is not b's to record (the earner reports its "
               "revenue: 'r1' is a's)");
  /* A correction of a correction of a milestone: the milestone's wording on its own day (v2: b). */
  Event n2 = correction("n2", "n1");
  CHECK_EQ_INT(rights_may_record(ag, "b", &n2, find_in, &book, &ok, why, sizeof why), PACT_OK);
  CHECK(ok);
  CHECK_EQ_INT(rights_may_record(ag, "a", &n2, find_in, &book, &ok, why, sizeof why), PACT_OK);
  CHECK(!ok);
  CHECK_EQ_STR(why,
               "'n2' supersedes correction 'n1' of 'm1', which is not a's to record (only b "
               "may declare stop on 2025-02-01, as version v2 words it)");
  /* A chain whose end the ledger does not hold, and a loop: refused, for anyone. */
  Event d2 = correction("d2", "d1");
  CHECK_EQ_INT(rights_may_record(ag, "a", &d2, find_in, &book, &ok, why, sizeof why), PACT_OK);
  CHECK(!ok);
  CHECK_EQ_STR(why,
               "'d2' supersedes correction 'd1' of 'gone', which the ledger does not hold, "
               "so whose it is to record cannot be told");
  Event x3 = correction("x3", "x1");
  book.lookups = 0;
  CHECK_EQ_INT(rights_may_record(ag, "a", &x3, find_in, &book, &ok, why, sizeof why), PACT_OK);
  CHECK(!ok);
  CHECK(book.lookups < 100);
  CHECK(strstr(why, "a chain of more corrections than pactum follows (a loop?)") != NULL);
}

int main(void) {
  PactAgreement *ag = load_clean("rights.pact", agreement_text, sizeof agreement_text - 1);
  if (!ag) return check_summary();
  check_days(ag);
  rng_state = 0x5DEECE66Dull;
  check_random_records(ag);
  check_corrections(ag);
  pact_agreement_free(ag);
  return check_summary();
}
