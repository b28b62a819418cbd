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
/* A year's sum that does not fit in 64-bit minor units is an error added to diags (E1103); a
** settlement not finished is PACT_ERR_MISUSE (settle_readable). */
PactStatus summary_write(const Settlement *settlement, bool json, DiagList *diags, FILE *out);

#endif
