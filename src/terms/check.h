/*
** check.h -- loading an agreement: read its files, parse them, check them, resolve its history.
** The result always carries its diagnostics; terms are trustworthy only when it has no errors.
*/
#ifndef PACT_CHECK_H
#define PACT_CHECK_H

#include "terms/read.h"
#include "terms/terms.h"

/* Checks an agreement whose files are already in agreement->sources. */
bool check_agreement(Agreement *agreement);


/* The checks across clauses: dates, bounds, exceptions, exclusivity, plain words. */
void cross_check(Checker *ck);

#endif
