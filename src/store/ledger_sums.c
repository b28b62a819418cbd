/*
** ledger_sums.c -- the daily sums a settlement reads (daysums.h): written by each import beside
** its events, with the ids of its other events and copies of the summed events superseding
** events name, and read back, each import checked against its record of what it wrote.
*/
#include "store/ledger_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

/* ---------------------------------------------------------------- daily sums */

/*
** What a settlement reads of a ledger (docs/ledger.md, "What a settlement reads"): per import,
** the daily sums of its summed events (daysums.h), the ids of its other events (unsummed: read
** as themselves), and a copy of each summed event a superseding event names (sum_targets: what
** to take out of the sums when the supersession is in force). Each import's 'sums:SEQ' in
** pactum_meta counts and digests the three, from the import numbered 'sums-from' on; a ledger
** with an import before that, or one whose sums overflowed ('none'), is read event by event.
** The tables are made by the first import that writes to them.
*/
const char ledger_sums_tables_sql[] =
    "CREATE TABLE IF NOT EXISTS day_sums(import_seq INTEGER NOT NULL REFERENCES imports(seq),"
    "  kind TEXT NOT NULL, party TEXT NOT NULL, stream TEXT, currency TEXT NOT NULL,"
    "  day INTEGER NOT NULL, amount_minor INTEGER NOT NULL, events INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS unsummed(import_seq INTEGER NOT NULL, id TEXT NOT NULL,"
    "  PRIMARY KEY (import_seq, id)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS sum_targets(import_seq INTEGER NOT NULL, id TEXT NOT NULL,"
    "  target_seq INTEGER NOT NULL, kind TEXT NOT NULL, party TEXT NOT NULL, stream TEXT,"
    "  currency TEXT NOT NULL, date TEXT NOT NULL, end_date TEXT, amount_minor INTEGER NOT NULL);";

uint64_t ledger_day_sum_digest(const DaySum *d, int64_t import_seq) {
  uint64_t h = 0x3c6ef372fe94f82bull;
  h = ledger_digest_word(h, (uint64_t)import_seq << 8 | (uint64_t)d->kind);
  h = ledger_digest_text(h, d->party.ptr, d->party.len);
  h = ledger_digest_text(h, d->stream.ptr, d->stream.len);
  h = ledger_digest_text(h, d->currency.code, 3);
  h = ledger_digest_word(h, (uint32_t)d->day);
  h = ledger_digest_word(h, (uint64_t)d->amount_minor);
  h = ledger_digest_word(h, (uint64_t)d->events);
  return ledger_mix64(h);
}

/* A superseded summed event as sum_targets keeps it: the writer's seq, the target's. */
static uint64_t target_digest(const Event *t, int64_t writer_seq, int64_t target_seq) {
  uint64_t h = ledger_digest_word(0x510e527fade682d1ull, (uint64_t)writer_seq);
  h = ledger_digest_word(h, (uint64_t)target_seq);
  h = ledger_digest_word(h, ledger_event_digest(t, target_seq));
  return ledger_mix64(h);
}

/* An added event: into the day's sums, or its id into unsummed (its digest, the checksum's, into
** the sums' record: a reading of the sums reads such events whole and checks them). */
PactStatus ledger_sum_event(Import *im, const Event *e, uint64_t digest) {
  if (day_sums_takes(e)) return day_sums_add(im->sums, e);
  sqlite3_bind_int64(im->unsummed, 1, im->seq);
  sqlite3_bind_text(im->unsummed, 2, e->id.ptr, (int)e->id.len, SQLITE_STATIC);
  int rc = sqlite3_step(im->unsummed);
  sqlite3_reset(im->unsummed);
  if (rc != SQLITE_DONE)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  im->sum_digest.unsummed.count++;
  im->sum_digest.unsummed.digest += digest;
  return PACT_OK;
}

/* What sum_targets keeps of a superseded summed event: its money, where it falls, its id. */
static void target_copy(const Event *t, Event *out) {
  memset(out, 0, sizeof *out);
  out->id = t->id;
  out->kind = t->kind;
  out->date = t->date;
  out->has_end = t->has_end;
  out->end = t->end;
  out->party = t->party;
  out->stream = t->stream;
  out->has_amount = true;
  out->amount_minor = t->amount_minor;
  out->currency = t->currency;
}

/* The summed events a superseding event names, where this import brings either side (the
** superseding event driving the join through the index on ref, as early_sql does). */
static const char pairs_sql[] =
    "SELECT DISTINCT t.id, t.kind, t.date, t.end_date, t.party, t.counterparty, t.stream,"
    " t.subject, t.amount_minor, t.currency, t.ref, t.note, t.source_line, ti.file, t.import_seq,"
    " s.kind"
    " FROM events s INDEXED BY events_by_ref CROSS JOIN events t ON t.id = s.ref"
    " JOIN imports ti ON ti.seq = t.import_seq"
    " WHERE s.ref IS NOT NULL AND s.id <> t.id AND (s.import_seq = ?1 OR t.import_seq = ?1)";

/* Keeps a copy of every summed event that a superseding event names, as this import pairs
** them: a reading takes it out of the sums while the supersession is in force. */
PactStatus ledger_record_targets(Import *im) {
  sqlite3_stmt *st, *ins;
  if (sqlite3_prepare_v2(im->ledger->db, pairs_sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  if (sqlite3_prepare_v2(im->ledger->db,
                         "INSERT INTO sum_targets(import_seq, id, target_seq, kind, party, stream,"
                         " currency, date, end_date, amount_minor)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                         -1, &ins, NULL) != SQLITE_OK) {
    sqlite3_finalize(st);
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  }
  sqlite3_bind_int64(st, 1, im->seq);
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    Event t, copy;
    RowFault f;
    if (!ledger_row_event(st, &t, &f)) {
      status = ledger_report_row(im->ledger, im->diags, st, &f);
      break;
    }
    EventText by_text = ledger_column_text(st, 15);
    EventKind by;
    if (!event_kind_find(by_text.ptr, by_text.len, &by) || !day_sums_takes(&t) ||
        !(by == EVENT_CORRECTION || event_supersedes(by, t.kind)))
      continue;
    int64_t target_seq = sqlite3_column_int64(st, 14);
    target_copy(&t, &copy);
    char day[11], end[11];
    pact_date_format(t.date, day);
    sqlite3_bind_int64(ins, 1, im->seq);
    ledger_bind_text(ins, 2, t.id);
    sqlite3_bind_int64(ins, 3, target_seq);
    sqlite3_bind_text(ins, 4, event_kind_name(t.kind), -1, SQLITE_STATIC);
    ledger_bind_text(ins, 5, t.party);
    ledger_bind_text(ins, 6, t.stream);
    sqlite3_bind_text(ins, 7, t.currency.code, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 8, day, 10, SQLITE_STATIC);
    if (t.has_end) {
      pact_date_format(t.end, end);
      sqlite3_bind_text(ins, 9, end, 10, SQLITE_STATIC);
    } else {
      sqlite3_bind_null(ins, 9);
    }
    sqlite3_bind_int64(ins, 10, t.amount_minor);
    int wrote = sqlite3_step(ins);
    sqlite3_reset(ins);
    if (wrote != SQLITE_DONE) {
      status = ledger_fail(im->ledger, im->diags, "the ledger could not be written");
      break;
    }
    im->sum_digest.targets.count++;
    im->sum_digest.targets.digest += target_digest(&copy, im->seq, target_seq);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  sqlite3_finalize(ins);
  return status;
}

/* Writes the import's daily sums and the record of what it wrote for settlement ('sums:SEQ'). */
PactStatus ledger_write_sums(Import *im) {
  char value[160];
  bool usable = !day_sums_overflowed(im->sums);
  if (usable) {
    sqlite3_stmt *ins;
    if (sqlite3_prepare_v2(im->ledger->db,
                           "INSERT INTO day_sums(import_seq, kind, party, stream, currency, day,"
                           " amount_minor, events) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           -1, &ins, NULL) != SQLITE_OK)
      return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
    size_t count = day_sums_count(im->sums);
    for (size_t i = 0; i < count; i++) {
      DaySum d;
      day_sums_get(im->sums, i, &d);
      sqlite3_bind_int64(ins, 1, im->seq);
      sqlite3_bind_text(ins, 2, event_kind_name(d.kind), -1, SQLITE_STATIC);
      ledger_bind_text(ins, 3, d.party);
      ledger_bind_text(ins, 4, d.stream);
      sqlite3_bind_text(ins, 5, d.currency.code, -1, SQLITE_STATIC);
      sqlite3_bind_int64(ins, 6, d.day);
      sqlite3_bind_int64(ins, 7, d.amount_minor);
      sqlite3_bind_int64(ins, 8, (sqlite3_int64)d.events);
      int rc = sqlite3_step(ins);
      sqlite3_reset(ins);
      if (rc != SQLITE_DONE) {
        sqlite3_finalize(ins);
        return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
      }
      im->sum_digest.days.count++;
      im->sum_digest.days.digest += ledger_day_sum_digest(&d, im->seq);
    }
    sqlite3_finalize(ins);
    const SumDigest *g = &im->sum_digest;
    snprintf(value, sizeof value, "%llu %016llx %llu %016llx %llu %016llx",
             (unsigned long long)g->days.count, (unsigned long long)g->days.digest,
             (unsigned long long)g->unsummed.count, (unsigned long long)g->unsummed.digest,
             (unsigned long long)g->targets.count, (unsigned long long)g->targets.digest);
  } else {
    /* A day's sum beyond 64 bits: this import is read event by event (so is the ledger). */
    snprintf(value, sizeof value, "none");
  }
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(im->ledger->db,
                         "INSERT OR REPLACE INTO pactum_meta(key, value) VALUES (?1, ?2),"
                         " ('sums-from', coalesce((SELECT value FROM pactum_meta"
                         " WHERE key = 'sums-from'), ?3))",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  char key[40], from[24];
  snprintf(key, sizeof key, "sums:%lld", (long long)im->seq);
  snprintf(from, sizeof from, "%lld", (long long)im->seq);
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, from, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? PACT_OK
                           : ledger_fail(im->ledger, im->diags, "the ledger could not be written");
}

/* ---------------------------------------------------------------- reading the daily sums */

void ledger_sum_read_free(SumRead *r) {
  day_sums_free(r->days);
  for (int64_t i = 0; i < r->size; i++) free(r->imports[i].file);
  free(r->imports);
}

static SumImport *sum_import(const SumRead *r, int64_t seq) {
  return seq >= 0 && seq < r->size ? &r->imports[seq] : NULL;
}

PactStatus ledger_sums_error(SumRead *r, int64_t seq, const char *what) {
  SumImport *im = sum_import(r, seq);
  return ledger_checksum_error(r->ledger, r->diags, seq, im ? im->file : NULL, what);
}

/* A row of what an import writes beside its events (day_sums, sum_targets, unsummed,
** event_months) read back that is not what pactum writes (E1224). */
PactStatus ledger_record_row_error(Ledger *ledger, DiagList *diags, const char *table, int64_t seq,
                                   const char *column, const char *why) {
  if (ledger_lost()) return ledger_lost_status(ledger, diags);
  diag_add_line(diags, DIAG_ERROR, "E1224", ledger->path, 0,
                "the ledger was changed outside pactum: restore it from a copy, or create a new "
                "one and import the event files again",
                "a row of %s of import %lld has %s in column %s", table, (long long)seq, why,
                column);
  return PACT_ERR_INVALID;
}

static PactStatus sum_row_error(SumRead *r, const char *table, int64_t seq, const char *column,
                                const char *why) {
  return ledger_record_row_error(r->ledger, r->diags, table, seq, column, why);
}

/* What sum_imports reads besides the imports: from which import on each must have sums. */
typedef struct SumImports {
  SumRead *r;
  bool has_since;
  int64_t since; /* 'sums-from' */
  bool usable;
} SumImports;

/* One import, whether the day sees it, and the record of what it wrote for settlement. */
static PactStatus sum_import_visit(void *context, int64_t seq, const char *file, bool visible,
                                   const char *record) {
  SumImports *x = context;
  SumRead *r = x->r;
  if (!r->imports) { /* the highest seq comes first */
    if (!(r->imports = mem_calloc((size_t)seq + 1, sizeof *r->imports))) return PACT_ERR_NOMEM;
    r->size = seq + 1;
  }
  SumImport *im = sum_import(r, seq);
  if (!im || im->file) return ledger_sums_error(r, seq, "its number is out of order");
  if (!(im->file = mem_malloc(strlen(file) + 1))) return PACT_ERR_NOMEM;
  strcpy(im->file, file);
  im->visible = visible;
  if (!im->visible) return PACT_OK;
  if (!record) {
    x->usable = false;
    if (x->has_since && seq >= x->since)
      return ledger_sums_error(r, seq, "the record of its daily sums is missing");
    return PACT_OK;
  }
  if (strcmp(record, "none") == 0) {
    x->usable = false;
    return PACT_OK;
  }
  unsigned long long n[6];
  if (sscanf(record, "%llu %llx %llu %llx %llu %llx", &n[0], &n[1], &n[2], &n[3], &n[4], &n[5]) !=
      6)
    return ledger_sums_error(r, seq, "the record of its daily sums cannot be read");
  im->want = (SumDigest){{n[0], n[1]}, {n[2], n[3]}, {n[4], n[5]}};
  return PACT_OK;
}

/*
** The imports the day sees, each with the record of what it wrote for settlement. *usable is
** false when the sums cannot serve (an import before them, or one whose sums overflowed): the
** reading is then event by event.
*/
static PactStatus sum_imports(SumRead *r, bool *usable) {
  *usable = false;
  SumImports x = {r, false, 0, true};
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(r->ledger->db,
                         "SELECT CAST(value AS INTEGER) FROM pactum_meta WHERE key = 'sums-from'",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
    x.has_since = true;
    x.since = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  PactStatus status =
      ledger_import_records(r->ledger, r->diags, "sums", r->day, r->stamp, sum_import_visit, &x);
  *usable = status == PACT_OK && x.usable;
  return status;
}

/* A row of day_sums (columns 0-7: import_seq, kind, party, stream, currency, day, amount,
** events), checked as strictly as an event read back. */
static PactStatus sum_row(SumRead *r, sqlite3_stmt *st, int64_t *seq, DaySum *d) {
  *seq = sqlite3_column_int64(st, 0);
  memset(d, 0, sizeof *d);
  EventText kind = ledger_column_text(st, 1), currency = ledger_column_text(st, 4);
  if (sqlite3_column_type(st, 0) != SQLITE_INTEGER)
    return sum_row_error(r, "day_sums", *seq, "import_seq", "no import");
  if (!event_kind_find(kind.ptr, kind.len, &d->kind) ||
      (d->kind != EVENT_REVENUE && d->kind != EVENT_PROFIT))
    return sum_row_error(r, "day_sums", *seq, "kind", "a kind that is not summed");
  if (sqlite3_column_type(st, 2) != SQLITE_TEXT || !(d->party = ledger_column_text(st, 2)).len)
    return sum_row_error(r, "day_sums", *seq, "party", "no party");
  int stream_type = sqlite3_column_type(st, 3);
  if (stream_type != SQLITE_NULL && stream_type != SQLITE_TEXT)
    return sum_row_error(r, "day_sums", *seq, "stream", "a value that is not a text");
  d->stream = ledger_column_text(st, 3);
  if (!pact_currency_find(currency.ptr, currency.len, &d->currency))
    return sum_row_error(r, "day_sums", *seq, "currency", "a value that is not a currency");
  PactDate lo, hi;
  pact_date_parse("0001-01-01", 10, &lo);
  pact_date_parse("9999-12-31", 10, &hi);
  int64_t day = sqlite3_column_int64(st, 5);
  if (sqlite3_column_type(st, 5) != SQLITE_INTEGER || day < lo || day > hi)
    return sum_row_error(r, "day_sums", *seq, "day", "a value that is not a day");
  d->day = (PactDate)day;
  if (sqlite3_column_type(st, 6) != SQLITE_INTEGER)
    return sum_row_error(r, "day_sums", *seq, "amount_minor", "a value that is not an amount");
  d->amount_minor = sqlite3_column_int64(st, 6);
  if (sqlite3_column_type(st, 7) != SQLITE_INTEGER || sqlite3_column_int64(st, 7) < 1)
    return sum_row_error(r, "day_sums", *seq, "events", "a count that is not one or more");
  d->events = sqlite3_column_int64(st, 7);
  return PACT_OK;
}

/* Whether the reader takes every group the day's sums hold as sums (it would say nothing of
** any of their events); when one is not, the reading is event by event. */
static PactStatus sum_groups(SumRead *r, const LedgerQuery *query, bool *usable) {
  *usable = true;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(r->ledger->db,
                         "SELECT DISTINCT import_seq, kind, party, stream, currency, 0, 0, 1"
                         " FROM day_sums",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && *usable && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t seq;
    DaySum d;
    const SumImport *of = sum_import(r, sqlite3_column_int64(st, 0));
    if (sqlite3_column_type(st, 0) == SQLITE_INTEGER && (!of || !of->file)) {
      status = sum_row_error(r, "day_sums", sqlite3_column_int64(st, 0), "import_seq",
                             "an import the ledger does not record");
      break;
    }
    if ((status = sum_row(r, st, &seq, &d)) != PACT_OK) break;
    if (!r->imports[seq].visible) continue;
    Event e;
    day_sum_event(&d, &e);
    *usable = query->summable(query->summable_context, &e);
  }
  if (status == PACT_OK && *usable && rc != SQLITE_DONE)
    status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

static PactStatus sum_days(SumRead *r) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(r->ledger->db,
                         "SELECT import_seq, kind, party, stream, currency, day, amount_minor,"
                         " events FROM day_sums",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t seq;
    DaySum d;
    if ((status = sum_row(r, st, &seq, &d)) != PACT_OK) break;
    SumImport *im = sum_import(r, seq);
    if (!im || !im->file) {
      status =
          sum_row_error(r, "day_sums", seq, "import_seq", "an import the ledger does not record");
      break;
    }
    if (!im->visible) continue;
    im->got.days.count++;
    im->got.days.digest += ledger_day_sum_digest(&d, seq);
    status = day_sums_put(r->days, &d);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/* The events in force kept out of the sums, read whole, as the event-by-event reading reads
** every event (ledger_each_event). */
static PactStatus sum_unsummed(SumRead *r) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(
          r->ledger->db,
          "SELECT e.id, e.kind, e.date, e.end_date, e.party, e.counterparty,"
          " e.stream, e.subject, e.amount_minor, e.currency, e.ref, e.note,"
          " e.source_line, i.file, e.import_seq, u.import_seq, u.id"
          " FROM unsummed u LEFT JOIN events e ON e.id = u.id"
          " AND e.import_seq = u.import_seq LEFT JOIN imports i ON i.seq = e.import_seq"
          " ORDER BY e.date, e.id", /* payments in the order a full reading gives */
          -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t seq = sqlite3_column_int64(st, 15);
    SumImport *im = sum_import(r, seq);
    Event e;
    RowFault f = {0};
    if ((!im || !im->file) && sqlite3_column_type(st, 0) != SQLITE_NULL &&
        !ledger_row_event(st, &e, &f)) {
      status = ledger_report_row(r->ledger, r->diags, st, &f); /* its import is gone (E1204) */
      break;
    }
    if (!im || !im->file) {
      status =
          sum_row_error(r, "unsummed", seq, "import_seq", "an import the ledger does not record");
      break;
    }
    if (!im->visible) continue;
    if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
      char what[160];
      snprintf(what, sizeof what, "event '%.60s' it wrote is missing", ledger_column(st, 16));
      status = ledger_sums_error(r, seq, what);
      break;
    }
    if (!ledger_row_event(st, &e, &f)) {
      status = ledger_report_row(r->ledger, r->diags, st, &f);
      break;
    }
    im->got.unsummed.count++;
    im->got.unsummed.digest += ledger_event_digest(&e, seq);
    status = ledger_each_event(r->ledger, r->diags, st, r->gone, &e, r->visit, r->context);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/* A row of sum_targets (columns 1 and 3-9: id, kind, party, stream, currency, date, end_date,
** amount_minor) as the superseded summed event it keeps; the column that is not what pactum
** writes, or NULL. */
static const char *target_row(sqlite3_stmt *st, Event *t) {
  memset(t, 0, sizeof *t);
  EventText kind = ledger_column_text(st, 3), currency = ledger_column_text(st, 6);
  EventText day = ledger_column_text(st, 7), end = ledger_column_text(st, 8);
  t->id = ledger_column_text(st, 1);
  t->party = ledger_column_text(st, 4);
  t->stream = ledger_column_text(st, 5);
  t->has_amount = true;
  t->amount_minor = sqlite3_column_int64(st, 9);
  const char *bad = NULL;
  if (!t->id.len) bad = "id";
  else if (!event_kind_find(kind.ptr, kind.len, &t->kind)) bad = "kind";
  else if (!t->party.len) bad = "party";
  else if (!pact_currency_find(currency.ptr, currency.len, &t->currency)) bad = "currency";
  else if (day.len != 10 || pact_date_parse(day.ptr, 10, &t->date) != PACT_OK) bad = "date";
  else if (end.len && (end.len != 10 || pact_date_parse(end.ptr, 10, &t->end) != PACT_OK))
    bad = "end_date";
  else if (sqlite3_column_type(st, 9) != SQLITE_INTEGER) bad = "amount_minor";
  t->has_end = end.len > 0;
  if (!bad && !day_sums_takes(t)) bad = "kind";
  return bad;
}

/* Whether the event id of import seq is met here for the first time (*first), remembered in
** done (its keys in arena) from now on. */
static PactStatus first_time(StrMap *done, Arena *arena, int64_t seq, EventText id, bool *first) {
  char key[32];
  int key_len = snprintf(key, sizeof key, "%lld:", (long long)seq);
  char *whole = arena_alloc(arena, (size_t)key_len + id.len + 1);
  if (!whole) return PACT_ERR_NOMEM;
  memcpy(whole, key, (size_t)key_len);
  memcpy(whole + key_len, id.ptr, id.len);
  uint32_t whole_len = (uint32_t)key_len + id.len;
  if (strmap_get(done, whole, whole_len) >= 0) return PACT_OK;
  if (!strmap_put(done, whole, whole_len, 0)) return PACT_ERR_NOMEM;
  *first = true;
  return PACT_OK;
}

/* The summed events superseded as known on the day, taken out of the sums: their parts and
** their count on each of their days (so that a day only they fell on is no day of the data). */
static PactStatus sum_targets(SumRead *r) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(r->ledger->db,
                         "SELECT import_seq, id, target_seq, kind, party, stream, currency, date,"
                         " end_date, amount_minor FROM sum_targets",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  StrMap done;
  strmap_init(&done);
  Arena arena;
  arena_init(&arena);
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t seq = sqlite3_column_int64(st, 0), target_seq = sqlite3_column_int64(st, 2);
    SumImport *im = sum_import(r, seq), *target = sum_import(r, target_seq);
    if (!im || !target || !im->file || !target->file) {
      status = sum_row_error(r, "sum_targets", seq, im && im->file ? "target_seq" : "import_seq",
                             "an import the ledger does not record");
      break;
    }
    if (!im->visible) continue;
    Event t;
    const char *bad = target_row(st, &t);
    if (bad) {
      status = sum_row_error(r, "sum_targets", seq, bad, "a value pactum does not write");
      break;
    }
    im->got.targets.count++;
    im->got.targets.digest += target_digest(&t, seq, target_seq);
    if (!target->visible || !ledger_is_superseded(r->gone, &t)) continue;
    /* Once per event, however many imports paired it with a superseding event. */
    bool first = false;
    if ((status = first_time(&done, &arena, target_seq, t.id, &first)) != PACT_OK) break;
    if (first) status = day_sums_take(r->days, &t);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  strmap_free(&done);
  arena_free(&arena);
  return status;
}

/* The sums that stand for events in force: a day none stands on is not given; one whose
** events were all taken out must have nothing left (else the sums and the copies disagree). */
static PactStatus sum_visit(SumRead *r) {
  if (day_sums_overflowed(r->days))
    return sum_row_error(r, "day_sums", 0, "amount_minor", "sums beyond 64 bits");
  size_t count = day_sums_count(r->days);
  for (size_t i = 0; i < count; i++) {
    DaySum d;
    day_sums_get(r->days, i, &d);
    if (d.events < 0 || (d.events == 0 && d.amount_minor != 0))
      return sum_row_error(r, "sum_targets", 0, "amount_minor",
                           "an event the daily sums do not hold");
    if (d.events == 0) continue;
    Event e;
    day_sum_event(&d, &e);
    PactStatus status = r->visit(r->context, r->ledger->path, &e);
    if (status != PACT_OK) return status;
  }
  return PACT_OK;
}

/* Each import the day sees read as its record of the sums says it wrote them. */
static PactStatus sum_verify(SumRead *r, bool unsummed) {
  for (int64_t seq = 0; seq < r->size; seq++) {
    const SumImport *im = &r->imports[seq];
    if (!im->visible) continue;
    const SumPart *want[3] = {&im->want.days, &im->want.unsummed, &im->want.targets};
    const SumPart *got[3] = {&im->got.days, &im->got.unsummed, &im->got.targets};
    static const char *const what[3] = {"daily sums", "events kept out of the daily sums",
                                        "superseded summed events"};
    for (int i = 0; i < 3; i++) {
      if (i == 1 && !unsummed) continue; /* not read yet */
      if (want[i]->count == got[i]->count && want[i]->digest == got[i]->digest) continue;
      char why[200];
      if (want[i]->count != got[i]->count)
        snprintf(why, sizeof why, "it wrote %llu %s and the ledger holds %llu of them",
                 (unsigned long long)want[i]->count, what[i], (unsigned long long)got[i]->count);
      else snprintf(why, sizeof why, "the values of its %s were changed", what[i]);
      return ledger_sums_error(r, seq, why);
    }
  }
  return PACT_OK;
}

/*
** The reading of a settlement (query->summable): the daily sums, the events kept out of them,
** and the superseded summed events taken out again, each import checked against its record.
** *used is false, and nothing was visited, when the sums cannot serve this reading.
*/
PactStatus ledger_summed_each(Ledger *ledger, const LedgerQuery *query, const char *day,
                              const char *stamp, const Superseded *gone, DiagList *diags,
                              LedgerVisit visit, void *context, bool *used) {
  *used = false;
  if (!ledger_has_table(ledger, "day_sums")) return PACT_OK;
  SumRead r = {ledger, diags, day, stamp, NULL, 0, gone, visit, context, NULL};
  bool usable = false;
  PactStatus status = sum_imports(&r, &usable);
  if (status == PACT_OK && usable && r.imports) status = sum_groups(&r, query, &usable);
  if (status != PACT_OK || !usable || !r.imports) {
    ledger_sum_read_free(&r);
    return status;
  }
  *used = true;
  if (!(r.days = day_sums_new())) status = PACT_ERR_NOMEM;
  /* Everything that decides the figures is checked before any of it is given. */
  if (status == PACT_OK) status = sum_days(&r);
  if (status == PACT_OK) status = sum_targets(&r);
  if (status == PACT_OK) status = sum_verify(&r, false);
  if (status == PACT_OK) status = sum_visit(&r);
  if (status == PACT_OK) status = sum_unsummed(&r);
  if (status == PACT_OK) status = sum_verify(&r, true);
  if (status == PACT_OK) status = ledger_verify_sums(ledger, day, stamp, NULL, diags);
  if (status == PACT_OK) status = ledger_verify_acts(ledger, diags);
  ledger_sum_read_free(&r);
  return status;
}

/*
** For verify: every import's daily sums as written, those an undo withdrew too, with the copies
** of the superseded summed events, against its record; r keeps each import's record (want) for
** the caller to compare with what its events sum to again. *imports_summed and *day_sums count
** what was checked.
*/
PactStatus ledger_sums_written(SumRead *r, uint64_t *imports_summed, uint64_t *day_sums) {
  bool usable = false;
  PactStatus status = sum_imports(r, &usable);
  if (status != PACT_OK || !r->imports) return status;
  /* Every import counts here, those an undo withdrew too. */
  for (int64_t seq = 0; seq < r->size; seq++) r->imports[seq].visible = false;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(r->ledger->db,
                         "SELECT i.seq, m.value FROM imports i JOIN pactum_meta m"
                         " ON m.key = 'sums:' || i.seq WHERE m.value <> 'none'",
                         -1, &st, NULL) != SQLITE_OK)
    status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  while (status == PACT_OK && sqlite3_step(st) == SQLITE_ROW) {
    SumImport *im = sum_import(r, sqlite3_column_int64(st, 0));
    unsigned long long n[6];
    if (im && sscanf((const char *)ledger_value_text(st, 1), "%llu %llx %llu %llx %llu %llx", &n[0],
                     &n[1], &n[2], &n[3], &n[4], &n[5]) == 6) {
      im->visible = true;
      im->want = (SumDigest){{n[0], n[1]}, {n[2], n[3]}, {n[4], n[5]}};
      ++*imports_summed;
    }
  }
  sqlite3_finalize(st);
  /* As written: the sums (with the copies of superseded events) against their records. */
  Superseded none = {0};
  strmap_init(&none.voided);
  strmap_init(&none.ids);
  r->gone = &none;
  if (status == PACT_OK && !(r->days = day_sums_new())) status = PACT_ERR_NOMEM;
  if (status == PACT_OK) status = sum_days(r);
  if (status == PACT_OK) status = sum_targets(r);
  if (status == PACT_OK) status = sum_verify(r, false);
  r->gone = NULL;
  for (int64_t seq = 0; seq < r->size; seq++) *day_sums += r->imports[seq].got.days.count;
  return status;
}
