/*
** compare_write.h -- a comparison (engine/compare.h) for people, as tables like settle --by
** year's, or as the JSON document of compare --json (docs/compare.md).
*/
#ifndef PACT_COMPARE_WRITE_H
#define PACT_COMPARE_WRITE_H

#include <stdio.h>

#include "engine/compare.h"

/* The JSON document closes with side A's agreement's diagnostics, side B's that A's do not
** hold, then those of diags (may be NULL). */
void compare_write(const Comparison *comparison, bool json, const DiagList *diags, FILE *out);

#endif
