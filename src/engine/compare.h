/*
** compare.h -- two settlements of the same events side by side: side A (the first) and side B
** (the second), each under its own terms (an agreement as it is, as if a version had stayed in
** force, or with a proposed amendment). What each payer owes each payee in total and year by
** year (an obligation counts in the calendar year its period ends in, as settle --by year
** counts it), the difference a - b, which clauses make the difference, and where each cap
** binds on each side. Built from what settle.h exposes; the writers are render's.
*/
#ifndef PACT_COMPARE_H
#define PACT_COMPARE_H

#include "engine/settle.h"

/* One payer and payee, in total (year 0) or in one year: what each side owes. */
typedef struct CompareRow {
  int32_t payer, payee; /* party indexes (both sides have the same parties) */
  int year;             /* 0 for a total */
  int64_t a_minor, b_minor, difference_minor;
} CompareRow;

/* One payment clause (by its id, over all its versions): what it owes on each side. */
typedef struct CompareClause {
  Str id;
  int32_t payer, payee;
  bool in_a, in_b; /* whether the side's terms have the clause at all */
  int64_t a_minor, b_minor, difference_minor;
} CompareClause;

/* Where a cap binds on one side: the first and last periods it cut, the cap, and what the
** obligations under the cap's count came to, with it and without it. */
typedef struct CompareCap {
  int side; /* 0: a, 1: b */
  const Obligation *first, *last;
  uint32_t periods;
  int64_t amount_minor, uncapped_minor;
} CompareCap;

typedef struct Comparison {
  const Settlement *side[2];
  CompareRow *totals;
  size_t total_count;
  CompareRow *years; /* year by year, each year's rows in the order of the totals */
  size_t year_count;
  CompareClause *clauses;
  size_t clause_count;
  CompareCap *caps;
  size_t cap_count;
} Comparison;

/*
** Compares two finished settlements of agreements with the same parties and currency
** (PACT_ERR_MISUSE otherwise). A sum or difference past 64 bits is E1103 in diags and
** PACT_ERR_OVERFLOW. compare_free frees what it built (the settlements stay the caller's).
*/
PactStatus compare_build(const Settlement *a, const Settlement *b, DiagList *diags,
                         Comparison *out);
void compare_free(Comparison *comparison);

#endif
