/*
** settle_obligations.c -- a settlement finished: what each clause's days accrued, period by
** period, through its tiers and its cap, rounded once; the payments set against the obligations
** oldest first; the totals per payer and payee.
*/
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/mem.h"
#include "base/money.h"
#include "base/ratio.h"
#include "engine/settle.h"
#include "engine/settle_int.h"

/* ---------------------------------------------------------------- obligations */

/*
** Tiers as a function of the cumulative base. Tier i takes the cumulative base in [lo, hi):
** by cumulative base, hi is its bound; by cumulative paid, hi is where the amount owed at the
** tiers reaches its bound (lo + room / rate). A tier without a bound (and, by cumulative paid,
** a 0% tier, which never fills) takes everything above lo; past a last bounded tier no tier
** takes anything. A cumulative base below zero is taken at the first tier's rate.
*/
typedef struct TierSpan {
  Ratio lo, hi, rate;
  bool endless;
} TierSpan;

static bool tier_spans(const RevenueShare *r, TierSpan *spans, uint32_t *count) {
  bool by_paid = r->tier_basis == TIER_BY_PAID;
  Ratio lo = {0, 1}, owed = {0, 1};
  uint32_t n = 0;
  for (uint32_t i = 0; i < r->tier_count; i++) {
    TierSpan t = {.lo = lo, .hi = lo, .rate = ratio_of_rate(r->tiers[i].rate), .endless = false};
    if (!r->tiers[i].has_bound || (by_paid && t.rate.num == 0)) {
      t.endless = true;
      spans[n++] = t;
      break;
    }
    Ratio bound = ratio_make(r->tiers[i].bound_minor, 1), room;
    int cmp;
    if (by_paid) {
      if (!ratio_sub(bound, owed, &room)) return false;
      if (room.num > 0) {
        Ratio width;
        if (!ratio_mul(room, (Ratio){t.rate.den, t.rate.num}, &width) ||
            !ratio_add(lo, width, &t.hi))
          return false;
        owed = bound;
      }
    } else if (!ratio_cmp(bound, lo, &cmp)) {
      return false;
    } else if (cmp > 0) {
      t.hi = bound;
    }
    spans[n++] = t;
    lo = t.hi;
  }
  *count = n;
  return true;
}

/* The part of a cumulative base b that tier i takes: clamp(b, lo, hi) - lo, and for the first
** tier also any part below zero. */
static bool tier_take(const TierSpan *t, uint32_t i, Ratio b, Ratio *out) {
  int cmp;
  if (i == 0 && b.num < 0) {
    *out = b;
    return true;
  }
  if (!ratio_cmp(b, t->lo, &cmp)) return false;
  if (cmp <= 0) {
    *out = (Ratio){0, 1};
    return true;
  }
  Ratio top = b;
  if (!t->endless) {
    if (!ratio_cmp(b, t->hi, &cmp)) return false;
    if (cmp > 0) top = t->hi;
  }
  return ratio_sub(top, t->lo, out);
}

/* What is owed at the tiers for a cumulative base, exactly: f(b) = sum of rate x take. */
static bool tier_value(const TierSpan *spans, uint32_t count, PactWide base, Ratio *out) {
  Ratio b = ratio_make(base, 1), sum = {0, 1};
  for (uint32_t i = 0; i < count; i++) {
    Ratio take, part;
    if (!tier_take(&spans[i], i, b, &take) || !ratio_mul(spans[i].rate, take, &part) ||
        !ratio_add(sum, part, &sum))
      return false;
  }
  *out = sum;
  return true;
}

/* f(b) rounded once to minor units with the clause's rounding. */
static PactStatus tier_owed(const RevenueShare *r, PactWide base, int64_t *out) {
  TierSpan spans[PACT_TIERS_MAX];
  uint32_t count = 0;
  Ratio exact;
  if (r->tier_count > PACT_TIERS_MAX || !tier_spans(r, spans, &count) ||
      !tier_value(spans, count, base, &exact))
    return PACT_ERR_OVERFLOW;
  return money_round_quotient(exact.num, exact.den, r->rounding, out);
}

PactStatus settle_tier_parts(const Obligation *o, SettleTierPart *parts, uint32_t *count) {
  const RevenueShare *r = &o->clause->u.share;
  TierSpan spans[PACT_TIERS_MAX];
  uint32_t n = 0;
  *count = 0;
  if (r->tier_count > PACT_TIERS_MAX || !tier_spans(r, spans, &n)) return PACT_ERR_OVERFLOW;
  PactWide after;
  if (__builtin_add_overflow(o->counted_base_before, (PactWide)o->base_minor, &after))
    return PACT_ERR_OVERFLOW;
  for (uint32_t i = 0; i < n; i++) {
    Ratio t0, t1, take, amount;
    if (!tier_take(&spans[i], i, ratio_make(o->counted_base_before, 1), &t0) ||
        !tier_take(&spans[i], i, ratio_make(after, 1), &t1) || !ratio_sub(t1, t0, &take) ||
        !ratio_mul(spans[i].rate, take, &amount))
      return PACT_ERR_OVERFLOW;
    SettleTierPart *part = &parts[i];
    part->rate = r->tiers[i].rate;
    part->base_exact = take.den == 1;
    part->amount_exact = amount.den == 1;
    if (money_round_quotient(take.num, take.den, PACT_ROUND_HALF_EVEN, &part->base_minor) !=
            PACT_OK ||
        money_round_quotient(amount.num, amount.den, PACT_ROUND_HALF_EVEN, &part->amount_minor) !=
            PACT_OK)
      return PACT_ERR_OVERFLOW;
    /* The amount to four more places than the currency has, for the text. */
    Ratio scaled;
    if (!ratio_mul(amount, (Ratio){10000, 1}, &scaled) ||
        money_round_quotient(scaled.num, scaled.den, PACT_ROUND_HALF_EVEN, &part->amount_e4) !=
            PACT_OK)
      return PACT_ERR_OVERFLOW;
    part->amount_e4_exact = scaled.den == 1;
  }
  *count = n;
  return PACT_OK;
}

static bool push_obligation(Settlement *s, const Obligation *o) {
  if (s->obligation_count == s->obligation_capacity) {
    size_t capacity = s->obligation_capacity ? s->obligation_capacity * 2 : 64;
    Obligation *bigger = mem_realloc(s->obligations, capacity * sizeof *bigger);
    if (!bigger) return false;
    s->obligations = bigger;
    s->obligation_capacity = capacity;
  }
  s->obligations[s->obligation_count++] = *o;
  return true;
}

/* The day a clause stops: its window, cut by the first of its milestones recorded. */
static PactDate share_end(const Settlement *s, const Share *share) {
  PactDate end = share->open_ended ? s->data_last : share->last;
  const RefList *until = &share->clause->term.until;
  for (uint32_t u = 0; u < until->count; u++)
    for (size_t i = 0; i < s->milestone_count; i++) {
      const MilestoneRecord *m = &s->milestones[i];
      if (m->recorded && str_eq(m->id, until->items[u].name) && m->date - 1 < end)
        end = m->date - 1;
    }
  return end;
}

/* Turns the difference array into running sums: prefix[i] is the base of days [0, i). */
static void share_prefix(Share *share) {
  PactWide day = 0, total = 0;
  for (uint32_t i = 0; i < share->day_capacity; i++) {
    day += share->diff[i];
    share->diff[i] = total;
    total += day;
  }
}

/* The base of days [lo, hi]. Days past the array carry none: every range added closed within
** it, so the last prefix entry is the whole sum. */
static PactWide share_base(const Share *share, PactDate lo, PactDate hi) {
  if (!share->day_capacity) return 0;
  uint32_t a = (uint32_t)(lo - share->first), b = (uint32_t)(hi - share->first) + 1;
  uint32_t top = share->day_capacity - 1;
  return share->diff[b < top ? b : top] - share->diff[a < top ? a : top];
}

/*
** A located error for an amount of one clause in one period that does not fit in 64-bit
** minor units: it names the clause (at its line in the agreement) and the period.
*/
static PactStatus overflow(Settlement *s, const Clause *c, PactPeriod p, const char *what) {
  char label[24];
  pact_period_label(c->u.share.calendar, p, label, sizeof label);
  const Version *v = &s->ag->versions[c->version];
  if (c->id_span.source)
    diag_add(s->diags, DIAG_ERROR, "E1103", c->id_span.source, c->id_span.offset, c->id_span.length,
             "pactum never wraps money; check the event amounts of that period for a typo",
             "clause '%.*s' (version %.*s), %s: %s does not fit in 64-bit minor units",
             (int)c->id.len, c->id.ptr, (int)v->name.len, v->name.ptr, label, what);
  else
    diag_add_path(s->diags, DIAG_ERROR, "E1103", s->ag->path,
                  "pactum never wraps money; check the event amounts of that period for a typo",
                  "clause '%.*s' (version %.*s), %s: %s does not fit in 64-bit minor units",
                  (int)c->id.len, c->id.ptr, (int)v->name.len, v->name.ptr, label, what);
  return PACT_ERR_OVERFLOW;
}

/*
** What the cap's count and the tiers stand on as one wording is settled, period by period.
** owed: what the count owed so far (after the caps); raw: the same with this wording's
** periods taken before this cap (so that min(cap, raw) is what a cap never cut would allow);
** base: the cumulative base the tiers read.
*/
typedef struct Running {
  int64_t owed, raw;
  PactWide base;
} Running;

static PactStatus period_obligation(Settlement *s, const Share *share, Running *run, PactPeriod p,
                                    PactDate lo, PactDate hi) {
  pact_assert(p.first <= lo && lo <= hi && hi <= p.last && share->first <= lo);
  const RevenueShare *r = &share->clause->u.share;
  const Clause *c = share->clause;
  PactWide wide_base = share_base(share, lo, hi);
  if (wide_base > INT64_MAX || wide_base < INT64_MIN) return overflow(s, c, p, "the base");
  Obligation o = {.clause = c,
                  .period = p,
                  .first = lo,
                  .last = hi,
                  .base_minor = (int64_t)wide_base,
                  .tiered = r->tier_count > 0,
                  .counted_base_before = run->base};
  PactWide base_after;
  if (__builtin_add_overflow(run->base, wide_base, &base_after))
    return overflow(s, c, p, "the cumulative base");
  if (r->tier_count) {
    /* Owed so far is f(cumulative base), rounded once; the period owes the difference. */
    if (tier_owed(r, run->base, &o.tiers_owed_before) != PACT_OK ||
        tier_owed(r, base_after, &o.tiers_owed_after) != PACT_OK)
      return overflow(s, c, p, "the amount owed at the tiers");
    if (pact_money_sub(o.tiers_owed_after, o.tiers_owed_before, &o.uncapped_minor) != PACT_OK)
      return overflow(s, c, p, "the amount before the cap");
  } else if (pact_money_mul_rate(o.base_minor, r->rate, r->rounding, &o.uncapped_minor) !=
             PACT_OK) {
    return overflow(s, c, p, "the amount before the cap");
  }
  o.amount_minor = o.uncapped_minor;
  int64_t raw_after;
  if (pact_money_add(run->raw, o.uncapped_minor, &raw_after) != PACT_OK)
    return overflow(s, c, p, "the amount owed so far without the cap");
  if (r->has_cap) {
    /* Owed so far is min(cap, raw): the period owes what takes the count there, never more
    ** than it would without the cap and never the other way (a cap claws nothing back). */
    int64_t target = raw_after < r->cap_minor ? raw_after : r->cap_minor, step;
    if (pact_money_sub(target, run->owed, &step) != PACT_OK)
      return overflow(s, c, p, "the room under the cap");
    int64_t low = o.uncapped_minor < 0 ? o.uncapped_minor : 0;
    int64_t high = o.uncapped_minor > 0 ? o.uncapped_minor : 0;
    o.amount_minor = step < low ? low : step > high ? high : step;
    o.cap_binds = o.amount_minor != o.uncapped_minor;
  }
  if (pact_money_add(run->owed, o.amount_minor, &run->owed) != PACT_OK)
    return overflow(s, c, p, "the amount owed so far");
  run->raw = raw_after;
  run->base = base_after;
  o.cumulative_minor = run->owed;
  o.accruing = s->options.has_as_of && p.last > s->options.as_of;
  o.has_due = r->has_due;
  o.due = p.last + r->due_days;
  return push_obligation(s, &o) ? PACT_OK : PACT_ERR_NOMEM;
}

/* Does `other`'s wording count under `mine`'s cap (and tiers)? Its own, always; with
** `counting all versions`, every earlier wording of the same clause id, whatever its counting. */
static bool counts_in(const Settlement *s, const Share *mine, const Share *other) {
  (void)s;
  if (other == mine) return true;
  return mine->clause->u.share.cap_counting == CAP_ALL_VERSIONS && other->family == mine->family &&
         other < mine;
}

static PactStatus settle_share(Settlement *s, Share *share) {
  if (!s->has_data) return PACT_OK;
  PactDate start = share->first > s->data_first ? share->first : s->data_first;
  PactDate end = share_end(s, share);
  if (end > s->data_last) end = s->data_last;
  /* On a statement date, what had accrued by then: no day after it counts, and the period it
  ** falls in is cut there (and marked accruing). */
  if (s->options.has_as_of && end > s->options.as_of) end = s->options.as_of;
  share_prefix(share);
  const PactCalendar cal = share->clause->u.share.calendar;
  Running run = {0, 0, 0};
  for (Share *other = s->shares; other < share; other++)
    if (counts_in(s, share, other)) {
      if (pact_money_add(run.owed, other->owed_minor, &run.owed) != PACT_OK ||
          __builtin_add_overflow(run.base, other->base_minor, &run.base))
        return overflow(s, share->clause, pact_period_of(cal, start), "what earlier wordings owed");
    }
  run.raw = run.owed;
  int64_t owed_before = run.owed;
  PactWide base_before = run.base;
  PactStatus status = PACT_OK;
  for (PactPeriod p = pact_period_of(cal, start);
       status == PACT_OK && start <= end && p.first <= end; p = pact_period_next(cal, p)) {
    PactDate lo = p.first > start ? p.first : start, hi = p.last < end ? p.last : end;
    status = period_obligation(s, share, &run, p, lo, hi);
  }
  if (status != PACT_OK) return status;
  if (pact_money_sub(run.owed, owed_before, &share->owed_minor) != PACT_OK)
    return overflow(s, share->clause, pact_period_of(cal, end), "what this wording owed in all");
  share->base_minor = run.base - base_before;
  return PACT_OK;
}

static int obligation_order(const void *pa, const void *pb) {
  const Obligation *a = pa, *b = pb;
  if (a->first != b->first) return a->first < b->first ? -1 : 1;
  return a->clause < b->clause ? -1 : a->clause > b->clause;
}

static bool reported(const Settlement *s, const Obligation *o) {
  if (s->options.has_from && o->last < s->options.from) return false;
  return !(s->options.has_through && o->first > s->options.through);
}

static SettleTotal *total_for(Settlement *s, int32_t payer, int32_t payee) {
  size_t t = 0;
  while (t < s->total_count && (s->totals[t].payer != payer || s->totals[t].payee != payee)) t++;
  if (t == s->total_count)
    s->totals[s->total_count++] = (SettleTotal){.payer = payer, .payee = payee};
  return &s->totals[t];
}

static PactStatus fail(Settlement *s, const char *code, const char *message) {
  diag_add_path(s->diags, DIAG_ERROR, code, s->ag->path, NULL, "%s", message);
  return PACT_ERR_INVALID;
}

static PactStatus add_totals(Settlement *s) {
  s->totals = mem_calloc(s->obligation_count + s->pair_credit_count + 1, sizeof *s->totals);
  if (!s->totals) return PACT_ERR_NOMEM;
  for (size_t i = 0; i < s->obligation_count; i++) {
    const Obligation *o = &s->obligations[i];
    const RevenueShare *r = &o->clause->u.share;
    SettleTotal *t = total_for(s, r->payer.index, r->payee.index);
    if (pact_money_add(t->amount_minor, o->amount_minor, &t->amount_minor) ||
        pact_money_add(t->uncapped_minor, o->uncapped_minor, &t->uncapped_minor) ||
        pact_money_add(t->paid_minor, o->paid_minor, &t->paid_minor) ||
        pact_money_add(t->outstanding_minor, o->amount_minor - o->paid_minor,
                       &t->outstanding_minor) ||
        (o->overdue &&
         pact_money_add(t->overdue_minor, o->amount_minor - o->paid_minor, &t->overdue_minor)) ||
        (o->accruing && pact_money_add(t->accruing_minor, o->amount_minor, &t->accruing_minor)))
      return fail(s, "E1103", "a total does not fit in 64-bit minor units");
  }
  for (size_t k = 0; k < s->pair_credit_count; k++) {
    SettleTotal *t = total_for(s, s->pair_credits[k].payer, s->pair_credits[k].payee);
    t->credit_minor = s->pair_credits[k].credit_minor;
    t->received_minor = s->pair_credits[k].received_minor;
  }
  return PACT_OK;
}

/* Oldest first: by due date (an obligation without one falls due on its last day). */
static int due_order(const void *pa, const void *pb) {
  const Obligation *a = *(const Obligation *const *)pa, *b = *(const Obligation *const *)pb;
  PactDate da = a->has_due ? a->due : a->last, db = b->has_due ? b->due : b->last;
  if (da != db) return da < db ? -1 : 1;
  return obligation_order(a, b);
}

/*
** Sets the payments of one payer to one payee, dated up to the statement date, against their
** obligations oldest first. A negative obligation (an adjustment down) needs no payment: it
** lowers what is owed in total. What is left over is a credit. Returns the credit.
*/
static PactWide allocate_pair(Settlement *s, Obligation **order, size_t count, int32_t payer,
                              int32_t payee, PactWide *received) {
  PactWide pool = 0;
  for (size_t i = 0; i < s->payment_count; i++) {
    const Payment *p = &s->payments[i];
    if (p->payer == payer && p->payee == payee && p->date <= s->options.as_of)
      pool += p->amount_minor;
  }
  *received = pool;
  for (size_t i = 0; i < count; i++) {
    Obligation *o = order[i];
    if (o->amount_minor <= 0) continue;
    PactWide set = pool < o->amount_minor ? (pool > 0 ? pool : 0) : o->amount_minor;
    o->paid_minor = (int64_t)set;
    pool -= set;
    PactDate due = o->has_due ? o->due : o->last;
    o->overdue = o->paid_minor < o->amount_minor && due < s->options.as_of;
  }
  return pool;
}

static bool same_pair(const Obligation *o, int32_t payer, int32_t payee) {
  return o->clause->u.share.payer.index == payer && o->clause->u.share.payee.index == payee;
}

/* The credit left for a pair, remembered for the totals. */
static bool remember_credit(Settlement *s, int32_t payer, int32_t payee, int64_t credit,
                            int64_t received) {
  SettleTotal *t = mem_realloc(s->pair_credits, (s->pair_credit_count + 1) * sizeof *t);
  if (!t) return false;
  s->pair_credits = t;
  t[s->pair_credit_count++] = (SettleTotal){
      .payer = payer, .payee = payee, .credit_minor = credit, .received_minor = received};
  return true;
}

/* Each pair of payer and payee, with obligations or payments, settled on its own. */
static PactStatus allocate_payments(Settlement *s) {
  if (!s->options.has_as_of) return PACT_OK;
  size_t count = s->obligation_count;
  Obligation **order = mem_malloc((count + 1) * sizeof *order);
  Obligation **pair = mem_malloc((count + 1) * sizeof *pair);
  PactStatus status = order && pair ? PACT_OK : PACT_ERR_NOMEM;
  for (size_t i = 0; status == PACT_OK && i < count; i++) order[i] = &s->obligations[i];
  if (status == PACT_OK && count > 1) qsort(order, count, sizeof *order, due_order);
  /* The pairs: those owing, then those only paying. */
  for (size_t i = 0; status == PACT_OK && i < count + s->payment_count; i++) {
    int32_t payer, payee;
    if (i < count) {
      payer = order[i]->clause->u.share.payer.index;
      payee = order[i]->clause->u.share.payee.index;
    } else {
      payer = s->payments[i - count].payer;
      payee = s->payments[i - count].payee;
    }
    bool seen = false;
    for (size_t k = 0; k < s->pair_credit_count && !seen; k++)
      seen = s->pair_credits[k].payer == payer && s->pair_credits[k].payee == payee;
    if (seen) continue;
    size_t n = 0;
    for (size_t k = 0; k < count; k++)
      if (same_pair(order[k], payer, payee)) pair[n++] = order[k];
    PactWide received;
    PactWide credit = allocate_pair(s, pair, n, payer, payee, &received);
    if (credit > INT64_MAX || credit < INT64_MIN || received > INT64_MAX) {
      const Str *from = settle_party_id(s, payer), *to = settle_party_id(s, payee);
      diag_add_path(s->diags, DIAG_ERROR, "E1103", s->events_path ? s->events_path : s->ag->path,
                    "pactum never wraps money; check the payment amounts for a typo",
                    "the payments from '%.*s' to '%.*s' do not fit in 64-bit minor units",
                    (int)from->len, from->ptr, (int)to->len, to->ptr);
      status = PACT_ERR_OVERFLOW;
    } else if (!remember_credit(s, payer, payee, (int64_t)credit, (int64_t)received)) {
      status = PACT_ERR_NOMEM;
    }
  }
  free(order);
  free(pair);
  return status;
}

/* settle_finish's promises (settle.h), checked in a debug build: the obligations in order, and
** each total the sum of its pair's obligations, every obligation counted in one. */
static bool obligations_in_order(const Settlement *s) {
  for (size_t i = 1; i < s->obligation_count; i++)
    if (obligation_order(&s->obligations[i - 1], &s->obligations[i]) > 0) return false;
  return true;
}

static bool totals_add_up(const Settlement *s) {
  size_t counted = 0;
  for (size_t t = 0; t < s->total_count; t++) {
    const SettleTotal *total = &s->totals[t];
    PactWide amount = 0, uncapped = 0, paid = 0, accruing = 0, overdue = 0;
    for (size_t i = 0; i < s->obligation_count; i++) {
      const Obligation *o = &s->obligations[i];
      if (!same_pair(o, total->payer, total->payee)) continue;
      counted++;
      amount += o->amount_minor;
      uncapped += o->uncapped_minor;
      paid += o->paid_minor;
      if (o->accruing) accruing += o->amount_minor;
      if (o->overdue) overdue += o->amount_minor - o->paid_minor;
    }
    if (amount != total->amount_minor || uncapped != total->uncapped_minor ||
        paid != total->paid_minor || amount - paid != total->outstanding_minor ||
        accruing != total->accruing_minor || overdue != total->overdue_minor)
      return false;
  }
  return counted == s->obligation_count;
}

PactStatus settle_finish(Settlement *s) {
  if (s->stage != SETTLE_OPEN) return PACT_ERR_MISUSE;
  s->stage = SETTLE_FAILED; /* until every step below has succeeded */
  names_report(s->names, s->diags);
  PactStatus status = PACT_OK;
  for (size_t i = 0; i < s->share_count && status == PACT_OK; i++)
    status = settle_share(s, &s->shares[i]);
  if (status != PACT_OK) return status;
  if (s->obligation_count > 1)
    qsort(s->obligations, s->obligation_count, sizeof *s->obligations, obligation_order);
  status = allocate_payments(s);
  if (status != PACT_OK) return status;
  size_t kept = 0;
  for (size_t i = 0; i < s->obligation_count; i++)
    if (reported(s, &s->obligations[i])) s->obligations[kept++] = s->obligations[i];
  s->obligation_count = kept;
  status = add_totals(s);
  if (status != PACT_OK) return status;
  s->stage = SETTLE_FINISHED;
  pact_assert(obligations_in_order(s));
  pact_assert(totals_add_up(s));
  return PACT_OK;
}

const Obligation *settle_cap_reached(const Settlement *s, const Obligation *o) {
  const Share *mine = settle_share_of(s, o->clause);
  for (size_t i = 0; mine && i < s->obligation_count; i++) {
    const Share *other = settle_share_of(s, s->obligations[i].clause);
    if (other && counts_in(s, mine, other) && s->obligations[i].cap_binds &&
        other->clause->u.share.has_cap &&
        other->clause->u.share.cap_minor == o->clause->u.share.cap_minor)
      return &s->obligations[i];
  }
  return NULL;
}
