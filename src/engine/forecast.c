/*
** forecast.c -- a forecast planned and run: the actual events settled once per agreement (and
** the last day they cover for each party and stream), the scenario's months turned into event
** templates, the rows each path fills, and the paths run on one or more threads, each path's
** results written at its own place in a temporary file so that the answer is the same bytes
** whatever the number of threads. forecast_path.c runs a path, forecast_stats.c reads them back.
*/
#include "engine/forecast.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/limits.h"
#include "base/mem.h"
#include "engine/forecast_int.h"

/* ---------------------------------------------------------------- the actual events */

/* The settlements being fed, and the last day of actual revenue per revenue series. */
typedef struct Actuals {
  Forecast *fc;
  PactDate *covered; /* per series; 0: no actual revenue */
  bool has_days;
  PactDate first, last; /* the days of the actual money events */
} Actuals;

static PactStatus actuals_start(void *context) {
  Actuals *a = context;
  Forecast *fc = a->fc;
  for (uint32_t s = 0; s < fc->sc->series_count; s++) a->covered[s] = 0;
  a->has_days = false;
  for (size_t i = 0; i < fc->plan_count; i++) {
    settle_free(fc->plans[i].base);
    fc->plans[i].base = NULL;
    PactStatus status = settle_begin(fc->plans[i].ag, NULL, fc->diags, &fc->plans[i].base);
    if (status != PACT_OK) return status;
  }
  return PACT_OK;
}

static bool text_is(EventText t, Str s) { return t.len == s.len && !memcmp(t.ptr, s.ptr, s.len); }

static PactStatus actuals_visit(void *context, const char *source, const Event *e) {
  Actuals *a = context;
  Forecast *fc = a->fc;
  if (e->kind == EVENT_REVENUE || e->kind == EVENT_PROFIT || e->kind == EVENT_PAYMENT) {
    PactDate last = e->has_end ? e->end : e->date;
    if (!a->has_days || e->date < a->first) a->first = e->date;
    if (!a->has_days || last > a->last) a->last = last;
    a->has_days = true;
  }
  if (e->kind == EVENT_REVENUE)
    for (uint32_t s = 0; s < fc->sc->series_count; s++) {
      const Series *se = &fc->sc->series[s];
      PactDate last = e->has_end ? e->end : e->date;
      if (se->kind == SERIES_REVENUE && text_is(e->party, se->party.name) &&
          text_is(e->stream, se->stream) && last > a->covered[s])
        a->covered[s] = last;
    }
  for (size_t i = 0; i < fc->plan_count; i++) {
    settle_set_events_path(fc->plans[i].base, source);
    PactStatus status = settle_add(fc->plans[i].base, e);
    if (status == PACT_ERR_NOMEM || status == PACT_ERR_MISUSE) return status;
  }
  return PACT_OK;
}

/* ---------------------------------------------------------------- the generated events */

/* W1501: a figure whose days the actual events already cover, in part or whole. */
static void warn_overlap(Forecast *fc, const Series *se, const Figure *f, PactDate covered) {
  char day[11];
  pact_date_format(covered, day);
  diag_add(fc->diags, DIAG_WARNING, "W1501", f->span.source, f->span.offset, f->span.length,
           "the actual events count for those days; the scenario's figure only after them",
           "this figure overlaps the actual revenue of '%.*s' in '%.*s' through %s: its days "
           "through then are left out, so nothing counts twice",
           (int)se->party.name.len, se->party.name.ptr, (int)se->stream.len, se->stream.ptr, day);
}

/* The template of a month's event: its id and its note name the scenario and the line. */
static bool slot_event(Forecast *fc, const Series *se, const Figure *f, Slot *slot) {
  int y, m, d;
  pact_date_to_ymd(slot->first, &y, &m, &d);
  const Scenario *sc = fc->sc;
  char id[300], note[600];
  int n = snprintf(id, sizeof id, "%.*s:%.*s:%.*s:%04d-%02d", (int)sc->name.len, sc->name.ptr,
                   (int)se->party.name.len, se->party.name.ptr, (int)se->stream.len, se->stream.ptr,
                   y, m);
  int k = snprintf(note, sizeof note, "scenario %.*s, %s:%u", (int)sc->name.len, sc->name.ptr,
                   sc->path ? sc->path : "", f->line);
  char *idc = arena_strndup(&fc->arena, id, (size_t)n < sizeof id ? (size_t)n : sizeof id - 1);
  char *nc = arena_strndup(&fc->arena, note, (size_t)k < sizeof note ? (size_t)k : sizeof note - 1);
  if (!idc || !nc) return false;
  Event *e = &slot->event;
  e->id = (EventText){idc, (uint32_t)strlen(idc)};
  e->note = (EventText){nc, (uint32_t)strlen(nc)};
  e->kind = EVENT_REVENUE;
  e->date = slot->kept;
  e->has_end = true;
  e->end = slot->last;
  e->party = (EventText){se->party.name.ptr, se->party.name.len};
  e->stream = (EventText){se->stream.ptr, se->stream.len};
  e->has_amount = true;
  e->currency = fc->plans[0].ag->currency;
  e->line = f->line;
  return true;
}

/* One slot per month of every revenue figure, cut after the actual events and `from`. */
static PactStatus plan_slots(Forecast *fc, const PactDate *covered) {
  const Scenario *sc = fc->sc;
  for (uint32_t s = 0; s < sc->series_count; s++) {
    const Series *se = &sc->series[s];
    if (se->kind != SERIES_REVENUE) continue;
    PactDate cut = covered[s];
    if (sc->has_from && sc->from - 1 > cut) cut = sc->from - 1;
    for (uint32_t k = 0; k < se->figure_count; k++) {
      const Figure *f = &se->figures[k];
      if (covered[s] && covered[s] >= f->first) warn_overlap(fc, se, f, covered[s]);
      PactDate first = f->first;
      for (uint32_t i = 0; i < f->months; i++) {
        PactDate next;
        pact_date_add_months(first, 1, &next);
        Slot *slot = arena_push(&fc->arena, (void **)&fc->slots, fc->slot_count, sizeof *slot);
        if (!slot) return PACT_ERR_NOMEM;
        *slot = (Slot){.series = s,
                       .figure = k,
                       .month = i,
                       .first = first,
                       .last = next - 1,
                       .kept = first > cut ? first : cut + 1};
        if (slot->kept <= slot->last && !slot_event(fc, se, f, slot)) return PACT_ERR_NOMEM;
        fc->slot_count++;
        first = next;
      }
    }
  }
  return PACT_OK;
}

/* ---------------------------------------------------------------- the rows */

static int32_t year_of(PactDate day) {
  int y, m, d;
  pact_date_to_ymd(day, &y, &m, &d);
  return y;
}

/* Every payer and payee of a revenue share, and every capped wording, in history order. */
static PactStatus plan_pairs_and_caps(Forecast *fc, Plan *p) {
  const Agreement *ag = p->ag;
  for (uint32_t h = 0; h < ag->history_count; h++) {
    const Version *v = &ag->versions[ag->history[h]];
    for (uint32_t k = 0; k < v->own_count; k++) {
      const Clause *c = v->own[k];
      if (c->kind != CLAUSE_REVENUE_SHARE) continue;
      if (c->u.share.has_cap) {
        const Clause **slot = arena_push(&fc->arena, (void **)&p->caps, p->cap_count, sizeof *slot);
        if (!slot) return PACT_ERR_NOMEM;
        *slot = c;
        p->cap_count++;
      }
      uint32_t i = 0;
      while (i < p->pair_count &&
             !(p->payers[i] == c->u.share.payer.index && p->payees[i] == c->u.share.payee.index))
        i++;
      if (i < p->pair_count) continue;
      int32_t *a = arena_push(&fc->arena, (void **)&p->payers, p->pair_count, sizeof *a);
      int32_t *b = a ? arena_push(&fc->arena, (void **)&p->payees, p->pair_count, sizeof *b) : NULL;
      if (!b) return PACT_ERR_NOMEM;
      *a = c->u.share.payer.index;
      *b = c->u.share.payee.index;
      p->pair_count++;
    }
  }
  return PACT_OK;
}

/* The equity clause in a company in force at the end of a year, or NULL. */
static const Clause *equity_in(const Agreement *ag, Str company, int32_t year) {
  PactDate last;
  pact_date_from_ymd(year, 12, 31, &last);
  int32_t v = terms_version_on(ag, last);
  if (v < 0) return NULL;
  const Version *ver = &ag->versions[v];
  for (uint32_t k = 0; k < ver->term_count; k++) {
    const Clause *c = ver->terms[k];
    if (c->kind == CLAUSE_EQUITY && str_eq(c->u.equity.in.name, company) &&
        terms_clause_in_force(c, last))
      return c;
  }
  return NULL;
}

/* A stake row for every valuation year in which an equity clause holds the company. */
static PactStatus plan_stakes(Forecast *fc, Plan *p) {
  const Scenario *sc = fc->sc;
  for (uint32_t s = 0; s < sc->series_count; s++) {
    const Series *se = &sc->series[s];
    if (se->kind != SERIES_VALUATION) continue;
    for (uint32_t k = 0; k < se->figure_count; k++) {
      const Clause *eq = equity_in(p->ag, se->party.name, se->figures[k].year);
      if (!eq) continue;
      StakePlan *slot = arena_push(&fc->arena, (void **)&p->stakes, p->stake_count, sizeof *slot);
      if (!slot) return PACT_ERR_NOMEM;
      *slot = (StakePlan){eq, s, k, se->figures[k].year};
      p->stake_count++;
    }
  }
  return PACT_OK;
}

/* The years reported: from the first figure or actual event to the last. */
static PactStatus plan_years(Forecast *fc, const Actuals *a) {
  int32_t first = a->has_days ? year_of(a->first) : INT32_MAX;
  int32_t last = a->has_days ? year_of(a->last) : INT32_MIN;
  const Scenario *sc = fc->sc;
  for (uint32_t s = 0; s < sc->series_count; s++)
    for (uint32_t k = 0; k < sc->series[s].figure_count; k++) {
      const Figure *f = &sc->series[s].figures[k];
      if (year_of(f->first) < first) first = year_of(f->first);
      if (year_of(f->last) > last) last = year_of(f->last);
    }
  fc->first_year = first <= last ? first : 0;
  fc->year_count = first <= last ? last - first + 1 : 0;
  return fc->year_count <= PACT_FORECAST_YEARS_MAX ? PACT_OK : PACT_ERR_RANGE;
}

/* Where each plan's results are in a path's row. */
static void plan_offsets(Forecast *fc) {
  uint32_t at = 0;
  for (size_t i = 0; i < fc->plan_count; i++) {
    Plan *p = &fc->plans[i];
    p->at_pairs = at;
    p->at_pv = at += p->pair_count;
    p->at_years = at += p->pair_count;
    p->at_caps = at += p->pair_count * (uint32_t)fc->year_count;
    p->at_stakes = at += p->cap_count;
    at += p->stake_count;
    p->cap_row = fc->cap_total;
    fc->cap_total += p->cap_count;
  }
  fc->at_milestones = at;
  fc->width = at + fc->sc->milestone_count;
  fc->diff.at = fc->width;
  if (fc->sides) fc->width += fc->diff.count * (1 + (uint32_t)fc->year_count);
  fc->quarter_slots = (uint32_t)fc->year_count * 4 + 2;
}

/* ---------------------------------------------------------------- running the paths */

/* One thread's share of the paths: [first, end), its sums, its first failure. */
typedef struct Worker {
  Forecast *fc;
  int fd;
  uint64_t first, end;
  PactWide *sums;
  uint64_t *set;      /* per column: paths whose value is not FORECAST_NEVER */
  uint64_t *quarters; /* per cap: paths binding in each quarter slot */
  PathWork work;
  DiagList first_diags; /* path 0's, kept for the answer */
  PactStatus status;
  uint64_t failed_path;
  Settlement **keep;
} Worker;

/* Counts the quarter each cap bound in on the path (a slot of the years reported, never, or
** outside them). */
static void count_quarters(const Forecast *fc, const int64_t *results, uint64_t *quarters) {
  int64_t first = (int64_t)fc->first_year * 4, slots = (int64_t)fc->year_count * 4;
  for (size_t i = 0; i < fc->plan_count; i++) {
    const Plan *p = &fc->plans[i];
    for (uint32_t c = 0; c < p->cap_count; c++) {
      int64_t q = results[p->at_caps + c];
      int64_t slot = q == FORECAST_NEVER               ? slots
                     : q >= first && q - first < slots ? q - first
                                                       : slots + 1;
      quarters[(size_t)(p->cap_row + c) * fc->quarter_slots + (size_t)slot]++;
    }
  }
}

static PactStatus run_one(Worker *w, uint64_t path) {
  Forecast *fc = w->fc;
  PactStatus status = forecast_path(fc, path, &w->work, path == 0 ? w->keep : NULL);
  if (status == PACT_OK && fc->sides) status = forecast_differences_fill(fc, w->work.results);
  if (status == PACT_OK && w->work.diags.errors) status = PACT_ERR_INVALID;
  if (path == 0 || w->work.diags.errors) diag_list_move(&w->first_diags, &w->work.diags);
  else if (w->work.diags.count) diag_list_free(&w->work.diags), diag_list_init(&w->work.diags);
  if (status != PACT_OK) return status;
  size_t bytes = fc->width * sizeof(int64_t);
  if (pwrite(w->fd, w->work.results, bytes, (off_t)(path * bytes)) != (ssize_t)bytes)
    return PACT_ERR_IO;
  for (uint32_t m = 0; m < fc->width; m++) {
    w->sums[m] += w->work.results[m];
    w->set[m] += w->work.results[m] != FORECAST_NEVER;
  }
  count_quarters(fc, w->work.results, w->quarters);
  return PACT_OK;
}

static void *worker_run(void *context) {
  Worker *w = context;
  for (uint64_t path = w->first; path < w->end && w->status == PACT_OK; path++) {
    w->status = run_one(w, path);
    if (w->status != PACT_OK) w->failed_path = path;
  }
  return NULL;
}

static bool worker_init(Worker *w, Forecast *fc, int fd, uint64_t first, uint64_t end) {
  *w = (Worker){.fc = fc, .fd = fd, .first = first, .end = end};
  diag_list_init(&w->work.diags);
  diag_list_init(&w->first_diags);
  w->sums = mem_calloc(fc->width + 1, sizeof *w->sums);
  w->set = mem_calloc(fc->width + 1, sizeof *w->set);
  w->quarters = mem_calloc((size_t)fc->cap_total * fc->quarter_slots + 1, sizeof *w->quarters);
  w->work.amounts = mem_calloc(fc->figure_total + 1, sizeof *w->work.amounts);
  w->work.results = mem_calloc(fc->width + 1, sizeof *w->work.results);
  return w->sums && w->set && w->quarters && w->work.amounts && w->work.results;
}

static void worker_free(Worker *w) {
  free(w->sums);
  free(w->set);
  free(w->quarters);
  free(w->work.amounts);
  free(w->work.results);
  diag_list_free(&w->work.diags);
  diag_list_free(&w->first_diags);
}

/* Says why a path failed: E1501 for an amount past 64 bits, the settlement's own otherwise. */
static void report_failure(Forecast *fc, PactStatus status, uint64_t path) {
  if (status == PACT_ERR_OVERFLOW)
    diag_add_path(fc->diags, DIAG_ERROR, "E1501", fc->sc->path,
                  "check the scenario's figures and growth rates for a typo",
                  "on path %llu an amount passed what 64-bit cents can hold; pactum never wraps "
                  "money, so the forecast stops",
                  (unsigned long long)path + 1);
}

/* The paths on `threads` threads, each a contiguous share; sums and counts added in thread
** order (exact integers: the order changes nothing), the failure of the earliest path kept. */
static PactStatus run_paths(Forecast *fc, int fd, int threads, PactWide *sums, uint64_t *set) {
  if (threads < 1) threads = 1;
  if (threads > PACT_FORECAST_THREADS_MAX) threads = PACT_FORECAST_THREADS_MAX;
  if ((uint64_t)threads > fc->paths) threads = (int)fc->paths;
  Worker *w = mem_calloc((size_t)threads, sizeof *w);
  if (!w) return PACT_ERR_NOMEM;
  PactStatus status = PACT_OK;
  int made = 0;
  for (; made < threads && status == PACT_OK; made++) {
    uint64_t a = fc->paths * (uint64_t)made / (uint64_t)threads;
    uint64_t b = fc->paths * (uint64_t)(made + 1) / (uint64_t)threads;
    if (!worker_init(&w[made], fc, fd, a, b)) status = PACT_ERR_NOMEM;
  }
  w[0].keep = fc->single;
  pthread_t *ids = mem_calloc((size_t)threads, sizeof *ids);
  bool *started = mem_calloc((size_t)threads, sizeof *started);
  if (!ids || !started) status = PACT_ERR_NOMEM;
  for (int t = 1; status == PACT_OK && t < threads; t++)
    started[t] = pthread_create(&ids[t], NULL, worker_run, &w[t]) == 0;
  if (status == PACT_OK) worker_run(&w[0]);
  for (int t = 1; status == PACT_OK && t < threads; t++) {
    if (started[t]) pthread_join(ids[t], NULL);
    else worker_run(&w[t]); /* a thread that could not start: its paths on this one */
  }
  for (int t = 0; t < made && status == PACT_OK; t++) {
    diag_list_move(fc->diags, &w[t].first_diags);
    for (uint32_t m = 0; m < fc->width; m++) sums[m] += w[t].sums[m], set[m] += w[t].set[m];
    for (size_t k = 0; k < (size_t)fc->cap_total * fc->quarter_slots; k++)
      fc->quarter_counts[k] += w[t].quarters[k];
    if (w[t].status != PACT_OK) {
      report_failure(fc, w[t].status, w[t].failed_path);
      status = w[t].status;
    }
  }
  for (int t = 0; t < made; t++) worker_free(&w[t]);
  free(w);
  free(ids);
  free(started);
  return status;
}

/* ---------------------------------------------------------------- the answer */

static PactStatus make_rows(Forecast *fc, const ForecastStat *st, const uint64_t *set,
                            const PactWide *sums) {
  size_t pairs = 0, years = 0, caps = 0, stakes = 0;
  for (size_t i = 0; i < fc->plan_count; i++) {
    pairs += fc->plans[i].pair_count;
    years += fc->plans[i].pair_count * (size_t)fc->year_count;
    caps += fc->plans[i].cap_count;
    stakes += fc->plans[i].stake_count;
  }
  fc->pairs = arena_alloc(&fc->arena, (pairs + 1) * sizeof *fc->pairs);
  fc->years = arena_alloc(&fc->arena, (years + 1) * sizeof *fc->years);
  fc->caps = arena_alloc(&fc->arena, (caps + 1) * sizeof *fc->caps);
  fc->stakes = arena_alloc(&fc->arena, (stakes + 1) * sizeof *fc->stakes);
  fc->milestones = arena_alloc(&fc->arena, (fc->sc->milestone_count + 1) * sizeof *fc->milestones);
  if (!fc->pairs || !fc->years || !fc->caps || !fc->stakes || !fc->milestones)
    return PACT_ERR_NOMEM;
  for (uint32_t a = 0; a < fc->plan_count; a++) {
    const Plan *p = &fc->plans[a];
    size_t pair_base = fc->pair_count;
    for (uint32_t i = 0; i < p->pair_count; i++)
      fc->pairs[fc->pair_count++] = (ForecastPair){
          a, p->payers[i], p->payees[i], st[p->at_pairs + i], fc->has_pv, st[p->at_pv + i]};
    for (uint32_t i = 0; i < p->pair_count; i++)
      for (int32_t y = 0; y < fc->year_count; y++)
        fc->years[fc->year_row_count++] =
            (ForecastYear){a, fc->first_year + y, (uint32_t)(pair_base + i),
                           st[p->at_years + i * (uint32_t)fc->year_count + (uint32_t)y]};
    for (uint32_t c = 0; c < p->cap_count; c++) {
      const ForecastStat *q = &st[p->at_caps + c];
      const uint64_t *counts = &fc->quarter_counts[(size_t)(p->cap_row + c) * fc->quarter_slots];
      fc->caps[fc->cap_row_count++] =
          (ForecastCap){a,      p->caps[c], set[p->at_caps + c],          q->p10, q->p50,
                        q->p90, counts,     counts[fc->quarter_slots - 1]};
    }
    for (uint32_t k = 0; k < p->stake_count; k++)
      fc->stakes[fc->stake_row_count++] =
          (ForecastStake){a, p->stakes[k].year, p->stakes[k].equity, st[p->at_stakes + k]};
  }
  for (uint32_t i = 0; i < fc->sc->milestone_count; i++) /* each path's 0 or 1, summed */
    fc->milestones[i] =
        (ForecastMilestone){fc->sc->milestones[i].id, (uint64_t)sums[fc->at_milestones + i]};
  return fc->sides ? forecast_sides_rows(fc, st) : PACT_OK;
}

/* The paths run into a temporary file, and the statistics of every column read back. */
static PactStatus run_and_select(Forecast *fc, const ForecastOptions *o) {
  int fd = forecast_temp_file();
  if (fd < 0) {
    diag_add_path(fc->diags, DIAG_ERROR, "E1502", "$TMPDIR",
                  "set TMPDIR to a folder pactum may write to",
                  "cannot make the forecast's temporary file: %s", strerror(errno));
    return PACT_ERR_IO;
  }
  PactWide *sums = mem_calloc(fc->width + 1, sizeof *sums);
  uint64_t *set = mem_calloc(fc->width + 1, sizeof *set);
  ForecastStat *st = mem_calloc(fc->width + 1, sizeof *st);
  fc->quarter_counts = arena_alloc(
      &fc->arena, ((size_t)fc->cap_total * fc->quarter_slots + 1) * sizeof *fc->quarter_counts);
  PactStatus status = sums && set && st && fc->quarter_counts ? PACT_OK : PACT_ERR_NOMEM;
  if (fc->quarter_counts)
    memset(fc->quarter_counts, 0,
           ((size_t)fc->cap_total * fc->quarter_slots + 1) * sizeof *fc->quarter_counts);
  if (status == PACT_OK) status = run_paths(fc, fd, o ? o->threads : 1, sums, set);
  if (status == PACT_OK) status = forecast_select(fd, fc->paths, fc->width, sums, st);
  if (status == PACT_ERR_IO)
    diag_add_path(fc->diags, DIAG_ERROR, "E1502", "$TMPDIR", "check the free space of TMPDIR",
                  "cannot write or read the forecast's temporary file");
  if (status == PACT_OK) status = make_rows(fc, st, set, sums);
  close(fd);
  free(sums);
  free(set);
  free(st);
  return status;
}

/* Paths and seed: the options', else the scenario's, else 1,000 and 1; one path without
** uncertainty, whatever was asked. */
static void choose_paths(Forecast *fc, const ForecastOptions *o) {
  const Scenario *sc = fc->sc;
  fc->uncertain = sc->uncertain;
  fc->paths = o && o->has_paths ? o->paths : sc->has_paths ? sc->paths : 1000;
  fc->seed = o && o->has_seed ? o->seed : sc->has_seed ? sc->seed : 1;
  if (!fc->uncertain) fc->paths = 1;
  fc->has_pv = sc->has_discount;
  fc->sides = o && o->sides && fc->plan_count == 2;
}

/* The plan: the actual events settled, the figures' places, the slots, the rows. */
static PactStatus plan(Forecast *fc, const Agreement *const *ags, Feed *feed) {
  const Scenario *sc = fc->sc;
  fc->plans = arena_alloc(&fc->arena, fc->plan_count * sizeof *fc->plans);
  fc->figure_at = arena_alloc(&fc->arena, (sc->series_count + 1) * sizeof *fc->figure_at);
  PactDate *covered = arena_alloc(&fc->arena, (sc->series_count + 1) * sizeof *covered);
  fc->single = arena_alloc(&fc->arena, fc->plan_count * sizeof *fc->single);
  if (!fc->plans || !fc->figure_at || !covered || !fc->single) return PACT_ERR_NOMEM;
  for (size_t i = 0; i < fc->plan_count; i++) fc->plans[i].ag = ags[i];
  for (uint32_t s = 0; s < sc->series_count; s++)
    fc->figure_at[s] = fc->figure_total, fc->figure_total += sc->series[s].figure_count;
  Actuals a = {fc, covered, false, 0, 0};
  PactStatus status =
      feed ? feed_all(feed, fc->diags, actuals_start, actuals_visit, &a) : actuals_start(&a);
  if (status == PACT_OK && fc->diags->errors) status = PACT_ERR_INVALID;
  if (status == PACT_OK) status = plan_slots(fc, covered);
  for (size_t i = 0; i < fc->plan_count && status == PACT_OK; i++) {
    status = plan_pairs_and_caps(fc, &fc->plans[i]);
    if (status == PACT_OK) status = plan_stakes(fc, &fc->plans[i]);
  }
  if (status == PACT_OK && plan_years(fc, &a) != PACT_OK) {
    diag_add_path(fc->diags, DIAG_ERROR, "E1503", sc->path,
                  "a forecast reports each year; keep its figures and events within 200 years",
                  "the forecast would span %d years", fc->year_count);
    status = PACT_ERR_INVALID;
  }
  if (status == PACT_OK && fc->sides) status = forecast_sides_plan(fc);
  if (status == PACT_OK) plan_offsets(fc);
  return status;
}

PactStatus forecast_run(const Agreement *const *ags, size_t n, const Scenario *sc, Feed *feed,
                        const ForecastOptions *o, DiagList *diags, Forecast **out) {
  *out = NULL;
  if (n == 0 || !sc) return PACT_ERR_MISUSE;
  for (size_t i = 0; i < n; i++)
    if (ags[i]->diags.errors || !ags[i]->history_ok) return PACT_ERR_INVALID;
  Forecast *fc = mem_calloc(1, sizeof *fc);
  if (!fc) return PACT_ERR_NOMEM;
  arena_init(&fc->arena);
  fc->sc = sc;
  fc->diags = diags;
  fc->plan_count = n;
  choose_paths(fc, o);
  PactStatus status = plan(fc, ags, feed);
  if (status == PACT_OK) status = run_and_select(fc, o);
  if (status != PACT_OK) {
    forecast_free(fc);
    return status;
  }
  *out = fc;
  return PACT_OK;
}

void forecast_free(Forecast *fc) {
  if (!fc) return;
  for (size_t i = 0; fc->plans && i < fc->plan_count; i++) settle_free(fc->plans[i].base);
  for (size_t i = 0; fc->single && i < fc->plan_count; i++) settle_free(fc->single[i]);
  arena_free(&fc->arena);
  free(fc);
}

uint64_t forecast_paths(const Forecast *fc) { return fc->paths; }
uint64_t forecast_seed(const Forecast *fc) { return fc->seed; }
bool forecast_uncertain(const Forecast *fc) { return fc->uncertain; }
const Scenario *forecast_scenario(const Forecast *fc) { return fc->sc; }
size_t forecast_agreement_count(const Forecast *fc) { return fc->plan_count; }
const Agreement *forecast_agreement(const Forecast *fc, size_t i) {
  return i < fc->plan_count ? fc->plans[i].ag : NULL;
}
const ForecastPair *forecast_pairs(const Forecast *fc, size_t *count) {
  *count = fc->pair_count;
  return fc->pairs;
}
const ForecastYear *forecast_years(const Forecast *fc, size_t *count) {
  *count = fc->year_row_count;
  return fc->years;
}
const ForecastCap *forecast_caps(const Forecast *fc, size_t *count) {
  *count = fc->cap_row_count;
  return fc->caps;
}
const ForecastStake *forecast_stakes(const Forecast *fc, size_t *count) {
  *count = fc->stake_row_count;
  return fc->stakes;
}
const ForecastMilestone *forecast_milestones(const Forecast *fc, size_t *count) {
  *count = fc->sc->milestone_count;
  return fc->milestones;
}
int32_t forecast_years_reported(const Forecast *fc, int32_t *count) {
  *count = fc->year_count;
  return fc->first_year;
}
bool forecast_two_sided(const Forecast *fc) { return fc->sides; }
const ForecastDiff *forecast_differences(const Forecast *fc, size_t *count) {
  *count = fc->sides ? fc->diff_row_count : 0;
  return fc->sides ? fc->diffs : NULL;
}
const Settlement *forecast_settlement(const Forecast *fc, size_t i) {
  return !fc->uncertain && i < fc->plan_count ? fc->single[i] : NULL;
}
