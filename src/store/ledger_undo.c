/*
** ledger_undo.c -- the imports as the ledger records them (checked first), and an undo: the
** events of an import moved out of events, whole, into withdrawn, and the undo recorded, so
** that as known on a day before it they are still there.
*/
#include "store/ledger_int.h"

#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- imports and undo */

static PactStatus imports_checked(Ledger *ledger, DiagList *diags,
                                  PactStatus (*visit)(void *context,
                                                      const LedgerImportInfo *import),
                                  void *context) {
  /* What the listing shows is what every reading trusts: checked first. */
  PactStatus checked =
      ledger_verify_sums(ledger, "9999-12-31", "9999-12-31T23:59:59Z", NULL, diags);
  if (checked == PACT_OK) checked = ledger_verify_acts(ledger, diags);
  if (checked != PACT_OK) return checked;
  sqlite3_stmt *st;
  char sql[1024];
  snprintf(sql, sizeof sql,
           "SELECT i.seq, i.file, i.recorded_on, i.recorded_at, i.as_party, i.added,"
           " i.known, u.recorded_on, u.recorded_at, u.withdrawn, ai.backdated, au.as_party,"
           " au.backdated FROM imports i LEFT JOIN undos u ON u.import_seq = i.seq"
           " LEFT JOIN %s ai ON ai.import_seq = i.seq AND ai.act = 'import'"
           " LEFT JOIN %s au ON au.import_seq = u.import_seq AND au.act = 'undo' ORDER BY i.seq",
           ledger_acts_source(ledger), ledger_acts_source(ledger));
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    LedgerImportInfo info = {
        sqlite3_column_int64(st, 0),
        ledger_column(st, 1),
        ledger_column(st, 2),
        ledger_column(st, 3),
        (const char *)ledger_value_text(st, 4),
        (uint64_t)sqlite3_column_int64(st, 5),
        (uint64_t)sqlite3_column_int64(st, 6),
        (const char *)ledger_value_text(st, 7),
        (const char *)ledger_value_text(st, 8),
        (uint64_t)sqlite3_column_int64(st, 9),
        (const char *)ledger_value_text(st, 10),
        (const char *)ledger_value_text(st, 11),
        (const char *)ledger_value_text(st, 12),
    };
    status = visit(context, &info);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/* Runs a statement of no result with one integer and one text bound (either may be unused). */
static PactStatus ledger_run(Ledger *ledger, DiagList *diags, const char *sql, int64_t number,
                             const char *text, uint64_t *changes) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be written");
  sqlite3_bind_int64(st, 1, number);
  if (text) sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return ledger_fail(ledger, diags, "the ledger could not be written");
  if (changes) *changes = (uint64_t)sqlite3_changes(ledger->db);
  return PACT_OK;
}

/* Is the undo of import seq one the ledger can record on day? Reports why not. */
static PactStatus undo_allowed(Ledger *ledger, int64_t seq, const char *day, const char *as,
                               DiagList *diags) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db,
                         "SELECT i.file, i.recorded_on, u.recorded_on,"
                         " (SELECT MIN(seq) FROM imports), (SELECT MAX(seq) FROM imports),"
                         " i.as_party"
                         " FROM (SELECT 1) LEFT JOIN imports i ON i.seq = ?1"
                         " LEFT JOIN undos u ON u.import_seq = i.seq",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, seq);
  PactStatus status = PACT_OK;
  if (sqlite3_step(st) != SQLITE_ROW) {
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  } else if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
    char help[160] = "the ledger has no imports yet";
    if (sqlite3_column_type(st, 3) != SQLITE_NULL)
      snprintf(help, sizeof help,
               "its imports are numbered %lld to %lld: pactum imports "
               "--ledger FILE lists them",
               (long long)sqlite3_column_int64(st, 3), (long long)sqlite3_column_int64(st, 4));
    diag_add_line(diags, DIAG_ERROR, "E1212", ledger->path, 0, help,
                  "the ledger has no import %lld", (long long)seq);
    status = PACT_ERR_INVALID;
  } else if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
    diag_add_line(diags, DIAG_ERROR, "E1213", ledger->path, 0,
                  "an import is withdrawn once; import the file again to bring its events back",
                  "import %lld (%s) was already withdrawn on %s", (long long)seq,
                  ledger_column(st, 0), ledger_column(st, 2));
    status = PACT_ERR_INVALID;
  } else if (strcmp(ledger_column(st, 1), day) > 0) {
    diag_add_line(diags, DIAG_ERROR, "E1214", ledger->path, 0,
                  "record the undo on or after the day of the import (--recorded-on)",
                  "import %lld (%s) was recorded on %s: it cannot be withdrawn on %s, before it "
                  "was made",
                  (long long)seq, ledger_column(st, 0), ledger_column(st, 1), day);
    status = PACT_ERR_INVALID;
  } else if (as &&
             (sqlite3_column_type(st, 5) == SQLITE_NULL || strcmp(ledger_column(st, 5), as) != 0)) {
    /* A party takes back what it put in, and only that. */
    const char *by = (const char *)ledger_value_text(st, 5);
    char made[200];
    if (by) snprintf(made, sizeof made, "was imported as %.80s", by);
    else snprintf(made, sizeof made, "was imported trusted (without --as)");
    diag_add_line(diags, DIAG_ERROR, "E1262", ledger->path, 0,
                  by ? "withdraw it as the party that imported it (--as), or trusted (without --as)"
                     : "only a trusted undo (without --as) withdraws a trusted import",
                  "import %lld (%s) %s: %s may withdraw only an import it made", (long long)seq,
                  ledger_column(st, 0), made, as);
    status = PACT_ERR_INVALID;
  }
  sqlite3_finalize(st);
  return status;
}

static PactStatus undo_checked(Ledger *ledger, int64_t seq, const UndoOptions *options,
                               DiagList *diags, UndoResult *result) {
  memset(result, 0, sizeof *result);
  char day[11], stamp[21];
  PactDate today = ledger_now(stamp);
  pact_date_format(options && options->has_recorded_on ? options->recorded_on : today, day);
  const char *as = options ? options->as : NULL;
  const char *because = options ? options->backdated_because : NULL;
  char what[64];
  snprintf(what, sizeof what, "the undo of import %lld", (long long)seq);
  PactStatus status = options
                          ? ledger_check_recorded_on(ledger, diags, what, options->has_recorded_on,
                                                     options->recorded_on, because)
                          : PACT_OK;
  if (status != PACT_OK) return status;
  bool backdated = options && options->has_recorded_on && options->recorded_on < today;
  status = ledger_begin_write(ledger, diags, "BEGIN IMMEDIATE");
  if (status != PACT_OK) return status;
  status = undo_allowed(ledger, seq, day, as, diags);
  if (status == PACT_OK) status = ledger_begin_act_sums(ledger, diags);
  /* The events move to withdrawn, whole: history is kept, and their ids are free again. */
  if (status == PACT_OK)
    status = ledger_run(ledger, diags,
                        "INSERT INTO withdrawn SELECT id, kind, date, end_date, party,"
                        " counterparty, stream, subject, amount_minor, currency, ref, note,"
                        " import_seq, source_line FROM events WHERE import_seq = ?1",
                        seq, NULL, &result->withdrawn);
  if (status == PACT_OK)
    status = ledger_run(ledger, diags, "DELETE FROM events WHERE import_seq = ?1", seq, NULL, NULL);
  if (status == PACT_OK) {
    char sql[200];
    snprintf(sql, sizeof sql,
             "INSERT INTO undos(import_seq, recorded_on, recorded_at, withdrawn)"
             " VALUES (?1, substr(?2, 1, 10), substr(?2, 11), %llu)",
             (unsigned long long)result->withdrawn);
    char day_stamp[32];
    snprintf(day_stamp, sizeof day_stamp, "%s%s", day, stamp);
    status = ledger_run(ledger, diags, sql, seq, day_stamp, NULL);
  }
  /* Who made it (NULL: trusted), always said; why it was backdated, when it was. */
  if (status == PACT_OK)
    status = ledger_record_act(ledger, diags, seq, "undo", as, backdated ? because : NULL);
  if (status == PACT_OK) status = ledger_write_undo_sums(ledger, diags, seq);
  if (status == PACT_OK) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ledger->db,
                           "SELECT COUNT(*) FROM imports i WHERE i.seq > ?1 AND i.known > 0"
                           " AND NOT EXISTS (SELECT 1 FROM undos u WHERE u.import_seq = i.seq)",
                           -1, &st, NULL) == SQLITE_OK) {
      sqlite3_bind_int64(st, 1, seq);
      if (sqlite3_step(st) == SQLITE_ROW)
        result->later_known = (uint64_t)sqlite3_column_int64(st, 0);
      sqlite3_finalize(st);
    }
  }
  if (status == PACT_OK) status = ledger_commit(ledger, diags);
  if (status != PACT_OK) {
    ledger_rollback(ledger);
    memset(result, 0, sizeof *result);
    return status;
  }
  ledger_checkpoint(ledger);
  return PACT_OK;
}

PactStatus ledger_imports(Ledger *ledger, DiagList *diags,
                          PactStatus (*visit)(void *context, const LedgerImportInfo *import),
                          void *context) {
  LostNote outer = ledger_lost_begin();
  return ledger_lost_end(ledger, diags, outer, imports_checked(ledger, diags, visit, context));
}

PactStatus ledger_undo(Ledger *ledger, int64_t seq, const UndoOptions *options, DiagList *diags,
                       UndoResult *result) {
  LostNote outer = ledger_lost_begin();
  return ledger_lost_end(ledger, diags, outer, undo_checked(ledger, seq, options, diags, result));
}
