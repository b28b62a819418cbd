/*
** forecast_int.h -- what the forecast's files share, and nothing else includes: the plan built
** once (the generated events' templates, the rows each path fills, the settlements of the
** actual events), a path's working memory, and the draws. forecast.c plans and runs the paths;
** forecast_path.c draws and settles one path; forecast_stats.c keeps each path's results in a
** temporary file and selects the percentiles from it.
*/
#ifndef PACT_FORECAST_INT_H
#define PACT_FORECAST_INT_H

#include "base/arena.h"
#include "base/money.h"
#include "engine/forecast.h"

/* One generated monthly revenue event: a month of a figure, cut to the days after the actual
** events (first_kept), or left out when none of its days are. */
typedef struct Slot {
  uint32_t series, figure, month; /* the month's index within its figure's months */
  PactDate first, last;           /* the whole month */
  PactDate kept;                  /* the first day projected; > last: left out */
  Event event;                    /* the template: id, party, stream, note; amount per path */
} Slot;

/* A stake row's inputs: an equity clause and the valuation figure of its year. */
typedef struct StakePlan {
  const Clause *equity;
  uint32_t series, figure;
  int32_t year;
} StakePlan;

/* One agreement's part: its actual events settled, and where its rows are in a path's results. */
typedef struct Plan {
  const Agreement *ag;
  Settlement *base; /* open: the actual events, cloned by each path */
  int32_t *payers, *payees;
  uint32_t pair_count;
  const Clause **caps;
  uint32_t cap_count;
  StakePlan *stakes;
  uint32_t stake_count;
  uint32_t at_pairs, at_pv, at_years, at_caps, at_stakes; /* offsets into a path's results */
  uint32_t cap_row; /* its first cap's row among every agreement's */
} Plan;

/* Two sides: the pairs of either side (side a's first), and where each is on each side. */
typedef struct DiffPlan {
  uint32_t count;
  int32_t *payer, *payee;
  int32_t *on[2]; /* the pair's index in side a's and side b's plan; -1: not there */
  uint32_t at;    /* per pair its total, then each year's: 1 + year_count columns */
} DiffPlan;

struct Forecast {
  Arena arena;
  const Scenario *sc;
  DiagList *diags;
  Plan *plans;
  size_t plan_count;
  Slot *slots;
  size_t slot_count;
  uint32_t *figure_at; /* per series: the index of its first figure in a path's amounts */
  uint32_t figure_total;
  int32_t first_year, year_count;
  uint32_t at_milestones; /* offset of the milestones' 0/1 in a path's results */
  bool sides;             /* two sides and their difference */
  DiffPlan diff;
  uint32_t cap_total;       /* capped wordings of every agreement */
  uint32_t quarter_slots;   /* per cap: year_count * 4 quarters, then never, then outside */
  uint64_t *quarter_counts; /* cap_total * quarter_slots, once the paths are run */
  uint32_t width;           /* results per path */
  uint64_t paths, seed;
  bool uncertain;
  bool has_pv;
  /* The rows, once the paths are run. */
  ForecastPair *pairs;
  size_t pair_count;
  ForecastYear *years;
  size_t year_row_count;
  ForecastCap *caps;
  size_t cap_row_count;
  ForecastStake *stakes;
  size_t stake_row_count;
  ForecastMilestone *milestones;
  ForecastDiff *diffs;
  size_t diff_row_count;
  Settlement **single; /* per agreement, without uncertainty */
};

/* A path's working memory: the figures' amounts and its results. */
typedef struct PathWork {
  int64_t *amounts; /* figure_total: each figure's amount on this path */
  int64_t *results; /* width */
  DiagList diags;   /* the path's settlements report here */
} PathWork;

/* A uniform draw in [0, 1) for (seed, path, index): a counter-based generator, so a draw
** depends on nothing but these three, whatever thread computes it and in whatever order. */
double forecast_draw(uint64_t seed, uint64_t path, uint64_t index);
/* Draws each figure's amount for the path (revenue, then valuations); PACT_ERR_OVERFLOW. */
PactStatus forecast_figures(const Forecast *fc, uint64_t path, int64_t *amounts);
/* A figure's amount in one month of its split (the leftover cents on the earliest months). */
int64_t forecast_month_amount(int64_t amount, uint32_t months, uint32_t month);
/* Two sides (forecast_sides.c): the pairs of either side planned; a path's differences a - b
** of its totals and years filled in from its results (PACT_ERR_OVERFLOW past 64 bits); the
** rows made from the columns' statistics. */
PactStatus forecast_sides_plan(Forecast *fc);
PactStatus forecast_differences_fill(const Forecast *fc, int64_t *results);
PactStatus forecast_sides_rows(Forecast *fc, const ForecastStat *st);
/* Runs one path: settles each agreement from its actual events with the path's generated
** events, and fills work->results. keep (without uncertainty): the settlements are kept. */
PactStatus forecast_path(Forecast *fc, uint64_t path, PathWork *work, Settlement **keep);

/* The statistics of the results in a temporary file of paths * width values (forecast_stats.c):
** out[m] for each column m, sums its means, exact order statistics at 10, 50 and 90%. */
PactStatus forecast_select(int fd, uint64_t paths, uint32_t width, const PactWide *sums,
                           ForecastStat *out);
/* A temporary file, unlinked (in $TMPDIR, else /tmp); -1 with errno set. */
int forecast_temp_file(void);

#endif
