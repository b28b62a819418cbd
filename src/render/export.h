/*
** export.h -- a settlement written for the tools finance already uses: a ledger/hledger
** journal, a beancount file, or CSV for spreadsheets. Totals equal settle's, to the cent.
*/
#ifndef PACT_EXPORT_H
#define PACT_EXPORT_H

#include <stdio.h>

#include "engine/settle.h"

typedef enum ExportFormat { EXPORT_LEDGER, EXPORT_BEANCOUNT, EXPORT_CSV } ExportFormat;

/* "ledger" (also read by hledger), "beancount" or "csv"; false for any other name. */
bool export_format_find(const char *name, ExportFormat *out);
/* Writes the obligations and payments of a finished settlement (PACT_ERR_MISUSE, and nothing
** written, for one that is not: settle_readable). */
PactStatus export_write(const Settlement *settlement, ExportFormat format, FILE *out);

#endif
