/*
** describe.h -- a clause as rows of plain words (term, value, where it comes from).
** The rows are what `show` prints for people and what `history` compares between versions.
*/
#ifndef PACT_DESCRIBE_H
#define PACT_DESCRIBE_H

#include <stdio.h>

#include "base/jsonw.h"
#include "terms/terms.h"

#define ROWS_MAX      24
#define ROW_VALUE_MAX 600

typedef struct Row {
  const char *name;
  char value[ROW_VALUE_MAX];
  const TermNote *note;
} Row;

/* Ends a row's value that no term wrote: "quarterly (the default: no `settle` term)". history
** compares values without it, so writing the default out is no change of terms. */
#define DEFAULT_MARK "(the default: "

size_t clause_rows(const Agreement *agreement, const Clause *clause, Row rows[ROWS_MAX]);

/* An amount under key, for machines: a decimal string in the agreement's currency ("24.69"). */
void json_amount(JsonWriter *w, const Agreement *agreement, const char *key, int64_t minor);
/* An amount that may be approximate ("about USD 10 billion"): the decimal string under key and,
** beside it, key_approximate: true or false. Money in JSON is never an object. */
void json_amount_about(JsonWriter *w, const Agreement *agreement, const char *key, int64_t minor,
                       bool about);

/*
** Every --json document has one frame: it opens with "agreement" (the agreement's id) and
** "currency" (its code; every amount in the document is in it), and closes with "diagnostics":
** the agreement's own warnings, then those of diags (either may be NULL), each as
** diag_write_json writes it. json_report_close also ends the document. The writer is set up
** by the caller (indented for a file, compact for one answer per line).
*/
void json_report_open(JsonWriter *w, const Agreement *agreement);
void json_report_close(JsonWriter *w, const Agreement *agreement, const DiagList *diags);
/* json_init and json_report_open. */
void json_report_begin(JsonWriter *w, FILE *out, const Agreement *agreement);
/* The whole document of a command that could not give its answer: the frame alone, its
** diagnostics saying why. agreement may be NULL (it could not be read): then both are null. */
void json_report_failure(FILE *out, const Agreement *agreement, const DiagList *diags);

/* An amount for people, grouped, without its currency: "38,000,000,000.00". */
void amount_text(const Agreement *agreement, int64_t minor, char *buf, size_t size);
/* Pieces shared with the JSON output. */
void money_text(const Agreement *agreement, int64_t minor, bool about, char *buf, size_t size);
void term_end_text(const Term *term, char *buf, size_t size);
PactDate clause_start(const Agreement *agreement, const Clause *clause);

/* Writes text in lines of at most width characters, each after indent. */
void text_wrap(FILE *out, const char *indent, Str text, int width);

#endif
