/*
** ledger.c -- events kept in SQLite (WAL, one transaction per file), read back in date order.
** SQLite gives pactum atomic, crash-safe files for free; pactum adds the rules about ids.
*/
#include "ledger.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

#define LEDGER_SCHEMA_VERSION "1"

struct Ledger {
  sqlite3 *db;
  char *path;
};

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS pactum_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS events("
    "  id TEXT PRIMARY KEY, kind TEXT NOT NULL, date TEXT NOT NULL, end_date TEXT,"
    "  party TEXT, counterparty TEXT, stream TEXT, subject TEXT,"
    "  amount_minor INTEGER, currency TEXT, ref TEXT, note TEXT,"
    "  source_file TEXT NOT NULL, source_line INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS events_by_date ON events(date);"
    "INSERT OR IGNORE INTO pactum_meta(key, value) VALUES ('schema', '" LEDGER_SCHEMA_VERSION "');";

static PactStatus ledger_fail(Ledger *ledger, DiagList *diags, const char *what) {
  if (sqlite3_errcode(ledger->db) == SQLITE_NOTADB) {
    diag_add_line(diags, DIAG_ERROR, "E1202", ledger->path, 0,
                  "create one: pactum init --ledger FILE", "this file is not a pactum ledger");
    return PACT_ERR_IO;
  }
  diag_add_line(diags, DIAG_ERROR, "E1201", ledger->path, 0, NULL, "%s: %s", what,
                sqlite3_errmsg(ledger->db));
  return PACT_ERR_IO;
}

static PactStatus ledger_exec(Ledger *ledger, DiagList *diags, const char *sql) {
  if (sqlite3_exec(ledger->db, sql, NULL, NULL, NULL) == SQLITE_OK) return PACT_OK;
  return ledger_fail(ledger, diags, "the ledger could not be written");
}

static bool is_ledger(Ledger *ledger) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db, "SELECT value FROM pactum_meta WHERE key = 'schema'", -1,
                         &st, NULL) != SQLITE_OK)
    return false;
  bool ok = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return ok;
}

static PactStatus ledger_connect(const char *path, bool create, DiagList *diags, Ledger **out) {
  *out = NULL;
  Ledger *ledger = mem_calloc(1, sizeof *ledger);
  if (!ledger || !(ledger->path = mem_strdup(path))) {
    free(ledger);
    return PACT_ERR_NOMEM;
  }
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  PactStatus status = PACT_OK;
  if (sqlite3_open_v2(path, &ledger->db, flags, NULL) != SQLITE_OK) {
    diag_add_line(diags, DIAG_ERROR, "E1202", path, 0,
                  create ? "check the folder exists and can be written"
                         : "create one first: pactum init --ledger FILE",
                  "cannot open the ledger: %s", sqlite3_errmsg(ledger->db));
    status = PACT_ERR_IO;
  } else {
    sqlite3_busy_timeout(ledger->db, 5000);
    /* WAL and full sync: a crash at any moment leaves the last committed file. */
    status = ledger_exec(ledger, diags, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
    if (status == PACT_OK && create) status = ledger_exec(ledger, diags, schema_sql);
    if (status == PACT_OK && !is_ledger(ledger)) {
      diag_add_line(diags, DIAG_ERROR, "E1202", path, 0, "create one: pactum init --ledger FILE",
                    "this file is not a pactum ledger");
      status = PACT_ERR_IO;
    }
  }
  if (status != PACT_OK) {
    ledger_close(ledger);
    return status;
  }
  *out = ledger;
  return PACT_OK;
}

PactStatus ledger_create(const char *path, DiagList *diags, Ledger **out) {
  return ledger_connect(path, true, diags, out);
}

PactStatus ledger_open(const char *path, DiagList *diags, Ledger **out) {
  return ledger_connect(path, false, diags, out);
}

void ledger_close(Ledger *ledger) {
  if (!ledger) return;
  sqlite3_close(ledger->db);
  free(ledger->path);
  free(ledger);
}

/* ---------------------------------------------------------------- import */

static void bind_text(sqlite3_stmt *st, int index, EventText text) {
  if (text.len) sqlite3_bind_text(st, index, text.ptr, (int)text.len, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, index);
}

static void bind_event(sqlite3_stmt *st, const Event *e, const char *file) {
  char day[11], end[11];
  pact_date_format(e->date, day);
  bind_text(st, 1, e->id);
  sqlite3_bind_text(st, 2, event_kind_name(e->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, day, -1, SQLITE_TRANSIENT);
  if (e->has_end) {
    pact_date_format(e->end, end);
    sqlite3_bind_text(st, 4, end, -1, SQLITE_TRANSIENT);
  } else {
    sqlite3_bind_null(st, 4);
  }
  bind_text(st, 5, e->party);
  bind_text(st, 6, e->counterparty);
  bind_text(st, 7, e->stream);
  bind_text(st, 8, e->subject);
  if (e->has_amount) {
    sqlite3_bind_int64(st, 9, e->amount_minor);
    sqlite3_bind_text(st, 10, e->currency.code, -1, SQLITE_TRANSIENT);
  } else {
    sqlite3_bind_null(st, 9);
    sqlite3_bind_null(st, 10);
  }
  bind_text(st, 11, e->ref);
  bind_text(st, 12, e->note);
  sqlite3_bind_text(st, 13, file, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 14, e->line);
}

/* The content columns only: where an event was read from is not part of what it says. */
static const char same_sql[] =
    "SELECT source_file, source_line FROM events WHERE id = ?1 AND NOT ("
    " kind IS ?2 AND date IS ?3 AND end_date IS ?4 AND party IS ?5 AND counterparty IS ?6 AND"
    " stream IS ?7 AND subject IS ?8 AND amount_minor IS ?9 AND currency IS ?10 AND ref IS ?11"
    " AND note IS ?12)";

static const char insert_sql[] =
    "INSERT INTO events(id, kind, date, end_date, party, counterparty, stream, subject,"
    " amount_minor, currency, ref, note, source_file, source_line)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
    " ON CONFLICT(id) DO NOTHING";

/* One event: added, already there identically, or a conflict (reported). */
static PactStatus import_event(Ledger *ledger, sqlite3_stmt *insert, sqlite3_stmt *differs,
                               const Event *e, const char *file, DiagList *diags,
                               ImportResult *result) {
  bind_event(insert, e, file);
  int rc = sqlite3_step(insert);
  sqlite3_reset(insert);
  if (rc != SQLITE_DONE) return ledger_fail(ledger, diags, "the ledger could not be written");
  if (sqlite3_changes(ledger->db) == 1) {
    result->added++;
    return PACT_OK;
  }
  bind_event(differs, e, file);
  rc = sqlite3_step(differs);
  PactStatus status = PACT_OK;
  if (rc == SQLITE_ROW) {
    diag_add_line(diags, DIAG_ERROR, "E1203", file, e->line,
                  "a correction is a new event with its own id whose ref names the old one",
                  "event '%.*s' differs from the event with the same id imported from %s:%d",
                  (int)e->id.len, e->id.ptr, (const char *)sqlite3_column_text(differs, 0),
                  sqlite3_column_int(differs, 1));
    status = PACT_ERR_INVALID;
  } else if (rc != SQLITE_DONE) {
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  } else {
    result->known++;
  }
  sqlite3_reset(differs);
  return status;
}

/* First pass: is every row of the file good? Nothing is written before this says yes. */
static PactStatus validate_file(const char *path, DiagList *diags) {
  EventReader *reader;
  PactStatus status = event_reader_open(path, diags, &reader);
  if (status != PACT_OK) return status;
  Event e;
  while (event_reader_next(reader, &e)) {
  }
  status = event_reader_status(reader);
  if (status == PACT_OK && event_reader_error_count(reader)) status = PACT_ERR_INVALID;
  event_reader_close(reader);
  return status;
}

PactStatus ledger_import(Ledger *ledger, const char *path, DiagList *diags, ImportResult *result) {
  memset(result, 0, sizeof *result);
  PactStatus status = validate_file(path, diags);
  if (status != PACT_OK) return status;
  sqlite3_stmt *insert = NULL, *differs = NULL;
  if (sqlite3_prepare_v2(ledger->db, insert_sql, -1, &insert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(ledger->db, same_sql, -1, &differs, NULL) != SQLITE_OK) {
    sqlite3_finalize(insert);
    return ledger_fail(ledger, diags, "the ledger could not be prepared");
  }
  EventReader *reader = NULL;
  status = ledger_exec(ledger, diags, "BEGIN IMMEDIATE");
  if (status == PACT_OK) status = event_reader_open(path, diags, &reader);
  Event e;
  while (status == PACT_OK && event_reader_next(reader, &e))
    status = import_event(ledger, insert, differs, &e, path, diags, result);
  if (status == PACT_OK && reader) status = event_reader_status(reader);
  event_reader_close(reader);
  sqlite3_finalize(insert);
  sqlite3_finalize(differs);
  if (status == PACT_OK) status = ledger_exec(ledger, diags, "COMMIT");
  if (status != PACT_OK) {
    sqlite3_exec(ledger->db, "ROLLBACK", NULL, NULL, NULL);
    memset(result, 0, sizeof *result);
    return status;
  }
  /* Keep the main file whole: what is committed moves out of the write-ahead log. */
  sqlite3_wal_checkpoint_v2(ledger->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return PACT_OK;
}

/* ---------------------------------------------------------------- reading back */

static EventText column_text(sqlite3_stmt *st, int column) {
  const char *text = (const char *)sqlite3_column_text(st, column);
  return (EventText){text, text ? (uint32_t)sqlite3_column_bytes(st, column) : 0};
}

static bool row_event(sqlite3_stmt *st, Event *e) {
  memset(e, 0, sizeof *e);
  EventText kind = column_text(st, 1), day = column_text(st, 2), end = column_text(st, 3);
  if (!event_kind_find(kind.ptr, kind.len, &e->kind) ||
      pact_date_parse(day.ptr, day.len, &e->date) != PACT_OK)
    return false;
  e->has_end = end.len && pact_date_parse(end.ptr, end.len, &e->end) == PACT_OK;
  e->id = column_text(st, 0);
  e->party = column_text(st, 4);
  e->counterparty = column_text(st, 5);
  e->stream = column_text(st, 6);
  e->subject = column_text(st, 7);
  e->has_amount = sqlite3_column_type(st, 8) != SQLITE_NULL;
  e->amount_minor = sqlite3_column_int64(st, 8);
  EventText currency = column_text(st, 9);
  if (e->has_amount && !pact_currency_find(currency.ptr, currency.len, &e->currency)) return false;
  e->ref = column_text(st, 10);
  e->note = column_text(st, 11);
  e->line = (uint32_t)sqlite3_column_int(st, 12);
  return true;
}

PactStatus ledger_each(Ledger *ledger, DiagList *diags, LedgerVisit visit, void *context) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db,
                         "SELECT id, kind, date, end_date, party, counterparty, stream, subject,"
                         " amount_minor, currency, ref, note, source_line FROM events"
                         " ORDER BY date, id",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  PactStatus status = PACT_OK;
  int rc;
  Event e;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (!row_event(st, &e)) {
      diag_add_line(diags, DIAG_ERROR, "E1204", ledger->path, 0, NULL,
                    "an event in the ledger cannot be read; was it edited by hand?");
      status = PACT_ERR_INVALID;
      break;
    }
    status = visit(context, &e);
  }
  if (status == PACT_OK && rc != SQLITE_DONE) status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}
