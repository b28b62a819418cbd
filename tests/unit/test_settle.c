/*
** test_settle.c -- properties of settlement over random events: parts of a span sum to the
** span, nothing accrues outside a clause's days, a cap is never exceeded, and order is irrelevant.
** Then its life over tests/settle/amended: calls out of order are PACT_ERR_MISUSE and change
** nothing, events from no file are settled, and every allocation failed in turn gives
** PACT_ERR_NOMEM or exactly the settlement of a run that failed nothing.
*/
#define _DEFAULT_SOURCE /* open_memstream */
#include <stdlib.h>
#include <string.h>

#include "base/invariant.h"
#include "base/mem.h"
#include "engine/settle.h"
#include "events/events.h"
#include "unit.h"
#include "clean.h"

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

/* ------------------------------------------------------- over tests/settle/amended */

/* The events of a file, kept: their texts copied out of the reader's buffers. */
enum { KEPT_EVENTS = 32, KEPT_TEXT = 4096 };
typedef struct Kept {
  Event events[KEPT_EVENTS];
  size_t count;
  char text[KEPT_TEXT];
  size_t used;
} Kept;

static bool keep_text(Kept *k, EventText *t) {
  if (k->used + t->len > KEPT_TEXT) return false;
  if (t->len) memcpy(k->text + k->used, t->ptr, t->len);
  t->ptr = k->text + k->used;
  k->used += t->len;
  return true;
}

static bool keep_events(Kept *k, const char *path) {
  DiagList diags;
  diag_list_init(&diags);
  EventReader *r;
  bool ok = event_reader_open(path, &diags, &r) == PACT_OK;
  Event e;
  while (ok && event_reader_next(r, &e)) {
    if (k->count == KEPT_EVENTS) ok = false;
    if (!ok) break;
    Event *c = &k->events[k->count++];
    *c = e;
    EventText *texts[] = {&c->id,      &c->party, &c->counterparty, &c->stream,
                          &c->subject, &c->ref,   &c->note};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) ok = ok && keep_text(k, texts[i]);
  }
  if (r) {
    ok = ok && event_reader_status(r) == PACT_OK && event_reader_error_count(r) == 0;
    event_reader_close(r);
  }
  diag_list_free(&diags);
  return ok;
}

/* A settlement as text: its status, diagnostics, obligations, totals and payments. */
static char *settlement_text(const Settlement *s, PactStatus status, const DiagList *diags) {
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  if (!out) return NULL;
  fprintf(out, "status %d\n", (int)status);
  diag_render_all(out, diags, false);
  size_t n = 0;
  const Obligation *o = s ? settle_obligations(s, &n) : NULL;
  for (size_t i = 0; i < n; i++)
    fprintf(out, "%.*s %d..%d base %lld before %lld amount %lld cum %lld paid %lld %s\n",
            (int)o[i].clause->id.len, o[i].clause->id.ptr, (int)o[i].first, (int)o[i].last,
            (long long)o[i].base_minor, (long long)o[i].uncapped_minor,
            (long long)o[i].amount_minor, (long long)o[i].cumulative_minor,
            (long long)o[i].paid_minor, settle_standing(&o[i]));
  const SettleTotal *t = s ? settle_totals(s, &n) : NULL;
  for (size_t i = 0; t && i < n; i++)
    fprintf(out, "total %d->%d %lld %lld received %lld paid %lld credit %lld\n", t[i].payer,
            t[i].payee, (long long)t[i].amount_minor, (long long)t[i].uncapped_minor,
            (long long)t[i].received_minor, (long long)t[i].paid_minor,
            (long long)t[i].credit_minor);
  const SettlePayment *pay = s ? settle_payments(s, &n) : NULL;
  for (size_t i = 0; pay && i < n; i++)
    fprintf(out, "payment %s %d->%d %d %lld\n", pay[i].id, pay[i].payer, pay[i].payee,
            (int)pay[i].date, (long long)pay[i].amount_minor);
  fclose(out);
  return text;
}

/* Begins, adds every kept event and finishes; the status is the first that was not PACT_OK
** (an event the settlement refuses, PACT_ERR_INVALID, is reported and passed over). */
static PactStatus settle_kept(const PactAgreement *ag, const SettleOptions *options, const Kept *k,
                              const char *path, DiagList *diags, Settlement **out) {
  PactStatus status = settle_begin(ag, options, diags, out);
  if (status != PACT_OK) return status;
  if (path) settle_set_events_path(*out, path);
  for (size_t i = 0; i < k->count && status == PACT_OK; i++) {
    status = settle_add(*out, &k->events[i]);
    if (status == PACT_ERR_INVALID) status = PACT_OK;
  }
  return status == PACT_OK ? settle_finish(*out) : status;
}

/* Calls out of order change nothing and say PACT_ERR_MISUSE. */
static void test_misuse(const PactAgreement *ag, const Kept *k) {
  DiagList diags;
  diag_list_init(&diags);
  Settlement *s = NULL, *t = NULL;
  CHECK_EQ_INT(settle_kept(ag, NULL, k, "amended.csv", &diags, &s), PACT_OK);
  size_t n = 0;
  settle_obligations(s, &n);
  CHECK_EQ_INT(n, 7);
  CHECK_EQ_INT(settle_readable(s), PACT_OK);
  char *before = settlement_text(s, PACT_OK, &diags);
  CHECK_EQ_INT(settle_finish(s), PACT_ERR_MISUSE); /* it once settled the clauses again: 14 */
  settle_obligations(s, &n);
  CHECK_EQ_INT(n, 7);
  CHECK_EQ_INT(settle_add(s, &k->events[0]), PACT_ERR_MISUSE);
  CHECK_EQ_INT(settle_begin(ag, NULL, &diags, &t), PACT_OK);
  /* An open settlement has nothing to read yet. */
  CHECK_EQ_INT(settle_readable(t), PACT_ERR_MISUSE);
  CHECK(settle_obligations(t, &n) == NULL && n == 0);
  CHECK(settle_totals(t, &n) == NULL && n == 0);
  CHECK_EQ_INT(settle_merge(s, t), PACT_ERR_MISUSE);
  CHECK_EQ_INT(settle_merge(t, s), PACT_ERR_MISUSE);
  CHECK_EQ_INT(settle_merge(t, t), PACT_ERR_MISUSE);
  char *after = settlement_text(s, PACT_OK, &diags);
  CHECK(before && after && strcmp(before, after) == 0);
  CHECK_EQ_INT(settle_add(t, &k->events[0]), PACT_OK);
  CHECK_EQ_INT(settle_finish(t), PACT_OK);
  CHECK_EQ_INT(settle_readable(t), PACT_OK);
  free(before);
  free(after);
  settle_free(s);
  settle_free(t);
  diag_list_free(&diags);
}

/* Events from no file (no settle_set_events_path): settled alike, their messages naming no file
** but keeping their lines. */
static void test_no_path(const PactAgreement *ag, const Kept *k) {
  DiagList with, without;
  diag_list_init(&with);
  diag_list_init(&without);
  Settlement *s = NULL, *t = NULL;
  SettleOptions options = {0};
  options.has_as_of = true;
  pact_date_parse("2025-03-01", 10, &options.as_of);
  CHECK_EQ_INT(settle_kept(ag, &options, k, "amended.csv", &with, &s), PACT_OK);
  CHECK_EQ_INT(settle_kept(ag, &options, k, NULL, &without, &t), PACT_OK);
  CHECK(with.warnings >= 2);
  CHECK_EQ_INT(without.warnings, with.warnings);
  char *a = settlement_text(s, PACT_OK, &with), *b = settlement_text(t, PACT_OK, &without);
  CHECK(a && strstr(a, "\namended.csv:11: warning[W1101]"));
  CHECK(a && strstr(a, "\namended.csv:12: warning[W1111]"));
  CHECK(b && strstr(b, "\nwarning[W1101]") && strstr(b, "\nwarning[W1111]"));
  CHECK(b && !strstr(b, "amended.csv") && !strstr(b, "\n:"));
  /* Past the diagnostics, the same settlement. */
  const char *x = a ? strstr(a, "\nfee ") : NULL, *y = b ? strstr(b, "\nfee ") : NULL;
  CHECK(x && y && strcmp(x, y) == 0);
  for (size_t i = 0; i < without.count; i++) {
    CHECK(without.items[i].path == NULL);
    CHECK(without.items[i].line > 0);
  }
  free(a);
  free(b);
  settle_free(s);
  settle_free(t);
  diag_list_free(&with);
  diag_list_free(&without);
}

/*
** Every allocation of begin, add and finish failed in turn: PACT_ERR_NOMEM (and a settlement
** whose finish failed stays unreadable), a diagnostic counted as lost, or exactly the settlement
** of a run that failed nothing.
*/
static void test_allocation_failures(const PactAgreement *ag, const Kept *k) {
  SettleOptions options = {0};
  options.has_as_of = true; /* payments set against the obligations, too */
  pact_date_parse("2025-03-01", 10, &options.as_of);
  DiagList diags;
  diag_list_init(&diags);
  Settlement *s = NULL;
  mem_allocation_count = 0;
  CHECK_EQ_INT(settle_kept(ag, &options, k, "amended.csv", &diags, &s), PACT_OK);
  long total = mem_allocation_count;
  char *expected = settlement_text(s, PACT_OK, &diags);
  settle_free(s);
  diag_list_free(&diags);
  CHECK(total > 10 && expected != NULL);
  int wrong = 0, out_of_memory = 0, lost = 0;
  for (long n = 1; n <= total; n++) {
    diag_list_init(&diags);
    s = NULL;
    mem_fail_countdown = n;
    PactStatus status = settle_kept(ag, &options, k, "amended.csv", &diags, &s);
    mem_fail_countdown = 0;
    if (status == PACT_ERR_NOMEM) {
      out_of_memory++;
      /* A finish that failed leaves nothing to read and cannot be tried again. */
      if (s && settle_readable(s) != PACT_ERR_MISUSE) wrong++;
    } else if (status == PACT_OK && diags.lost) {
      lost++;
    } else {
      char *got = settlement_text(s, status, &diags);
      if (!got || !expected || strcmp(got, expected) != 0) wrong++;
      free(got);
    }
    settle_free(s);
    diag_list_free(&diags);
  }
  CHECK_EQ_INT(wrong, 0);
  CHECK(out_of_memory > 0);
  CHECK(out_of_memory + lost <= total);
  free(expected);
}

static void test_amended(void) {
  PactAgreement *ag = NULL;
  CHECK_EQ_INT(pact_agreement_load("tests/settle/amended.pact", &ag), PACT_OK);
  static Kept k;
  CHECK(keep_events(&k, "tests/settle/amended.csv") &&
        keep_events(&k, "tests/settle/payments.csv"));
  /* And one of a name the agreement does not know, for the names' warning (W1111). */
  Event typo = k.events[0];
  typo.id = text("typo");
  typo.party = text("globx");
  typo.line = 12;
  if (k.count < KEPT_EVENTS) k.events[k.count++] = typo;
  if (ag && !pact_agreement_error_count(ag) && k.count > 10) {
    test_misuse(ag, &k);
    test_no_path(ag, &k);
    test_allocation_failures(ag, &k);
  }
  pact_agreement_free(ag);
}

int main(void) {
  PactAgreement *ag = load_clean("props.pact", agreement_text, sizeof agreement_text - 1);
  if (!ag) return check_summary();
  rng_state = 0x9E3779B97F4A7C15ull;
  for (int round = 0; round < ROUNDS; round++) one_round(ag, round);
  pact_agreement_free(ag);
  test_amended();
  return check_summary();
}
