/*
** test_tiers.c -- tiers and caps owe a function of the cumulative base: what is owed so far on
** any day is min(cap, round(f(cumulative base))), whatever periods the events fall into. Checked
** against a reference written apart from settle.c (it walks the base cent by cent), on small
** cases worked by hand and on seeded random ones, each settled twice with its events regrouped.
** Also: a cap counting all versions counts what earlier wordings owed, whatever their counting;
** and a statement on a day is settle over the events up to that day.
*/
#include <stdlib.h>
#include <string.h>

#include "engine/settle.h"
#include "events/events.h"
#include "unit.h"

/* ------------------------------------------------------------ the reference */

/* A clause as the reference sees it: rates in basis points, bounds in cents. */
typedef struct RefTiers {
  int count;
  int bp[4];
  int64_t bound[4]; /* -1: thereafter */
  bool by_paid;
  bool half_up; /* else half-even */
  int64_t cap;  /* -1: none */
} RefTiers;

/* Rounds x / 10000 to an integer, half-even or half-up (away from zero at a half). */
static int64_t ref_round(int64_t x, bool half_up) {
  int64_t q = x / 10000, r = x % 10000;
  if (r < 0) r = -r;
  bool away = r > 5000 || (r == 5000 && (half_up || (q % 2 != 0)));
  if (away) q += x < 0 ? -1 : 1;
  return q;
}

/*
** f(b) in ten-thousandths of a cent, by walking the base one cent at a time: each cent is
** charged the rate of the tier that holds it. By base, the tier holding cent c is the first
** whose bound exceeds c; by paid, the first whose bound exceeds what was owed before the cent.
** Past a last bounded tier a cent is charged nothing. Below zero, the first tier's rate.
*/
static int64_t ref_f(const RefTiers *t, int64_t base) {
  if (base < 0) return base * t->bp[0];
  int64_t owed = 0;
  for (int64_t c = 0; c < base; c++) {
    int i = 0;
    int64_t measure = t->by_paid ? owed : c * 10000;
    while (i < t->count && t->bound[i] >= 0 && measure >= t->bound[i] * 10000 &&
           !(t->by_paid && t->bp[i] == 0))
      i++;
    if (i < t->count) owed += t->bp[i];
  }
  return owed;
}

static int64_t ref_owed_so_far(const RefTiers *t, int64_t base) {
  int64_t owed = ref_round(ref_f(t, base), t->half_up);
  return t->cap >= 0 && owed > t->cap ? t->cap : owed;
}

/* ------------------------------------------------------------ agreements and events */

static void rate_text(int bp, char *buf, size_t size) {
  if (bp % 100 == 0) snprintf(buf, size, "%d%%", bp / 100);
  else snprintf(buf, size, "%d.%02d%%", bp / 100, bp % 100);
}

static void money_text(int64_t cents, char *buf, size_t size) {
  snprintf(buf, size, "%lld.%02lld", (long long)(cents / 100), (long long)(cents % 100));
}

static PactAgreement *load_tiers(const RefTiers *t) {
  char text[4096], line[160], rate[32], amount[48];
  int n = snprintf(text, sizeof text,
                   "agreement tiered {\n  currency USD\n  party a \"A\"\n  party b \"B\"\n}\n"
                   "version v1 {\n  effective 2024-01-01\n  source contract \"test\"\n"
                   "  revenue-share royalty {\n    says \"tiers\"\n    payer a\n    payee b\n"
                   "    base revenue of a\n    tiers by cumulative %s {\n",
                   t->by_paid ? "paid" : "base");
  for (int i = 0; i < t->count; i++) {
    rate_text(t->bp[i], rate, sizeof rate);
    if (t->bound[i] >= 0) {
      money_text(t->bound[i], amount, sizeof amount);
      snprintf(line, sizeof line, "      rate %s up to USD %s\n", rate, amount);
    } else {
      snprintf(line, sizeof line, "      rate %s thereafter\n", rate);
    }
    n += snprintf(text + n, sizeof text - (size_t)n, "%s", line);
  }
  n += snprintf(text + n, sizeof text - (size_t)n, "    }\n    through 2025-12-31\n");
  if (t->cap >= 0) {
    money_text(t->cap, amount, sizeof amount);
    n += snprintf(text + n, sizeof text - (size_t)n, "    cap USD %s counting this version\n",
                  amount);
  }
  n +=
      snprintf(text + n, sizeof text - (size_t)n, "    settle quarterly\n    rounding %s\n  }\n}\n",
               t->half_up ? "half-up" : "half-even");
  PactAgreement *ag = NULL;
  pact_agreement_load_text("tiered.pact", text, (size_t)n, &ag);
  if (ag && pact_agreement_error_count(ag)) {
    pact_agreement_print_diagnostics(ag, stderr, false);
    fputs(text, stderr);
    pact_agreement_free(ag);
    return NULL;
  }
  return ag;
}

static EventText text_of(const char *s) { return (EventText){s, (uint32_t)strlen(s)}; }

static Event revenue(PactDate day, int64_t cents) {
  Event e;
  memset(&e, 0, sizeof e);
  e.id = text_of("r");
  e.kind = EVENT_REVENUE;
  e.date = e.end = day;
  e.party = text_of("a");
  e.has_amount = true;
  e.amount_minor = cents;
  memcpy(e.currency.code, "USD", 4);
  e.currency.minor_digits = 2;
  e.line = 2;
  return e;
}

static PactDate day_of(const char *iso) {
  PactDate d = 0;
  pact_date_parse(iso, 10, &d);
  return d;
}

static Settlement *settle_events_on(const PactAgreement *ag, const SettleOptions *options,
                                    const Event *events, size_t count) {
  static DiagList diags;
  diag_list_init(&diags);
  Settlement *s = NULL;
  if (settle_begin(ag, options, &diags, &s) != PACT_OK) return NULL;
  settle_set_events_path(s, "tiers.csv");
  for (size_t i = 0; i < count; i++) settle_add(s, &events[i]);
  PactStatus status = settle_finish(s);
  if (status != PACT_OK || diags.errors) {
    diag_render_all(stderr, &diags, false);
    settle_free(s);
    s = NULL;
  }
  diag_list_free(&diags);
  return s;
}

static Settlement *settle_events(const PactAgreement *ag, const Event *events, size_t count) {
  return settle_events_on(ag, NULL, events, count);
}

/*
** Every obligation's cumulative is the reference's owed so far on its last day, and each
** amount is the step between two of them. Returns the total owed, or INT64_MIN on a mismatch.
*/
static int64_t check_against_reference(const RefTiers *t, const PactAgreement *ag,
                                       const Event *events, size_t count) {
  Settlement *s = settle_events(ag, events, count);
  CHECK(s != NULL);
  if (!s) return INT64_MIN;
  size_t n;
  const Obligation *o = settle_obligations(s, &n);
  int64_t total = 0, before = 0;
  bool all_match = true;
  for (size_t i = 0; i < n; i++) {
    int64_t base = 0;
    for (size_t k = 0; k < count; k++)
      if (events[k].date <= o[i].last) base += events[k].amount_minor;
    int64_t want = ref_owed_so_far(t, base);
    if (o[i].cumulative_minor != want || o[i].amount_minor != want - before) {
      all_match = false;
      fprintf(stderr, "period %zu: cumulative base %lld: owed so far %lld, reference %lld\n", i,
              (long long)base, (long long)o[i].cumulative_minor, (long long)want);
    }
    before = want;
    total += o[i].amount_minor;
  }
  CHECK(all_match);
  settle_free(s);
  return all_match ? total : INT64_MIN;
}

/* ------------------------------------------------------------ cases worked by hand */

static int64_t settle_total(const RefTiers *t, const Event *events, size_t count) {
  PactAgreement *ag = load_tiers(t);
  CHECK(ag != NULL);
  if (!ag) return INT64_MIN;
  int64_t total = check_against_reference(t, ag, events, count);
  pact_agreement_free(ag);
  return total;
}

static void by_hand(void) {
  PactDate q1 = day_of("2024-02-01"), q2 = day_of("2024-05-01"), q3 = day_of("2024-08-01");
  /* 0% up to 1,000.00, 5% thereafter; quarters 800, +400, -150:
  **   f(800) = 0; f(1200) = 5% x 200.00 = 10.00; f(1050) = 5% x 50.00 = 2.50. Total 2.50. */
  RefTiers free_first = {2, {0, 500}, {100000, -1}, false, false, -1};
  Event a[] = {revenue(q1, 80000), revenue(q2, 40000), revenue(q3, -15000)};
  CHECK_EQ_INT(ref_owed_so_far(&free_first, 120000), 1000);
  CHECK_EQ_INT(ref_owed_so_far(&free_first, 105000), 250);
  CHECK_EQ_INT(settle_total(&free_first, a, 3), 250);
  /* 1,050.00 in one quarter: f(1050) = 2.50, the same. */
  Event b[] = {revenue(q1, 80000), revenue(q1, 40000), revenue(q1, -15000)};
  CHECK_EQ_INT(settle_total(&free_first, b, 3), 250);

  /* By paid: 50% until 100.00 owed, then 10% until 150.00, then nothing.
  **   200.00 of base fills the first tier (50% x 200 = 100), 500.00 more the second (10% x 500 =
  **   50): f(300) = 100 + 10% x 100 = 110.00; f(1300) = 150.00; f(250) = 100 + 5.00 = 105.00. */
  RefTiers paid = {2, {5000, 1000}, {10000, 15000}, true, false, -1};
  CHECK_EQ_INT(ref_owed_so_far(&paid, 30000), 11000);
  CHECK_EQ_INT(ref_owed_so_far(&paid, 130000), 15000);
  Event c[] = {revenue(q1, 30000), revenue(q2, 100000), revenue(q3, -105000)};
  /* 110.00, then 150.00 - 110.00 = 40.00, then f(250) - f(1300) = 105 - 150 = -45.00: 105.00. */
  CHECK_EQ_INT(settle_total(&paid, c, 3), 10500);

  /* A cap of 30.00 on 5% of everything: quarters 800.00 (40.00, capped at 30.00), then -300.00
  ** (without the cap 40 - 15 = 25.00 owed so far: the quarter owes 25 - 30 = -5.00), then
  ** +100.00 (without the cap 30.00: owes 5.00). Owed so far after each: 30, 25, 30. */
  RefTiers capped = {1, {500}, {-1}, false, false, 3000};
  Event d[] = {revenue(q1, 80000), revenue(q2, -30000), revenue(q3, 10000)};
  CHECK_EQ_INT(ref_owed_so_far(&capped, 50000), 2500);
  CHECK_EQ_INT(settle_total(&capped, d, 3), 3000);

  /* Half-up against half-even at a half cent: 2.5% of 0.20 = 0.005 -> 0.00 half-even (to the
  ** even cent), 0.01 half-up. */
  RefTiers even = {1, {250}, {-1}, false, false, -1}, up = {1, {250}, {-1}, false, true, -1};
  Event e[] = {revenue(q1, 20)};
  CHECK_EQ_INT(settle_total(&even, e, 1), 0);
  CHECK_EQ_INT(settle_total(&up, e, 1), 1);
}

/* ------------------------------------------------------------ random cases */

static RefTiers random_tiers(void) {
  /* By paid, rates that divide 100% evenly, so that every tier ends on a whole cent of base
  ** and the reference's cent-by-cent walk is exact. */
  static const int paid_bp[] = {10000, 5000, 2500, 2000, 1000, 500, 400, 200, 100};
  static const int base_bp[] = {0, 0, 250, 500, 1000, 1250, 2000, 3333, 7500, 10000};
  RefTiers t;
  memset(&t, 0, sizeof t);
  t.by_paid = rng() % 2;
  t.half_up = rng() % 2;
  t.count = 1 + (int)(rng() % 4);
  int64_t bound = 0;
  for (int i = 0; i < t.count; i++) {
    t.bp[i] = t.by_paid ? paid_bp[rng() % 9] : base_bp[rng() % 10];
    bound += t.by_paid ? 100 * (int64_t)(1 + rng() % 60) : 100 * (int64_t)(1 + rng() % 400);
    t.bound[i] = bound;
  }
  if (rng() % 3) t.bound[t.count - 1] = -1; /* usually: thereafter */
  t.cap = rng() % 2 ? 100 * (int64_t)(1 + rng() % 100) : -1;
  return t;
}

static void random_cases(int rounds) {
  static const char *const days[] = {"2024-01-10", "2024-03-31", "2024-04-01", "2024-06-15",
                                     "2024-08-01", "2024-12-31", "2025-02-01", "2025-11-30"};
  PactDate day[8];
  for (int i = 0; i < 8; i++) day[i] = day_of(days[i]);
  for (int round = 0; round < rounds; round++) {
    RefTiers t = random_tiers();
    PactAgreement *ag = load_tiers(&t);
    CHECK(ag != NULL);
    if (!ag) continue;
    Event events[12], regrouped[12];
    size_t count = 1 + (size_t)(rng() % 12);
    for (size_t i = 0; i < count; i++) {
      int64_t cents = (int64_t)(rng() % 60000) - 15000; /* some refunds */
      events[i] = revenue(day[rng() % 8], cents);
      regrouped[i] = revenue(day[rng() % 8], cents);
    }
    int64_t one = check_against_reference(&t, ag, events, count);
    int64_t two = check_against_reference(&t, ag, regrouped, count);
    int64_t sum = 0;
    for (size_t i = 0; i < count; i++) sum += events[i].amount_minor;
    CHECK_EQ_INT(one, two);                      /* any regrouping: the same total */
    CHECK_EQ_INT(one, ref_owed_so_far(&t, sum)); /* and it is f of the lifetime base */
    pact_agreement_free(ag);
  }
}

/* ------------------------------------------------------------ statements on a day */

/* The obligations that owe something, one line each: period, amount, cumulative. */
static char *owing_lines(const Settlement *s, PactDate on, bool statement) {
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  if (!out) return NULL;
  size_t n;
  const Obligation *o = settle_obligations(s, &n);
  for (size_t i = 0; i < n; i++) {
    /* A statement holds nothing after its day, and only the period the day falls in accrues. */
    CHECK(!statement || o[i].first <= on);
    CHECK(!statement || o[i].last <= on);
    CHECK_EQ_INT(o[i].accruing, statement && o[i].period.last > on);
    if (o[i].amount_minor == 0 && o[i].base_minor == 0) continue;
    fprintf(out, "%d %lld %lld\n", (int)o[i].period.first, (long long)o[i].amount_minor,
            (long long)o[i].cumulative_minor);
  }
  fclose(out);
  return text;
}

/*
** A statement on a day over all the events is settle over the events up to that day: the same
** obligations (those that owe or have a base), the same amounts and counts, and what is owed so
** far is the reference's f of the base up to the day.
*/
static void statement_days(int rounds) {
  PactDate first = day_of("2024-01-01");
  for (int round = 0; round < rounds; round++) {
    RefTiers t = random_tiers();
    PactAgreement *ag = load_tiers(&t);
    CHECK(ag != NULL);
    if (!ag) continue;
    Event events[16], before[16];
    size_t count = 1 + (size_t)(rng() % 16), kept = 0;
    PactDate on = first + (PactDate)(rng() % 730);
    int64_t base = 0;
    for (size_t i = 0; i < count; i++) {
      events[i] = revenue(first + (PactDate)(rng() % 730), (int64_t)(rng() % 60000) - 15000);
      if (events[i].date <= on) {
        before[kept++] = events[i];
        base += events[i].amount_minor;
      }
    }
    SettleOptions options = {0};
    options.has_as_of = true;
    options.as_of = on;
    Settlement *stated = settle_events_on(ag, &options, events, count);
    Settlement *settled = kept ? settle_events(ag, before, kept) : NULL;
    CHECK(stated != NULL);
    if (stated) {
      char *a = owing_lines(stated, on, true);
      char *b = settled ? owing_lines(settled, on, false) : strdup("");
      CHECK(a && b && strcmp(a, b) == 0);
      if (a && b && strcmp(a, b) != 0)
        fprintf(stderr, "round %d: the statement on %d\n%s-- settle up to it\n%s", round, (int)on,
                a, b);
      size_t n;
      const SettleTotal *total = settle_totals(stated, &n);
      CHECK_EQ_INT(n ? total[0].amount_minor : 0, ref_owed_so_far(&t, base));
      free(a);
      free(b);
    }
    settle_free(stated);
    settle_free(settled);
    pact_agreement_free(ag);
  }
}

/* ------------------------------------------------------------ caps counting all versions */

/*
** Two wordings of one clause: v1 (rate r1, maybe a cap of its own, counting this version or all
** versions) to 2024-12-31, then v2 (rate r2, a cap counting all versions). The documented rule,
** computed here period by period: v2's count starts at what v1 owed; each period owes the step
** to min(cap, what the count would owe without v2's cap), never beyond its own amount before
** the cap nor of the other sign.
*/
/* What a period of uncapped amount u owes under a cap (when capped): the count of what would
** have been owed without it (*raw) and of what was owed (*owed) moved on by the period. The step
** keeps u's sign and never exceeds it. */
static int64_t capped_step(int64_t u, bool capped, int64_t cap, int64_t *raw, int64_t *owed) {
  int64_t step = u;
  if (capped) {
    int64_t target = *raw + u < cap ? *raw + u : cap;
    step = target - *owed;
    if (u >= 0) step = step < 0 ? 0 : step > u ? u : step;
    else step = step > 0 ? 0 : step < u ? u : step;
  }
  *raw += u;
  *owed += step;
  return step;
}

/* Two versions worked by hand, the second's cap counting what the first owed. */
static void two_versions_by_hand(void) {
  /* v1 owes 80.00 (rate 10% of 800.00, no cap); v2 at 10% of 1,500.00 = 150.00 with
  ** "USD 100 counting all versions": 100.00 - 80.00 = 20.00 of room, so v2 owes 20.00, 100 in
  ** all (not 180). */
  static const char hand[] =
      "agreement two {\n  currency USD\n  party a \"A\"\n  party b \"B\"\n}\n"
      "version v1 {\n  effective 2024-01-01\n  source contract \"test\"\n"
      "  revenue-share fee {\n    says \"one\"\n    payer a\n    payee b\n"
      "    base revenue of a\n    rate 10%\n    through 2026-12-31\n    settle yearly\n  }\n}\n"
      "version v2 {\n  effective 2025-01-01\n  amends v1\n  source contract \"test\"\n"
      "  revenue-share fee {\n    says \"two\"\n    payer a\n    payee b\n"
      "    base revenue of a\n    rate 10%\n    through 2026-12-31\n"
      "    cap USD 100.00 counting all versions\n    settle yearly\n  }\n}\n";
  PactAgreement *ag = NULL;
  pact_agreement_load_text("hand.pact", hand, sizeof hand - 1, &ag);
  CHECK(ag && pact_agreement_error_count(ag) == 0);
  Event e[] = {revenue(day_of("2024-06-01"), 80000), revenue(day_of("2025-06-01"), 150000)};
  Settlement *s = ag ? settle_events(ag, e, 2) : NULL;
  CHECK(s != NULL);
  if (s) {
    size_t count;
    const Obligation *o = settle_obligations(s, &count);
    CHECK_EQ_INT(count, 2);
    if (count == 2) {
      CHECK_EQ_INT(o[0].amount_minor, 8000);
      CHECK_EQ_INT(o[1].uncapped_minor, 15000);
      CHECK_EQ_INT(o[1].amount_minor, 2000);
      CHECK_EQ_INT(o[1].cumulative_minor, 10000);
      CHECK(o[1].cap_binds);
    }
    settle_free(s);
  }
  pact_agreement_free(ag);
}

static void two_versions(int rounds) {
  static const char *const quarters[] = {"2024-02-01", "2024-05-01", "2024-08-01", "2024-11-01",
                                         "2025-02-01", "2025-05-01", "2025-08-01", "2025-11-01"};
  int over = 0, mismatched = 0;
  for (int round = 0; round < rounds; round++) {
    int r1 = 1 + (int)(rng() % 50), r2 = 1 + (int)(rng() % 50); /* percent */
    bool cap1 = rng() % 2, all1 = rng() % 2;
    int64_t c1 = 100 * (int64_t)(1 + rng() % 300), c2 = 100 * (int64_t)(1 + rng() % 300);
    char text[2048], c1_text[48], c2_text[48], cap1_line[96] = "";
    money_text(c1, c1_text, sizeof c1_text);
    money_text(c2, c2_text, sizeof c2_text);
    if (cap1)
      snprintf(cap1_line, sizeof cap1_line, "    cap USD %s counting %s\n", c1_text,
               all1 ? "all versions" : "this version");
    int n =
        snprintf(text, sizeof text,
                 "agreement two {\n  currency USD\n  party a \"A\"\n  party b \"B\"\n}\n"
                 "version v1 {\n  effective 2024-01-01\n  source contract \"test\"\n"
                 "  revenue-share fee {\n    says \"one\"\n    payer a\n    payee b\n"
                 "    base revenue of a\n    rate %d%%\n%s    through 2026-12-31\n"
                 "    settle quarterly\n  }\n}\n"
                 "version v2 {\n  effective 2025-01-01\n  amends v1\n  source contract \"test\"\n"
                 "  revenue-share fee {\n    says \"two\"\n    payer a\n    payee b\n"
                 "    base revenue of a\n    rate %d%%\n    through 2026-12-31\n"
                 "    cap USD %s counting all versions\n    settle quarterly\n  }\n}\n",
                 r1, cap1_line, r2, c2_text);
    PactAgreement *ag = NULL;
    pact_agreement_load_text("two.pact", text, (size_t)n, &ag);
    if (!ag || pact_agreement_error_count(ag)) {
      if (ag) pact_agreement_print_diagnostics(ag, stderr, false);
      CHECK(false);
      pact_agreement_free(ag);
      continue;
    }
    /* One event a quarter, whole dollars, so that rate x base is exact in cents. */
    Event events[8];
    int64_t base[8];
    for (int q = 0; q < 8; q++) {
      base[q] = 100 * ((int64_t)(rng() % 2000) - 400);
      events[q] = revenue(day_of(quarters[q]), base[q]);
    }
    /* The reference. v1: its own cap (whatever its counting, there is nothing before it);
    ** v2 counts what v1 owed, then its own periods. */
    int64_t owed1 = 0, raw1 = 0, want[8];
    for (int q = 0; q < 4; q++) want[q] = capped_step(base[q] * r1 / 100, cap1, c1, &raw1, &owed1);
    int64_t owed = owed1, raw = owed1;
    for (int q = 4; q < 8; q++) want[q] = capped_step(base[q] * r2 / 100, true, c2, &raw, &owed);
    Settlement *s = settle_events(ag, events, 8);
    CHECK(s != NULL);
    if (s) {
      size_t count;
      const Obligation *o = settle_obligations(s, &count);
      int64_t v2_paid = 0, v2_positive = 0;
      bool match = count == 8;
      for (size_t i = 0; i < count && i < 8; i++) {
        match = match && o[i].amount_minor == want[i];
        if (i >= 4) {
          v2_paid += o[i].amount_minor;
          if (o[i].amount_minor > 0) v2_positive += o[i].amount_minor;
        }
      }
      mismatched += !match;
      /* v2 never pays more than its cap less what v1 owed, counting its credits back in. */
      int64_t room = c2 - owed1 > 0 ? c2 - owed1 : 0;
      if (v2_paid > room && v2_positive > 0) over++;
      if (!match) fprintf(stderr, "two versions, round %d:\n%s", round, text);
      settle_free(s);
    }
    pact_agreement_free(ag);
  }
  CHECK_EQ_INT(mismatched, 0);
  CHECK_EQ_INT(over, 0);
}

int main(void) {
  rng_state = 0x5DEECE66Dull;
  by_hand();
  random_cases(300);
  statement_days(500);
  two_versions(1000);
  two_versions_by_hand();
  return check_summary();
}
