/*
** audit.h -- what is open and what was breached on a day, from the terms in force and the
** events: answers due under a first refusal, payments due or overdue, what is left of a
** commitment; launches, uses and grants the terms did not permit, and payments overdue. Each
** finding names its clause, its version and the events it rests on.
**
** The engine computes an audit (audit_compute); render writes it (render/audit_write.c), as a
** table or as JSON.
*/
#ifndef PACT_AUDIT_H
#define PACT_AUDIT_H

#include <stdio.h>

#include "base/arena.h"
#include "engine/decide.h"
#include "engine/settle.h"
#include "feed/feed.h"
#include "terms/terms.h"

/* A finding of the decide engine, kept: the parts of it that are written (a whole DecideFinding
** is kilobytes, mostly its reason's room). */
typedef struct AuditFinding {
  DecideFindingKind kind;
  uint32_t event;
  const Clause *clause;
  const Version *version;
  PactDate deadline;
  uint32_t events[DECIDE_EVENTS_MAX];
  uint32_t event_count;
  uint32_t events_left_out; /* more events its decision rests on, not listed */
  /* Why: the decision's reason; for an answer due, who must answer which offer (and, as every
  ** reason does, how many events were not listed). */
  const char *reason;
} AuditFinding;

/* A commitment of the version in force on the day, with what was bought against it. An audit
** has as many as the version has (no fixed room: the array is as long as the version's terms). */
typedef struct AuditCommitment {
  const Clause *clause;
  const Version *version;
  int64_t bought_minor;
  int64_t left_minor; /* committed less bought */
  uint32_t purchases;
  bool unmet; /* its term ended before the day with something left */
} AuditCommitment;

/* An audit on a day, computed. */
typedef struct Audit {
  const Agreement *ag;
  DiagList *diags;
  PactDate on;
  Settlement *s; /* the obligations, with the audit's day as statement date */
  Decider *d;    /* the events the findings name (decide_event_info) */
  /* The findings of the decide engine in date order, in two sections: answers due (open) and
  ** the launches, uses and grants not permitted (breaches). */
  AuditFinding *findings;
  size_t finding_count;
  size_t open_count, breach_count;
  AuditCommitment *commitments;
  size_t commitment_count;
  Arena reasons; /* the findings' reasons */
} Audit;

/*
** Reads the feed once (twice with restatements in event files) and computes the audit on a
** day. The commitments are worked out only when the events were read without error; money
** that does not fit is E1103 and PACT_ERR_OVERFLOW. audit_free(audit) after, whatever it
** returned.
*/
PactStatus audit_compute(const Agreement *agreement, Feed *feed, PactDate on, DiagList *diags,
                         Audit *audit);
void audit_free(Audit *audit);

/* Computes the audit on a day and writes it, as a table or as JSON, when it was read without
** error (render/audit_write.c: declared here, with the engine the program includes). */
PactStatus audit_write(const Agreement *agreement, Feed *feed, PactDate on, bool json,
                       DiagList *diags, FILE *out);

#endif
