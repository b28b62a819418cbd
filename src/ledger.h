/*
** ledger.h -- the durable ledger of events: an embedded SQLite file. A file lands whole or not
** at all; importing the same event twice changes nothing; one id with two contents is an error.
*/
#ifndef PACT_LEDGER_H
#define PACT_LEDGER_H

#include "events.h"

typedef struct Ledger Ledger;

typedef struct ImportResult {
  uint64_t added;        /* new events written */
  uint64_t known;        /* events the ledger already held, identical */
} ImportResult;

/* Creates the ledger file (or opens one that already is a ledger). */
PactStatus ledger_create(const char *path, DiagList *diags, Ledger **out);
/* Opens an existing ledger; PACT_ERR_IO with a diagnostic when there is none at path. */
PactStatus ledger_open(const char *path, DiagList *diags, Ledger **out);
void ledger_close(Ledger *ledger);

/*
** Imports one event file: every row is validated first, and a file with any bad row, or with
** an id the ledger holds with other content, writes nothing (PACT_ERR_INVALID, reported).
*/
PactStatus ledger_import(Ledger *ledger, const char *path, DiagList *diags, ImportResult *result);

/* Calls visit for every event, in date order; stops at the first status that is not PACT_OK. */
typedef PactStatus (*LedgerVisit)(void *context, const Event *event);
PactStatus ledger_each(Ledger *ledger, DiagList *diags, LedgerVisit visit, void *context);

#endif
