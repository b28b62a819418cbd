/*
** ledger_int.h -- inside the ledger (ledger.h): what its files share. The ledger is one SQLite
** file; ledger_file.c opens it (what is at the path, the locks, the connection, the write
** transaction), ledger_digest.c holds what every reading trusts (the note of values lost, the
** rows' digests, the checksums and their checks), ledger_import.c and ledger_import_check.c an
** import, ledger_sums.c and ledger_months.c what an import writes beside its events for the
** readers (the daily sums; where its events are, month by month) and their reading,
** ledger_read.c the reading of the events in force, ledger_verify.c verify, and ledger_undo.c
** an undo and the listing of imports. Nothing outside these files includes it.
*/
#ifndef PACT_LEDGER_INT_H
#define PACT_LEDGER_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/strmap.h"
#include "store/daysums.h"
#include "store/ledger.h"
#include "store/months.h"

struct Ledger {
  sqlite3 *db;
  char *path;
  /* A read-only descriptor of pactum's own on the file: what the file is is read through it
  ** before SQLite opens anything; a reader of the main file alone (immutable) holds SQLite's
  ** shared lock through it; a writer looks through it for such readers before it checkpoints.
  ** It is closed after the connection, since closing any descriptor of a file drops every lock
  ** the process holds on it. */
  int fd;
  double wait;                       /* a writer: seconds to wait for another writer */
  void (*waiting)(const char *path); /* told once when the wait begins */
  bool told;
  struct timespec busy_since;
  bool in_snapshot; /* a read transaction is open: ledger_snapshot_begin */
  bool immutable;   /* read as immutable, under our shared lock */
  bool writer;
  bool guarded;    /* a write transaction of ours is open: nothing else may commit */
  bool committing; /* its own COMMIT is running */
};

/* The kinds whose events a later event of the same kind restates (see feed.h). */
#define RESTATED_KINDS "('revenue', 'payment', 'purchase')"

/* ---------------------------------------------------------------- the file (ledger_file.c) */

/* Now, by the machine's clock (UTC): the stamp a write records (2026-12-03T07:36:14Z) and its
** day. Never the importer's word. */
PactDate ledger_now(char stamp[21]);
/* The connection's error, said (E1202, E1230, or E1201 with what failed), as a status. */
PactStatus ledger_fail(Ledger *ledger, DiagList *diags, const char *what);
PactStatus ledger_exec(Ledger *ledger, DiagList *diags, const char *sql);
/* A write transaction (sql ends with BEGIN IMMEDIATE), guarded: nothing in it commits but
** ledger_commit, which fails when it was rolled back under us or a value it read was lost. */
PactStatus ledger_begin_write(Ledger *ledger, DiagList *diags, const char *sql);
PactStatus ledger_commit(Ledger *ledger, DiagList *diags);
void ledger_rollback(Ledger *ledger);
/* Moves what is committed from the log into the main file, as far as readers allow. */
void ledger_checkpoint(Ledger *ledger);

/* ---------------------------------------------------------------- values lost (ledger_digest.c) */

/*
** Readings that fail without a way to say so. A text read from a row is NULL when SQLite could
** not allocate its copy (a value of the record gets its terminating NUL in memory of its own),
** which it says only in the connection's error code; a question asked of the ledger for a yes
** or no (ledger_has_table, ledger_has) has no third answer. Taken as they come, a NULL reads as a
** missing value (an event without its party, a checksum that does not match) and a failed
** question as "no" (a table that is there taken as absent, and a checksum written without it).
** So each is noted, per thread as connections are used: every write checks the note before it
** commits and every reading before it answers, and an error such a failure may have caused (a
** row that fails its checks, a checksum that differs) is reported as the failure it was, not as
** damage.
*/
void ledger_note_lost(sqlite3 *db, int code);
/* Whether a failure is noted on this thread (since the public call began). */
bool ledger_lost(void);
/* The failure noted, said once (E1201), as a status. */
PactStatus ledger_lost_status(const Ledger *ledger, DiagList *diags);

static inline const unsigned char *ledger_value_text(sqlite3_stmt *st, int column) {
  const unsigned char *text = sqlite3_column_text(st, column);
  if (!text && sqlite3_column_type(st, column) != SQLITE_NULL)
    ledger_note_lost(sqlite3_db_handle(st), SQLITE_NOMEM);
  return text;
}

/* Around a public call (which may be within another): the note from here on, then its own
** answer, the outer call's note kept. */
typedef struct LostNote {
  int code;
  bool said;
  char message[160];
} LostNote;

LostNote ledger_lost_begin(void);
PactStatus ledger_lost_end(const Ledger *ledger, DiagList *diags, LostNote outer,
                           PactStatus status);

/* A text column, "" for NULL. */
const char *ledger_column(sqlite3_stmt *st, int i);
/* Whether the ledger has a table of that name (tables added after a ledger was created). */
bool ledger_has_table(Ledger *ledger, const char *name);
/* The table acts in a query, or, in a ledger no write has given it yet, an empty one. */
const char *ledger_acts_source(Ledger *ledger);
/* Whether the query of one row answers a row (false too when it cannot be asked); the day is
** ?1, the machine's time ?2. */
bool ledger_has(Ledger *ledger, const char *sql, const char *day, const char *stamp);

/* ---------------------------------------------------------------- checksums (ledger_digest.c) */

static inline uint64_t ledger_mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  return x ^ (x >> 33);
}

/* One multiply and a rotation a word (every read digests every row: it must cost little); the
** whole is mixed once at the end (ledger_event_digest). */
static inline uint64_t ledger_digest_word(uint64_t h, uint64_t w) {
  h = (h ^ w) * 0x9E3779B97F4A7C15ull;
  return h << 31 | h >> 33;
}

/* Eight bytes at a time; the length first, so that "ab" + "c" is not "a" + "bc". */
static inline uint64_t ledger_digest_text(uint64_t h, const char *p, uint32_t len) {
  h = ledger_digest_word(h, len);
  uint32_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    h = ledger_digest_word(h, w);
  }
  if (i < len) {
    uint64_t w = 0;
    memcpy(&w, p + i, len - i);
    h = ledger_digest_word(h, w);
  }
  return h;
}

uint64_t ledger_event_digest(const Event *e, int64_t import_seq);
/* The import's record (columns first to first + 6 of st) and its backdating (from column act;
** act < 0: none). */
uint64_t ledger_import_digest(sqlite3_stmt *st, int first, int act);
/* One checksum into pactum_meta. */
PactStatus ledger_put_meta(Ledger *ledger, DiagList *diags, const char *key, const char *value);
/* Checksums the undo of import seq ('undo:SEQ'), or with a negative seq every undo. */
PactStatus ledger_write_undo_sums(Ledger *ledger, DiagList *diags, int64_t seq);
/* Checksums the void superseding events import seq found, or with a negative seq all. */
PactStatus ledger_write_void_sums(Ledger *ledger, DiagList *diags, int64_t seq);
/* The first write of a pactum that checksums undos and void superseding events checksums those
** the ledger already holds. */
PactStatus ledger_begin_act_sums(Ledger *ledger, DiagList *diags);

/* What a reading found of each import's rows: how many, and the sum of their digests. */
typedef struct ReadSums {
  uint64_t *count, *sum; /* by import seq */
  int64_t size;
} ReadSums;

enum { READ_SUMS_SEQ_MAX = 1 << 24 };

/*
** Each import the ledger records, the highest number first: its number, its file, whether a
** reading as known on day by the machine's time stamp sees it (recorded by then, not withdrawn
** by then), and its record under 'KEY:SEQ' in pactum_meta (NULL: it has none). A number out of
** range or out of order is E1220. The daily sums and the months record read their imports so.
*/
typedef PactStatus (*LedgerImportRecordVisit)(void *context, int64_t seq, const char *file,
                                              bool visible, const char *record);
PactStatus ledger_import_records(Ledger *ledger, DiagList *diags, const char *key,
                                 const char *day, const char *stamp,
                                 LedgerImportRecordVisit visit, void *context);

/* E1220: import seq (of file) does not match its checksum, for the reason what. */
PactStatus ledger_checksum_error(Ledger *ledger, DiagList *diags, int64_t seq, const char *file,
                                 const char *what);
/* Every import against its checksum: its record, and (r not NULL) the rows the reading took of
** it as known on day, by the machine's time stamp. */
PactStatus ledger_verify_sums(Ledger *ledger, const char *day, const char *stamp, const ReadSums *r,
                              DiagList *diags);
/* Every undo and void superseding event against its checksum, and every checksum's row. */
PactStatus ledger_verify_acts(Ledger *ledger, DiagList *diags);

/* ---------------------------------------------------------------- import (ledger_import*.c) */

/*
** Binding a value copies it (SQLITE_TRANSIENT) or not (SQLITE_STATIC: an event's texts stay put
** until the next event is read, and each statement is reset before that). A copy can fail for
** want of memory, and a parameter left unbound is NULL: every bind is checked, so that a failure
** fails the write rather than storing an event without its date.
*/
static inline int ledger_bind_text(sqlite3_stmt *st, int index, EventText text) {
  return text.len ? sqlite3_bind_text(st, index, text.ptr, (int)text.len, SQLITE_STATIC)
                  : sqlite3_bind_null(st, index);
}

/* What an import writes for settlement to read, counted and digested as the checksums are:
** its daily sums, the ids of its events kept out of them, and its superseded summed events. */
typedef struct SumPart {
  uint64_t count, digest;
} SumPart;
typedef struct SumDigest {
  SumPart days, unsummed, targets;
} SumDigest;

typedef struct Import {
  Ledger *ledger;
  const char *file;
  int64_t seq;
  DiagList *diags;
  ImportResult *result;
  const ImportOptions *options;
  sqlite3_stmt *insert, *differs, *target;
  bool refused;        /* an event the importing party may not record: nothing lands */
  uint32_t kinds_read; /* with an agreement: a bit per kind of event some clause reads */
  char **parties;      /* its party ids, for "did you mean" */
  char day[11];        /* the day the ledger learns the events */
  uint64_t digest_sum; /* of the rows it writes (see checksums) */
  DaySums *sums;       /* its summed events, by day (daysums.h) */
  sqlite3_stmt *unsummed;
  SumDigest sum_digest; /* of what it writes for settlement to read (see daily sums) */
  EventMonths *months;  /* where its events are, month by month (see months.h) */
} Import;

/* The event of an id, with where it was imported from (ledger_row_event's columns). */
extern const char ledger_target_sql[];
/* The event of an id through lookup (ledger_target_sql), as a RightsFind answers; its texts
** live until the next call. */
bool ledger_lookup_event(sqlite3_stmt *lookup, const char *id, uint32_t len, Event *out,
                         bool *failed);
/* Records an act's row in acts: who made it, and why it was backdated (either may be NULL). */
PactStatus ledger_record_act(Ledger *ledger, DiagList *diags, int64_t seq, const char *act,
                             const char *as, const char *backdated);
/* Backdating only with a reason (E1260), and never a day to come (E1261); what names the act. */
PactStatus ledger_check_recorded_on(Ledger *ledger, DiagList *diags, const char *what, bool has_day,
                                    PactDate day, const char *because);

/* Which kinds of event some clause of some version of the agreement reads (a bit per kind). */
uint32_t ledger_kinds_read(const Agreement *ag);
/* With --agreement: would the agreement ever settle the event? Reports and remembers when not. */
void ledger_check_agreement(Import *im, const Event *e);
/* The import's superseding events: what they name, and whether they supersede twice. */
PactStatus ledger_check_refs(Import *im);
/* The import's events that superseding events already in the ledger name: whether their
** recorders may supersede them. */
PactStatus ledger_check_early_superseders(Import *im);
/* No event an undo recorded after the import's day withdrew comes back. */
PactStatus ledger_check_withdrawn(Import *im);

/* ---------------------------------------------------------------- reading back (ledger_read.c) */

/* What is wrong with a row read back: its column and why. */
typedef struct RowFault {
  const char *column;
  char why[160];
} RowFault;

/* A text column as an event's text (len 0: NULL). */
static inline EventText ledger_column_text(sqlite3_stmt *st, int column) {
  const char *text = (const char *)ledger_value_text(st, column);
  return (EventText){text, text ? (uint32_t)sqlite3_column_bytes(st, column) : 0};
}
/* An event read back from columns base to base + 14 of st (ledger_row_event: from column 0),
** checked as strictly as an event read in; false with the fault when the row fails. */
bool ledger_row_event_at(sqlite3_stmt *st, int base, Event *e, RowFault *f);
bool ledger_row_event(sqlite3_stmt *st, Event *e, RowFault *f);
/* The located error for a row read back that fails its checks (E1204). */
PactStatus ledger_report_row(Ledger *ledger, DiagList *diags, sqlite3_stmt *st, const RowFault *f);

/* The ids that superseding events name, each with the kinds that name it (a bit per kind). */
typedef struct Superseded {
  StrMap voided; /* void superseding events: id -> 0 (they count for nothing) */
  StrMap ids;    /* ref -> index in kinds */
  uint32_t *kinds;
  uint32_t count, capacity;
  Arena arena; /* the refs */
} Superseded;

bool ledger_is_superseded(const Superseded *s, const Event *e);
/* Whether an event read back (st's row) is in force: neither void nor superseded. */
PactStatus ledger_event_in_force(Ledger *ledger, DiagList *diags, sqlite3_stmt *st,
                                 const Superseded *gone, const Event *e, bool *in_force);
/* An event read back (st's row): visited unless it is void or superseded. */
PactStatus ledger_each_event(Ledger *ledger, DiagList *diags, sqlite3_stmt *st,
                             const Superseded *gone, Event *e, LedgerVisit visit, void *context);

/* ---------------------------------------------------------------- daily sums (ledger_sums.c) */

extern const char ledger_sums_tables_sql[];
uint64_t ledger_day_sum_digest(const DaySum *d, int64_t import_seq);
/* An added event: into the day's sums, or its id into unsummed. */
PactStatus ledger_sum_event(Import *im, const Event *e, uint64_t digest);
/* Keeps a copy of every summed event that a superseding event names, as this import pairs them. */
PactStatus ledger_record_targets(Import *im);
/* Writes the import's daily sums and the record of what it wrote for settlement ('sums:SEQ'). */
PactStatus ledger_write_sums(Import *im);

/* An import as a reading of the sums sees it. */
typedef struct SumImport {
  bool visible;        /* recorded by the day, not withdrawn by then */
  SumDigest want, got; /* as its record says, as read */
  char *file;
} SumImport;

typedef struct SumRead {
  Ledger *ledger;
  DiagList *diags;
  const char *day, *stamp; /* as ledger_each binds them: the claimed day, the machine's time */
  SumImport *imports;      /* by seq */
  int64_t size;
  const Superseded *gone;
  LedgerVisit visit;
  void *context;
  DaySums *days; /* the day's sums of every import it sees, the superseded taken out */
} SumRead;

/* E1224: a row of what an import writes beside its events is not what pactum writes. */
PactStatus ledger_record_row_error(Ledger *ledger, DiagList *diags, const char *table, int64_t seq,
                                   const char *column, const char *why);
PactStatus ledger_sums_error(SumRead *r, int64_t seq, const char *what);
void ledger_sum_read_free(SumRead *r);
PactStatus ledger_sums_written(SumRead *r, uint64_t *imports_summed, uint64_t *day_sums);
/* The reading of a settlement (query->summable) from the daily sums; *used is false, and
** nothing was visited, when the sums cannot serve it. */
PactStatus ledger_summed_each(Ledger *ledger, const LedgerQuery *query, const char *day,
                              const char *stamp, const Superseded *gone, DiagList *diags,
                              LedgerVisit visit, void *context, bool *used);

/* ---------------------------------------------------------------- months (ledger_months.c) */

extern const char ledger_months_table_sql[];
/* Writes the import's rows of where its events are, and their record ('months:SEQ'). */
PactStatus ledger_write_months(Import *im);
/* The reading of one period (query->has_days) through each import's record of where its
** events are; *used is false, and nothing was visited, when an import has no such record. */
PactStatus ledger_months_each(Ledger *ledger, const LedgerQuery *query, const char *day,
                              const char *stamp, const Superseded *gone, DiagList *diags,
                              LedgerVisit visit, void *context, bool *used);
PactStatus ledger_months_verify(Ledger *ledger, DiagList *diags, EventMonths *const *months,
                                int64_t count);

#endif
