/*
** summary.h -- a settlement at a glance: what each payer owes each payee, year by year, when
** each cap bound, and the totals with and without the caps.
*/
#ifndef PACT_SUMMARY_H
#define PACT_SUMMARY_H

#include <stdio.h>

#include "engine/settle.h"

/*
** An obligation counts in the calendar year its period ends in (a fiscal year ending in June
** 2026 counts in 2026). Every year from the first obligation's to the last one's is listed.
*/
/* A year's sums: what the obligations whose periods end in it amount to, before and after the
** caps. */
typedef struct SummaryCell {
  int64_t amount_minor, uncapped_minor;
} SummaryCell;

/* The table of a settlement by year: a row per year from first_year, a column per payer and
** payee (the settlement's totals, in their order). */
typedef struct SummaryYears {
  const SettleTotal *totals;
  size_t total_count;
  int first_year, year_count;
  SummaryCell *cells; /* year_count rows of total_count columns */
} SummaryYears;

/* Sums the obligations by year into *out, to be freed with summary_years_free; a year's sum past
** 64 bits is E1103 in diags and PACT_ERR_OVERFLOW; PACT_ERR_MISUSE before the settlement is
** finished. */
PactStatus summary_years(const Settlement *settlement, DiagList *diags, SummaryYears *out);
void summary_years_free(SummaryYears *years);
/* Whether o is the first obligation its cap cut: the period in which that cap was reached. */
bool summary_cap_first(const Settlement *settlement, const Obligation *o);

/* A year's sum that does not fit in 64-bit minor units is an error added to diags (E1103); a
** settlement not finished is PACT_ERR_MISUSE (settle_readable). */
PactStatus summary_write(const Settlement *settlement, bool json, DiagList *diags, FILE *out);

#endif
