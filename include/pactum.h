/*
** pactum.h -- the one public header of libpactum.
** Exact money, civil dates, agreement files, their checker and the terms they put in force.
*/
#ifndef PACTUM_H
#define PACTUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PACT_VERSION "0.1.0"

/* ------------------------------------------------------------------ status */

/* Every fallible function returns one of these; PACT_OK is zero. */
typedef enum PactStatus {
  PACT_OK = 0,
  PACT_ERR_SYNTAX,    /* text that does not have the required form */
  PACT_ERR_RANGE,     /* a well-formed value outside what is allowed (2026-02-30, 101%) */
  PACT_ERR_OVERFLOW,  /* an exact result does not fit in its type */
  PACT_ERR_PRECISION, /* more decimal places than the currency or rate allows */
  PACT_ERR_NOMEM,
  PACT_ERR_IO,
  PACT_ERR_INVALID /* the input failed checking; see the diagnostics */
} PactStatus;

const char *pact_status_name(PactStatus status);

/* ------------------------------------------------------------------- money */

/*
** Amounts are int64 minor units of one currency (USD cents). Intermediates are __int128;
** a result that does not fit in int64 is PACT_ERR_OVERFLOW, never a wrapped value.
** No floating point ever touches an amount.
*/
typedef struct PactCurrency {
  char code[4];         /* ISO 4217, NUL-terminated: "USD" */
  uint8_t minor_digits; /* decimal places of the minor unit: 2 for USD, 0 for JPY */
} PactCurrency;

/* Finds an ISO 4217 code (exactly three upper-case letters) in pactum's table. */
bool pact_currency_find(const char *code, size_t code_len, PactCurrency *out);

/*
** An exact decimal: units / 10^scale. Rates are decimals (20% is units 20, scale 2).
** PACT_DECIMAL_SCALE_MAX bounds the scale so that every product fits in __int128.
*/
#define PACT_DECIMAL_SCALE_MAX 18
typedef struct PactDecimal {
  int64_t units;
  uint8_t scale;
} PactDecimal;

/*
** Rounding modes. Ties are exactly half a minor unit.
**   HALF_EVEN  ties to the even neighbour (banker's rounding; pactum's default)
**   HALF_UP    ties away from zero
**   HALF_DOWN  ties toward zero
**   DOWN       toward zero (truncate)
**   UP         away from zero
**   FLOOR      toward negative infinity
**   CEILING    toward positive infinity
*/
typedef enum PactRounding {
  PACT_ROUND_HALF_EVEN = 0,
  PACT_ROUND_HALF_UP,
  PACT_ROUND_HALF_DOWN,
  PACT_ROUND_DOWN,
  PACT_ROUND_UP,
  PACT_ROUND_FLOOR,
  PACT_ROUND_CEILING
} PactRounding;

/* "half-even", "half-up", ... as written in agreement files. */
const char *pact_rounding_name(PactRounding mode);
bool pact_rounding_find(const char *name, size_t name_len, PactRounding *out);

/*
** Parses a plain decimal: optional '-', digits, optional '.digits'. Commas between groups of
** three digits are allowed ("38,000,000,000.00") when allow_grouping is true.
** More than PACT_DECIMAL_SCALE_MAX places is PACT_ERR_PRECISION.
*/
PactStatus pact_decimal_parse(const char *text, size_t len, bool allow_grouping, PactDecimal *out);
/* Compares exactly; returns <0, 0, >0. */
int pact_decimal_cmp(PactDecimal a, PactDecimal b);
/* Multiplies by 10^exponent (exponent >= 0) without losing anything, or PACT_ERR_OVERFLOW. */
PactStatus pact_decimal_shift(PactDecimal value, int exponent, PactDecimal *out);
/* Reduces the scale by dropping trailing zeros, never below min_scale. */
PactDecimal pact_decimal_normalize(PactDecimal value, uint8_t min_scale);
/* Writes the decimal with exactly its scale's places ("0.125"); returns chars written. */
size_t pact_decimal_format(PactDecimal value, char *buf, size_t buf_size);

/* A rate as a fraction, written with at least two places: 20% -> "0.20", 12.5% -> "0.125". */
size_t pact_rate_format(PactDecimal rate, char *buf, size_t buf_size);
/* A rate as a percentage for people: "20%", "12.5%". */
size_t pact_rate_format_percent(PactDecimal rate, char *buf, size_t buf_size);

/*
** Converts an exact decimal amount to minor units of a currency with minor_digits places.
** More places than the currency has is PACT_ERR_PRECISION (no silent rounding).
*/
PactStatus pact_money_from_decimal(PactDecimal amount, uint8_t minor_digits, int64_t *out_minor);
/* Parses "24.69", "-3", "1,000.50" (grouping allowed) straight to minor units. */
PactStatus pact_money_parse(const char *text, size_t len, uint8_t minor_digits, int64_t *out_minor);
/* Writes "38000000000.00", "-24.69", "5" (for 0 digits); returns chars written. */
size_t pact_money_format(int64_t minor, uint8_t minor_digits, char *buf, size_t buf_size);
/* Same, with thousands separators for people: "38,000,000,000.00". */
size_t pact_money_format_grouped(int64_t minor, uint8_t minor_digits, char *buf, size_t buf_size);

PactStatus pact_money_add(int64_t a, int64_t b, int64_t *out);
PactStatus pact_money_sub(int64_t a, int64_t b, int64_t *out);
/* round(rate * amount) in minor units, rounded once with the given mode. */
PactStatus pact_money_mul_rate(int64_t amount_minor, PactDecimal rate, PactRounding mode,
                               int64_t *out_minor);

/*
** Splitting: total split into part_count parts as evenly as possible in whole minor units,
** the leftover units going to the earliest parts; a negative total splits the same way with
** its sign. The parts always sum to the total.
*/
int64_t pact_money_split_part(int64_t total, int64_t part_count, int64_t index);
/* Sum of parts [first, first + count) of the split above, in O(1). */
int64_t pact_money_split_range(int64_t total, int64_t part_count, int64_t first, int64_t count);

/* -------------------------------------------------------------------- time */

/*
** A civil date (proleptic Gregorian) as days since 1970-01-01. Years 1..9999 only.
*/
typedef int32_t PactDate;
#define PACT_YEAR_MIN 1
#define PACT_YEAR_MAX 9999

bool pact_is_leap_year(int year);
int pact_days_in_month(int year, int month);
/* PACT_ERR_RANGE for an impossible date such as 2026-02-30. */
PactStatus pact_date_from_ymd(int year, int month, int day, PactDate *out);
void pact_date_to_ymd(PactDate date, int *year, int *month, int *day);
/* Strict YYYY-MM-DD: PACT_ERR_SYNTAX for a bad form, PACT_ERR_RANGE for an impossible day. */
PactStatus pact_date_parse(const char *text, size_t len, PactDate *out);
/* Writes YYYY-MM-DD and a NUL; buf must hold 11 bytes. */
void pact_date_format(PactDate date, char buf[11]);
/* Days from a to b (b - a); inclusive day count of [a, b] is pact_days_between(a, b) + 1. */
int32_t pact_days_between(PactDate a, PactDate b);
/* 1 = Monday ... 7 = Sunday (ISO 8601). */
int pact_date_weekday(PactDate date);
/* Adds whole calendar months, clamping the day to the target month's length
** (Jan 31 + 1 = Feb 28/29). */
PactStatus pact_date_add_months(PactDate date, int months, PactDate *out);
/* Today in UTC. */
PactDate pact_date_today(void);

/*
** Settlement periods. Calendar periods by default; a fiscal calendar starts its year on
** fiscal_start_month (7 = July). A fiscal year is named by the calendar year in which it
** ends: with a July start, FY2026 runs 2025-07-01 .. 2026-06-30.
*/
typedef enum PactPeriodKind {
  PACT_PERIOD_MONTH = 0,
  PACT_PERIOD_QUARTER,
  PACT_PERIOD_HALF,
  PACT_PERIOD_YEAR
} PactPeriodKind;

typedef struct PactCalendar {
  PactPeriodKind kind;
  uint8_t fiscal_start_month; /* 1 for calendar periods */
} PactCalendar;

typedef struct PactPeriod {
  PactDate first; /* first day, inclusive */
  PactDate last;  /* last day, inclusive */
  int year;       /* calendar year, or fiscal year as named above */
  int index;      /* 1-based month, quarter or half within the year; 1 for years */
} PactPeriod;

const char *pact_period_kind_name(PactPeriodKind kind); /* "monthly", "quarterly", ... */
/* The period that contains date. */
PactPeriod pact_period_of(PactCalendar calendar, PactDate date);
/* The period after p. */
PactPeriod pact_period_next(PactCalendar calendar, PactPeriod p);
/*
** A label: "2026-05", "2026-Q2", "2026-H1", "2026" for calendar periods;
** "FY2026-05" (fiscal month 5), "FY2026-Q1", "FY2026-H1", "FY2026" for fiscal ones.
*/
size_t pact_period_label(PactCalendar calendar, PactPeriod p, char *buf, size_t buf_size);

/* What a period label says, read back: its kind, whether it is fiscal, its year and index. */
typedef struct PactPeriodLabel {
  PactPeriodKind kind;
  bool fiscal;
  int year;
  int index; /* 1-based month, quarter or half; 1 for a year */
} PactPeriodLabel;
/*
** Reads a label in the form pact_period_label writes. PACT_ERR_SYNTAX for another form, with a
** label in that form written to suggestion when the text is one plainly (2025Q3, 2025-q3,
** Q3 2025, 2025/Q3: 2025-Q3), else suggestion[0] is NUL; PACT_ERR_RANGE for a month, quarter
** or half that does not exist (2025-Q5, 2025-13). suggestion may be NULL; it holds 16 bytes.
*/
PactStatus pact_period_label_parse(const char *text, size_t len, PactPeriodLabel *out,
                                   char *suggestion);

/* --------------------------------------------------------------- agreements */

/*
** An agreement loaded from its .pact files and checked. Loading always yields an agreement
** with its diagnostics (unreadable files included); only running out of memory fails.
** Its terms are to be used only when pact_agreement_error_count() is zero.
*/
typedef struct PactAgreement PactAgreement;

/* path is a folder of .pact files (one agreement) or a single .pact file. */
PactStatus pact_agreement_load(const char *path, PactAgreement **out);
/* One agreement from one text in memory; name is used in diagnostics. */
PactStatus pact_agreement_load_text(const char *name, const char *text, size_t len,
                                    PactAgreement **out);
void pact_agreement_free(PactAgreement *agreement);
size_t pact_agreement_error_count(const PactAgreement *agreement);
size_t pact_agreement_warning_count(const PactAgreement *agreement);
/* Renders every diagnostic: file:line:column: error[CODE]: message, the line, a caret. */
void pact_agreement_print_diagnostics(const PactAgreement *agreement, FILE *out, bool color);
/* The first day of the first version (0 when the history is broken). */
PactDate pact_agreement_first_day(const PactAgreement *agreement);

/* One line per agreement, then the most each payment clause can ever pay. */
void pact_check_summary(const PactAgreement *agreement, FILE *out);
/* The same for several agreements, with every diagnostic, as one JSON object. */
void pact_check_report_json(PactAgreement *const *agreements, size_t count, FILE *out);
/* The terms in force on a date: PACT_ERR_RANGE when no version is in force then,
** PACT_ERR_INVALID when the agreement has errors. */
PactStatus pact_show(const PactAgreement *agreement, PactDate on, bool json, FILE *out);
/* What each version changed: clauses added, changed term by term, and removed. */
PactStatus pact_history(const PactAgreement *agreement, bool json, FILE *out);

/*
** The canonical layout of an agreement file. pact_format_text allocates *out (free it);
** PACT_ERR_INVALID when the text does not parse (diagnostics go to diag_out, if given).
*/
PactStatus pact_format_text(const char *name, const char *text, size_t len, char **out,
                            size_t *out_len, FILE *diag_out, bool color);
/* Formats a file in place (atomically), or with check_only only says whether it would change. */
PactStatus pact_format_file(const char *path, bool check_only, bool *changed, FILE *diag_out,
                            bool color);

#ifdef __cplusplus
}
#endif

#endif /* PACTUM_H */
