/*
** fuzz_settle.c -- libFuzzer target for settlement arithmetic (src/engine/settle.c): rates, tiers
** by cumulative base or paid, caps counting this version or all versions, every rounding, over
** events whose amounts run to the limits of 64-bit minor units, negative bases and spans.
**
** The input is read as a stream of choices: the terms of one or two wordings of a revenue
** share, then up to 48 revenue events. The target checks:
**   1. a settlement either finishes or fails with a located error (E1103 and the like), never
**      a status without a diagnostic, nor a diagnostic-free failure;
**   2. a finished one adds up: the obligations' amounts sum (without overflow) to the total; no
**      period's amount takes a cap's count past the cap; tiers owe f(after) - f(before);
**   3. the order of the events does not matter: the same events added in reverse give the same
**      obligations and totals, or the same failure;
**   4. two halves settled apart and merged (settle_merge, as two threads do) give the same.
** A broken promise is a __builtin_trap(), so libFuzzer saves the input as a crash.
**
** Build and run: scripts/fuzz.sh SECONDS settle (docs/fuzzing.md); seeds in fuzz/corpus-settle/.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "engine/settle.h"
#include "events/events.h"
#include "fuzz.h"

typedef struct Choices {
  const uint8_t *data;
  size_t size, at;
} Choices;

static uint64_t take(Choices *c, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; i++) v = v << 8 | (c->at < c->size ? c->data[c->at++] : 0);
  return v;
}

static const char *const rates[] = {"0%",    "0.01%", "2.5%",     "5%",
                                    "12.5%", "20%",   "33.3333%", "100%"};
static const char *const roundings[] = {"half-even", "half-up", "half-down", "down",
                                        "up",        "floor",   "ceiling"};
static const char *const periods[] = {"monthly", "quarterly", "half-yearly", "yearly"};

/* An amount of money as the language writes it, from minor units (cents), at most ~9.2e16. */
static void money(uint64_t cents, char *buf, size_t size) {
  cents %= 9000000000000000000ull;
  snprintf(buf, size, "USD %llu.%02llu", (unsigned long long)(cents / 100),
           (unsigned long long)(cents % 100));
}

static uint64_t magnitude(Choices *c) {
  switch (take(c, 1) % 4) {
    case 0: return take(c, 2);                           /* cents to hundreds */
    case 1: return take(c, 4);                           /* to tens of millions */
    case 2: return take(c, 8);                           /* anything */
    default: return 9000000000000000000ull - take(c, 2); /* near the top */
  }
}

/* One wording's terms, appended to text. */
static int wording(Choices *c, char *text, size_t size, int n, bool second) {
  char amount[64];
  n += snprintf(text + n, size - (size_t)n,
                "  revenue-share fee {\n    says \"fee\"\n    payer a\n    payee b\n"
                "    base revenue of a\n");
  if (take(c, 1) % 3 == 0) {
    int count = 1 + (int)(take(c, 1) % 3);
    bool paid = take(c, 1) % 2;
    n += snprintf(text + n, size - (size_t)n, "    tiers by cumulative %s {\n",
                  paid ? "paid" : "base");
    uint64_t bound = 0;
    for (int i = 0; i < count; i++) {
      bound += 1 + magnitude(c) % 2900000000000000000ull; /* three stay under 9e18 */
      money(bound, amount, sizeof amount);
      if (i == count - 1 && take(c, 1) % 2)
        n += snprintf(text + n, size - (size_t)n, "      rate %s thereafter\n",
                      rates[take(c, 1) % 8]);
      else
        n += snprintf(text + n, size - (size_t)n, "      rate %s up to %s\n", rates[take(c, 1) % 8],
                      amount);
    }
    n += snprintf(text + n, size - (size_t)n, "    }\n");
  } else {
    n += snprintf(text + n, size - (size_t)n, "    rate %s\n", rates[take(c, 1) % 8]);
  }
  if (take(c, 1) % 2) {
    money(1 + magnitude(c) % 8999999999999999999ull, amount, sizeof amount); /* a cap is positive */
    n += snprintf(text + n, size - (size_t)n, "    cap %s counting %s\n", amount,
                  second && take(c, 1) % 2 ? "all versions" : "this version");
  }
  n += snprintf(text + n, size - (size_t)n,
                "    through 2026-12-31\n    settle %s\n    rounding %s\n  }\n",
                periods[take(c, 1) % 4], roundings[take(c, 1) % 7]);
  return n;
}

static Event revenue(PactDate day, PactDate end, int64_t cents) {
  Event e;
  memset(&e, 0, sizeof e);
  e.id = (EventText){"r", 1};
  e.kind = EVENT_REVENUE;
  e.date = day;
  e.end = end;
  e.has_end = end != day;
  e.party = (EventText){"a", 1};
  e.has_amount = true;
  e.amount_minor = cents;
  memcpy(e.currency.code, "USD", 4);
  e.currency.minor_digits = 2;
  e.line = 2;
  return e;
}

/* A settlement's outcome as text: status, error count, obligations, totals. */
static char *outcome(const PactAgreement *ag, const Event *events, size_t count, bool reverse,
                     size_t split) {
  DiagList diags, other;
  diag_list_init(&diags);
  diag_list_init(&other);
  Settlement *s = NULL, *t = NULL;
  PactStatus status = settle_begin(ag, NULL, &diags, &s);
  if (status == PACT_OK && split) status = settle_begin(ag, NULL, &other, &t);
  for (size_t i = 0; status == PACT_OK && i < count; i++) {
    const Event *e = &events[reverse ? count - 1 - i : i];
    status = settle_add(split && i >= split ? t : s, e);
  }
  if (status == PACT_OK && split) status = settle_merge(s, t);
  if (status == PACT_OK) status = settle_finish(s);
  if (status != PACT_OK && status != PACT_ERR_NOMEM && diags.errors == 0) __builtin_trap();
  if (status == PACT_OK && diags.errors) __builtin_trap();
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  if (!out) abort();
  fprintf(out, "status %d errors %zu\n", (int)status, diags.errors);
  if (status == PACT_OK) {
    size_t n, totals;
    const Obligation *o = settle_obligations(s, &n);
    const SettleTotal *total = settle_totals(s, &totals);
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
      if (__builtin_add_overflow(sum, o[i].amount_minor, &sum)) __builtin_trap();
      const RevenueShare *r = &o[i].clause->u.share;
      /* A cap is never passed by what a period adds (earlier wordings counted by a later, smaller
      ** cap can leave the count above it: a cap claws nothing back, docs/settle.md). */
      if (r->has_cap && o[i].cumulative_minor > r->cap_minor && o[i].amount_minor > 0) {
        fprintf(stderr, "obligation %zu: cumulative %lld over the cap %lld\n", i,
                (long long)o[i].cumulative_minor, (long long)r->cap_minor);
        __builtin_trap();
      }
      if (o[i].tiered && o[i].tiers_owed_after - o[i].tiers_owed_before != o[i].uncapped_minor)
        __builtin_trap();
      if (!r->has_cap && o[i].amount_minor != o[i].uncapped_minor) __builtin_trap();
      fprintf(out, "%d %d..%d base %lld before %lld amount %lld cum %lld\n", (int)o[i].period.first,
              (int)o[i].first, (int)o[i].last, (long long)o[i].base_minor,
              (long long)o[i].uncapped_minor, (long long)o[i].amount_minor,
              (long long)o[i].cumulative_minor);
    }
    if (totals > 1) __builtin_trap(); /* one payer and payee */
    if ((totals ? total[0].amount_minor : 0) != sum) __builtin_trap();
  }
  fclose(out);
  settle_free(s);
  settle_free(t);
  diag_list_free(&diags);
  diag_list_free(&other);
  return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096) return 0;
  Choices c = {data, size, 0};
  char text[8192];
  int n = snprintf(text, sizeof text,
                   "agreement f {\n  currency USD\n  party a \"A\"\n  party b \"B\"\n}\n"
                   "version v1 {\n  effective 2024-01-01\n  source contract \"c\"\n");
  n = wording(&c, text, sizeof text, n, false);
  n += snprintf(text + n, sizeof text - (size_t)n, "}\n");
  if (take(&c, 1) % 2) {
    n += snprintf(text + n, sizeof text - (size_t)n,
                  "version v2 {\n  effective 2025-01-01\n  amends v1\n  source contract \"c\"\n");
    n = wording(&c, text, sizeof text, n, true);
    n += snprintf(text + n, sizeof text - (size_t)n, "}\n");
  }
  PactAgreement *ag = NULL;
  if (pact_agreement_load_text("fuzz.pact", text, (size_t)n, &ag) != PACT_OK || !ag) return 0;
  if (pact_agreement_error_count(ag)) { /* every wording written is valid language */
    pact_agreement_print_diagnostics(ag, stderr, false);
    __builtin_trap();
  }
  Event events[48];
  size_t count = take(&c, 1) % 48;
  PactDate first;
  pact_date_parse("2024-01-01", 10, &first);
  for (size_t i = 0; i < count; i++) {
    PactDate day = first + (PactDate)(take(&c, 2) % 1096);
    PactDate end = take(&c, 1) % 4 == 0 ? day + (PactDate)(take(&c, 1) % 120) : day;
    int64_t cents = (int64_t)(magnitude(&c) % INT64_MAX); /* its negation fits too */
    if (take(&c, 1) % 3 == 0) cents = -cents;
    events[i] = revenue(day, end, cents);
  }
  if (getenv("FUZZ_SETTLE_SHOW")) { /* to read a reproducer: the agreement and the events */
    fputs(text, stderr);
    for (size_t i = 0; i < count; i++) {
      char day[11], end[11];
      pact_date_format(events[i].date, day);
      pact_date_format(events[i].end, end);
      fprintf(stderr, "event %zu: %s..%s %lld\n", i, day, end, (long long)events[i].amount_minor);
    }
  }
  char *forward = outcome(ag, events, count, false, 0);
  char *backward = outcome(ag, events, count, true, 0);
  char *halves = outcome(ag, events, count, false, count / 2);
  if (strcmp(forward, backward) != 0 || strcmp(forward, halves) != 0) {
    fprintf(stderr, "%s--- forward\n%s--- backward\n%s--- halves\n%s", text, forward, backward,
            halves);
    __builtin_trap();
  }
  free(forward);
  free(backward);
  free(halves);
  pact_agreement_free(ag);
  return 0;
}
