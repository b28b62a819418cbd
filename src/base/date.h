/*
** date.h -- the date module's private half: the day-count algorithms and the range of valid days.
** The calendar arithmetic here is unchecked and total; range checks live in the public functions.
*/
#ifndef PACT_DATE_H
#define PACT_DATE_H

#include "pactum.h"

/* The first and last days of years PACT_YEAR_MIN..PACT_YEAR_MAX, as PactDate values. */
#define DATE_FIRST ((PactDate)-719162) /* 0001-01-01 */
#define DATE_LAST  ((PactDate)2932896) /* 9999-12-31 */

/* Days since 1970-01-01 of a proleptic Gregorian date; any year, month 1..12, day 1..31. */
int64_t date_days_from_civil(int64_t year, int month, int day);
/* The inverse: the civil date of any day count. */
void date_civil_from_days(int64_t days, int64_t *year, int *month, int *day);

#endif /* PACT_DATE_H */
