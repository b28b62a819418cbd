/*
** ledger_verify.c -- the whole ledger checked: every row and every import's checksum, as a full
** reading checks them; every import's daily sums as written and as its events sum again; where
** each import's events are, month by month; and the reading a settlement makes.
*/
#include "store/ledger_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

/* ---------------------------------------------------------------- verifying everything */

static PactStatus count_event(void *context, const char *source, const Event *event) {
  (void)source, (void)event;
  ++*(uint64_t *)context;
  return PACT_OK;
}

static bool any_group(void *context, const Event *group) {
  (void)context, (void)group;
  return true;
}

/* What each import's events come to when summed again, as its import summed them. */
typedef struct Resummed {
  DaySums **days; /* by seq, NULL: none yet */
  SumPart *unsummed;
  EventMonths **months; /* where its events are, month by month; NULL: none yet */
  int64_t size;
} Resummed;

static void resummed_free(Resummed *r) {
  for (int64_t i = 0; i < r->size; i++) {
    if (r->days) day_sums_free(r->days[i]);
    if (r->months) event_months_free(r->months[i]);
  }
  free(r->days);
  free(r->unsummed);
  free(r->months);
}

/* Every row of events and withdrawn (an undo keeps the sums of what it withdrew), summed again
** import by import, and counted again in the months of each import's rows of where its events
** are. */
static PactStatus resum(Ledger *ledger, DiagList *diags, Resummed *r) {
  static const char *const sql[2] = {
      "SELECT e.id, e.kind, e.date, e.end_date, e.party, e.counterparty, e.stream, e.subject,"
      " e.amount_minor, e.currency, e.ref, e.note, e.source_line, i.file, e.import_seq"
      " FROM events e LEFT JOIN imports i ON i.seq = e.import_seq",
      "SELECT e.id, e.kind, e.date, e.end_date, e.party, e.counterparty, e.stream, e.subject,"
      " e.amount_minor, e.currency, e.ref, e.note, e.source_line, i.file, e.import_seq"
      " FROM withdrawn e LEFT JOIN imports i ON i.seq = e.import_seq"};
  PactStatus status = PACT_OK;
  for (int t = 0; t < 2 && status == PACT_OK; t++) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ledger->db, sql[t], -1, &st, NULL) != SQLITE_OK)
      return ledger_fail(ledger, diags, "the ledger could not be read");
    int rc;
    while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
      Event e;
      RowFault f = {0};
      if (!ledger_row_event(st, &e, &f)) {
        status = ledger_report_row(ledger, diags, st, &f);
        break;
      }
      int64_t seq = sqlite3_column_int64(st, 14);
      if (seq < 0 || seq >= r->size) continue; /* an import without sums, or none (said above) */
      uint64_t digest = ledger_event_digest(&e, seq);
      if (!r->months[seq] && !(r->months[seq] = event_months_new())) status = PACT_ERR_NOMEM;
      if (status == PACT_OK) status = event_months_add(r->months[seq], &e, digest);
      if (status != PACT_OK) break;
      if (!day_sums_takes(&e)) {
        r->unsummed[seq].count++;
        r->unsummed[seq].digest += digest;
        continue;
      }
      if (!r->days[seq] && !(r->days[seq] = day_sums_new())) status = PACT_ERR_NOMEM;
      if (status == PACT_OK) status = day_sums_add(r->days[seq], &e);
    }
    if (status == PACT_OK && rc != SQLITE_DONE)
      status = ledger_fail(ledger, diags, "the ledger could not be read");
    sqlite3_finalize(st);
  }
  return status;
}

/* Each import's daily sums, and the events it kept out of them, as its events give them again
** (again), against its record (r). */
static PactStatus resummed_check(SumRead *r, const Resummed *again) {
  for (int64_t seq = 0; seq < r->size; seq++) {
    const SumImport *im = &r->imports[seq];
    if (!im->visible) continue;
    SumPart days = {0, 0};
    size_t count = again->days[seq] ? day_sums_count(again->days[seq]) : 0;
    for (size_t i = 0; i < count; i++) {
      DaySum d;
      day_sums_get(again->days[seq], i, &d);
      days.count++;
      days.digest += ledger_day_sum_digest(&d, seq);
    }
    if (days.count != im->want.days.count || days.digest != im->want.days.digest)
      return ledger_sums_error(r, seq, "its daily sums are not what its events sum to");
    if (again->unsummed[seq].count != im->want.unsummed.count ||
        again->unsummed[seq].digest != im->want.unsummed.digest)
      return ledger_sums_error(r, seq, "the events it kept out of its daily sums were changed");
  }
  return PACT_OK;
}

/* Every import's sums as written, and as its events sum again; then where its events are. */
static PactStatus verify_day_sums(Ledger *ledger, DiagList *diags, LedgerVerifyResult *out) {
  SumRead r = {ledger, diags, "9999-12-31", "9999-12-31T23:59:59Z", NULL, 0, NULL,
               NULL,   NULL,  NULL};
  Resummed again = {0};
  PactStatus status = ledger_sums_written(&r, &out->imports_summed, &out->day_sums);
  if (r.imports) {
    /* As the events sum again: the same sums, and the same events kept out of them. */
    if (status == PACT_OK) {
      again.size = r.size;
      again.days = mem_calloc((size_t)r.size, sizeof *again.days);
      again.unsummed = mem_calloc((size_t)r.size, sizeof *again.unsummed);
      again.months = mem_calloc((size_t)r.size, sizeof *again.months);
      if (!again.days || !again.unsummed || !again.months) status = PACT_ERR_NOMEM;
    }
    if (status == PACT_OK) status = resum(ledger, diags, &again);
    if (status == PACT_OK) status = resummed_check(&r, &again);
    /* Where each import's events are: its rows as written against their record, and the record
    ** against what its events give again. */
    if (status == PACT_OK && again.months && ledger_has_table(ledger, "event_months"))
      status = ledger_months_verify(ledger, diags, again.months, again.size);
  }
  resummed_free(&again);
  ledger_sum_read_free(&r);
  return status;
}

static PactStatus verify_checked(Ledger *ledger, DiagList *diags, LedgerVerifyResult *out) {
  memset(out, 0, sizeof *out);
  PactStatus status = ledger_snapshot_begin(ledger, diags);
  if (status != PACT_OK) return status;
  /* Every row and every import's checksum, as a full reading checks them. */
  status = ledger_each(ledger, &(LedgerQuery){.by_id = true}, diags, count_event, &out->in_force);
  /* Every import's sums as written, and as its events sum again. */
  if (status == PACT_OK && ledger_has_table(ledger, "day_sums"))
    status = verify_day_sums(ledger, diags, out);
  /* And the reading a settlement makes, every group taken as sums: the events kept out of them
  ** (unsummed) against their records too. */
  uint64_t read = 0;
  if (status == PACT_OK)
    status = ledger_each(ledger, &(LedgerQuery){.summable = any_group}, diags, count_event, &read);
  ledger_snapshot_end(ledger);
  return status;
}

PactStatus ledger_verify(Ledger *ledger, DiagList *diags, LedgerVerifyResult *out) {
  LostNote outer = ledger_lost_begin();
  return ledger_lost_end(ledger, diags, outer, verify_checked(ledger, diags, out));
}
