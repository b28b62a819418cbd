/*
** pactum.h -- the one public header of libpactum: if a function, type or constant is not here,
** it is not part of the library's interface (the library exports nothing else: a test lists
** its symbols).
**
** In the order of the work: status codes; exact money and civil dates; agreement files, their
** checker and the terms they put in force; diagnostics as values; event files; the ledger; the
** events in force (from files or a ledger as known on a day); settlement and what is written
** of it (statements, summaries by year, journals, explanations); decisions; audits.
**
** Conventions. Every fallible function returns a PactStatus. A function that makes an object
** sets *out to it, or to NULL when it fails, and the caller frees it with the matching _free or
** _close, which accept NULL. Texts handed in are copied when they must outlive the call, unless
** a function says otherwise; texts handed out live as long as the object they come from.
** Problems with the input are diagnostics added to a PactDiagnostics the caller owns, never
** printed by the library on its own. A call out of order (a settlement finished twice, an
** event added after the end) is PACT_ERR_MISUSE, and changes nothing.
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

/* The compiler checks the format of a printf-like function of the library (GCC and Clang). */
#if defined(__GNUC__)
#define PACT_PRINTF(format_index, first_index)                                                     \
  __attribute__((format(printf, format_index, first_index)))
#else
#define PACT_PRINTF(format_index, first_index)
#endif

/* What this header declares is what the library exports, and nothing else (built with
** -fvisibility=hidden: every other name stays inside). */
#if defined(__GNUC__)
#pragma GCC visibility push(default)
#endif

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
  PACT_ERR_INVALID, /* the input failed checking; see the diagnostics */
  PACT_ERR_MISUSE   /* the library was called out of order; nothing was changed */
} PactStatus;
/* PACT_ERR_MISUSE is defined (for code written before it was). */
#define PACT_HAS_MISUSE 1

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


/* -------------------------------------------------------------- diagnostics */

/*
** Every problem pactum finds is a diagnostic: a severity, a stable code (E1203, W1110: each has
** a row in docs/diagnostics.md), where it is, a message and what to do. They are collected in a
** list the caller owns and that any number of calls add to; nothing is printed until the caller
** prints it. Adding never fails: a diagnostic that cannot be kept for want of memory is counted
** (pact_diagnostics_lost_count), so that an answer that lacks one is never taken for a clean one.
*/
typedef struct PactDiagnostics PactDiagnostics;
typedef enum PactSeverity {
  PACT_SEVERITY_ERROR = 0,
  PACT_SEVERITY_WARNING,
  PACT_SEVERITY_NOTE
} PactSeverity;

/* One diagnostic, read back. Its texts live as long as the list, until it is cleared. */
typedef struct PactDiagnostic {
  PactSeverity severity;
  const char *code;      /* "E1203" */
  const char *path;      /* the file it is about, or NULL */
  uint32_t line, column; /* 1-based, column in characters; 0 when not known (a whole file) */
  const char *message;
  const char *help; /* what to do about it, or NULL */
} PactDiagnostic;

PactStatus pact_diagnostics_new(PactDiagnostics **out);
void pact_diagnostics_free(PactDiagnostics *diagnostics);
/* Forgets every diagnostic (the counts too). */
void pact_diagnostics_clear(PactDiagnostics *diagnostics);
size_t pact_diagnostics_count(const PactDiagnostics *diagnostics);
size_t pact_diagnostics_error_count(const PactDiagnostics *diagnostics);
size_t pact_diagnostics_warning_count(const PactDiagnostics *diagnostics);
/* Diagnostics that could not be kept for want of memory (in this list). */
size_t pact_diagnostics_lost_count(const PactDiagnostics *diagnostics);
/* The index-th diagnostic, in the order they were added; false when index is past the end. */
bool pact_diagnostics_get(const PactDiagnostics *diagnostics, size_t index, PactDiagnostic *out);
/*
** Adds a diagnostic of the caller's own (a front end's, with a code of its choosing) about a
** file and line (line 0: the whole file; path NULL: no file). help may be NULL.
*/
void pact_diagnostics_add(PactDiagnostics *diagnostics, PactSeverity severity, const char *code,
                          const char *path, uint32_t line, const char *help, const char *format,
                          ...) PACT_PRINTF(7, 8);
/* Moves every diagnostic of from to the end of into; from is left empty. */
void pact_diagnostics_move(PactDiagnostics *into, PactDiagnostics *from);
/*
** Prints every diagnostic, sorted by file and place (the order they were added breaks ties):
** file:line:column: error[CODE]: message, the line with a caret where there is one, and
** "= help: ...". Outside text (a file name, an event's id) is shown escaped (pact_write_text).
*/
void pact_diagnostics_print(const PactDiagnostics *diagnostics, FILE *out, bool color);
/* The agreement's own diagnostics (of loading and checking it); they live with the agreement. */
const PactDiagnostics *pact_agreement_diagnostics(const PactAgreement *agreement);
/* How many diagnostics this process lost for want of memory, in any list (0: none). */
size_t pact_diagnostics_lost_anywhere(void);

/*
** Writes text from outside pactum (a file's name, an event's id or note) so that nothing in it
** can control a terminal: printable UTF-8 as itself; newline, CR and tab as \n, \r and \t;
** other control characters as \x1b or \u009b; a byte that is not UTF-8 as \xff. Returns how
** many characters that took. The padded form fills with spaces up to width characters.
*/
size_t pact_write_text(FILE *out, const char *text, size_t len);
void pact_write_text_padded(FILE *out, const char *text, size_t len, int width);

/*
** "Did you mean": the candidate closest to word[0..len) (insertions, deletions, substitutions and
** swaps of neighbours), when one is near: a third of the word's length away at most, and never
** more than 3 edits; NULL when none is. pactum's own diagnostics suggest with it.
*/
const char *pact_suggest(const char *word, size_t len, const char *const *candidates, size_t count);

/* How a writer writes: a table for people, or one JSON document for programs (docs/json.md). */
typedef enum PactForm { PACT_FORM_TEXT = 0, PACT_FORM_JSON } PactForm;

/*
** The JSON document of a command that could not answer: {"agreement": ..., "currency": ...,
** "diagnostics": [...]}, with the agreement's diagnostics (agreement may be NULL) and then
** those of the list (may be NULL).
*/
void pact_write_failure_json(FILE *out, const PactAgreement *agreement,
                             const PactDiagnostics *diagnostics);

/* ------------------------------------------------------- questions of terms */

/* The index of the party of that id (exactly as declared), or -1. */
int32_t pact_agreement_party(const PactAgreement *agreement, const char *id);
size_t pact_agreement_party_count(const PactAgreement *agreement);
/* The id of the party of that index ("openai"), or NULL past the end. */
const char *pact_agreement_party_id(const PactAgreement *agreement, size_t index);
/* The currency the agreement settles in ("USD"), or NULL for an agreement that names none. */
const char *pact_agreement_currency(const PactAgreement *agreement);
/* The name of the version in force on the day ("2026-04-27"), or NULL when none is. */
const char *pact_agreement_version_on(const PactAgreement *agreement, PactDate on);
/* The versions in the order of the history, oldest first (none when the history is broken);
** the name of the one at index, or NULL past the end. */
size_t pact_agreement_version_count(const PactAgreement *agreement);
const char *pact_agreement_version_name(const PactAgreement *agreement, size_t index);

/* ------------------------------------------------------------------ sides */

/*
** A side: the terms one set of figures is settled under (docs/compare.md).
**   "actual"        the agreement as it is (side NULL too)
**   a version name  as if that version had stayed in force: the versions after it in the
**                   history are not in force, and its terms run on without the end a later
**                   version gave them (their own dates, sunsets and milestones still apply)
**   a file's path   with a proposed amendment: a .pact file holding one version block that
**                   amends the latest version, checked with the agreement like any other
**                   version (E0605, E0606 and every check's diagnostics, located in that file)
** A name that is a version of the agreement is that version; else an existing file is an
** amendment; else the side is unknown: PACT_ERR_RANGE, *out NULL (the caller can name the
** versions with pact_agreement_version_name and pact_suggest). An agreement that does not
** check clean as it is comes back as it is, with its diagnostics, whatever the side.
*/
PactStatus pact_agreement_load_side(const char *path, const char *side, PactAgreement **out);
/* The side, for people: "actual", "as if 2025-10-28 had stayed in force", "proposed: FILE". */
const char *pact_agreement_side_label(const PactAgreement *agreement);

/* ------------------------------------------------------------------ events */

/*
** Dated events (docs/events.md): revenue, payments, offers and answers, launches, licence
** grants and uses, milestones, corrections. Files are CSV with a header line or JSON Lines.
*/
typedef enum PactEventKind {
  PACT_EVENT_REVENUE = 0,
  PACT_EVENT_PROFIT,
  PACT_EVENT_PAYMENT,
  PACT_EVENT_PURCHASE,
  PACT_EVENT_OFFER,
  PACT_EVENT_RESPONSE,
  PACT_EVENT_LAUNCH,
  PACT_EVENT_USE,
  PACT_EVENT_GRANT,
  PACT_EVENT_MILESTONE,
  PACT_EVENT_CORRECTION
} PactEventKind;
#define PACT_EVENT_KIND_COUNT 11

/* A text of an event: not NUL-terminated; len 0 when the field is absent. */
typedef struct PactText {
  const char *ptr;
  uint32_t len;
} PactText;

/* An event as read. Its texts live until the next event is read (or the reader is closed). */
typedef struct PactEvent {
  PactText id;
  PactEventKind kind;
  PactDate date;
  bool has_end;
  PactDate end; /* the last day of its span, inclusive */
  PactText party, counterparty, stream, subject, ref, note;
  bool has_amount; /* then currency is set too */
  int64_t amount_minor;
  PactCurrency currency;
  uint32_t line; /* the line of its file where its record starts */
} PactEvent;

/* "revenue", "payment", ...; and back (false for a name that is no kind). */
const char *pact_event_kind_name(PactEventKind kind);
bool pact_event_kind_find(const char *name, size_t len, PactEventKind *out);

/*
** Reads an event file: CSV for .csv, JSON Lines for .jsonl and .ndjson, else by its first byte;
** "-" is standard input (copied once, so that it can be read again). Each bad row is a
** diagnostic (file:line, a code, the offending value) and is skipped, so that one pass says
** every problem of a file; pact_events_error_count says whether there were any. PACT_ERR_IO
** (with a diagnostic) when the file cannot be opened; PACT_ERR_NOMEM.
*/
typedef struct PactEventReader PactEventReader;
PactStatus pact_events_open(const char *path, PactDiagnostics *diagnostics, PactEventReader **out);
/* The same over a text in memory, which must outlive the reader; name is used in diagnostics
** and chooses the format as above. */
PactStatus pact_events_open_text(const char *name, const char *text, size_t len,
                                 PactDiagnostics *diagnostics, PactEventReader **out);
/* The next valid event; false at the end of the file. */
bool pact_events_next(PactEventReader *reader, PactEvent *out);
/* PACT_OK, or why the reading ended early (PACT_ERR_IO, PACT_ERR_NOMEM). */
PactStatus pact_events_status(const PactEventReader *reader);
/* Bad rows reported so far in this file. */
size_t pact_events_error_count(const PactEventReader *reader);
void pact_events_close(PactEventReader *reader);

/* ------------------------------------------------------------------ ledger */

/*
** The ledger: events kept in an embedded SQLite file (docs/ledger.md). A file lands whole or not
** at all; the same event twice changes nothing; one id with two contents is an error that names
** both; restatements and corrections keep what they supersede, so that the ledger can answer as
** known, or as held, on any earlier day. Every reading checks what it reads back and the
** checksums; a file pactum refuses is never changed.
*/
typedef struct PactLedger PactLedger;

/* Creates a ledger at path (or opens one that is already there, changing nothing); a file that
** is not a ledger is refused (E1202), its bytes as they were. */
PactStatus pact_ledger_create(const char *path, PactDiagnostics *diagnostics, PactLedger **out);
/* Opens a ledger to read it: nothing of it, nor beside it, is written (PACT_ERR_IO, with a
** diagnostic, when there is none at path or the file is not a pactum ledger). */
PactStatus pact_ledger_open(const char *path, PactDiagnostics *diagnostics, PactLedger **out);

typedef struct PactLedgerWriteOptions {
  /* How long a write waits for another to finish, in seconds; past it, E1230, nothing written. */
  double wait_seconds;
  /* Called once when a write first has to wait (may be NULL). */
  void (*waiting)(void *context, const char *path);
  void *context;
} PactLedgerWriteOptions;
/* Opens a ledger to import into it or undo; options NULL: wait up to 60 s, say nothing. */
PactStatus pact_ledger_open_write(const char *path, const PactLedgerWriteOptions *options,
                                  PactDiagnostics *diagnostics, PactLedger **out);
void pact_ledger_close(PactLedger *ledger);

typedef struct PactImportOptions {
  /* When set, every event must be one the agreement can settle (E1208-E1210). */
  const PactAgreement *agreement;
  /* When set (with agreement), every event must be one that party may record (E1207), and the
  ** import is recorded as that party's. NULL: a trusted import. */
  const char *as;
  bool has_recorded_on;
  PactDate recorded_on; /* the day the ledger learns the events (default: today, UTC) */
  /* Why a recorded_on day before today is claimed: required then (E1260), and recorded. */
  const char *backdated_because;
  /* Called now and then while events are written, and once at the end (may be NULL). */
  void (*progress)(void *context, uint64_t done, uint64_t total);
  void *progress_context;
} PactImportOptions;

typedef struct PactImportResult {
  uint64_t added; /* events written */
  uint64_t known; /* events the ledger already held, identical */
} PactImportResult;

/*
** Imports one event file, whole or not at all: a file with any bad row or conflict writes
** nothing (PACT_ERR_INVALID, with the diagnostics), and one that adds nothing leaves the
** ledger byte for byte as it was. options may be NULL.
*/
PactStatus pact_ledger_import(PactLedger *ledger, const char *path,
                              const PactImportOptions *options, PactDiagnostics *diagnostics,
                              PactImportResult *out);

typedef struct PactUndoOptions {
  bool has_recorded_on;
  PactDate recorded_on;          /* the day the ledger learns of the undo (default: today) */
  const char *as;                /* the party that undoes (it may undo only its imports); NULL:
                                    trusted */
  const char *backdated_because; /* required for a recorded_on day before today */
} PactUndoOptions;

typedef struct PactUndoResult {
  uint64_t withdrawn;   /* events withdrawn */
  uint64_t later_known; /* later imports that found events already there (withdrawn with them) */
} PactUndoResult;

/* Withdraws the events import seq added; as known on an earlier day they are still there. */
PactStatus pact_ledger_undo(PactLedger *ledger, int64_t seq, const PactUndoOptions *options,
                            PactDiagnostics *diagnostics, PactUndoResult *out);

/* One import as the ledger records it; the texts last until the visit returns. */
typedef struct PactImportInfo {
  int64_t seq;
  const char *file;
  const char *recorded_on; /* the day the ledger learned its events (YYYY-MM-DD) */
  const char *recorded_at; /* when it was written, by the machine's clock (UTC) */
  const char *as;          /* the party it was imported as, or NULL: trusted */
  uint64_t added, known;
  const char *withdrawn_on; /* the day an undo withdrew its events, or NULL */
  const char *withdrawn_at;
  uint64_t withdrawn;
  const char *backdated_because; /* why it was recorded on an earlier day, or NULL */
  const char *withdrawn_as;      /* the party the undo was made as, or NULL: trusted */
  const char *withdrawn_backdated_because;
} PactImportInfo;

/* Calls visit for every import, oldest first (after checking their records' checksums). */
PactStatus pact_ledger_imports(PactLedger *ledger, PactDiagnostics *diagnostics,
                               PactStatus (*visit)(void *context, const PactImportInfo *import),
                               void *context);
/* The listing `pactum imports` prints: a table, or the JSON document (docs/schemas/imports.json)
** with the list's diagnostics; *count is how many imports there were. */
PactStatus pact_ledger_imports_write(PactLedger *ledger, const char *path, PactForm form,
                                     PactDiagnostics *diagnostics, FILE *out, uint64_t *count);

typedef struct PactVerifyResult {
  uint64_t events_in_force; /* every row was read and checked */
  uint64_t imports_summed;  /* imports whose daily sums were summed again and compared */
  uint64_t day_sums;        /* daily sums checked */
} PactVerifyResult;

/* Reads the whole ledger and checks every row, checksum and daily sum against its events;
** PACT_ERR_INVALID with located errors when anything differs. */
PactStatus pact_ledger_verify(PactLedger *ledger, PactDiagnostics *diagnostics,
                              PactVerifyResult *out);
/* What `pactum verify` prints of a ledger that verified: a line, or its JSON document. */
void pact_ledger_verify_write(const char *path, const PactVerifyResult *result, PactForm form,
                              const PactDiagnostics *diagnostics, FILE *out);

/* ---------------------------------------------------------- events in force */

/*
** Where a report's events come from: event files (read in this order; restatements and
** corrections applied; an event given twice counted once), or a ledger, as it is, as known on a
** day (by the days its imports claim) or as held on a day (by the machine's clock).
*/
typedef struct PactSource {
  const char *const *files;
  int file_count;
  const char *ledger; /* or a ledger (not both) */
  bool has_known_on;
  PactDate known_on;
  bool has_held_on;
  PactDate held_on;
} PactSource;

typedef struct PactFeed PactFeed;
/* Opens the source (the ledger, if any: PACT_ERR_IO, with a diagnostic, when it cannot be). */
PactStatus pact_feed_open(const PactSource *source, PactDiagnostics *diagnostics, PactFeed **out);
void pact_feed_close(PactFeed *feed);

typedef PactStatus (*PactEventVisit)(void *context, const char *source, const PactEvent *event);
/*
** Gives every event in force to visit, with the file it was read from (for a ledger, the file
** it was imported from). Event files that restate their own events are read twice: before each
** pass, start(context) is called (it may be NULL), and the diagnostics of an earlier pass are
** forgotten, so the consumer starts afresh. Stops at the first status that is not PACT_OK.
*/
PactStatus pact_feed_each(PactFeed *feed, PactDiagnostics *diagnostics,
                          PactStatus (*start)(void *context), PactEventVisit visit, void *context);

/* -------------------------------------------------------------- settlement */

typedef struct PactSettleOptions {
  bool has_from, has_through;
  PactDate from, through; /* report the obligations whose period meets [from, through] */
  bool has_as_of;
  PactDate as_of;     /* a statement's day: what accrued and was paid by then counts */
  const char *period; /* a statement of this period only ("2026-Q2"), or NULL */
  /* Called every few million events read (may be NULL): the file and the count so far. */
  void (*progress)(void *context, const char *source, uint64_t events_read);
  void *progress_context;
} PactSettleOptions;

typedef struct PactSettlement PactSettlement;

/*
** Settles an agreement that checked clean over the events of a feed: every payment clause, one
** obligation per period, exact to the minor unit, each rounded once and then limited by its cap.
** A large event file is read on two threads. Problems with events are diagnostics (a warning
** for what is counted with a word, an error for what cannot be); the settlement is made all
** the same, and is to be trusted only when the list holds no error. options may be NULL.
*/
PactStatus pact_settle(const PactAgreement *agreement, PactFeed *feed,
                       const PactSettleOptions *options, PactDiagnostics *diagnostics,
                       PactSettlement **out);
/* The same, event by event, for a caller that has its events in hand: begin, add each (with the
** name of where it comes from, for messages), finish once. The agreement and the diagnostics
** must outlive the settlement. Adding after finishing, or finishing twice, is PACT_ERR_MISUSE. */
PactStatus pact_settle_begin(const PactAgreement *agreement, const PactSettleOptions *options,
                             PactDiagnostics *diagnostics, PactSettlement **out);
PactStatus pact_settle_add(PactSettlement *settlement, const char *source, const PactEvent *event);
PactStatus pact_settle_finish(PactSettlement *settlement);
void pact_settlement_free(PactSettlement *settlement);

/* One obligation: what a clause owes for one period. Texts live with the settlement. */
typedef struct PactObligation {
  const char *clause;  /* the clause's id */
  const char *version; /* the version whose wording applied */
  const char *payer, *payee;
  char period[16];          /* "2026-Q2", "FY2026" */
  PactDate first, last;     /* the days of the period on which the clause accrued */
  int64_t base_minor;       /* the clause's base over those days */
  int64_t uncapped_minor;   /* rate x base, rounded once, before the cap */
  int64_t amount_minor;     /* what is owed for the period */
  int64_t cumulative_minor; /* owed under the cap's count through this period */
  bool has_due;
  PactDate due;
  bool cap_binds; /* the cap cut this period's amount */
  bool tiered;    /* the amount came from tiers */
  int64_t paid_minor;
  bool overdue, accruing;
} PactObligation;

/* What one payer owes one payee over the whole settlement. */
typedef struct PactSettleTotal {
  const char *payer, *payee;
  int64_t amount_minor;
  int64_t uncapped_minor; /* had no cap ever bound */
  int64_t received_minor, paid_minor, outstanding_minor, accruing_minor, overdue_minor;
  int64_t credit_minor; /* paid beyond everything owed */
} PactSettleTotal;

/* A payment between two parties of the agreement, as recorded. */
typedef struct PactSettlePayment {
  const char *id, *payer, *payee;
  PactDate date;
  int64_t amount_minor;
} PactSettlePayment;

/* Read after pact_settle (or pact_settle_finish); index past the end: false. Before the
** settlement is finished there is nothing to read (0, false). */
size_t pact_settlement_obligation_count(const PactSettlement *settlement);
bool pact_settlement_obligation(const PactSettlement *settlement, size_t index,
                                PactObligation *out);
size_t pact_settlement_total_count(const PactSettlement *settlement);
bool pact_settlement_total(const PactSettlement *settlement, size_t index, PactSettleTotal *out);
size_t pact_settlement_payment_count(const PactSettlement *settlement);
bool pact_settlement_payment(const PactSettlement *settlement, size_t index,
                             PactSettlePayment *out);

/*
** What is written of a finished settlement (each PACT_ERR_MISUSE before it is finished). A JSON
** document closes with the diagnostics of the list given (which may be NULL), so that a program
** reads the warnings with the figures.
**   pact_settlement_write   every obligation, period by period, and the totals (`settle`)
**   pact_statement_write    owed against paid, outstanding and overdue on the settlement's
**                           as_of day (`statement`)
**   pact_summary_write      year by year, when each cap bound, totals with and without caps
**                           (`settle --by year`); a year's sum past 64 bits is E1103 in the list
*/
PactStatus pact_settlement_write(const PactSettlement *settlement, PactForm form,
                                 const PactDiagnostics *diagnostics, FILE *out);
PactStatus pact_statement_write(const PactSettlement *settlement, PactForm form,
                                const PactDiagnostics *diagnostics, FILE *out);
PactStatus pact_summary_write(const PactSettlement *settlement, PactForm form,
                              PactDiagnostics *diagnostics, FILE *out);

/*
** A finished settlement in pictures, as one SVG document (docs/report.md): with by_year, a bar
** per payer -> payee per year (the figures pact_summary_write prints), else the running total
** each way, period by period; then, for each capped clause, what is owed under its cap over time
** against the cap, with the period it first binds marked. The same bytes on every run; no script,
** nothing outside the document. A sum past 64 bits is E1103 in the list (which may not be NULL).
*/
PactStatus pact_settlement_svg_write(const PactSettlement *settlement, bool by_year,
                                     PactDiagnostics *diagnostics, FILE *out);

/* Journals for the tools finance uses: ledger (and hledger), beancount, CSV. */
typedef enum PactExportFormat {
  PACT_EXPORT_LEDGER = 0,
  PACT_EXPORT_BEANCOUNT,
  PACT_EXPORT_CSV
} PactExportFormat;
/* "ledger", "beancount" or "csv"; false for any other name. */
bool pact_export_format_find(const char *name, PactExportFormat *out);
PactStatus pact_export_write(const PactSettlement *settlement, PactExportFormat format, FILE *out);

/*
** Why one obligation is what it is: its clause and words, every event in its base with its part
** of the period, the rate, the rounding and the cap. The feed is the one the settlement was made
** from (it is read again, for the period's events only). version NULL: every wording in force in
** the period. PACT_ERR_RANGE (with a diagnostic) when no obligation matches.
*/
typedef struct PactExplainRequest {
  const char *clause; /* the clause's id */
  const char *period; /* "2026-Q2" */
  const char *version;
} PactExplainRequest;
PactStatus pact_explain_write(const PactSettlement *settlement, PactFeed *feed,
                              const PactExplainRequest *request, PactForm form,
                              PactDiagnostics *diagnostics, FILE *out);

/* -------------------------------------------------------------- comparison */

/*
** The same events settled under two sides (pact_agreement_load_side) in one reading of the
** feed: what each payer owes each payee on side A and side B, in total and year by year (an
** obligation counts in the calendar year its period ends in), the difference a - b, what each
** payment clause owes on each side, and where each cap binds on each side. The two agreements
** must have the same parties and currency (sides of one agreement do). Event diagnostics that
** both sides raise alike are in the list once. Texts live with the comparison; options as for
** pact_settle (may be NULL).
*/
typedef struct PactComparison PactComparison;
PactStatus pact_compare(const PactAgreement *a, const PactAgreement *b, PactFeed *feed,
                        const PactSettleOptions *options, PactDiagnostics *diagnostics,
                        PactComparison **out);
void pact_comparison_free(PactComparison *comparison);

typedef enum PactCompareSide { PACT_SIDE_A = 0, PACT_SIDE_B = 1 } PactCompareSide;
/* Each side's label ("actual", "as if 2025-10-28 had stayed in force", "proposed: FILE") and
** settlement (to be read as any other; it lives with the comparison). */
const char *pact_comparison_label(const PactComparison *comparison, PactCompareSide side);
const PactSettlement *pact_comparison_settlement(const PactComparison *comparison,
                                                 PactCompareSide side);

/* What one payer owes one payee on each side: in total (year 0), or in one year. */
typedef struct PactCompareRow {
  const char *payer, *payee;
  int year;
  int64_t a_minor, b_minor, difference_minor; /* difference: a - b */
} PactCompareRow;
/* The totals, one per pair either side owes under; then every year from the first obligation's
** to the last one's, each with every pair (0 where a side owes nothing). */
size_t pact_comparison_total_count(const PactComparison *comparison);
bool pact_comparison_total(const PactComparison *comparison, size_t index, PactCompareRow *out);
size_t pact_comparison_year_count(const PactComparison *comparison);
bool pact_comparison_year(const PactComparison *comparison, size_t index, PactCompareRow *out);

/* What one payment clause (every version of it) owes on each side. */
typedef struct PactCompareClause {
  const char *clause, *payer, *payee;
  bool in_a, in_b; /* whether the side's terms have the clause at all */
  int64_t a_minor, b_minor, difference_minor;
} PactCompareClause;
size_t pact_comparison_clause_count(const PactComparison *comparison);
bool pact_comparison_clause(const PactComparison *comparison, size_t index, PactCompareClause *out);

/* A cap that binds on one side: the periods it cuts, and what the obligations under its count
** came to with it and without it. */
typedef struct PactCompareCap {
  PactCompareSide side;
  const char *clause, *version, *payer, *payee;
  int64_t cap_minor;
  char binds_from[16], binds_through[16]; /* the first and last periods it cut ("2029-Q1") */
  PactDate first, last;                   /* the first day of the one, the last of the other */
  uint32_t periods_cut;
  int64_t amount_minor, uncapped_minor;
} PactCompareCap;
size_t pact_comparison_cap_count(const PactComparison *comparison);
bool pact_comparison_cap(const PactComparison *comparison, size_t index, PactCompareCap *out);

/* Tables for people, or the JSON document `compare --json` prints (docs/compare.md), closing
** with the sides' agreements' diagnostics and those of the list (may be NULL). */
PactStatus pact_comparison_write(const PactComparison *comparison, PactForm form,
                                 const PactDiagnostics *diagnostics, FILE *out);
/*
** The comparison in pictures, as one SVG document (docs/compare.md): for each payer and payee,
** what side A and side B owe year by year (a bar for each side in each year); then for each
** capped wording of a clause (its id and version), what is owed under it over time on each side
** against the cap, with the period it first binds on each side marked. The same bytes on every
** run; no script, nothing outside the document. A running total past 64 bits is E1103 in the
** list (which may not be NULL).
*/
PactStatus pact_comparison_svg_write(const PactComparison *comparison, PactDiagnostics *diagnostics,
                                     FILE *out);

/* ------------------------------------------------------------------ report */

/*
** One self-contained HTML page of an agreement and its events (docs/report.md): its title; the
** terms in force on a day (as pact_show says them) and the history of its versions; the
** settlement by year and every obligation; the charts (pact_settlement_svg_write's, inline);
** why each obligation is what it is (as pact_explain_write says it), one <details> each; then
** the sections a caller adds, and the diagnostics. No script, no network: inline CSS and SVG,
** every text from the agreement or the events escaped.
**
** The agreement must have checked clean. The events are settled here: when they settle with an
** error, nothing is written and the status is PACT_ERR_INVALID (the errors are in the list).
*/

/* A section a caller adds to the report (a comparison, a forecast): its heading, and what
** write puts under it: HTML, in which the writer escapes every text (pact_write_html_text). A
** status other than PACT_OK from write ends the report with it. */
typedef struct PactReportSection {
  const char *id;    /* the section's anchor in the page ("compare"): letters, digits, '-' */
  const char *title; /* its heading, escaped by the report */
  PactStatus (*write)(void *context, FILE *out);
  void *context;
} PactReportSection;

typedef struct PactReportOptions {
  bool has_on;
  PactDate on;         /* the day whose terms are shown (default: today, UTC) */
  const char *sources; /* where the events come from, said under the title (may be NULL) */
  const PactReportSection *sections; /* added after the explanations, in order */
  size_t section_count;
} PactReportOptions;

/* A comparison as a section of the report (id "compare"): the sides, the totals, by year, by
** clause and the caps as tables, then pact_comparison_svg_write's charts inline. The section
** reads the comparison and writes to the list (a running total past 64 bits: E1103), which
** must both outlive the report. PACT_ERR_MISUSE for a comparison not made. */
PactStatus pact_comparison_report_section(PactComparison *comparison, PactDiagnostics *diagnostics,
                                          PactReportSection *out);

/* options may be NULL. PACT_ERR_RANGE (with E1130 in the list) when no version of the agreement
** is in force on the day; PACT_ERR_IO when out has an error. */
PactStatus pact_report_write(const PactAgreement *agreement, PactFeed *feed,
                             const PactReportOptions *options, PactDiagnostics *diagnostics,
                             FILE *out);
/* Text for HTML or XML: & < > " ' as entities; a control character or a byte that is not
** UTF-8 as U+FFFD. */
void pact_write_html_text(FILE *out, const char *text, size_t len);

/* --------------------------------------------------------------- decisions */

/*
** What a party may do on a day, and why: may a product launch on a cloud (the cloud clauses and
** their first refusals), may a licensee use a subject (the licences and their exclusivity). A
** decider reads the events in force once, into indexes; each question is then a few lookups.
*/
typedef struct PactDecider PactDecider;
/* The agreement (checked clean) and the feed are read now; the agreement must outlive it. */
PactStatus pact_decider_build(const PactAgreement *agreement, PactFeed *feed,
                              PactDiagnostics *diagnostics, PactDecider **out);
void pact_decider_free(PactDecider *decider);

typedef enum PactDecideKind { PACT_DECIDE_LAUNCH = 0, PACT_DECIDE_USE } PactDecideKind;
typedef enum PactDecision {
  PACT_DECISION_PERMITTED = 0,
  PACT_DECISION_NOT_PERMITTED,
  PACT_DECISION_PENDING
} PactDecision;

/* A question; its texts need last only the call. */
typedef struct PactQuery {
  PactDecideKind kind;
  const char *product, *provider, *tags; /* launch (tags: the product's type; may be NULL) */
  const char *licensee, *subject;        /* use */
  PactDate on;
} PactQuery;

typedef struct PactAnswer PactAnswer;
/*
** Answers a question. *out is set even when the answer is an error, so that its reason says
** why: PACT_ERR_RANGE when no version of the agreement is in force on the day. Free it.
*/
PactStatus pact_decide(const PactDecider *decider, const PactQuery *query, PactAnswer **out);
PactDecision pact_answer_decision(const PactAnswer *answer);
const char *pact_decision_name(PactDecision decision); /* "permitted", ... */
/* The reasons, in words, with the clause, its citation and the events relied on. */
const char *pact_answer_reason(const PactAnswer *answer);
/* The clause that decided ("cloud-primary"), or NULL; the version in force, or NULL. */
const char *pact_answer_clause(const PactAnswer *answer);
const char *pact_answer_version(const PactAnswer *answer);
/* The exception that applied ("microsoft unable", "silence waives", "carve-out research"), or
** NULL when none did (launch questions only). */
const char *pact_answer_exception(const PactAnswer *answer);
/* A pending offer's last day to answer it: false when the answer has none. */
bool pact_answer_due(const PactAnswer *answer, PactDate *out);
void pact_answer_free(PactAnswer *answer);
/* The answer for people, or as the JSON document `decide --json` prints (with the list's
** diagnostics). */
PactStatus pact_answer_write(const PactDecider *decider, const PactQuery *query,
                             const PactAnswer *answer, PactForm form,
                             const PactDiagnostics *diagnostics, FILE *out);
/*
** Answers every line of in ({"decide": "launch", "product": ..., "provider": ..., "on": ...} or
** {"decide": "use", ...}), one JSON line each to out: an answer, or {"error": "NAME:LINE: ..."}
** for a line that is no question. *error_count counts those. PACT_ERR_IO when in cannot be read
** or out written.
*/
PactStatus pact_decide_batch(const PactDecider *decider, const char *name, FILE *in, FILE *out,
                             size_t *error_count);

/* ------------------------------------------------------------------ audits */

/*
** What is open and what was breached on a day: answers due under a first refusal, payments due
** or overdue, what is left of a commitment; launches, uses and grants the terms did not permit.
** Each finding names its clause, version and events. Reads the feed (checked clean agreement).
*/
PactStatus pact_audit_write(const PactAgreement *agreement, PactFeed *feed, PactDate on,
                            PactForm form, PactDiagnostics *diagnostics, FILE *out);

/* ---------------------------------------------------------------- forecasts */

/*
** A scenario (docs/language.md, "Scenarios"): what a forecast assumes. path_or_name is a file of
** scenario blocks, checked against the agreement (its problems go to diagnostics, located in
** the file), or the name of a scenario written in the agreement's own files; NULL takes the
** agreement's one scenario. PACT_ERR_INVALID when the file has errors or no such scenario is
** found (said in diagnostics). The scenario points into the agreement, which must outlive it;
** its diagnostics point into its text: write them before freeing it.
*/
typedef struct PactScenario PactScenario;
PactStatus pact_scenario_load(const PactAgreement *agreement, const char *path_or_name,
                              PactDiagnostics *diagnostics, PactScenario **out);
void pact_scenario_free(PactScenario *scenario);

typedef struct PactForecastOptions {
  bool has_paths;
  uint64_t paths; /* default: the scenario's `paths`, else 1,000; 1 without uncertainty */
  bool has_seed;
  uint64_t seed; /* default: the scenario's `seed`, else 1 */
  int threads;   /* paths run on this many threads (0 or 1: one); the answer is the same */
  bool sides;    /* two agreements, sides a and b (pact_agreement_load_side): also the
                 ** difference a - b on each path (pact_forecast_difference) */
} PactForecastOptions;

typedef struct PactForecast PactForecast;

/*
** Forecasts one or more agreements (each checked clean) under a scenario checked against the
** first, over the same paths, after the actual events of feed (NULL: none). Exact money: every
** amount drawn is rounded to the cent at once, and each path is settled as pact_settle would
** settle its events. Problems are diagnostics; PACT_ERR_INVALID when one is an error.
*/
PactStatus pact_forecast(const PactAgreement *const *agreements, size_t agreement_count,
                         const PactScenario *scenario, PactFeed *feed,
                         const PactForecastOptions *options, PactDiagnostics *diagnostics,
                         PactForecast **out);
void pact_forecast_free(PactForecast *forecast);

/* A statistic over the paths: the mean (rounded half-even) and the 10th, 50th and 90th
** percentiles (nearest rank: the value of rank ceil(p * N / 100)). */
typedef struct PactForecastStat {
  int64_t mean_minor, p10_minor, p50_minor, p90_minor;
} PactForecastStat;

typedef struct PactForecastTotal {
  size_t agreement; /* its index in the agreements given */
  const char *payer, *payee;
  PactForecastStat owed;
  bool has_present_value;
  int64_t present_value_minor; /* the mean over the paths, at the scenario's discount rate */
} PactForecastTotal;

typedef struct PactForecastYear {
  size_t agreement;
  int year;
  const char *payer, *payee;
  PactForecastStat owed; /* the obligations of periods ending in the year */
} PactForecastYear;

/* Quarters are numbered year * 4 + quarter - 1 (2029-Q1 is 8116); PACT_FORECAST_NEVER when the
** cap did not bind on the path of that rank. */
#define PACT_FORECAST_NEVER INT64_MAX
typedef struct PactForecastCap {
  size_t agreement;
  const char *clause, *version;
  uint64_t paths_bound; /* of pact_forecast_paths */
  int64_t quarter_p10, quarter_p50, quarter_p90;
} PactForecastCap;

typedef struct PactForecastStake {
  size_t agreement;
  int year;
  const char *holder, *in;
  PactForecastStat value; /* the stake times the company's valuation that year */
} PactForecastStake;

/* A milestone of the scenario and the paths on which it was recorded. */
typedef struct PactForecastMilestone {
  const char *milestone;
  uint64_t paths_recorded; /* of pact_forecast_paths */
} PactForecastMilestone;

uint64_t pact_forecast_paths(const PactForecast *forecast);
uint64_t pact_forecast_seed(const PactForecast *forecast);
size_t pact_forecast_total_count(const PactForecast *forecast);
bool pact_forecast_total(const PactForecast *forecast, size_t index, PactForecastTotal *out);
size_t pact_forecast_year_count(const PactForecast *forecast);
bool pact_forecast_year(const PactForecast *forecast, size_t index, PactForecastYear *out);
size_t pact_forecast_cap_count(const PactForecast *forecast);
bool pact_forecast_cap(const PactForecast *forecast, size_t index, PactForecastCap *out);
size_t pact_forecast_stake_count(const PactForecast *forecast);
bool pact_forecast_stake(const PactForecast *forecast, size_t index, PactForecastStake *out);
/*
** With options.sides: per payer and payee of either side, each year's row then the total's
** (year 0). a and b are each side's statistics (0 on a side without the pair); difference is
** the statistics of a - b on each path: its percentiles are those of the per-path differences,
** not the differences of the sides' percentiles. Zero rows without options.sides.
*/
typedef struct PactForecastDifference {
  int year; /* 0: in all */
  const char *payer, *payee;
  PactForecastStat a, b, difference;
} PactForecastDifference;
size_t pact_forecast_difference_count(const PactForecast *forecast);
bool pact_forecast_difference(const PactForecast *forecast, size_t index,
                              PactForecastDifference *out);
/* How many paths a capped clause (the cap row index) bound in the quarter (year * 4 + quarter -
** 1; PACT_FORECAST_NEVER: on how many it never bound). */
uint64_t pact_forecast_cap_paths_in(const PactForecast *forecast, size_t cap, int64_t quarter);
size_t pact_forecast_milestone_count(const PactForecast *forecast);
bool pact_forecast_milestone(const PactForecast *forecast, size_t index,
                             PactForecastMilestone *out);
/* The forecast as a table for people, or the JSON document of docs/forecast.md (with
** options.sides, its two-sided form). */
PactStatus pact_forecast_write(const PactForecast *forecast, PactForm form,
                               const PactDiagnostics *diagnostics, FILE *out);
/* The forecast as a whole SVG file of charts (docs/forecast.md): per payer and payee the yearly
** mean as a line in the band between the 10th and 90th percentiles (both sides' in one chart
** with two sides); per capped clause, the share of the paths binding in each quarter, with
** never apart. The same bytes on every run. */
PactStatus pact_forecast_svg_write(const PactForecast *forecast, FILE *out);
/* The forecast as the body of an HTML section (a PactReportSection's write): its tables and
** charts, every text escaped (pact_write_html_text). */
PactStatus pact_forecast_html_write(const PactForecast *forecast, FILE *out);

/* ---------------------------------------------------------- scenario tests */

/*
** Scenario tests (docs/testing.md): .pacttest files that name an agreement, the events to read
** (files, a ledger, or rows written in the test) and what must come out of them: obligations,
** totals, a statement's lines and balances, decisions with their clause and exception, and
** diagnostics by code and line. pact_test_run reads every file given (a folder: each .pacttest
** file in it and below, in name order), loads each agreement once, settles and decides through
** this header's own functions, and compares. A malformed test line, an agreement or event file
** that is not there, or an expectation naming a clause, party or version the agreement lacks is
** a located error in the run's diagnostics (with "did you mean"), never a silent pass.
*/
typedef struct PactTestRun PactTestRun;

/* One expectation as it came out. Texts live as long as the run. */
typedef struct PactTestOutcome {
  const char *file; /* the test file */
  uint32_t line;    /* the expectation's line in it */
  const char *test; /* the test's name */
  bool passed;
  const char *expected; /* the expectation, in the file's words ("owes fee 2024-Q3 USD 906.00") */
  const char *actual;   /* what pactum found, in the same words, or why it found nothing */
} PactTestOutcome;

/*
** Runs the test files and folders of paths. Always sets *out (free it) unless memory runs out
** (PACT_ERR_NOMEM). A file that cannot be run (malformed, its agreement missing) counts as one
** failure, and its errors are in pact_test_diagnostics.
*/
PactStatus pact_test_run(const char *const *paths, size_t count, PactTestRun **out);
void pact_test_run_free(PactTestRun *run);
size_t pact_test_outcome_count(const PactTestRun *run);
bool pact_test_outcome(const PactTestRun *run, size_t index, PactTestOutcome *out);
size_t pact_test_passed(const PactTestRun *run);
size_t pact_test_failed(const PactTestRun *run); /* failed expectations and files not run */
/* The problems with the test files themselves; they live with the run. */
const PactDiagnostics *pact_test_diagnostics(const PactTestRun *run);
/*
** What `pactum test` prints: each failure as "- expected" and "+ actual" lines under the test's
** name and the expectation's file:line, then "N passed, N failed"; or the JSON document, every
** outcome and the diagnostics.
*/
PactStatus pact_test_write(const PactTestRun *run, PactForm form, FILE *out);
/*
** Reads one test file's text without running it (no agreement is loaded): its syntax only,
** every problem a located error in diagnostics. *tests and *expectations (either may be NULL)
** count what it holds. PACT_ERR_INVALID when it has errors.
*/
PactStatus pact_test_check_text(const char *name, const char *text, size_t len,
                                PactDiagnostics *diagnostics, size_t *tests, size_t *expectations);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif /* PACTUM_H */
