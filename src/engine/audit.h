/*
** audit.h -- what is open and what was breached on a day, from the terms in force and the
** events: answers due under a first refusal, payments due or overdue, what is left of a
** commitment; launches, uses and grants the terms did not permit, and payments overdue. Each
** finding names its clause, its version and the events it rests on.
*/
#ifndef PACT_AUDIT_H
#define PACT_AUDIT_H

#include <stdio.h>

#include "feed/feed.h"
#include "terms/terms.h"

/* Reads the feed once (twice with restatements in event files) and writes the audit on a day. */
PactStatus audit_write(const Agreement *agreement, Feed *feed, PactDate on, bool json,
                       DiagList *diags, FILE *out);

#endif
