/*
** ledger_write.h -- what the ledger's own commands print: the imports it holds (a table, or a
** JSON document) and what a verification found.
*/
#ifndef PACT_LEDGER_WRITE_H
#define PACT_LEDGER_WRITE_H

#include <stdio.h>

#include "store/ledger.h"

/* Every import, oldest first: a table, or (json) the document {agreement, currency, ledger,
** imports: [...], diagnostics} closed with diags. *count: how many imports were listed. */
PactStatus ledger_imports_write(Ledger *ledger, const char *path, bool json, DiagList *diags,
                                FILE *out, uint64_t *count);
/* A ledger that verified: one line, or (json) its document closed with diags. */
void ledger_verify_write(const char *path, const LedgerVerifyResult *result, bool json,
                         const DiagList *diags, FILE *out);

#endif
