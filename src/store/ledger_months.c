/*
** ledger_months.c -- where each import's events are, month by month (months.h): written by each
** import beside its events, and read for one period (explain), each import's rows checked
** against their record and each row's events against the row.
*/
#include "store/ledger_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

/* ---------------------------------------------------------------- where the events are */

/*
** Where each import's events are, month by month (months.h): one row per import and span of
** months, with how many of its events meet it, the sum of their digests, and the first and last
** of their ids. explain reads the events of its period's months through it, not the whole
** table (docs/ledger.md, "What explain reads"). Each import's record, 'months:SEQ' in
** pactum_meta, counts and digests its rows, as 'sums:SEQ' does its daily sums. An import
** written by an earlier pactum has neither rows nor record, and is read by a scan of the table.
*/
const char ledger_months_table_sql[] =
    "CREATE TABLE IF NOT EXISTS event_months(import_seq INTEGER NOT NULL,"
    "  first_month INTEGER NOT NULL, last_month INTEGER NOT NULL, events INTEGER NOT NULL,"
    "  digest INTEGER NOT NULL, first_id TEXT NOT NULL, last_id TEXT NOT NULL);";

static uint64_t month_row_digest(const EventMonthRow *m, int64_t import_seq) {
  uint64_t h = 0x1f83d9abfb41bd6bull;
  h = ledger_digest_word(h, (uint64_t)import_seq);
  h = ledger_digest_word(h, (uint64_t)(uint32_t)m->first << 32 | (uint32_t)m->last);
  h = ledger_digest_word(h, m->events);
  h = ledger_digest_word(h, m->digest);
  h = ledger_digest_text(h, m->first_id.ptr, m->first_id.len);
  h = ledger_digest_text(h, m->last_id.ptr, m->last_id.len);
  return ledger_mix64(h);
}

/* Writes the import's rows of where its events are, and their record ('months:SEQ'). */
PactStatus ledger_write_months(Import *im) {
  sqlite3_stmt *ins;
  if (sqlite3_prepare_v2(im->ledger->db,
                         "INSERT INTO event_months(import_seq, first_month, last_month, events,"
                         " digest, first_id, last_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                         -1, &ins, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  uint64_t count = 0, digest = 0;
  size_t n = event_months_count(im->months);
  for (size_t i = 0; i < n; i++) {
    EventMonthRow m;
    event_months_get(im->months, i, &m);
    sqlite3_bind_int64(ins, 1, im->seq);
    sqlite3_bind_int64(ins, 2, m.first);
    sqlite3_bind_int64(ins, 3, m.last);
    sqlite3_bind_int64(ins, 4, (sqlite3_int64)m.events);
    sqlite3_bind_int64(ins, 5, (sqlite3_int64)m.digest);
    ledger_bind_text(ins, 6, m.first_id);
    ledger_bind_text(ins, 7, m.last_id);
    int rc = sqlite3_step(ins);
    sqlite3_reset(ins);
    if (rc != SQLITE_DONE) {
      sqlite3_finalize(ins);
      return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
    }
    count++;
    digest += month_row_digest(&m, im->seq);
  }
  sqlite3_finalize(ins);
  char key[40], value[64];
  snprintf(key, sizeof key, "months:%lld", (long long)im->seq);
  snprintf(value, sizeof value, "%llu %016llx", (unsigned long long)count,
           (unsigned long long)digest);
  return ledger_put_meta(im->ledger, im->diags, key, value);
}

/* ---------------------------------------------------------------- reading a period's events */

/* A row of event_months the period's months meet, with what the reading found of it. */
typedef struct MonthRow {
  EventMonthRow row; /* its ids are copies in the reading's arena */
  uint64_t got_events, got_digest;
} MonthRow;

/* An import as a reading of a period sees it. */
typedef struct MonthImport {
  char *file;        /* NULL: the ledger records no such import */
  bool visible;      /* recorded by the day, not withdrawn by then */
  bool recorded;     /* it has a record of its rows ('months:SEQ') */
  SumPart want, got; /* its rows: as its record says, as read */
  MonthRow *rows;    /* those the period's months meet */
  size_t row_count;
} MonthImport;

/* An event in force whose days meet the period's, kept to be given in order. */
typedef struct Found {
  Event event;
  const char *source;
} Found;

typedef struct MonthRead {
  Ledger *ledger;
  DiagList *diags;
  const char *day, *stamp; /* as ledger_each binds them: the claimed day, the machine's time */
  PactDate first, last;    /* the days asked for, and their months */
  int32_t first_month, last_month;
  const Superseded *gone;
  MonthImport *imports; /* by seq */
  int64_t size;
  Arena arena; /* the files, the rows kept, the events found with their texts */
  Found **found;
  size_t found_count, found_room;
} MonthRead;

static MonthImport *month_import(const MonthRead *r, int64_t seq) {
  return seq >= 0 && seq < r->size ? &r->imports[seq] : NULL;
}

static PactStatus months_error(MonthRead *r, int64_t seq, const char *what) {
  const MonthImport *im = month_import(r, seq);
  return ledger_checksum_error(r->ledger, r->diags, seq, im ? im->file : NULL, what);
}

static PactStatus month_row_error(MonthRead *r, int64_t seq, const char *column, const char *why) {
  return ledger_record_row_error(r->ledger, r->diags, "event_months", seq, column, why);
}

/* "2029-01", or "2026-04..2032-12" for a row of several months. */
static void months_label(const EventMonthRow *m, char *out, size_t size) {
  if (m->first == m->last)
    snprintf(out, size, "%04d-%02d", (int)(m->first / 12), (int)(m->first % 12 + 1));
  else
    snprintf(out, size, "%04d-%02d..%04d-%02d", (int)(m->first / 12), (int)(m->first % 12 + 1),
             (int)(m->last / 12), (int)(m->last % 12 + 1));
}

/* One import, whether the day sees it, and its record of where its events are. */
static PactStatus month_import_visit(void *context, int64_t seq, const char *file, bool visible,
                                     const char *record) {
  MonthRead *r = context;
  if (!r->imports) { /* the highest seq comes first */
    if (!(r->imports = mem_calloc((size_t)seq + 1, sizeof *r->imports))) return PACT_ERR_NOMEM;
    r->size = seq + 1;
  }
  MonthImport *im = month_import(r, seq);
  if (!im || im->file) return months_error(r, seq, "its number is out of order");
  if (!(im->file = arena_strndup(&r->arena, file, strlen(file)))) return PACT_ERR_NOMEM;
  im->visible = visible;
  if (!record) return PACT_OK; /* written by an earlier pactum: read by a scan */
  unsigned long long count, digest;
  if (sscanf(record, "%llu %llx", &count, &digest) != 2)
    return months_error(r, seq, "the record of where its events are cannot be read");
  im->recorded = true;
  im->want = (SumPart){count, digest};
  return PACT_OK;
}

/* Every import, whether the day sees it, and its record of where its events are. */
static PactStatus month_imports(MonthRead *r) {
  return ledger_import_records(r->ledger, r->diags, "months", r->day, r->stamp, month_import_visit,
                               r);
}

/* A row of event_months (columns 1-6: first_month, last_month, events, digest, first_id,
** last_id), checked as strictly as a daily sum read back. */
static PactStatus month_row(MonthRead *r, sqlite3_stmt *st, int64_t seq, EventMonthRow *m) {
  static const char *const names[4] = {"first_month", "last_month", "events", "digest"};
  for (int c = 1; c <= 4; c++)
    if (sqlite3_column_type(st, c) != SQLITE_INTEGER)
      return month_row_error(r, seq, names[c - 1], "a value that is not an integer");
  int64_t first = sqlite3_column_int64(st, 1), last = sqlite3_column_int64(st, 2);
  int64_t events = sqlite3_column_int64(st, 3);
  if (first < EVENT_MONTH_MIN || first > EVENT_MONTH_MAX)
    return month_row_error(r, seq, "first_month", "a value that is not a month");
  if (last < first || last > EVENT_MONTH_MAX)
    return month_row_error(r, seq, "last_month", "a value that is not a month from the first on");
  if (events < 1) return month_row_error(r, seq, "events", "a count that is not one or more");
  EventText ids[2];
  for (int c = 5; c <= 6; c++) {
    ids[c - 5] = ledger_column_text(st, c);
    if (sqlite3_column_type(st, c) != SQLITE_TEXT || !ids[c - 5].len)
      return month_row_error(r, seq, c == 5 ? "first_id" : "last_id", "no id");
  }
  if (event_id_order(ids[0], ids[1]) > 0)
    return month_row_error(r, seq, "last_id", "an id before the first");
  *m = (EventMonthRow){(int32_t)first,   (int32_t)last,
                       (uint64_t)events, (uint64_t)sqlite3_column_int64(st, 4),
                       ids[0],           ids[1]};
  return PACT_OK;
}

static bool copy_text(Arena *arena, EventText *t) {
  if (!t->len) return true;
  char *copy = arena_strndup(arena, t->ptr, t->len);
  t->ptr = copy;
  return copy != NULL;
}

/*
** Every row of event_months, each import's against its record (all of them, those the day
** does not see too); the rows of the imports the day sees that the period's months meet are
** kept, with their ids.
*/
static PactStatus month_rows(MonthRead *r) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(r->ledger->db,
                         "SELECT import_seq, first_month, last_month, events, digest, first_id,"
                         " last_id FROM event_months",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t seq = sqlite3_column_int64(st, 0);
    MonthImport *im = month_import(r, seq);
    if (sqlite3_column_type(st, 0) != SQLITE_INTEGER || !im || !im->file) {
      status = month_row_error(r, seq, "import_seq", "an import the ledger does not record");
      break;
    }
    EventMonthRow m;
    if ((status = month_row(r, st, seq, &m)) != PACT_OK) break;
    if (!im->recorded) {
      char what[120];
      snprintf(what, sizeof what, "the record of where its events are (months:%lld) is missing",
               (long long)seq);
      status = months_error(r, seq, what);
      break;
    }
    im->got.count++;
    im->got.digest += month_row_digest(&m, seq);
    if (!im->visible || m.first > r->last_month || m.last < r->first_month) continue;
    MonthRow *kept = arena_push(&r->arena, (void **)&im->rows, im->row_count, sizeof *kept);
    if (!kept || !copy_text(&r->arena, &m.first_id) || !copy_text(&r->arena, &m.last_id)) {
      status = PACT_ERR_NOMEM;
      break;
    }
    kept->row = m;
    im->row_count++;
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  for (int64_t seq = 0; status == PACT_OK && seq < r->size; seq++) {
    const MonthImport *im = &r->imports[seq];
    if (!im->file || !im->recorded) continue;
    if (im->got.count != im->want.count) {
      char what[200];
      snprintf(what, sizeof what,
               "it wrote %llu rows of where its events are and the ledger "
               "holds %llu of them (event_months)",
               (unsigned long long)im->want.count, (unsigned long long)im->got.count);
      status = months_error(r, seq, what);
    } else if (im->got.digest != im->want.digest) {
      status = months_error(r, seq,
                            "the values of its rows of where its events are were changed "
                            "(event_months)");
    }
  }
  return status;
}

static int month_row_order(const void *a, const void *b) {
  const EventMonthRow *x = &((const MonthRow *)a)->row, *y = &((const MonthRow *)b)->row;
  if (x->first != y->first) return x->first < y->first ? -1 : 1;
  return (x->last > y->last) - (x->last < y->last);
}

/* The kept row of those months (rows sorted by month_row_order), or NULL. */
static MonthRow *month_row_find(MonthImport *im, int32_t first, int32_t last) {
  size_t lo = 0, hi = im->row_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const EventMonthRow *m = &im->rows[mid].row;
    if (m->first == first && m->last == last) return &im->rows[mid];
    if (m->first < first || (m->first == first && m->last < last)) lo = mid + 1;
    else hi = mid;
  }
  return NULL;
}

/* A run of ids to read: the ids of some kept rows, which runs of other rows do not overlap. */
typedef struct IdRun {
  EventText first, last;
} IdRun;

static int id_run_order(const void *a, const void *b) {
  return event_id_order(((const IdRun *)a)->first, ((const IdRun *)b)->first);
}

/* Keeps an event in force whose days meet the period's, with its texts, to be given later. */
static PactStatus keep_found(MonthRead *r, const Event *e, const char *source) {
  if (r->found_count == r->found_room) {
    size_t room = r->found_room ? r->found_room * 2 : 1024;
    Found **found = mem_realloc(r->found, room * sizeof *found);
    if (!found) return PACT_ERR_NOMEM;
    r->found = found;
    r->found_room = room;
  }
  Found *f = arena_alloc(&r->arena, sizeof *f);
  if (!f) return PACT_ERR_NOMEM;
  f->event = *e;
  f->source = source;
  EventText *texts[] = {&f->event.id,     &f->event.party,   &f->event.counterparty,
                        &f->event.stream, &f->event.subject, &f->event.ref,
                        &f->event.note};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
    if (!copy_text(&r->arena, texts[i])) return PACT_ERR_NOMEM;
  r->found[r->found_count++] = f;
  return PACT_OK;
}

/* Counts an event of import seq (st's row) in its kept row of those months. */
static PactStatus month_count(MonthRead *r, int64_t seq, MonthImport *im, sqlite3_stmt *st,
                              int32_t first, int32_t last, uint64_t digest) {
  MonthRow *row = month_row_find(im, first, last);
  if (!row) {
    EventMonthRow where = {first, last, 0, 0, {NULL, 0}, {NULL, 0}};
    char label[48], what[200];
    months_label(&where, label, sizeof label);
    snprintf(what, sizeof what,
             "its event '%.60s' falls in %s, where it recorded none of its "
             "events",
             ledger_column(st, 0), label);
    return months_error(r, seq, what);
  }
  row->got_events++;
  row->got_digest += digest;
  return PACT_OK;
}

/*
** One event of import seq read back: counted in the kept rows it belongs to (a short span in
** each of its months the period's months meet, a long one in the row of its whole span), and
** kept when it is in force and its days meet the period's.
*/
static PactStatus month_event(MonthRead *r, int64_t seq, MonthImport *im, sqlite3_stmt *st) {
  Event e;
  RowFault f = {0};
  if (!ledger_row_event(st, &e, &f)) return ledger_report_row(r->ledger, r->diags, st, &f);
  uint64_t digest = ledger_event_digest(&e, seq);
  int32_t first, last;
  bool short_span;
  event_months_of(&e, &first, &last, &short_span);
  PactStatus status = PACT_OK;
  if (first <= r->last_month && last >= r->first_month) {
    if (!short_span) {
      status = month_count(r, seq, im, st, first, last, digest);
    } else {
      int32_t from = first < r->first_month ? r->first_month : first;
      int32_t to = last > r->last_month ? r->last_month : last;
      for (int32_t m = from; m <= to && status == PACT_OK; m++)
        status = month_count(r, seq, im, st, m, m, digest);
    }
  }
  if (status != PACT_OK) return status;
  if (e.date > r->last || (e.has_end ? e.end : e.date) < r->first) return PACT_OK;
  bool in_force;
  status = ledger_event_in_force(r->ledger, r->diags, st, r->gone, &e, &in_force);
  return status == PACT_OK && in_force ? keep_found(r, &e, im->file) : status;
}

/* The events of import seq that the kept rows name: each run of ids read once, through the
** table's own order (its key), and every kept row's count and digest compared. */
static PactStatus month_events(MonthRead *r, int64_t seq, sqlite3_stmt *st) {
  MonthImport *im = &r->imports[seq];
  qsort(im->rows, im->row_count, sizeof *im->rows, month_row_order);
  IdRun *runs = mem_malloc(im->row_count * sizeof *runs);
  if (!runs) return PACT_ERR_NOMEM;
  for (size_t i = 0; i < im->row_count; i++)
    runs[i] = (IdRun){im->rows[i].row.first_id, im->rows[i].row.last_id};
  qsort(runs, im->row_count, sizeof *runs, id_run_order);
  size_t run_count = 0;
  for (size_t i = 0; i < im->row_count; i++) {
    if (run_count && event_id_order(runs[i].first, runs[run_count - 1].last) <= 0) {
      if (event_id_order(runs[i].last, runs[run_count - 1].last) > 0)
        runs[run_count - 1].last = runs[i].last;
    } else {
      runs[run_count++] = runs[i];
    }
  }
  PactStatus status = PACT_OK;
  for (size_t i = 0; i < run_count && status == PACT_OK; i++) {
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, runs[i].first.ptr, (int)runs[i].first.len, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, runs[i].last.ptr, (int)runs[i].last.len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, seq);
    sqlite3_bind_text(st, 4, im->file, -1, SQLITE_STATIC);
    int rc;
    while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
      status = month_event(r, seq, im, st);
    if (status == PACT_OK && rc != SQLITE_DONE)
      status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  }
  sqlite3_reset(st);
  free(runs);
  for (size_t i = 0; i < im->row_count && status == PACT_OK; i++) {
    const MonthRow *row = &im->rows[i];
    if (row->got_events == row->row.events && row->got_digest == row->row.digest) continue;
    char label[48], what[200];
    months_label(&row->row, label, sizeof label);
    if (row->got_events != row->row.events)
      snprintf(what, sizeof what, "it wrote %llu events in %s and the ledger holds %llu of them",
               (unsigned long long)row->row.events, label, (unsigned long long)row->got_events);
    else snprintf(what, sizeof what, "the values of its events in %s were changed", label);
    status = months_error(r, seq, what);
  }
  return status;
}

static int found_by_date(const void *a, const void *b) {
  const Event *x = &(*(Found *const *)a)->event, *y = &(*(Found *const *)b)->event;
  if (x->date != y->date) return x->date < y->date ? -1 : 1;
  return event_id_order(x->id, y->id);
}

static int found_by_id(const void *a, const void *b) {
  return event_id_order((*(Found *const *)a)->event.id, (*(Found *const *)b)->event.id);
}

/*
** The reading of one period (query->has_days): the events of the months its days meet, found
** through each import's record of where its events are (event_months), each import's rows
** checked against their record and each row's events against the row, then given in date order
** (or by id). *used is false, and nothing was visited, when an import the day sees has no such
** record (written by an earlier pactum): the table is then scanned.
*/
PactStatus ledger_months_each(Ledger *ledger, const LedgerQuery *query, const char *day,
                              const char *stamp, const Superseded *gone, DiagList *diags,
                              LedgerVisit visit, void *context, bool *used) {
  *used = false;
  if (!ledger_has_table(ledger, "event_months")) return PACT_OK;
  MonthRead r = {ledger,
                 diags,
                 day,
                 stamp,
                 query->first,
                 query->last,
                 event_month(query->first),
                 event_month(query->last),
                 gone,
                 NULL,
                 0,
                 {0},
                 NULL,
                 0,
                 0};
  arena_init(&r.arena);
  PactStatus status = month_imports(&r);
  if (status == PACT_OK) status = month_rows(&r);
  bool usable = true;
  for (int64_t seq = 0; seq < r.size; seq++)
    if (r.imports[seq].file && r.imports[seq].visible && !r.imports[seq].recorded) usable = false;
  if (status == PACT_OK && usable) {
    *used = true;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(ledger->db,
                           "SELECT e.id, e.kind, e.date, e.end_date, e.party, e.counterparty,"
                           " e.stream, e.subject, e.amount_minor, e.currency, e.ref, e.note,"
                           " e.source_line, ?4, e.import_seq FROM events e"
                           " WHERE e.id >= ?1 AND e.id <= ?2 AND e.import_seq = ?3",
                           -1, &st, NULL) != SQLITE_OK)
      status = ledger_fail(ledger, diags, "the ledger could not be read");
    for (int64_t seq = 0; status == PACT_OK && seq < r.size; seq++)
      if (r.imports[seq].visible && r.imports[seq].row_count) status = month_events(&r, seq, st);
    sqlite3_finalize(st);
  }
  /* Everything the reading trusts is checked before any of it is given. */
  if (status == PACT_OK && *used) status = ledger_verify_sums(ledger, day, stamp, NULL, diags);
  if (status == PACT_OK && *used) status = ledger_verify_acts(ledger, diags);
  if (status == PACT_OK && r.found_count)
    qsort(r.found, r.found_count, sizeof *r.found, query->by_id ? found_by_id : found_by_date);
  for (size_t i = 0; status == PACT_OK && i < r.found_count; i++)
    status = visit(context, r.found[i]->source, &r.found[i]->event);
  free(r.found);
  free(r.imports);
  arena_free(&r.arena);
  return status;
}

/*
** For verify: every import's rows of where its events are against their record, and the record
** against the rows its events give again (months, by seq; count of them).
*/
PactStatus ledger_months_verify(Ledger *ledger, DiagList *diags, EventMonths *const *months,
                                int64_t count) {
  /* No month is asked for: every row is checked, none kept. */
  MonthRead m = {ledger,
                 diags,
                 "9999-12-31",
                 "9999-12-31T23:59:59Z",
                 0,
                 0,
                 EVENT_MONTH_MAX + 1,
                 0,
                 NULL,
                 NULL,
                 0,
                 {0},
                 NULL,
                 0,
                 0};
  arena_init(&m.arena);
  PactStatus status = month_imports(&m);
  if (status == PACT_OK) status = month_rows(&m);
  for (int64_t seq = 0; status == PACT_OK && seq < m.size; seq++) {
    const MonthImport *im = &m.imports[seq];
    if (!im->file || !im->recorded) continue;
    SumPart rows = {0, 0};
    const EventMonths *again = seq < count ? months[seq] : NULL;
    size_t rows_again = again ? event_months_count(again) : 0;
    for (size_t i = 0; i < rows_again; i++) {
      EventMonthRow row;
      event_months_get(again, i, &row);
      rows.count++;
      rows.digest += month_row_digest(&row, seq);
    }
    if (rows.count != im->want.count || rows.digest != im->want.digest)
      status = months_error(&m, seq,
                            "its rows of where its events are are not what its events "
                            "give (event_months)");
  }
  free(m.imports);
  arena_free(&m.arena);
  return status;
}
