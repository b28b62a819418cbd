/*
** limits.h -- every limit pactum puts on its input, in one place.
** Each is a named constant so that a test can reach it and a user can read why it exists.
*/
#ifndef PACT_LIMITS_H
#define PACT_LIMITS_H

/* Largest agreement file read, in bytes: far above any real contract, small enough that a
** mistaken path (a log, a dump) fails fast instead of filling memory. */
#define PACT_FILE_BYTES_MAX (256u * 1024u * 1024u)

/* Files in one agreement folder. */
#define PACT_FILES_MAX 4096

/* Nesting of blocks: agreement files need three (version, clause, tiers). The parser stops
** descending here, so hostile input cannot exhaust the stack. */
#define PACT_NESTING_MAX 16

/* Items on one statement line. */
#define PACT_LINE_ITEMS_MAX 256

/* Lexical errors in one file before the lexer gives up on it (a wrong file, not a typo). */
#define PACT_LEX_ERRORS_MAX 50

/* Diagnostics kept per run; past this one note says how many more were dropped. */
#define PACT_DIAGNOSTICS_MAX 1000

/* Tiers in one tiers block. */
#define PACT_TIERS_MAX 64

/* Versions in one agreement's history. */
#define PACT_VERSIONS_MAX 10000

/* Longest name considered for "did you mean" suggestions. */
#define PACT_SUGGEST_LEN_MAX 64

/* Errors reported for one event file before its reader stops: past this the file is the wrong
** one or has one mistake on every row, and a last diagnostic (E1023) says so. */
#define PACT_EVENT_ERRORS_MAX 100

/* Longest record of an event file, in bytes: a CSV row with its quoted newlines, or one JSON
** line. Real events are well under 1 KiB; an unclosed quote would otherwise swallow the whole
** file, and a pipe's read buffer would grow without end. */
#define PACT_EVENT_RECORD_BYTES_MAX (1u << 20)

/* Columns in a CSV header: twelve fields exist; the rest leaves room to report unknown ones. */
#define PACT_EVENT_COLUMNS_MAX 32

/* Lines in one event file: line numbers are 32-bit, and a record may span many lines. */
#define PACT_EVENT_LINES_MAX 4000000000u

/* Characters of an offending value quoted in a diagnostic; a longer value is cut with "...". */
#define PACT_EVENT_VALUE_SHOWN_MAX 60

/* Distinct party and stream names an event reading remembers for "did you mean" (names.h):
** real files use a few dozen; a file with a new name on every row would otherwise grow a map
** as large as itself. Past it, a note says the later names were not checked. */
#define PACT_NAMES_SEEN_MAX 65536u

/* Words of a product's type that one launch question reads (the question's own, the qualifier
** of the product's name, its offers' subjects; each word once): a type has a few words (api,
** research, national-security). A question is answered without allocating, so that a batch
** answers hundreds of thousands a second; past this the reason says that the rest of the type
** was not read. */
#define PACT_DECIDE_TAGS_MAX 32

/* Events one answer lists, those it relies on or names: an answer rests on a few (an offer, its
** answer, a milestone), and more are a product with many responses that answer nothing. Past
** this the reason says how many more were not listed. */
#define PACT_DECIDE_EVENTS_MAX 12

/* Room for the reason of one answer, in bytes with its terminating NUL (an answer is a value,
** built without allocating): a reason is a few sentences. A longer one is cut, and its end says
** so. */
#define PACT_DECIDE_REASON_BYTES_MAX 2048

/* Room for an answer's exception ("microsoft unable", "carve-out national-security") and for
** the until of a use (a date or a milestone's id), in bytes with the NUL: names of an agreement
** are short. A longer one is cut and ends with "..." (the reason says it whole). */
#define PACT_DECIDE_EXCEPTION_BYTES_MAX 96

/* Grants one answer names as breaching an exclusive licence; past this it says how many more do
** ("and 5 more grants breach it"). */
#define PACT_DECIDE_BREACH_GRANTS_MAX 3

/* Threads that answer a batch of decide queries: as many as the processors online, up to this.
** Each block of lines is cut in one part per worker, the parts kept in a fixed array, and the
** block's answers are written when its slowest part is done. No answer is lost past it: a
** machine with more processors answers with eight. */
#define PACT_BATCH_WORKERS_MAX 8

/* Obligations a report explains, one <details> each: every explanation reads the period's
** events again, so a settlement of many obligations would make a page too slow to write and too
** long to read. Past it, the report says how many are not explained and how to ask for one
** (pactum explain). */
#define PACT_REPORT_EXPLAIN_MAX 400

/* Paths a forecast draws (a scenario's `paths`, --paths): memory does not grow with them
** (per-path results go to a temporary file), but time does, linearly; ten million paths of a
** seven-year monthly scenario are hours of work, past what anyone asks of a forecast. */
#define PACT_FORECAST_PATHS_MAX 10000000

/* Threads a forecast runs its paths on (--threads): each has its own settlement, so memory grows
** with them; past this the paths are run on this many. */
#define PACT_FORECAST_THREADS_MAX 64

/* Years a forecast reports (from its first figure or actual event to its last): per-path results
** hold one amount per pair and year, so a span of millennia is refused rather than spooled. */
#define PACT_FORECAST_YEARS_MAX 200

#endif
