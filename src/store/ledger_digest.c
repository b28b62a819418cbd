/*
** ledger_digest.c -- what every reading trusts: the note of values lost for want of memory
** (ledger_int.h says why), the questions of yes or no asked of the ledger, the rows' digests,
** the checksums writes leave in pactum_meta, and the checks of the imports', undos' and void
** superseding events' records against them.
*/
#include "store/ledger_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- values lost */

/* The note of this thread (ledger_int.h says what it is for). */
static _Thread_local int lost_code; /* SQLite's code of the first such failure, or 0 */
static _Thread_local char lost_message[160];
static _Thread_local bool lost_said; /* its diagnostic was given */

void ledger_note_lost(sqlite3 *db, int code) {
  if (lost_code) return;
  lost_code = code ? code : SQLITE_ERROR;
  snprintf(lost_message, sizeof lost_message, "%s",
           code == SQLITE_NOMEM || !db ? sqlite3_errstr(lost_code) : sqlite3_errmsg(db));
}

LostNote ledger_lost_begin(void) {
  LostNote outer = {lost_code, lost_said, ""};
  memcpy(outer.message, lost_message, sizeof outer.message);
  lost_code = 0;
  lost_said = false;
  return outer;
}

PactStatus ledger_lost_end(const Ledger *ledger, DiagList *diags, LostNote outer,
                           PactStatus status) {
  if (lost_code && (status == PACT_OK || status == PACT_ERR_INVALID))
    status = ledger_lost_status(ledger, diags);
  if (outer.code) {
    lost_code = outer.code;
    lost_said = outer.said;
    memcpy(lost_message, outer.message, sizeof lost_message);
  }
  return status;
}

bool ledger_lost(void) { return lost_code != 0; }

PactStatus ledger_lost_status(const Ledger *ledger, DiagList *diags) {
  if (!lost_said)
    diag_add_line(diags, DIAG_ERROR, "E1201", ledger->path, 0, NULL,
                  "the ledger could not be read: %s", lost_message);
  lost_said = true;
  return lost_code == SQLITE_NOMEM ? PACT_ERR_NOMEM : PACT_ERR_IO;
}

const char *ledger_column(sqlite3_stmt *st, int i) {
  const char *text = (const char *)ledger_value_text(st, i);
  return text ? text : "";
}

/* Whether the ledger has a table of that name (tables added after a ledger was created). */
bool ledger_has_table(Ledger *ledger, const char *name) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db,
                         "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", -1, &st,
                         NULL) != SQLITE_OK) {
    ledger_note_lost(ledger->db, sqlite3_errcode(ledger->db));
    return false;
  }
  sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) ledger_note_lost(ledger->db, rc);
  sqlite3_finalize(st);
  return rc == SQLITE_ROW;
}

/* The table acts in a query, or, in a ledger no write has given it yet, an empty one. */
const char *ledger_acts_source(Ledger *ledger) {
  return ledger_has_table(ledger, "acts")
             ? "acts"
             : "(SELECT NULL AS import_seq, NULL AS act, NULL AS as_party,"
               " NULL AS backdated WHERE 0)";
}

/* Whether the query of one row answers a row (false too when it cannot be asked); the day is
** ?1, the machine's time ?2. */
bool ledger_has(Ledger *ledger, const char *sql, const char *day, const char *stamp) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK) {
    ledger_note_lost(ledger->db, sqlite3_errcode(ledger->db));
    return false;
  }
  if (day) sqlite3_bind_text(st, 1, day, 10, SQLITE_STATIC);
  if (stamp) sqlite3_bind_text(st, 2, stamp, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) ledger_note_lost(ledger->db, rc);
  sqlite3_finalize(st);
  return rc == SQLITE_ROW;
}

/* ---------------------------------------------------------------- checksums */

/*
** Each import's events are checksummed as they are written: the count of its rows and the sum
** (mod 2^64) of a 64-bit digest of each row's values, as an event (so the same row read back
** gives the same digest whatever order it is read in), with a digest of the import's own record
** (file, days, counts, party). They are kept in pactum_meta under 'checksum:SEQ', from the import
** numbered 'checksums-from' on (imports recorded before this have none). Every reading sums the
** digests of the rows it reads, import by import, and compares: a changed byte, a row added or
** removed, is an error, not a different amount. Not cryptographic: it finds corruption and
** edits made without pactum's help, not an editor who recomputes the sums.
*/
uint64_t ledger_event_digest(const Event *e, int64_t import_seq) {
  uint64_t h = 0x6a09e667f3bcc908ull;
  h = ledger_digest_text(h, e->id.ptr, e->id.len);
  h = ledger_digest_word(h, (uint64_t)e->kind << 32 | (uint32_t)e->date);
  h = ledger_digest_word(h, e->has_end ? (uint32_t)e->end : UINT64_MAX);
  h = ledger_digest_text(h, e->party.ptr, e->party.len);
  h = ledger_digest_text(h, e->counterparty.ptr, e->counterparty.len);
  h = ledger_digest_text(h, e->stream.ptr, e->stream.len);
  h = ledger_digest_text(h, e->subject.ptr, e->subject.len);
  h = ledger_digest_word(h, e->has_amount ? (uint64_t)e->amount_minor : 0x8000000000000001ull);
  h = ledger_digest_text(h, e->has_amount ? e->currency.code : "", e->has_amount ? 3 : 0);
  h = ledger_digest_text(h, e->ref.ptr, e->ref.len);
  h = ledger_digest_text(h, e->note.ptr, e->note.len);
  h = ledger_digest_word(h, (uint64_t)e->line << 32 ^ (uint64_t)import_seq);
  return ledger_mix64(h);
}

/* Columns first to first + n - 1 of st, into h: integers as such, texts by their bytes. */
static uint64_t digest_columns(uint64_t h, sqlite3_stmt *st, int first, int n) {
  for (int c = first; c < first + n; c++) {
    if (sqlite3_column_type(st, c) == SQLITE_INTEGER) {
      h = ledger_digest_word(h, (uint64_t)sqlite3_column_int64(st, c));
    } else if (sqlite3_column_type(st, c) == SQLITE_NULL) {
      h = ledger_digest_word(h, 7);
    } else {
      /* A text's bytes as they are stored: no copy (which could fail) is needed for its NUL. */
      const char *bytes = sqlite3_column_type(st, c) == SQLITE_FLOAT
                              ? (const char *)ledger_value_text(st, c)
                              : (const char *)sqlite3_column_blob(st, c);
      h = ledger_digest_text(h, bytes ? bytes : "", (uint32_t)sqlite3_column_bytes(st, c));
    }
  }
  return h;
}

/*
** The import's record, as the imports table holds it (columns first to first + 6 of st), and,
** from column act on (act, as_party, backdated of the table acts; act < 0: none), the record of
** its backdating, when it has one: an import without (all those recorded before acts) digests
** as it always did.
*/
uint64_t ledger_import_digest(sqlite3_stmt *st, int first, int act) {
  uint64_t h = digest_columns(0xbb67ae8584caa73bull, st, first, 7);
  if (act >= 0 && sqlite3_column_type(st, act) != SQLITE_NULL) h = digest_columns(h, st, act, 3);
  return ledger_mix64(h);
}

/* An undo's record (import_seq, recorded_on, recorded_at, withdrawn, then act, as_party,
** backdated of acts), from column first of st. */
static uint64_t undo_digest(sqlite3_stmt *st, int first) {
  return ledger_mix64(digest_columns(0x3c6ef372fe94f82bull, st, first, 7));
}

/* A void superseding event's row (id, target, reason, import_seq), from column first. */
static uint64_t void_digest(sqlite3_stmt *st, int first) {
  return ledger_mix64(digest_columns(0xa54ff53a5f1d36f1ull, st, first, 4));
}

/* One checksum into pactum_meta. */
PactStatus ledger_put_meta(Ledger *ledger, DiagList *diags, const char *key, const char *value) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db,
                         "INSERT OR REPLACE INTO pactum_meta(key, value) VALUES (?1, ?2)", -1, &st,
                         NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be written");
  int rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK) rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? PACT_OK
                           : ledger_fail(ledger, diags, "the ledger could not be written");
}

/* What an undo's checksum covers (undo_digest's columns), of one import (?1) or, with a
** negative seq, of all. */
#define UNDO_RECORD_SQL                                                                            \
  "SELECT u.import_seq, u.recorded_on, u.recorded_at, u.withdrawn, a.act, a.as_party,"             \
  " a.backdated FROM undos u LEFT JOIN %s a ON a.import_seq = u.import_seq AND a.act = 'undo'"

/* Checksums the undo of import seq ('undo:SEQ'), or with a negative seq every undo. */
PactStatus ledger_write_undo_sums(Ledger *ledger, DiagList *diags, int64_t seq) {
  char sql[512];
  snprintf(sql, sizeof sql, UNDO_RECORD_SQL " WHERE ?1 < 0 OR u.import_seq = ?1",
           ledger_acts_source(ledger));
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, seq);
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    char key[40], value[24];
    snprintf(key, sizeof key, "undo:%lld", (long long)sqlite3_column_int64(st, 0));
    snprintf(value, sizeof value, "%016llx", (unsigned long long)undo_digest(st, 0));
    status = ledger_put_meta(ledger, diags, key, value);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/* Checksums the void superseding events import seq found ('void:ID': the digest and the
** import), or with a negative seq all of them. */
PactStatus ledger_write_void_sums(Ledger *ledger, DiagList *diags, int64_t seq) {
  if (!ledger_has_table(ledger, "void_superseders")) return PACT_OK;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db,
                         "SELECT id, target, reason, import_seq FROM void_superseders"
                         " WHERE ?1 < 0 OR import_seq = ?1",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, seq);
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    char key[600], value[48];
    snprintf(key, sizeof key, "void:%.500s", ledger_column(st, 0));
    snprintf(value, sizeof value, "%016llx %lld", (unsigned long long)void_digest(st, 0),
             (long long)sqlite3_column_int64(st, 3));
    status = ledger_put_meta(ledger, diags, key, value);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/*
** The first write of a pactum that checksums undos and void superseding events checksums those
** the ledger already holds (made by an earlier pactum, unchecked until now) and says so
** ('acts-checksums'): from then on every one must match its checksum. In the write's
** transaction: a write that adds nothing leaves no trace of it.
*/
PactStatus ledger_begin_act_sums(Ledger *ledger, DiagList *diags) {
  if (ledger_has(ledger, "SELECT 1 FROM pactum_meta WHERE key = 'acts-checksums'", NULL, NULL))
    return PACT_OK;
  PactStatus status = ledger_write_undo_sums(ledger, diags, -1);
  if (status == PACT_OK) status = ledger_write_void_sums(ledger, diags, -1);
  if (status == PACT_OK) status = ledger_put_meta(ledger, diags, "acts-checksums", "1");
  return status;
}

PactStatus ledger_checksum_error(Ledger *ledger, DiagList *diags, int64_t seq, const char *file,
                                 const char *what) {
  if (lost_code) return ledger_lost_status(ledger, diags);
  diag_add_line(diags, DIAG_ERROR, "E1220", ledger->path, 0,
                "the ledger was changed outside pactum (or its file is damaged): restore it from "
                "a copy, or create a new one and import the event files again",
                "import %lld (%.200s) does not match its checksum: %s", (long long)seq,
                file ? file : "?", what);
  return PACT_ERR_INVALID;
}

PactStatus ledger_import_records(Ledger *ledger, DiagList *diags, const char *key, const char *day,
                                 const char *stamp, LedgerImportRecordVisit visit, void *context) {
  char sql[512];
  snprintf(sql, sizeof sql,
           "SELECT i.seq, i.file, m.value, i.recorded_on <= ?1 AND i.recorded_at <= ?2"
           " AND (u.import_seq IS NULL OR u.recorded_on > ?1 OR u.recorded_at > ?2)"
           " FROM imports i LEFT JOIN pactum_meta m ON m.key = '%s:' || i.seq"
           " LEFT JOIN undos u ON u.import_seq = i.seq ORDER BY i.seq DESC",
           key);
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_bind_text(st, 1, day, 10, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, stamp, -1, SQLITE_STATIC);
  PactStatus status = PACT_OK;
  int64_t before = READ_SUMS_SEQ_MAX; /* the number of the import read before */
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t seq = sqlite3_column_int64(st, 0);
    const char *file = (const char *)ledger_value_text(st, 1);
    if (seq < 0 || seq >= READ_SUMS_SEQ_MAX)
      status = ledger_checksum_error(ledger, diags, seq, NULL, "its number is out of range");
    else if (seq >= before)
      status = ledger_checksum_error(ledger, diags, seq, file, "its number is out of order");
    else
      status = visit(context, seq, file ? file : "", sqlite3_column_int(st, 3) == 1,
                     (const char *)ledger_value_text(st, 2));
    before = seq;
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/* One import (st's row) against its checksum: its record, and (r not NULL) the rows the
** reading took of it. */
static PactStatus verify_import(Ledger *ledger, DiagList *diags, sqlite3_stmt *st, const char *day,
                                const char *stamp, const ReadSums *r) {
  int64_t seq = sqlite3_column_int64(st, 0);
  const char *file = (const char *)ledger_value_text(st, 1);
  const char *value = (const char *)ledger_value_text(st, 7);
  const char *undone = (const char *)ledger_value_text(st, 8);
  bool since = sqlite3_column_type(st, 9) != SQLITE_NULL;
  if (!value) {
    /* Imports recorded before checksums have none; after the first, each must have one. */
    if (since && seq >= sqlite3_column_int64(st, 9))
      return ledger_checksum_error(ledger, diags, seq, file, "its checksum is missing");
    return PACT_OK;
  }
  unsigned long long count, sum, record;
  if (sscanf(value, "%llu %llx %llx", &count, &sum, &record) != 3)
    return ledger_checksum_error(ledger, diags, seq, file, "its checksum cannot be read");
  if (ledger_import_digest(st, 0, 10) != record)
    return ledger_checksum_error(ledger, diags, seq, file,
                                 "its record (file, days, counts, party or the reason it was "
                                 "backdated) was changed");
  /* The records only: a reading of the daily sums has records of its own. */
  if (!r) return PACT_OK;
  /* Every import is checked, those the day leaves out too (none of their rows read): a
  ** changed day must not hide an import's events unseen. */
  const char *recorded_on = (const char *)ledger_value_text(st, 2);
  const char *recorded_at = (const char *)ledger_value_text(st, 3);
  /* undone: the undo's day and time, one after the other (2025-03-012026-12-03T14:15:25Z). */
  bool in_force = undone && strlen(undone) > 10 && strncmp(undone, day, 10) <= 0 &&
                  strcmp(undone + 10, stamp) <= 0;
  bool read = recorded_on && strcmp(recorded_on, day) <= 0 && recorded_at &&
              strcmp(recorded_at, stamp) <= 0 && !in_force;
  uint64_t got_count = seq >= 0 && seq < r->size ? r->count[seq] : 0;
  uint64_t got_sum = seq >= 0 && seq < r->size ? r->sum[seq] : 0;
  if (!read)
    return got_count ? ledger_checksum_error(ledger, diags, seq, file,
                                             "events of it were read that it did not write by then")
                     : PACT_OK;
  if (got_count != count) {
    char what[120];
    snprintf(what, sizeof what, "it wrote %llu events and the ledger holds %llu of them", count,
             (unsigned long long)got_count);
    return ledger_checksum_error(ledger, diags, seq, file, what);
  }
  if (got_sum != sum)
    return ledger_checksum_error(ledger, diags, seq, file, "the values of its events were changed");
  return PACT_OK;
}

/*
** Every import is checked against its checksum: its record as it stands, and the rows the
** reading took of it (all of its events when it was recorded by the day and not withdrawn by an
** undo by then, else none).
*/
PactStatus ledger_verify_sums(Ledger *ledger, const char *day, const char *stamp, const ReadSums *r,
                              DiagList *diags) {
  sqlite3_stmt *st;
  char sql[1024];
  snprintf(sql, sizeof sql,
           "SELECT i.seq, i.file, i.recorded_on, i.recorded_at, i.added, i.known,"
           " i.as_party, m.value, u.recorded_on || u.recorded_at,"
           " (SELECT CAST(value AS INTEGER) FROM pactum_meta WHERE key = 'checksums-from'),"
           " a.act, a.as_party, a.backdated"
           " FROM imports i LEFT JOIN pactum_meta m ON m.key = 'checksum:' || i.seq"
           " LEFT JOIN undos u ON u.import_seq = i.seq"
           " LEFT JOIN %s a ON a.import_seq = i.seq AND a.act = 'import'",
           ledger_acts_source(ledger));
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
    status = verify_import(ledger, diags, st, day, stamp, r);
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/* E1220 for a row of undos, acts or void_superseders, named. */
static PactStatus act_error(Ledger *ledger, DiagList *diags, sqlite3_stmt *st, int seq_column,
                            int file_column, const char *format, ...)
    __attribute__((format(printf, 6, 7)));
static PactStatus act_error(Ledger *ledger, DiagList *diags, sqlite3_stmt *st, int seq_column,
                            int file_column, const char *format, ...) {
  char what[700];
  va_list args;
  va_start(args, format);
  vsnprintf(what, sizeof what, format, args);
  va_end(args);
  return ledger_checksum_error(ledger, diags, sqlite3_column_int64(st, seq_column),
                               (const char *)ledger_value_text(st, file_column), what);
}

/* 1. Each undo against its checksum. */
static PactStatus verify_undos(Ledger *ledger, DiagList *diags, const char *acts) {
  char sql[2048];
  sqlite3_stmt *st;
  PactStatus status = PACT_OK;
  int rc = SQLITE_DONE;
  /* 0-6 its record (undo_digest), 7 the checksum, 8 the import's file. */
  snprintf(sql, sizeof sql,
           "SELECT u.import_seq, u.recorded_on, u.recorded_at, u.withdrawn, a.act, a.as_party,"
           " a.backdated, m.value, i.file FROM undos u"
           " LEFT JOIN %s a ON a.import_seq = u.import_seq AND a.act = 'undo'"
           " LEFT JOIN pactum_meta m ON m.key = 'undo:' || u.import_seq"
           " LEFT JOIN imports i ON i.seq = u.import_seq ORDER BY u.import_seq",
           acts);
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *value = (const char *)ledger_value_text(st, 7);
    unsigned long long sum;
    if (!value)
      status = act_error(ledger, diags, st, 0, 8, "its undo (withdrawn on %.10s) has no checksum",
                         ledger_column(st, 1));
    else if (sscanf(value, "%llx", &sum) != 1 || sum != undo_digest(st, 0))
      status = act_error(ledger, diags, st, 0, 8,
                         "its undo (withdrawn on %.10s) was changed (its "
                         "day, time, count, recorder or the reason it was backdated)",
                         ledger_column(st, 1));
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/* 2. What a checksum or a record names that the ledger no longer holds. */
static PactStatus verify_orphans(Ledger *ledger, DiagList *diags, const char *acts, bool voids) {
  char sql[2048];
  sqlite3_stmt *st;
  PactStatus status = PACT_OK;
  /* 0 the import, 1 its file, 2 what (0: an undo's checksum, 1: who made an undo, 2: a void
  ** event's checksum), 3 the void event's id. */
  snprintf(sql, sizeof sql,
           "SELECT CAST(substr(m.key, 6) AS INTEGER) AS s, (SELECT file FROM imports"
           " WHERE seq = CAST(substr(m.key, 6) AS INTEGER)), 0, NULL FROM pactum_meta m"
           " WHERE m.key LIKE 'undo:%%' AND NOT EXISTS (SELECT 1 FROM undos u"
           " WHERE u.import_seq = CAST(substr(m.key, 6) AS INTEGER))"
           " UNION ALL SELECT a.import_seq, (SELECT file FROM imports WHERE seq = a.import_seq), 1,"
           " NULL FROM %s a WHERE a.act = 'undo'"
           " AND NOT EXISTS (SELECT 1 FROM undos u WHERE u.import_seq = a.import_seq)"
           " UNION ALL SELECT CAST(substr(m.value, 18) AS INTEGER), (SELECT file FROM imports"
           " WHERE seq = CAST(substr(m.value, 18) AS INTEGER)), 2, substr(m.key, 6)"
           " FROM pactum_meta m WHERE m.key LIKE 'void:%%'%s",
           acts,
           voids ? " AND NOT EXISTS (SELECT 1 FROM void_superseders v"
                   " WHERE v.id = substr(m.key, 6))"
                 : "");
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  int rc;
  if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int what = sqlite3_column_int(st, 2);
    if (what == 0) status = act_error(ledger, diags, st, 0, 1, "its undo was removed (undos)");
    else if (what == 1)
      status = act_error(ledger, diags, st, 0, 1,
                         "the ledger says who made an undo of it that "
                         "it does not hold (acts)");
    else
      status = act_error(ledger, diags, st, 0, 1,
                         "its record that '%.100s' takes no effect was "
                         "removed (void_superseders)",
                         ledger_column(st, 3));
  } else if (rc != SQLITE_DONE) {
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  }
  sqlite3_finalize(st);
  return status;
}

/* 3. Each void superseding event against its checksum. */
static PactStatus verify_voids(Ledger *ledger, DiagList *diags) {
  sqlite3_stmt *st;
  PactStatus status = PACT_OK;
  int rc = SQLITE_DONE;
  /* 0-3 its row (void_digest), 4 the checksum, 5 the file of the import it names. */
  if (sqlite3_prepare_v2(
          ledger->db,
          "SELECT v.id, v.target, v.reason, v.import_seq, m.value, i.file"
          " FROM void_superseders v LEFT JOIN pactum_meta m ON m.key = 'void:' || v.id"
          " LEFT JOIN imports i ON i.seq = v.import_seq ORDER BY v.import_seq, v.id",
          -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *value = (const char *)ledger_value_text(st, 4);
    unsigned long long sum;
    if (!value || sscanf(value, "%llx", &sum) != 1 || sum != void_digest(st, 0))
      status = act_error(ledger, diags, st, 3, 5,
                         "its record that '%.100s' takes no effect (on "
                         "'%.100s') %s (void_superseders)",
                         ledger_column(st, 0), ledger_column(st, 1),
                         value ? "was changed" : "has no checksum");
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/*
** The records every "as known on" answer trusts besides the events: each undo (its days, its
** count, who made it, why it was backdated) and each void superseding event must match its
** checksum, and every checksum must have its row, once the ledger checksums them
** ('acts-checksums'). A changed, added or removed row is E1220, named.
*/
PactStatus ledger_verify_acts(Ledger *ledger, DiagList *diags) {
  if (!ledger_has(ledger, "SELECT 1 FROM pactum_meta WHERE key = 'acts-checksums'", NULL, NULL))
    return PACT_OK;
  const char *acts = ledger_acts_source(ledger);
  bool voids = ledger_has_table(ledger, "void_superseders");
  PactStatus status = verify_undos(ledger, diags, acts);
  if (status == PACT_OK) status = verify_orphans(ledger, diags, acts, voids);
  if (status == PACT_OK && voids) status = verify_voids(ledger, diags);
  return status;
}
