/*
** test_settle.c -- properties of settlement over random events: parts of a span sum to the
** span, nothing accrues outside a clause's days, a cap is never exceeded, and order is irrelevant.
*/
#include <stdlib.h>
#include <string.h>

#include "engine/settle.h"
#include "events/events.h"
#include "unit.h"

#define ROUNDS           40
#define EVENTS_PER_ROUND 300

/* Two versions: 100% of A's revenue (so amounts are bases) split at an amendment, and a capped
** 37.5% share of B's "retail" revenue that ends on a milestone or on 2027-06-30. */
static const char agreement_text[] =
    "agreement props {\n  currency USD\n  party a \"A\"\n  party b \"B\"\n  party c \"C\"\n}\n"
    "version v1 {\n  effective 2020-01-01\n  source contract \"test\"\n"
    "  milestone stop {\n    says \"stop\"\n    declared by c\n  }\n"
    "  revenue-share all-of-a {\n    says \"all\"\n    payer a\n    payee c\n"
    "    base revenue of a\n    rate 100%\n    settle monthly\n  }\n"
    "  revenue-share capped {\n    says \"capped\"\n    payer b\n    payee c\n"
    "    base revenue of b\n    streams include retail\n    rate 37.5%\n"
    "    through 2027-06-30\n    until stop\n    cap USD 12,345.67 counting this version\n    "
    "settle quarterly\n"
    "    rounding half-up\n  }\n}\n"
    "version v2 {\n  effective 2023-07-15\n  amends v1\n  source contract \"test\"\n"
    "  revenue-share all-of-a {\n    says \"all, again\"\n    payer a\n    payee c\n"
    "    base revenue of a\n    rate 100%\n    settle yearly\n  }\n}\n";


static EventText text(const char *s) { return (EventText){s, (uint32_t)strlen(s)}; }

static Event random_event(uint32_t n) {
  static const char *const parties[] = {"a", "b", "b", "c"};
  static const char *const streams[] = {"retail", "retail", "wholesale", ""};
  Event e;
  memset(&e, 0, sizeof e);
  e.id = text("x");
  e.kind = EVENT_REVENUE;
  e.date = 18262 + (PactDate)(rng() % 3650); /* 2020-01-01 .. about 2029-12 */
  e.has_end = rng() % 3 != 0;
  e.end = e.has_end ? e.date + (PactDate)(rng() % 120) : e.date;
  e.party = text(parties[rng() % 4]);
  e.stream = text(streams[rng() % 4]);
  e.has_amount = true;
  e.amount_minor = (int64_t)(rng() % 2000000) - 300000; /* some negative */
  memcpy(e.currency.code, "USD", 4);
  e.currency.minor_digits = 2;
  e.line = n + 2;
  return e;
}

static Settlement *settle_all(const PactAgreement *ag, const Event *events, size_t count,
                              DiagList *diags) {
  Settlement *s;
  if (settle_begin(ag, NULL, diags, &s) != PACT_OK) return NULL;
  settle_set_events_path(s, "random.csv");
  for (size_t i = 0; i < count; i++) settle_add(s, &events[i]);
  if (settle_finish(s) != PACT_OK) {
    settle_free(s);
    return NULL;
  }
  return s;
}

/* Everything of A's revenue lands in some obligation of all-of-a, split at the amendment. */
static void check_parts_sum(const Settlement *s, const Event *events, size_t count) {
  int64_t expected = 0, got = 0;
  for (size_t i = 0; i < count; i++)
    if (strncmp(events[i].party.ptr, "a", 1) == 0) expected += events[i].amount_minor;
  size_t n;
  const Obligation *o = settle_obligations(s, &n);
  PactDate amendment;
  pact_date_parse("2023-07-15", 10, &amendment);
  int crossing = 0;
  for (size_t i = 0; i < n; i++) {
    if (!str_eq_cstr(o[i].clause->id, "all-of-a")) continue;
    got += o[i].amount_minor;
    CHECK(o[i].amount_minor == o[i].base_minor);
    crossing += o[i].first < amendment && o[i].last >= amendment;
  }
  CHECK_EQ_INT(got, expected);
  CHECK_EQ_INT(crossing, 0); /* no obligation straddles the amendment */
}

/* The capped clause: never beyond its cap, never after its end, and only retail revenue. */
static void check_capped(const Settlement *s, PactDate end) {
  size_t n;
  const Obligation *o = settle_obligations(s, &n);
  int over = 0, late = 0;
  for (size_t i = 0; i < n; i++) {
    if (!str_eq_cstr(o[i].clause->id, "capped")) continue;
    over += o[i].cumulative_minor > 1234567;
    late += o[i].last > end;
    /* The cap only ever moves an amount towards zero: never more, never the other sign. */
    int64_t u = o[i].uncapped_minor, a = o[i].amount_minor;
    CHECK(u >= 0 ? (a >= 0 && a <= u) : (a <= 0 && a >= u));
  }
  CHECK_EQ_INT(over, 0);
  CHECK_EQ_INT(late, 0);
}

static bool same_obligations(const Settlement *x, const Settlement *y) {
  size_t nx, ny;
  const Obligation *a = settle_obligations(x, &nx), *b = settle_obligations(y, &ny);
  if (nx != ny) return false;
  for (size_t i = 0; i < nx; i++)
    if (a[i].clause != b[i].clause || a[i].first != b[i].first || a[i].last != b[i].last ||
        a[i].base_minor != b[i].base_minor || a[i].amount_minor != b[i].amount_minor ||
        a[i].cumulative_minor != b[i].cumulative_minor)
      return false;
  return true;
}

static void shuffle(Event *events, size_t count) {
  for (size_t i = count; i > 1; i--) {
    size_t j = (size_t)(rng() % i);
    Event t = events[i - 1];
    events[i - 1] = events[j];
    events[j] = t;
  }
}

static void one_round(const PactAgreement *ag, int round) {
  static Event events[EVENTS_PER_ROUND + 1];
  size_t count = EVENTS_PER_ROUND;
  for (size_t i = 0; i < count; i++) events[i] = random_event((uint32_t)i);
  PactDate end;
  pact_date_parse("2027-06-30", 10, &end);
  if (round % 2) { /* half the rounds record the milestone, which ends the capped clause */
    Event m;
    memset(&m, 0, sizeof m);
    m.id = text("m");
    m.kind = EVENT_MILESTONE;
    m.date = 18262 + (PactDate)(rng() % 2900);
    m.party = text("c");
    m.subject = text("stop");
    events[count++] = m;
    if (m.date - 1 < end) end = m.date - 1;
  }
  DiagList diags;
  diag_list_init(&diags);
  Settlement *s = settle_all(ag, events, count, &diags);
  CHECK(s != NULL);
  if (s) {
    check_parts_sum(s, events, count);
    check_capped(s, end);
    shuffle(events, count);
    Settlement *again = settle_all(ag, events, count, &diags);
    CHECK(again && same_obligations(s, again));
    settle_free(again);
  }
  CHECK_EQ_INT(diags.errors, 0);
  settle_free(s);
  diag_list_free(&diags);
}

int main(void) {
  PactAgreement *ag;
  CHECK_EQ_INT(
      pact_agreement_load_text("props.pact", agreement_text, sizeof agreement_text - 1, &ag),
      PACT_OK);
  if (!ag || pact_agreement_error_count(ag)) {
    if (ag) pact_agreement_print_diagnostics(ag, stderr, false);
    pact_agreement_free(ag);
    return check_summary();
  }
  rng_state = 0x9E3779B97F4A7C15ull;
  for (int round = 0; round < ROUNDS; round++) one_round(ag, round);
  pact_agreement_free(ag);
  return check_summary();
}
