/*
** ledger.h -- the durable ledger of events: an embedded SQLite file. A file lands whole or not
** at all; importing the same event twice changes nothing; one id with two contents is an error.
** Each import is numbered and recorded (ledger_imports), and can be withdrawn (ledger_undo)
** without rewriting history: as known on an earlier day, the ledger is as it was.
*/
#ifndef PACT_LEDGER_H
#define PACT_LEDGER_H

#include "events/events.h"
#include "terms/terms.h"

typedef struct Ledger Ledger;

typedef struct ImportResult {
  uint64_t added; /* new events written */
  uint64_t known; /* events the ledger already held, identical */
} ImportResult;

/*
** Creates the ledger file (or opens, to write, one that already is a ledger, changing nothing
** of it unless it has the schema before, which is brought to this one). An empty file or an
** SQLite database with no tables becomes a ledger; any other file is refused (E1202) with its
** bytes as they were. Writes wait up to 60 s for another writer.
*/
PactStatus ledger_create(const char *path, DiagList *diags, Ledger **out);
/*
** Opens an existing ledger to read it, read-only: no byte of it changes, no -wal or -shm is
** made beside it, and it reads in a folder that cannot be written. PACT_ERR_IO with a
** diagnostic when there is none at path, when the file is not a pactum ledger (E1202), or when
** it could be read only by changing it (a ledger of schema 2: E1231). Such a ledger cannot be
** imported into (ledger_open_write).
*/
PactStatus ledger_open(const char *path, DiagList *diags, Ledger **out);

typedef struct LedgerWriteOptions {
  /* How long to wait for another writer (an import, an undo) to finish, in seconds; past it a
  ** write fails with E1230 and writes nothing. */
  double wait_seconds;
  /* Called once, when a write first has to wait for another; may be NULL. */
  void (*waiting)(const char *path);
} LedgerWriteOptions;

/* Opens an existing ledger to import into it or undo (refusing what ledger_open refuses, but
** bringing a ledger of schema 2 to this one). options may be NULL: wait up to 60 s. */
PactStatus ledger_open_write(const char *path, const LedgerWriteOptions *options, DiagList *diags,
                             Ledger **out);
void ledger_close(Ledger *ledger);

/*
** Reads from here to ledger_snapshot_end see one snapshot: the ledger as it was when the
** snapshot began, whatever another process imports or undoes meanwhile (a read transaction; in
** WAL mode writers go on beside it). Every report reads its ledger inside one, so that a
** restatement and the event it replaces are never read from two different states.
*/
PactStatus ledger_snapshot_begin(Ledger *ledger, DiagList *diags);
void ledger_snapshot_end(Ledger *ledger);

typedef struct ImportOptions {
  /* When set, every event must be one the agreement can settle: in its currency (E1208), of
  ** its parties (E1209), of a kind some clause reads (E1210); a file with one that is not
  ** writes nothing. */
  const Agreement *agreement;
  /* When set (with agreement), every event must be one that party may record under the
  ** agreement (rights.h), or the file writes nothing (E1207); the import is recorded as its. */
  const char *as;
  bool has_recorded_on;
  PactDate recorded_on; /* the day the ledger learns the events (default: today, UTC) */
  /* Called now and then while the events are written (done of total), and once at the end. */
  void (*progress)(const void *context, uint64_t done, uint64_t total);
  const void *progress_context;
  /* Why the import is recorded on a day before today (the machine's, UTC): required then, or
  ** the import is refused (E1260); recorded with it (the table acts). NULL: not backdated. */
  const char *backdated_because;
} ImportOptions;

/*
** Imports one event file: every row is validated first, and a file with any bad row, with an
** id the ledger holds with other content, with a restatement of an event of another kind, or
** with a second restatement or correction of an event another already supersedes (E1211),
** writes nothing (PACT_ERR_INVALID, reported). A file that adds nothing leaves the ledger
** byte for byte as it was. options may be NULL.
*/
PactStatus ledger_import(Ledger *ledger, const char *path, const ImportOptions *options,
                         DiagList *diags, ImportResult *result);

typedef struct LedgerQuery {
  bool has_known_on;
  PactDate known_on; /* only what the ledger had learned by this day (the days claimed) */
  /* The events in the order of their ids (the order the ledger keeps them in) rather than by
  ** date: no sort of the whole ledger, for a reader that does not need date order. */
  bool by_id;
  bool has_held_on;
  PactDate held_on; /* only what the ledger held at the end of this day (UTC), by the
                         ** machine's clock: imports and undos written by then (ignored with
                         ** has_known_on: the two are different questions) */
  /*
  ** A reader that needs only what revenue and profit add up to by day (settlement) sets this:
  ** it is asked once for each group of summed events (kind, party, stream and currency, on an
  ** event with no id) whether it would say nothing of any event of that group; when it answers
  ** yes for all, ledger_each may give, instead of the summed events (daysums.h), one event per
  ** import, group and day holding their sum, and each summed event a restatement or a
  ** correction supersedes again with its amount negated. Events come in no particular order.
  */
  bool (*summable)(void *context, const Event *group);
  void *summable_context;
  /* Only the events whose days meet [first, last] (never as sums): for a reader of one
  ** period (explain). The imports' records are checked, not their counts of events. */
  bool has_days;
  PactDate first, last;
} LedgerQuery;

/*
** Calls visit for every event in force (none that a restatement or a correction supersedes),
** in date order (then by id), or by id with by_id, with the file it was imported from; stops
** at the first status that is not PACT_OK. query may be NULL: everything known, by date.
*/
typedef PactStatus (*LedgerVisit)(void *context, const char *source, const Event *event);
PactStatus ledger_each(Ledger *ledger, const LedgerQuery *query, DiagList *diags, LedgerVisit visit,
                       void *context);

typedef struct LedgerVerifyResult {
  uint64_t in_force;       /* events in force (every row was read and checked) */
  uint64_t imports_summed; /* imports whose daily sums were summed again and compared */
  uint64_t day_sums;       /* daily sums checked */
} LedgerVerifyResult;

/*
** Reads the whole ledger and checks everything a report may rely on: every row as ledger_each
** checks it, every import's checksum, and every import's daily sums both against their record
** and against what its events sum to again. A report reads only what it needs (a settlement:
** the sums), so an edit of a row it does not read is found here, not there. PACT_ERR_INVALID
** with located errors (E1204, E1220, E1224) when anything differs.
*/
PactStatus ledger_verify(Ledger *ledger, DiagList *diags, LedgerVerifyResult *out);

/* One import as the ledger records it; the texts last until the visit returns. */
typedef struct LedgerImportInfo {
  int64_t seq;
  const char *file;
  const char *recorded_on; /* the day the ledger learned its events (YYYY-MM-DD) */
  const char *recorded_at; /* when it was written (UTC, 2026-12-03T07:36:14Z) */
  const char *as;          /* the party it was imported as, or NULL: trusted */
  uint64_t added, known;
  const char *withdrawn_on; /* the day an undo withdrew its events, or NULL */
  const char *withdrawn_at;
  uint64_t withdrawn;            /* how many it withdrew */
  const char *backdated_because; /* why it was recorded on a day before it was written, or NULL */
  const char *withdrawn_as;      /* the party the undo was made as, or NULL: trusted */
  const char *withdrawn_backdated_because; /* why the undo was backdated, or NULL */
} LedgerImportInfo;

/* Calls visit for every import, oldest first; stops at the first status that is not PACT_OK.
** The records it lists are checked against their checksums first (E1220). */
PactStatus ledger_imports(Ledger *ledger, DiagList *diags,
                          PactStatus (*visit)(void *context, const LedgerImportInfo *import),
                          void *context);

typedef struct UndoOptions {
  bool has_recorded_on;
  PactDate recorded_on; /* the day the ledger learns of the undo (default: today, UTC) */
  /* The party the undo is made as: it may withdraw only an import made as that party (E1262).
  ** NULL: trusted (an administrator), who may withdraw any. */
  const char *as;
  /* Why the undo is recorded on a day before today: required then (E1260). */
  const char *backdated_because;
} UndoOptions;

typedef struct UndoResult {
  uint64_t withdrawn;   /* events withdrawn */
  uint64_t later_known; /* later imports that found events already there (they may have
                             ** been among these, and are withdrawn with them) */
} UndoResult;

/*
** Withdraws the events import seq added, by recording the withdrawal: they are read by no
** report, but as known on a day before the undo's they are still there. No such import
** (E1212), one already withdrawn (E1213), or an undo recorded before the import (E1214) changes
** nothing. options may be NULL.
*/
PactStatus ledger_undo(Ledger *ledger, int64_t seq, const UndoOptions *options, DiagList *diags,
                       UndoResult *result);

/*
** For tests only: the clock the ledger reads for when a write is made (recorded_at) and for
** today (seconds since 1970, UTC); NULL: the machine's. No command sets it: the importer's word
** is never the machine's time.
*/
void ledger_test_clock(int64_t (*now)(void));

#endif
