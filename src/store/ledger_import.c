/*
** ledger_import.c -- an import: one event file, one transaction. Every row is validated before
** anything is written; each event is added, found already there identically, or refused as a
** conflict; then the import's checks (ledger_import_check.c), what it writes beside its events
** for the readers (its daily sums, where its events are) and its checksum, and the commit.
*/
#include "store/ledger_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/mem.h"
#include "events/rights.h"

/*
** Who did what, beside the imports and undos tables (made by the first write that needs it, so
** that a ledger of schema 3 needs no migration): one row per undo (act 'undo'), with the party
** it was made as (NULL: trusted), and one per import or undo recorded on a day before it was
** written, with the reason given (backdated). The machine's time and the day claimed are in
** imports and undos.
*/
#define ACTS_TABLE_SQL                                                                             \
  "CREATE TABLE IF NOT EXISTS acts("                                                               \
  "  import_seq INTEGER NOT NULL REFERENCES imports(seq),"                                         \
  "  act TEXT NOT NULL CHECK (act IN ('import', 'undo')), as_party TEXT,"                          \
  "  backdated TEXT CHECK (backdated IS NULL OR length(backdated) > 0),"                           \
  "  PRIMARY KEY (import_seq, act)) WITHOUT ROWID;"

/* SQLITE_OK, or the first bind's error. A statement of twelve parameters (same_sql) takes the
** event's content only; one of fourteen its import and line too. */
static int bind_event(sqlite3_stmt *st, const Event *e, int64_t import_seq) {
  char day[11], end[11];
  pact_date_format(e->date, day);
  int rc = ledger_bind_text(st, 1, e->id);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(st, 2, event_kind_name(e->kind), -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(st, 3, day, 10, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK && e->has_end) pact_date_format(e->end, end);
  if (rc == SQLITE_OK)
    rc =
        e->has_end ? sqlite3_bind_text(st, 4, end, 10, SQLITE_TRANSIENT) : sqlite3_bind_null(st, 4);
  if (rc == SQLITE_OK) rc = ledger_bind_text(st, 5, e->party);
  if (rc == SQLITE_OK) rc = ledger_bind_text(st, 6, e->counterparty);
  if (rc == SQLITE_OK) rc = ledger_bind_text(st, 7, e->stream);
  if (rc == SQLITE_OK) rc = ledger_bind_text(st, 8, e->subject);
  if (rc == SQLITE_OK)
    rc = e->has_amount ? sqlite3_bind_int64(st, 9, e->amount_minor) : sqlite3_bind_null(st, 9);
  if (rc == SQLITE_OK)
    rc = e->has_amount ? sqlite3_bind_text(st, 10, e->currency.code, -1, SQLITE_TRANSIENT)
                       : sqlite3_bind_null(st, 10);
  if (rc == SQLITE_OK) rc = ledger_bind_text(st, 11, e->ref);
  if (rc == SQLITE_OK) rc = ledger_bind_text(st, 12, e->note);
  if (sqlite3_bind_parameter_count(st) < 14) return rc;
  if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, 13, import_seq);
  if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, 14, e->line);
  return rc;
}

/* The content columns only: where an event was read from is not part of what it says. */
static const char same_sql[] =
    "SELECT i.file, e.source_line FROM events e JOIN imports i ON i.seq = e.import_seq"
    " WHERE e.id = ?1 AND NOT ("
    " e.kind IS ?2 AND e.date IS ?3 AND e.end_date IS ?4 AND e.party IS ?5 AND"
    " e.counterparty IS ?6 AND e.stream IS ?7 AND e.subject IS ?8 AND e.amount_minor IS ?9 AND"
    " e.currency IS ?10 AND e.ref IS ?11 AND e.note IS ?12)";

static const char insert_sql[] =
    "INSERT INTO events(id, kind, date, end_date, party, counterparty, stream, subject,"
    " amount_minor, currency, ref, note, import_seq, source_line)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
    " ON CONFLICT(id) DO NOTHING";

/* The event of an id, with where it was imported from (ledger_row_event's columns). */
const char ledger_target_sql[] =
    "SELECT e.id, e.kind, e.date, e.end_date, e.party, e.counterparty, e.stream, e.subject,"
    " e.amount_minor, e.currency, e.ref, e.note, e.source_line, i.file, e.import_seq"
    " FROM events e LEFT JOIN imports i ON i.seq = e.import_seq WHERE e.id = ?1";

/* The event of an id through lookup (ledger_target_sql), as a RightsFind answers; its texts
** live until the next call. */
bool ledger_lookup_event(sqlite3_stmt *lookup, const char *id, uint32_t len, Event *out,
                         bool *failed) {
  sqlite3_reset(lookup);
  int rc = sqlite3_bind_text(lookup, 1, id, (int)len, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK) rc = sqlite3_step(lookup);
  RowFault f;
  if (rc == SQLITE_ROW && ledger_row_event(lookup, out, &f)) return true;
  /* A row changed outside pactum, or a failed read: the rule cannot be applied. */
  if (rc != SQLITE_DONE) *failed = true;
  return false;
}

/* The ledger's event of an id, for the rights rule. */
static bool find_target(void *context, const char *id, uint32_t len, Event *out, bool *failed) {
  return ledger_lookup_event(((Import *)context)->target, id, len, out, failed);
}

/* With --as: may the importing party record the event? Reports and remembers when not. */
static PactStatus check_rights(Import *im, const Event *e) {
  char why[600];
  bool may = false;
  PactStatus status = rights_may_record(im->options->agreement, im->options->as, e, find_target, im,
                                        &may, why, sizeof why);
  sqlite3_reset(im->target);
  if (status == PACT_ERR_IO)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  if (status != PACT_OK) return status;
  if (!may) {
    diag_add_line(im->diags, DIAG_ERROR, "E1207", im->file, e->line,
                  "each party imports the events that are its own to record (docs/ledger.md)",
                  "%s may not record %s '%.*s': %s", im->options->as, event_kind_name(e->kind),
                  (int)e->id.len, e->id.ptr, why);
    im->refused = true;
  }
  return PACT_OK;
}

/* One event: added, already there identically, or a conflict (reported). */
static PactStatus import_event(Import *im, const Event *e) {
  /* A refused event is written all the same, so that later ones may find it; the file's
  ** transaction is rolled back at its end. */
  if (im->options && im->options->agreement) ledger_check_agreement(im, e);
  if (im->options && im->options->as) {
    PactStatus status = check_rights(im, e);
    if (status != PACT_OK) return status;
  }
  int rc = bind_event(im->insert, e, im->seq);
  if (rc == SQLITE_OK) rc = sqlite3_step(im->insert);
  sqlite3_reset(im->insert);
  if (rc != SQLITE_DONE)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  if (sqlite3_changes(im->ledger->db) == 1) {
    im->result->added++;
    uint64_t digest = ledger_event_digest(e, im->seq);
    im->digest_sum += digest;
    PactStatus status = event_months_add(im->months, e, digest);
    return status == PACT_OK ? ledger_sum_event(im, e, digest) : status;
  }
  rc = bind_event(im->differs, e, im->seq);
  if (rc == SQLITE_OK) rc = sqlite3_step(im->differs);
  PactStatus status = PACT_OK;
  if (rc == SQLITE_ROW) {
    diag_add_line(im->diags, DIAG_ERROR, "E1203", im->file, e->line,
                  "a correction is a new event with its own id whose ref names the old one",
                  "event '%.*s' differs from the event with the same id imported from %s:%d",
                  (int)e->id.len, e->id.ptr, (const char *)ledger_value_text(im->differs, 0),
                  sqlite3_column_int(im->differs, 1));
    status = PACT_ERR_INVALID;
  } else if (rc != SQLITE_DONE) {
    status = ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  } else {
    im->result->known++;
  }
  sqlite3_reset(im->differs);
  return status;
}

/* First pass: is every row of the file good? Nothing is written before this says yes. */
static PactStatus validate_file(const char *path, DiagList *diags, uint64_t *rows) {
  EventReader *reader;
  PactStatus status = event_reader_open(path, diags, &reader);
  if (status != PACT_OK) return status;
  Event e;
  *rows = 0;
  while (event_reader_next(reader, &e)) ++*rows;
  status = event_reader_status(reader);
  if (status == PACT_OK && event_reader_error_count(reader)) status = PACT_ERR_INVALID;
  event_reader_close(reader);
  return status;
}

/* Records an act's row in acts (the table made if need be): who made it, and why it was
** backdated (either may be NULL). */
PactStatus ledger_record_act(Ledger *ledger, DiagList *diags, int64_t seq, const char *act,
                             const char *as, const char *backdated) {
  PactStatus status = ledger_exec(ledger, diags, ACTS_TABLE_SQL);
  if (status != PACT_OK) return status;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db,
                         "INSERT INTO acts(import_seq, act, as_party, backdated)"
                         " VALUES (?1, ?2, ?3, ?4)",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be written");
  sqlite3_bind_int64(st, 1, seq);
  sqlite3_bind_text(st, 2, act, -1, SQLITE_STATIC);
  if (as) sqlite3_bind_text(st, 3, as, -1, SQLITE_STATIC);
  else sqlite3_bind_null(st, 3);
  if (backdated) sqlite3_bind_text(st, 4, backdated, -1, SQLITE_STATIC);
  else sqlite3_bind_null(st, 4);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? PACT_OK
                           : ledger_fail(ledger, diags, "the ledger could not be written");
}

/*
** Recording on a day before today (the machine's, UTC) changes what "as known on" the days
** between answers: it is backdating, a separate act, done only when the importer says why
** (E1260). A day after today is refused (E1261): the ledger cannot have learned anything then.
** what names the act ("oa.csv", "the undo of import 3").
*/
PactStatus ledger_check_recorded_on(Ledger *ledger, DiagList *diags, const char *what, bool has_day,
                                    PactDate day, const char *because) {
  char stamp[21];
  PactDate today = ledger_now(stamp);
  if (!has_day || day == today) return PACT_OK;
  char claimed[11], now[11];
  pact_date_format(day, claimed);
  pact_date_format(today, now);
  if (day > today) {
    diag_add_line(diags, DIAG_ERROR, "E1261", ledger->path, 0,
                  "record it today (leave out --recorded-on) or on an earlier day",
                  "%s would be recorded on %s, after today (%s, UTC): the ledger cannot have "
                  "learned anything on a day still to come",
                  what, claimed, now);
    return PACT_ERR_INVALID;
  }
  if (because && *because) return PACT_OK;
  diag_add_line(diags, DIAG_ERROR, "E1260", ledger->path, 0,
                "say why, and the reason is recorded with it: --backdated-because \"REASON\" "
                "(pactum imports lists it)",
                "%s would be recorded on %s, before today (%s, UTC): that is backdating, which "
                "changes what the ledger answers as known on the days between, and is done only "
                "with a reason",
                what, claimed, now);
  return PACT_ERR_INVALID;
}

/* Opens the import's row in the imports table; its seq numbers the events it adds. Stamped with
** the machine's clock (recorded_at); the day claimed (recorded_on) is today's unless the
** importer gives another. */
static PactStatus begin_import(Import *im, const ImportOptions *options) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(im->ledger->db,
                         "INSERT INTO imports(file, recorded_on, recorded_at, added, known,"
                         " as_party) VALUES (?1, ?2, ?4, 0, 0, ?3)",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  char day[11], stamp[21];
  PactDate today = ledger_now(stamp);
  pact_date_format(options && options->has_recorded_on ? options->recorded_on : today, day);
  sqlite3_bind_text(st, 1, im->file, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, day, 10, SQLITE_STATIC);
  if (options && options->as) sqlite3_bind_text(st, 3, options->as, -1, SQLITE_STATIC);
  else sqlite3_bind_null(st, 3);
  sqlite3_bind_text(st, 4, stamp, 20, SQLITE_STATIC);
  memcpy(im->day, day, sizeof day);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  im->seq = sqlite3_last_insert_rowid(im->ledger->db);
  PactStatus status = ledger_begin_act_sums(im->ledger, im->diags);
  if (status != PACT_OK) return status;
  /* Backdating is an act of its own: recorded, with its reason. */
  if (options && options->has_recorded_on && options->recorded_on < today)
    return ledger_record_act(im->ledger, im->diags, im->seq, "import", options->as,
                             options->backdated_because);
  return PACT_OK;
}

static PactStatus end_import(Import *im) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(im->ledger->db, "UPDATE imports SET added = ?2, known = ?3 WHERE seq = ?1",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  sqlite3_bind_int64(st, 1, im->seq);
  sqlite3_bind_int64(st, 2, (sqlite3_int64)im->result->added);
  sqlite3_bind_int64(st, 3, (sqlite3_int64)im->result->known);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  /* The checksum of what this import wrote, and of its record as it now stands. */
  uint64_t record = 0;
  char sql[512];
  snprintf(sql, sizeof sql,
           "SELECT i.seq, i.file, i.recorded_on, i.recorded_at, i.added, i.known,"
           " i.as_party, a.act, a.as_party, a.backdated FROM imports i LEFT JOIN %s a"
           " ON a.import_seq = i.seq AND a.act = 'import' WHERE i.seq = ?1",
           ledger_acts_source(im->ledger));
  if (sqlite3_prepare_v2(im->ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, im->seq);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) record = ledger_import_digest(st, 0, 7);
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW) return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  char key[40], value[80];
  snprintf(key, sizeof key, "checksum:%lld", (long long)im->seq);
  snprintf(value, sizeof value, "%llu %016llx %016llx", (unsigned long long)im->result->added,
           (unsigned long long)im->digest_sum, (unsigned long long)record);
  if (sqlite3_prepare_v2(im->ledger->db,
                         "INSERT OR REPLACE INTO pactum_meta(key, value) VALUES (?1, ?2),"
                         " ('checksums-from', coalesce((SELECT value FROM pactum_meta"
                         " WHERE key = 'checksums-from'), ?3))",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  char from[24];
  snprintf(from, sizeof from, "%lld", (long long)im->seq);
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, from, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  /* The superseding events this import found void, each checksummed. */
  return ledger_write_void_sums(im->ledger, im->diags, im->seq);
}

static void parties_free(char **parties, uint32_t count) {
  if (!parties) return;
  for (uint32_t i = 0; i < count; i++) free(parties[i]);
  free(parties);
}

/* The agreement's party ids as strings, for closest_name; NULL when memory runs out. */
static char **parties_of(const Agreement *ag) {
  char **parties = mem_calloc(ag->party_count + 1, sizeof *parties);
  for (uint32_t i = 0; parties && i < ag->party_count; i++) {
    char *id = mem_malloc((size_t)ag->parties[i].id.len + 1);
    if (!id) {
      parties_free(parties, i);
      return NULL;
    }
    memcpy(id, ag->parties[i].id.ptr, ag->parties[i].id.len);
    id[ag->parties[i].id.len] = '\0';
    parties[i] = id;
  }
  return parties;
}

/* The import's transaction begun: the tables of what it writes beside its events, its
** statement for the events kept out of the daily sums, and its row in imports. */
static PactStatus import_begin(Import *im) {
  Ledger *ledger = im->ledger;
  DiagList *diags = im->diags;
  /* A file is one transaction: pages that do not fit the cache spill to the log and are written
  ** again as the transaction goes on. 128 MiB holds a million events' pages. */
  PactStatus status =
      ledger_begin_write(ledger, diags, "PRAGMA cache_size = -131072; BEGIN IMMEDIATE");
  if (status == PACT_OK) status = ledger_exec(ledger, diags, ledger_sums_tables_sql);
  if (status == PACT_OK) status = ledger_exec(ledger, diags, ledger_months_table_sql);
  if (status == PACT_OK &&
      sqlite3_prepare_v2(ledger->db, "INSERT INTO unsummed(import_seq, id) VALUES (?1, ?2)", -1,
                         &im->unsummed, NULL) != SQLITE_OK)
    status = ledger_fail(ledger, diags, "the ledger could not be prepared");
  if (status == PACT_OK && !(im->sums = day_sums_new())) status = PACT_ERR_NOMEM;
  if (status == PACT_OK && !(im->months = event_months_new())) status = PACT_ERR_NOMEM;
  if (status == PACT_OK) status = begin_import(im, im->options);
  return status;
}

/* Every event of the file into the ledger, one by one (import_event). */
static PactStatus import_rows(Import *im, uint64_t rows) {
  const ImportOptions *options = im->options;
  DiagList *diags = im->diags;
  EventReader *reader = NULL;
  PactStatus status = event_reader_open(im->file, diags, &reader);
  Event e;
  uint64_t done = 0;
  size_t errors = diags->errors;
  while (status == PACT_OK && event_reader_next(reader, &e)) {
    /* Events refused one by one (E1207-E1210) are each said, up to a bound: a file of a million
    ** rows in another currency is one mistake, not a million lines to read. */
    if (diags->errors - errors >= PACT_EVENT_ERRORS_MAX) {
      diag_add_line(diags, DIAG_ERROR, "E1217", im->file, e.line,
                    "fix the first problems and import the file again",
                    "too many problems: stopped reading after %d errors", PACT_EVENT_ERRORS_MAX);
      status = PACT_ERR_INVALID;
      break;
    }
    status = import_event(im, &e);
    if (options && options->progress && ++done % 65536 == 0)
      options->progress(options->progress_context, done, rows);
  }
  if (status == PACT_OK && reader) status = event_reader_status(reader);
  event_reader_close(reader);
  return status;
}

/* The import's transaction, from its first event to its commit (or its rollback). */
static PactStatus import_events(Import *im, uint64_t rows) {
  Ledger *ledger = im->ledger;
  const ImportOptions *options = im->options;
  DiagList *diags = im->diags;
  ImportResult *result = im->result;
  if (sqlite3_prepare_v2(ledger->db, insert_sql, -1, &im->insert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(ledger->db, same_sql, -1, &im->differs, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(ledger->db, ledger_target_sql, -1, &im->target, NULL) != SQLITE_OK) {
    sqlite3_finalize(im->insert);
    sqlite3_finalize(im->differs);
    return ledger_fail(ledger, diags, "the ledger could not be prepared");
  }
  PactStatus status = import_begin(im);
  if (status == PACT_OK) status = import_rows(im, rows);
  sqlite3_finalize(im->insert);
  sqlite3_finalize(im->differs);
  sqlite3_finalize(im->target);
  sqlite3_finalize(im->unsummed);
  im->unsummed = NULL;
  if (status == PACT_OK && im->refused) status = PACT_ERR_INVALID;
  if (status == PACT_OK) status = ledger_check_refs(im);
  if (status == PACT_OK) status = ledger_check_early_superseders(im);
  if (status == PACT_OK) status = ledger_check_withdrawn(im);
  if (status == PACT_OK && result->added) status = ledger_record_targets(im);
  if (status == PACT_OK && result->added) status = ledger_write_sums(im);
  if (status == PACT_OK && result->added) status = ledger_write_months(im);
  day_sums_free(im->sums);
  im->sums = NULL;
  event_months_free(im->months);
  im->months = NULL;
  if (status == PACT_OK && result->added == 0) {
    /* Nothing new: the ledger stays byte for byte as it was, not even the import is logged. */
    ledger_rollback(ledger);
    return PACT_OK;
  }
  if (status == PACT_OK) status = end_import(im);
  if (status == PACT_OK) status = ledger_commit(ledger, diags);
  if (status != PACT_OK) {
    ledger_rollback(ledger);
    memset(result, 0, sizeof *result);
    return status;
  }
  if (options && options->progress) options->progress(options->progress_context, rows, rows);
  /* Keep the main file whole: what is committed moves out of the write-ahead log. */
  ledger_checkpoint(ledger);
  return PACT_OK;
}

static PactStatus import_checked(Ledger *ledger, const char *path, const ImportOptions *options,
                                 DiagList *diags, ImportResult *result) {
  memset(result, 0, sizeof *result);
  uint64_t rows;
  PactStatus status =
      options ? ledger_check_recorded_on(ledger, diags, path, options->has_recorded_on,
                                         options->recorded_on, options->backdated_because)
              : PACT_OK;
  if (status != PACT_OK) return status;
  status = validate_file(path, diags, &rows);
  if (status != PACT_OK) return status;
  Import im = {
      .ledger = ledger, .file = path, .diags = diags, .result = result, .options = options};
  const Agreement *ag = options ? options->agreement : NULL;
  if (ag) {
    im.kinds_read = ledger_kinds_read(ag);
    if (!(im.parties = parties_of(ag))) return PACT_ERR_NOMEM;
  }
  status = import_events(&im, rows);
  parties_free(im.parties, ag ? ag->party_count : 0);
  return status;
}

PactStatus ledger_import(Ledger *ledger, const char *path, const ImportOptions *options,
                         DiagList *diags, ImportResult *result) {
  LostNote outer = ledger_lost_begin();
  return ledger_lost_end(ledger, diags, outer,
                         import_checked(ledger, path, options, diags, result));
}
