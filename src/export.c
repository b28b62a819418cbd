/*
** export.c -- see export.h.
*/
#include "export.h"

#include <string.h>

bool export_format_find(const char *name, ExportFormat *out) {
  static const char *const names[] = {"ledger", "beancount", "csv"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(name, names[i]) == 0) {
      *out = (ExportFormat)i;
      return true;
    }
  return false;
}

PactStatus export_write(const Settlement *settlement, ExportFormat format, FILE *out) {
  (void)settlement;
  (void)format;
  (void)out;
  return PACT_ERR_INVALID;
}
