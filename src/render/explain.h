/*
** explain.h -- why an obligation is what it is: its clause and words, every event in its base
** with the part that fell in the period, the rate, the rounding, and what the cap did.
*/
#ifndef PACT_EXPLAIN_H
#define PACT_EXPLAIN_H

#include "engine/settle.h"
#include "feed/feed.h"

typedef struct ExplainRequest {
  const char *clause;  /* clause id */
  const char *period;  /* period label: "2026-Q2" */
  const char *version; /* version name, or NULL for every wording in the period */
  Feed *feed;          /* the events settled, read again (the settlement's last pass) */
  bool json;
} ExplainRequest;

/* PACT_ERR_RANGE (with a diagnostic) when no obligation matches; PACT_ERR_NOMEM;
** PACT_ERR_MISUSE for a settlement not finished (settle_readable). */
PactStatus explain_write(const Settlement *settlement, const ExplainRequest *request,
                         DiagList *diags, FILE *out);

#endif
