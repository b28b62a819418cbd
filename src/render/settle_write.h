/*
** settle_write.h -- a finished settlement for people and programs: the table of obligations
** and totals, the same as JSON, and the statement of owed against paid on a day. Built only
** from what settle.h exposes; a settlement that is not finished has nothing to show
** (settle_readable), and its table and documents list no obligation.
*/
#ifndef PACT_SETTLE_WRITE_H
#define PACT_SETTLE_WRITE_H

#include <stdio.h>

#include "base/diag.h"
#include "base/jsonw.h"
#include "engine/settle.h"

void settle_write_table(const Settlement *settlement, FILE *out);
/* The JSON documents close with the diagnostics met on the way (diags, may be NULL). */
void settle_write_json(const Settlement *settlement, const DiagList *diags, FILE *out);
/* Owed against paid, per payer and payee and per obligation, on the statement date. */
void settle_write_statement(const Settlement *settlement, bool json, const DiagList *diags,
                            FILE *out);
/* Writes the key "rate": the obligation's one rate ("0.20"), or null for tiers. */
void settle_json_rate(JsonWriter *w, const Obligation *obligation);

/* One obligation as settle --json writes it (forecast --json writes its one path's the same). */
void settle_json_obligation(JsonWriter *w, const Agreement *agreement, const Obligation *o);

#endif
