/*
** scenario.h -- a scenario: what a forecast assumes, written in .pact files as a `scenario`
** block beside the agreement (or in a file of its own). Per party and revenue stream it gives
** figures by year, quarter or span of months, growth from the period before, ranges with their
** distribution; milestones on a day or with a yearly chance; a company's valuation by year; the
** discount rate for present values; and default paths and seed. Read and checked against the
** agreement here (docs/language.md, "Scenarios"); drawn and projected by engine/forecast.
*/
#ifndef PACT_SCENARIO_H
#define PACT_SCENARIO_H

#include "terms/read.h"

/* How an uncertain figure is drawn (docs/forecast.md says each precisely). */
typedef enum ScenDist {
  DIST_NONE = 0,   /* a single figure */
  DIST_UNIFORM,    /* low to high, every value alike */
  DIST_TRIANGULAR, /* low to high, most likely at the mode */
  DIST_LOGNORMAL   /* growth only: (1 + g) times a lognormal factor of mean 1 */
} ScenDist;

/* What a line of a revenue or valuation block gives. */
typedef enum FigureKind {
  FIG_AMOUNT = 0, /* an amount (or a range of amounts) for the period */
  FIG_GROWTH,     /* a rate of growth from the period before */
  FIG_MULTIPLE    /* valuations only: a multiple of the company's revenue that year */
} FigureKind;

/* The length of a figure's period. */
typedef enum FigurePeriod { PER_YEAR = 0, PER_QUARTER, PER_MONTHS } FigurePeriod;

typedef struct Figure {
  FigurePeriod period;
  int32_t year;         /* PER_YEAR, PER_QUARTER */
  int32_t quarter;      /* 1..4 for PER_QUARTER */
  PactDate first, last; /* the period's days: first of a month to last of a month */
  uint32_t months;      /* the months it is split into */
  FigureKind kind;
  ScenDist dist;
  int64_t low_minor, high_minor, mode_minor; /* FIG_AMOUNT; low == high when single */
  double low, high, mode;                    /* growth (fractions: 5% is 0.05) or multiples */
  double volatility;                         /* DIST_LOGNORMAL: sigma of the log, per period */
  int32_t before; /* FIG_GROWTH: the figure of the period before, in the same series */
  uint32_t draw;  /* the first of its random draws (drawn figures only) */
  uint32_t line;  /* the line in its file, for the notes of generated events */
  Span span;      /* the period's words, for messages */
  Citation cite;  /* the line's source, else the scenario's */
} Figure;

typedef enum SeriesKind { SERIES_REVENUE = 0, SERIES_VALUATION } SeriesKind;

/* revenue of PARTY stream STREAM { ... } or valuation of PARTY { ... } */
typedef struct Series {
  SeriesKind kind;
  Ref party;
  Str stream; /* revenue only */
  Figure *figures;
  uint32_t figure_count;
  Span span;
} Series;

/* milestone ID by PARTY on DATE, or milestone ID by PARTY chance P per year from D through D */
typedef struct ScenMilestone {
  Str id;
  Ref party;
  bool dated;
  PactDate date; /* dated */
  double chance; /* otherwise: the chance in each year (0..1) */
  PactDate from, through;
  uint32_t draw; /* its first random draw: one per year for whether, one for the day */
  uint32_t line;
  Span span;
  Citation cite;
} ScenMilestone;

typedef struct Scenario {
  Str name;
  Span name_span;
  Str title, says;
  Citation source;
  const char *path; /* the file it is written in */
  bool has_from;
  PactDate from; /* projected revenue starts on this day (and never before the actual events end) */
  bool has_discount;
  double discount; /* a yearly rate, 0.08 for 8% */
  PactDecimal discount_rate;
  PactDate discount_to; /* present values are at this day */
  bool has_paths, has_seed;
  uint64_t paths, seed;
  Series *series;
  uint32_t series_count;
  ScenMilestone *milestones;
  uint32_t milestone_count;
  uint32_t draw_count; /* random draws per path */
  bool uncertain;      /* any range, lognormal growth or milestone by chance */
} Scenario;

/* The scenario blocks of a syntax tree, read and checked against a checked agreement. Every
** other top-level block is an error when only_scenarios (a file given with --scenario). */
bool scenario_read_tree(Checker *ck, const SyntaxTree *tree, bool only_scenarios, Scenario **list,
                        uint32_t *count);
/* A file of scenarios given apart from the agreement (--scenario FILE): its text, which its
** diagnostics point into, and its scenarios. */
typedef struct ScenarioFile {
  Arena arena;
  Source source;
  bool has_source;
  Scenario *list;
  uint32_t count;
} ScenarioFile;

/* Reads and checks a file of scenario blocks against an agreement that checked clean; its
** problems go to diags (which must be rendered before the file is freed). PACT_ERR_NOMEM. */
PactStatus scenario_file_load(const Agreement *agreement, const char *path, DiagList *diags,
                              ScenarioFile **out);
void scenario_file_free(ScenarioFile *file);

/* The words of a distribution, for output: "uniform", "triangular", "lognormal", "none". */
const char *scenario_dist_name(ScenDist dist);

#endif
