/*
** check.h -- loading an agreement: read its files, parse them, check them, resolve its history.
** The result always carries its diagnostics; terms are trustworthy only when it has no errors.
*/
#ifndef PACT_CHECK_H
#define PACT_CHECK_H

#include "read.h"
#include "terms.h"

/* Checks an agreement whose files are already in agreement->sources. */
bool check_agreement(Agreement *agreement);

/* Reads a whole file (at most PACT_FILE_BYTES_MAX); reports why it could not. */
bool read_file_text(const char *path, char **out, size_t *out_len, DiagList *diags);

/* The checks across clauses: dates, bounds, exceptions, exclusivity, plain words. */
void cross_check(Checker *ck);

#endif
