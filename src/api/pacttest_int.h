/*
** pacttest_int.h -- scenario test files inside the api layer (pactum.h's pact_test_*): the model
** a .pacttest file is read into (api_pacttest_parse.c), what running it needs and finds
** (api_pacttest_run.c, api_pacttest_figures.c, api_pacttest_compare.c for the figures of
** two sides compared, api_pacttest_forecast.c for a forecast's) and how its outcomes are
** written (api_pacttest_write.c). A test file names an agreement, each test its events and what
** must come out of them (or the two sides it compares, or the scenario it forecasts, and their
** figures); every expectation keeps where it was written, for its
** diagnostics and its diff.
** Only the files of src/api include it.
*/
#ifndef PACT_PACTTEST_INT_H
#define PACT_PACTTEST_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "pactum.h"

/* The diagnostics of test files (docs/testing.md lists them). */
#define TEST_E_SYNTAX   "E1601" /* a line that is not one the format has */
#define TEST_E_MISSING  "E1602" /* an agreement or event file that is not there */
#define TEST_E_UNKNOWN  "E1603" /* a clause, party, version or side the agreement lacks */
#define TEST_E_AMOUNT   "E1604" /* an amount the agreement's currency cannot hold */
#define TEST_E_NO_AGREE "E1606" /* a test file without its agreement line */

/* A word or string of a test line: its text (a string's without the quotes, unescaped) and where
** it was written, for diagnostics. */
typedef struct TestWord {
  const char *ptr;
  uint32_t len;
  uint32_t offset, length; /* in the file's text */
  bool quoted;
} TestWord;

typedef enum ExpectKind {
  EXPECT_OWES = 0,   /* owes CLAUSE PERIOD AMOUNT ... */
  EXPECT_TOTAL,      /* total PAYER to PAYEE AMOUNT ... */
  EXPECT_STANDING,   /* standing CLAUSE PERIOD STANDING ... (on the test's day) */
  EXPECT_BALANCE,    /* balance PAYER to PAYEE ... (on the test's day) */
  EXPECT_LAUNCH,     /* launch PRODUCT with PROVIDER on DATE is DECISION ... */
  EXPECT_USE,        /* use SUBJECT by LICENSEE on DATE is DECISION ... */
  EXPECT_DIAGNOSTIC, /* error|warning CODE [on line N] [of agreement|events|"FILE"] */
  EXPECT_NO_ERRORS,
  EXPECT_NO_WARNINGS,
  /* after the test's compare line: two sides' figures, "A against B" */
  EXPECT_CMP_TOTAL,  /* total PAYER to PAYEE A against B [difference D] */
  EXPECT_CMP_YEAR,   /* year YEAR PAYER to PAYEE A against B [difference D] */
  EXPECT_CMP_CLAUSE, /* clause CLAUSE A against B [difference D] */
  EXPECT_CMP_CAP,    /* cap CLAUSE binds on SIDE from PERIOD [through PERIOD] | free on SIDE */
  /* after the test's forecast line: the forecast's figures */
  EXPECT_FC_TOTAL,    /* total PAYER to PAYEE mean A [p10 A] [p50 A] [p90 A] [present value A] */
  EXPECT_FC_YEAR,     /* year YEAR PAYER to PAYEE mean A [p10 A] [p50 A] [p90 A] */
  EXPECT_FC_CAP,      /* cap CLAUSE [version V] probability P [p10 Q] [p50 Q] [p90 Q] */
  EXPECT_FC_MILESTONE /* milestone ID probability P */
} ExpectKind;

/* Whether an expectation is one of two sides compared. */
#define EXPECT_IS_COMPARED(kind) ((kind) >= EXPECT_CMP_TOTAL && (kind) <= EXPECT_CMP_CAP)
/* Whether an expectation is one of a forecast's figures. */
#define EXPECT_IS_FORECAST(kind) ((kind) >= EXPECT_FC_TOTAL && (kind) <= EXPECT_FC_MILESTONE)

/* The figures an expectation may name; each is a bit of Expectation.figures. */
typedef enum Figure {
  FIG_AMOUNT = 0, /* owes: the amount; total: owed */
  FIG_BASE,
  FIG_BEFORE_CAP, /* owes: before the cap; total: without any cap */
  FIG_CUMULATIVE,
  FIG_OWED, /* balance */
  FIG_PAID,
  FIG_OUTSTANDING,
  FIG_OVERDUE,
  FIG_OVERPAID,
  FIG_AGAINST,    /* compared: side b's figure (FIG_AMOUNT is side a's) */
  FIG_DIFFERENCE, /* compared: a - b */
  FIG_P10,        /* forecast: percentiles over the paths (FIG_AMOUNT is the mean) */
  FIG_P50,
  FIG_P90,
  FIG_PRESENT_VALUE, /* forecast: the mean present value */
  FIG_COUNT
} Figure;

/* Where a diagnostic expectation looks. */
typedef enum DiagWhere { WHERE_ANY = 0, WHERE_AGREEMENT, WHERE_EVENTS, WHERE_FILE } DiagWhere;

typedef struct Expectation {
  ExpectKind kind;
  uint32_t line;   /* 1-based line of the test file */
  uint32_t offset; /* of its first word, and the length of the line's words, for diagnostics */
  uint32_t length;
  TestWord clause, payer, payee, version; /* len 0: not given */
  TestWord period;                        /* owes, standing: a label, or len 0 with a range */
  bool has_range;
  PactDate from, through;
  uint32_t figures; /* bits of Figure given */
  PactDecimal values[FIG_COUNT];
  TestWord currency;                /* the currency code written before the amounts, or len 0 */
  TestWord figure_words[FIG_COUNT]; /* where each figure was written */
  bool has_due;
  PactDate due;
  int cap_binds; /* -1 not said, 0 "cap free", 1 "cap binds" */
  TestWord standing;
  /* launch and use */
  TestWord product, provider, tags, licensee, subject;
  PactDate on;
  PactDecision decision;
  bool under_none; /* "under no clause" */
  TestWord exception, saying;
  /* diagnostics */
  PactSeverity severity;
  TestWord code;
  uint32_t diag_line; /* 0: any line */
  DiagWhere where;
  TestWord where_file;
  /* compared figures */
  int year;                           /* year lines */
  TestWord side;                      /* cap lines: one of the compare line's sides, as written */
  TestWord binds_from, binds_through; /* cap lines: period labels, len 0 when not given */
  /* forecast figures, as written (len 0: not given): a share of paths with four places, and
  ** a cap's quarters (2029-Q1 or never) at p10, p50, p90 */
  TestWord milestone, probability, quarters[3];
} Expectation;

typedef struct TestEvents {
  TestWord *files; /* as written; resolved against the test file's folder when run */
  size_t file_count;
  TestWord ledger;
  bool has_known_on;
  PactDate known_on;
  char *rows; /* inline rows: blank lines up to the first, so that their lines are the file's */
  size_t rows_len;
  bool given;
} TestEvents;

typedef struct TestCase {
  TestWord name;
  uint32_t line;
  TestEvents events;
  bool has_on;
  PactDate on;
  bool has_compare; /* compare SIDE with SIDE: sides[0] is side a, sides[1] side b */
  TestWord sides[2];
  bool has_forecast; /* forecast FILE [paths N] [seed S]: the scenario file, as written */
  TestWord scenario;
  PactForecastOptions forecast;
  Expectation *expects;
  size_t expect_count;
} TestCase;

/* A test file as read. Its words point into source.text or into arena. */
typedef struct TestFile {
  Source source;
  Arena arena;
  TestWord agreement;
  TestEvents events; /* the file's default events, for tests that give none */
  TestCase *tests;
  size_t test_count;
  size_t expect_count;
  bool ok; /* read without errors */
} TestFile;

/* Reads text (copied) as the test file path; its problems go to diags. false only when memory
** ran out (then file is to be freed all the same). */
bool pacttest_parse(TestFile *file, const char *path, const char *text, size_t len,
                    DiagList *diags);
void pacttest_file_free(TestFile *file);
/* A word as a C string in the file's arena (NULL when memory runs out). */
char *pacttest_cstr(TestFile *file, TestWord word);

/* What running a file needs: the file, its agreement loaded (checked clean or not), and where
** each outcome goes. */
typedef struct TestOutcomes {
  PactTestOutcome *items;
  size_t count;
  Arena *arena; /* the texts of the outcomes */
  size_t passed, failed;
} TestOutcomes;

/* The agreement at path on a side (NULL or "actual": as it is; a version's name; an amendment
** file's path), loaded once for the run. PACT_ERR_RANGE when the side names neither. */
PactStatus pacttest_agreement(PactTestRun *run, const char *path, const char *side,
                              PactAgreement **out);

/* The figures of one test: settles, compares and decides as the expectations ask, and adds one
** outcome for each. The agreement (loaded from agreement_path) may have errors (then only
** diagnostics can pass). */
PactStatus pacttest_run_case(TestFile *file, TestCase *test, const PactAgreement *agreement,
                             PactTestRun *run, const char *agreement_path, const char *dir,
                             DiagList *diags, TestOutcomes *outcomes);

/* A line of text built up by appending; cut short (never overrun) when it does not fit. */
typedef struct TestText {
  char buf[640];
  size_t len;
} TestText;
void pacttest_add(TestText *t, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* Appends "WORD USD 1,042.35" (no word when it is ""). */
void pacttest_add_money(TestText *t, const PactAgreement *agreement, const char *word,
                        int64_t minor);

/* The agreements of a test's two sides (api_pacttest_compare.c): actual, a version's name, or an
** amendment file relative to dir. A side that names none is E1603 at its word, with the closest
** version; PACT_ERR_RANGE then. */
PactStatus pacttest_sides(TestFile *file, const TestCase *test, PactTestRun *run,
                          const char *agreement_path, const PactAgreement *agreement,
                          const char *dir, DiagList *diags, const PactAgreement *out[2]);
/* A compared line: want written from the line, got from the comparison, in the same words;
** c NULL: want alone. */
void pacttest_compared(const Expectation *e, const PactAgreement *agreement,
                       const PactComparison *c, const TestCase *test,
                       const int64_t expected[FIG_COUNT], TestText *want, TestText *got);
/* The forecast of a test's forecast line (api_pacttest_forecast.c): its scenario file, relative
** to dir, loaded and forecast after feed (NULL: no actual events). A file that is not there is
** E1602 at its word (PACT_ERR_IO then); the scenario's and the forecast's problems go to
** events, where the test's error lines see them. *scenario is freed after events. */
PactStatus pacttest_forecast(TestFile *file, const TestCase *test, const PactAgreement *agreement,
                             const char *dir, PactFeed *feed, DiagList *diags,
                             PactDiagnostics *events, PactScenario **scenario, PactForecast **out);
/* A forecast line: want written from the line, got from the forecast, in the same words;
** fc NULL: want alone. A milestone the forecast lacks is E1603 with the closest one. */
void pacttest_forecasted(TestFile *file, const Expectation *e, const PactAgreement *agreement,
                         const PactForecast *fc, const int64_t expected[FIG_COUNT], DiagList *diags,
                         TestText *want, TestText *got);
/* The expectation's line of the file as written (for the "- expected" side of a diff). */
char *pacttest_line_text(TestFile *file, const Expectation *e);
/* Adds one outcome; false for want of memory. */
bool pacttest_outcome_add(TestOutcomes *outcomes, const char *file, uint32_t line, const char *test,
                          bool passed, const char *expected, const char *actual);
/* The texts of a figure for people: "USD 1,042.35". */
void pacttest_money(const PactAgreement *agreement, int64_t minor, char *buf, size_t size);

#endif
