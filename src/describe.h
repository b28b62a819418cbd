/*
** describe.h -- a clause as rows of plain words (term, value, where it comes from).
** The rows are what `show` prints for people and what `history` compares between versions.
*/
#ifndef PACT_DESCRIBE_H
#define PACT_DESCRIBE_H

#include <stdio.h>

#include "jsonw.h"
#include "terms.h"

#define ROWS_MAX 24
#define ROW_VALUE_MAX 600

typedef struct Row {
  const char *name;
  char value[ROW_VALUE_MAX];
  const TermNote *note;
} Row;

size_t clause_rows(const Agreement *agreement, const Clause *clause, Row rows[ROWS_MAX]);

/* An amount under key, for machines: a decimal string in the agreement's currency ("24.69"). */
void json_amount(JsonWriter *w, const Agreement *agreement, const char *key, int64_t minor);
/* An amount for people, grouped, without its currency: "38,000,000,000.00". */
void amount_text(const Agreement *agreement, int64_t minor, char *buf, size_t size);
/* Pieces shared with the JSON output. */
void money_text(const Agreement *agreement, int64_t minor, bool about, char *buf, size_t size);
void term_end_text(const Term *term, char *buf, size_t size);
PactDate clause_start(const Agreement *agreement, const Clause *clause);

/* Writes text in lines of at most width characters, each after indent. */
void text_wrap(FILE *out, const char *indent, Str text, int width);

#endif
