/*
** forecast_path.c -- one path of a forecast: its figures drawn, split into monthly revenue
** events and its milestones placed, settled by the settlement engine from a copy of the actual
** events' settlement, and what it owes read into the path's results.
*/
#include <string.h>

#include "base/fmath.h"
#include "base/mem.h"
#include "engine/forecast_int.h"

/* The day a milestone with a yearly chance happens on this path, or false: year by year, a draw
** below the chance says it happens that year, on a day drawn among that year's days. */
static bool chance_day(const Forecast *fc, const ScenMilestone *m, uint64_t path, PactDate *day) {
  int y0, y1, mo, d;
  pact_date_to_ymd(m->from, &y0, &mo, &d);
  pact_date_to_ymd(m->through, &y1, &mo, &d);
  for (int y = y0; y <= y1; y++) {
    uint64_t k = m->draw + 2u * (uint64_t)(y - y0);
    if (!(forecast_draw(fc->seed, path, k) < m->chance)) continue;
    PactDate a, b;
    pact_date_from_ymd(y, 1, 1, &a);
    pact_date_from_ymd(y, 12, 31, &b);
    if (a < m->from) a = m->from;
    if (b > m->through) b = m->through;
    *day = a + (PactDate)(forecast_draw(fc->seed, path, k + 1) * (double)(b - a + 1));
    if (*day > b) *day = b;
    return true;
  }
  return false;
}

/* The path's milestones, added to the settlement; which happened goes into results. */
static PactStatus add_milestones(const Forecast *fc, Settlement *s, uint64_t path,
                                 int64_t *results) {
  const Scenario *sc = fc->sc;
  for (uint32_t i = 0; i < sc->milestone_count; i++) {
    const ScenMilestone *m = &sc->milestones[i];
    PactDate day = m->date;
    bool happens = m->dated || chance_day(fc, m, path, &day);
    results[fc->at_milestones + i] = happens;
    if (!happens) continue;
    Event e = {0};
    e.id = (EventText){m->id.ptr, m->id.len};
    e.kind = EVENT_MILESTONE;
    e.date = day;
    e.party = (EventText){m->party.name.ptr, m->party.name.len};
    e.subject = e.id;
    e.line = m->line;
    PactStatus status = settle_add(s, &e);
    if (status != PACT_OK) return status;
  }
  return PACT_OK;
}

/* The path's revenue events: each month of each figure, its days after the actual events. */
static PactStatus add_revenue(const Forecast *fc, Settlement *s, const int64_t *amounts) {
  for (size_t i = 0; i < fc->slot_count; i++) {
    const Slot *slot = &fc->slots[i];
    if (slot->kept > slot->last) continue;
    const Figure *f = &fc->sc->series[slot->series].figures[slot->figure];
    int64_t month = forecast_month_amount(amounts[fc->figure_at[slot->series] + slot->figure],
                                          f->months, slot->month);
    Event e = slot->event;
    e.amount_minor =
        slot->kept == slot->first
            ? month
            : pact_money_split_range(month, slot->last - slot->first + 1, slot->kept - slot->first,
                                     slot->last - slot->kept + 1);
    PactStatus status = settle_add(s, &e);
    if (status != PACT_OK) return status;
  }
  return PACT_OK;
}

static int32_t year_of(PactDate day) {
  int y, m, d;
  pact_date_to_ymd(day, &y, &m, &d);
  return y;
}

/* An obligation's present value: its amount discounted from its due day (else its period's last
** day) to the scenario's day at the yearly rate, actual days over 365, rounded to the cent. */
static int64_t present_value(const Scenario *sc, const Obligation *o) {
  PactDate when = o->has_due ? o->due : o->period.last;
  double years = (double)(when - sc->discount_to) / 365.0;
  int64_t pv = 0;
  fm_round_even((double)o->amount_minor * fm_pow(1.0 + sc->discount, -years), &pv);
  return pv;
}

static uint32_t pair_of(const Plan *p, const Clause *c) {
  for (uint32_t i = 0; i < p->pair_count; i++)
    if (p->payers[i] == c->u.share.payer.index && p->payees[i] == c->u.share.payee.index) return i;
  return 0; /* every revenue share's pair was planned */
}

/* Reads a finished settlement into the path's results for its plan. */
static PactStatus read_results(const Forecast *fc, const Plan *p, const Settlement *s,
                               int64_t *results) {
  size_t count;
  const Obligation *all = settle_obligations(s, &count);
  for (uint32_t i = 0; i < p->pair_count; i++) results[p->at_pairs + i] = results[p->at_pv + i] = 0;
  for (uint32_t i = 0; i < (uint32_t)fc->year_count * p->pair_count; i++)
    results[p->at_years + i] = 0;
  for (uint32_t c = 0; c < p->cap_count; c++) results[p->at_caps + c] = FORECAST_NEVER;
  for (size_t i = 0; i < count; i++) {
    const Obligation *o = &all[i];
    uint32_t pair = pair_of(p, o->clause);
    if (__builtin_add_overflow(results[p->at_pairs + pair], o->amount_minor,
                               &results[p->at_pairs + pair]) ||
        (fc->has_pv && __builtin_add_overflow(results[p->at_pv + pair], present_value(fc->sc, o),
                                              &results[p->at_pv + pair])))
      return PACT_ERR_OVERFLOW;
    int32_t row = year_of(o->period.last) - fc->first_year;
    if (row >= 0 && row < fc->year_count) {
      int64_t *cell = &results[p->at_years + pair * (uint32_t)fc->year_count + (uint32_t)row];
      if (__builtin_add_overflow(*cell, o->amount_minor, cell)) return PACT_ERR_OVERFLOW;
    }
    for (uint32_t c = 0; c < p->cap_count; c++) {
      int64_t *q = &results[p->at_caps + c];
      if (o->clause == p->caps[c] && o->cap_binds && *q == FORECAST_NEVER) {
        int y, m, d;
        pact_date_to_ymd(o->period.last, &y, &m, &d);
        *q = (int64_t)y * 4 + (m - 1) / 3;
      }
    }
  }
  return PACT_OK;
}

/* The stakes: each holder's stake times the company's valuation that year, half-even. */
static PactStatus read_stakes(const Forecast *fc, const Plan *p, const int64_t *amounts,
                              int64_t *results) {
  for (uint32_t i = 0; i < p->stake_count; i++) {
    const StakePlan *sp = &p->stakes[i];
    int64_t valuation = amounts[fc->figure_at[sp->series] + sp->figure];
    PactStatus status = pact_money_mul_rate(valuation, sp->equity->u.equity.stake,
                                            PACT_ROUND_HALF_EVEN, &results[p->at_stakes + i]);
    if (status != PACT_OK) return status;
  }
  return PACT_OK;
}

/* One agreement on one path: a copy of its actual events' settlement, the path's events, the
** settlement finished and read. */
static PactStatus path_plan(Forecast *fc, const Plan *p, uint64_t path, PathWork *w,
                            Settlement **keep) {
  Settlement *s;
  PactStatus status = settle_clone(p->base, &w->diags, &s);
  if (status != PACT_OK) return status;
  settle_set_events_path(s, fc->sc->path);
  if (status == PACT_OK) status = add_revenue(fc, s, w->amounts);
  if (status == PACT_OK) status = add_milestones(fc, s, path, w->results);
  if (status == PACT_OK) status = settle_finish(s);
  if (status == PACT_OK) status = read_results(fc, p, s, w->results);
  if (status == PACT_OK) status = read_stakes(fc, p, w->amounts, w->results);
  if (keep && status == PACT_OK) *keep = s;
  else settle_free(s);
  return status;
}

PactStatus forecast_path(Forecast *fc, uint64_t path, PathWork *w, Settlement **keep) {
  PactStatus status = forecast_figures(fc, path, w->amounts);
  for (size_t i = 0; i < fc->plan_count && status == PACT_OK; i++)
    status = path_plan(fc, &fc->plans[i], path, w, keep ? &keep[i] : NULL);
  return status;
}
