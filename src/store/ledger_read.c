/*
** ledger_read.c -- the events in force read back: every row checked as strictly as an event
** read in, the superseding events read first and each event checked against them, each
** import's rows against its checksum; as known on a day, or as held on one, with what was
** recorded after the fact said. A settlement may read the daily sums instead (ledger_sums.c),
** and a reader of one period the events of its months (ledger_months.c).
*/
#include "store/ledger_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

/* ---------------------------------------------------------------- reading back */

static bool fault(RowFault *f, const char *column, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static bool fault(RowFault *f, const char *column, const char *format, ...) {
  f->column = column;
  va_list args;
  va_start(args, format);
  vsnprintf(f->why, sizeof f->why, format, args);
  va_end(args);
  return false;
}

/* A text column, or NULL: anything else (a number, a blob) is a fault. */
static bool text_or_null(sqlite3_stmt *st, int column, const char *name, RowFault *f,
                         EventText *out) {
  int type = sqlite3_column_type(st, column);
  if (type != SQLITE_NULL && type != SQLITE_TEXT) return fault(f, name, "a value that is not text");
  *out = ledger_column_text(st, column);
  return true;
}

/*
** An event read back, checked as strictly as an event read in: the types of its columns, its
** kind, dates, amount and currency, the fields its kind needs, and the import it names. A row
** that fails was changed outside pactum; it is an error, never a different amount.
*/
bool ledger_row_event_at(sqlite3_stmt *st, int base, Event *e, RowFault *f) {
  memset(e, 0, sizeof *e);
  EventText kind, day, end, currency;
  if (!text_or_null(st, base + 0, "id", f, &e->id)) return false;
  if (!e->id.len) return fault(f, "id", "no id");
  if (!text_or_null(st, base + 1, "kind", f, &kind)) return false;
  if (!event_kind_find(kind.ptr, kind.len, &e->kind))
    return fault(f, "kind", "'%.40s', which is not a kind of event", kind.len ? kind.ptr : "");
  if (!text_or_null(st, base + 2, "date", f, &day)) return false;
  if (day.len != 10 || pact_date_parse(day.ptr, day.len, &e->date) != PACT_OK)
    return fault(f, "date", "'%.40s', which is not a date", day.len ? day.ptr : "");
  if (!text_or_null(st, base + 3, "end_date", f, &end)) return false;
  if (end.len) {
    if (end.len != 10 || pact_date_parse(end.ptr, end.len, &e->end) != PACT_OK)
      return fault(f, "end_date", "'%.40s', which is not a date", end.ptr);
    if (e->end < e->date) return fault(f, "end_date", "an end before the event's date");
    e->has_end = true;
  }
  static const char *const texts[] = {"party", "counterparty", "stream", "subject"};
  EventText *fields[] = {&e->party, &e->counterparty, &e->stream, &e->subject};
  for (int i = 0; i < 4; i++)
    if (!text_or_null(st, base + 4 + i, texts[i], f, fields[i])) return false;
  int type = sqlite3_column_type(st, base + 8);
  if (type != SQLITE_NULL && type != SQLITE_INTEGER) {
    const char *shown = (const char *)ledger_value_text(st, base + 8);
    return fault(f, "amount_minor", "'%.40s', which is not an amount in minor units",
                 shown ? shown : "");
  }
  e->has_amount = type == SQLITE_INTEGER;
  e->amount_minor = sqlite3_column_int64(st, base + 8);
  if (!text_or_null(st, base + 9, "currency", f, &currency)) return false;
  if (e->has_amount && !pact_currency_find(currency.ptr, currency.len, &e->currency))
    return fault(f, "currency", "'%.40s', which is not a currency",
                 currency.len ? currency.ptr : "");
  if (!e->has_amount && currency.len) return fault(f, "currency", "a currency without an amount");
  if (!text_or_null(st, base + 10, "ref", f, &e->ref) ||
      !text_or_null(st, base + 11, "note", f, &e->note))
    return false;
  if (sqlite3_column_type(st, base + 12) != SQLITE_INTEGER ||
      sqlite3_column_int64(st, base + 12) < 1 || sqlite3_column_int64(st, base + 12) > UINT32_MAX)
    return fault(f, "source_line", "no line of its file");
  e->line = (uint32_t)sqlite3_column_int64(st, base + 12);
  /* What its kind needs, as import required it. */
  const bool has[EVENT_FIELD_COUNT] = {[EVENT_FIELD_PARTY] = e->party.len > 0,
                                       [EVENT_FIELD_COUNTERPARTY] = e->counterparty.len > 0,
                                       [EVENT_FIELD_STREAM] = e->stream.len > 0,
                                       [EVENT_FIELD_SUBJECT] = e->subject.len > 0,
                                       [EVENT_FIELD_AMOUNT] = e->has_amount,
                                       [EVENT_FIELD_CURRENCY] = e->has_amount,
                                       [EVENT_FIELD_REF] = e->ref.len > 0};
  for (uint32_t todo = event_kind_needs(e->kind); todo; todo &= todo - 1) {
    int field = __builtin_ctz(todo);
    if (!has[field])
      return fault(f, event_field_name((EventField)field), "nothing, which a %s event needs",
                   event_kind_name(e->kind));
  }
  if (e->kind == EVENT_PAYMENT && e->amount_minor < 0)
    return fault(f, "amount_minor", "a negative payment");
  if (sqlite3_column_type(st, base + 13) == SQLITE_NULL)
    return fault(f, "import_seq", "import %lld, which the ledger does not record",
                 (long long)sqlite3_column_int64(st, base + 14));
  return true;
}

bool ledger_row_event(sqlite3_stmt *st, Event *e, RowFault *f) {
  return ledger_row_event_at(st, 0, e, f);
}

/* The located error for a row read back that fails its checks. */
PactStatus ledger_report_row(Ledger *ledger, DiagList *diags, sqlite3_stmt *st, const RowFault *f) {
  if (ledger_lost()) return ledger_lost_status(ledger, diags);
  const char *id = (const char *)ledger_value_text(st, 0);
  const char *file = (const char *)ledger_value_text(st, 13);
  char place[300];
  if (file)
    snprintf(place, sizeof place, " (imported from %.200s:%d)", file, sqlite3_column_int(st, 12));
  else place[0] = '\0';
  diag_add_line(diags, DIAG_ERROR, "E1204", ledger->path, 0,
                "the ledger was changed outside pactum: restore it from a copy, or create a new "
                "one and import the event files again",
                "event '%.60s'%s has %s in column %s", id ? id : "", place, f->why, f->column);
  return PACT_ERR_INVALID;
}

/*
** The events in force as known on a day: those imported on or before it that no event imported
** on or before it supersedes (feed.h states the rule: a correction withdraws any event; a
** revenue, payment or purchase event restates the event of the same kind its ref names).
**
** The superseding events are read first (superseders_sql: through the index on ref, a few
** rows), and each event is checked against them as it is read: a NOT EXISTS in SQL would look
** the index up once per event. Date order is a sort of the whole ledger; by id, none.
*/
static const char each_sql[] =
    "SELECT e.id, e.kind, e.date, e.end_date, e.party, e.counterparty, e.stream, e.subject,"
    " e.amount_minor, e.currency, e.ref, e.note, e.source_line, i.file, e.import_seq"
    " FROM events e LEFT JOIN imports i ON i.seq = e.import_seq"
    /* an event of no import is read, to be reported */
    " WHERE i.seq IS NULL OR (i.recorded_on <= ?1 AND i.recorded_at <= ?2)";

/* The events an undo withdrew after the day, as known on it: still there. */
static const char each_withdrawn_sql[] =
    " UNION ALL SELECT w.id, w.kind, w.date, w.end_date, w.party, w.counterparty, w.stream,"
    " w.subject, w.amount_minor, w.currency, w.ref, w.note, w.source_line, i.file, w.import_seq"
    " FROM withdrawn w JOIN imports i ON i.seq = w.import_seq"
    " JOIN undos u ON u.import_seq = w.import_seq WHERE i.recorded_on <= ?1 AND i.recorded_at <= ?2"
    " AND (u.recorded_on > ?1 OR u.recorded_at > ?2)";

static const char superseders_sql[] =
    "SELECT s.ref, s.kind FROM events s JOIN imports si ON si.seq = s.import_seq"
    " WHERE s.ref IS NOT NULL AND si.recorded_on <= ?1 AND si.recorded_at <= ?2"
    " AND (s.kind = 'correction' OR s.kind IN " RESTATED_KINDS ")";

static const char superseders_withdrawn_sql[] =
    " UNION ALL SELECT s.ref, s.kind FROM withdrawn s JOIN imports si ON si.seq = s.import_seq"
    " JOIN undos u ON u.import_seq = s.import_seq"
    " WHERE s.ref IS NOT NULL AND si.recorded_on <= ?1 AND si.recorded_at <= ?2"
    " AND (u.recorded_on > ?1 OR u.recorded_at > ?2)"
    " AND (s.kind = 'correction' OR s.kind IN " RESTATED_KINDS ")";

/* As known on (or, held, held by the machine's clock on) a day before the first import: the
** ledger held nothing then (W1216). */
static void note_before_first(Ledger *ledger, const char *day, bool held, DiagList *diags) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(
          ledger->db,
          held ? "SELECT MIN(recorded_at) FROM imports" : "SELECT MIN(recorded_on) FROM imports",
          -1, &st, NULL) != SQLITE_OK)
    return;
  if (sqlite3_step(st) == SQLITE_ROW) {
    const char *first = (const char *)ledger_value_text(st, 0);
    if (!first)
      diag_add_line(diags, DIAG_WARNING, "W1216", ledger->path, 0,
                    "import event files first: pactum import --ledger FILE EVENTS...",
                    "the ledger has no imports: it held nothing on %s", day);
    else if (strncmp(first, day, 10) > 0)
      diag_add_line(diags, DIAG_WARNING, "W1216", ledger->path, 0,
                    held ? "pactum imports --ledger FILE lists when each import was written"
                         : "pactum imports --ledger FILE lists the day each import was recorded on",
                    "the ledger held nothing on %s: its first import was %s %.20s", day,
                    held ? "written on" : "recorded on", first);
  }
  sqlite3_finalize(st);
}

/* "as openai" or "(trusted)", and "; backdated because ..." or "; with no reason recorded". */
static void describe_act(char *out, size_t size, const char *as, const char *because) {
  snprintf(out, size, "%s%.80s, after that day; %s%.300s%s", as ? "as " : "(trusted)", as ? as : "",
           because ? "backdated because \"" : "with no reason recorded", because ? because : "",
           because ? "\"" : "");
}

/*
** As known on a day, an import or an undo written later but recorded on or before that day
** (--recorded-on, loading history after the fact) changes what the answer for that day was when
** the day came: each such act is said (W1223), with who made it, when it was written and the
** reason given, so that an "as known on" answer rewritten after the fact is never taken for
** the one given then. (--as-held-on answers by the machine's clock, which nothing rewrites.)
*/
static void note_backdated(Ledger *ledger, const char *day, DiagList *diags) {
  static const char help[] =
      "pactum imports --ledger FILE lists every import and undo, who "
      "made it and when; --as-held-on DATE answers with what the ledger "
      "held on that day by the machine's clock";
  const char *acts = ledger_acts_source(ledger);
  char sql[1024];
  snprintf(sql, sizeof sql,
           "SELECT i.seq, i.file, i.recorded_on, i.recorded_at, i.as_party, a.backdated, 0"
           " FROM imports i LEFT JOIN %s a ON a.import_seq = i.seq AND a.act = 'import'"
           " WHERE i.recorded_on <= ?1 AND substr(i.recorded_at, 1, 10) > ?1"
           " UNION ALL SELECT u.import_seq, i.file, u.recorded_on, u.recorded_at, a.as_party,"
           " a.backdated, 1 FROM undos u JOIN imports i ON i.seq = u.import_seq"
           " LEFT JOIN %s a ON a.import_seq = u.import_seq AND a.act = 'undo'"
           " WHERE u.recorded_on <= ?1 AND substr(u.recorded_at, 1, 10) > ?1 ORDER BY 1, 7",
           acts, acts);
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK) return;
  sqlite3_bind_text(st, 1, day, 10, SQLITE_STATIC);
  while (sqlite3_step(st) == SQLITE_ROW) {
    char who[512];
    describe_act(who, sizeof who, (const char *)ledger_value_text(st, 4),
                 (const char *)ledger_value_text(st, 5));
    bool undo = sqlite3_column_int(st, 6) != 0;
    diag_add_line(diags, DIAG_WARNING, "W1223", ledger->path, 0, help,
                  "as known on %s, %simport %d (%.200s) counts: it was recorded on %s but "
                  "written on %.20s %s",
                  day, undo ? "the undo of " : "", sqlite3_column_int(st, 0), ledger_column(st, 1),
                  ledger_column(st, 2), ledger_column(st, 3), who);
  }
  sqlite3_finalize(st);
}

static void superseded_free(Superseded *s) {
  strmap_free(&s->voided);
  strmap_free(&s->ids);
  free(s->kinds);
  arena_free(&s->arena);
}

static PactStatus superseded_read(Ledger *ledger, const char *day, const char *stamp,
                                  bool withdrawn, DiagList *diags, Superseded *out) {
  sqlite3_stmt *st;
  /* A void superseding event (void_superseders) supersedes nothing. */
  static const char not_void[] = " AND s.id NOT IN (SELECT id FROM void_superseders)";
  bool voids = ledger_has_table(ledger, "void_superseders");
  char sql[sizeof superseders_sql + sizeof superseders_withdrawn_sql + 2 * sizeof not_void];
  snprintf(sql, sizeof sql, "%s%s%s%s", superseders_sql, voids ? not_void : "",
           withdrawn ? superseders_withdrawn_sql : "", withdrawn && voids ? not_void : "");
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_bind_text(st, 1, day, 10, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, stamp, -1, SQLITE_STATIC);
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    EventText ref = ledger_column_text(st, 0), kind_text = ledger_column_text(st, 1);
    EventKind kind;
    if (!event_kind_find(kind_text.ptr, kind_text.len, &kind)) continue;
    int32_t at = strmap_get(&out->ids, ref.ptr, ref.len);
    if (at < 0) {
      if (out->count == out->capacity) {
        uint32_t capacity = out->capacity ? out->capacity * 2 : 64;
        uint32_t *bigger =
            capacity > out->capacity ? mem_realloc(out->kinds, capacity * sizeof *bigger) : NULL;
        if (!bigger) {
          status = PACT_ERR_NOMEM;
          break;
        }
        out->kinds = bigger;
        out->capacity = capacity;
      }
      char *key = arena_strndup(&out->arena, ref.ptr, ref.len);
      if (!key || !strmap_put(&out->ids, key, ref.len, (int32_t)out->count)) {
        status = PACT_ERR_NOMEM;
        break;
      }
      at = (int32_t)out->count;
      out->kinds[out->count++] = 0;
    }
    out->kinds[at] |= 1u << kind;
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  if (status != PACT_OK || !voids) return status;
  if (sqlite3_prepare_v2(ledger->db, "SELECT id FROM void_superseders", -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    EventText id = ledger_column_text(st, 0);
    char *key = arena_strndup(&out->arena, id.ptr ? id.ptr : "", id.len);
    if (!key || !strmap_put(&out->voided, key, id.len, 0)) status = PACT_ERR_NOMEM;
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

bool ledger_is_superseded(const Superseded *s, const Event *e) {
  if (!s->count) return false;
  int32_t at = strmap_get(&s->ids, e->id.ptr, e->id.len);
  if (at < 0) return false;
  uint32_t kinds = s->kinds[at];
  return (kinds & (1u << EVENT_CORRECTION)) ||
         ((kinds & (1u << e->kind)) && event_supersedes(e->kind, e->kind));
}

static bool read_sums_add(ReadSums *r, int64_t seq, uint64_t digest) {
  if (seq < 0 || seq >= READ_SUMS_SEQ_MAX) return false;
  if (seq >= r->size) {
    int64_t size = r->size ? r->size : 64;
    while (size <= seq) size *= 2;
    uint64_t *count = mem_realloc(r->count, (size_t)size * sizeof *count);
    if (!count) return false;
    r->count = count;
    uint64_t *sum = mem_realloc(r->sum, (size_t)size * sizeof *sum);
    if (!sum) return false;
    r->sum = sum;
    memset(count + r->size, 0, (size_t)(size - r->size) * sizeof *count);
    memset(sum + r->size, 0, (size_t)(size - r->size) * sizeof *sum);
    r->size = size;
  }
  r->count[seq]++;
  r->sum[seq] += digest;
  return true;
}

/* Whether an event read back (st's row) is in force: neither void nor superseded. */
PactStatus ledger_event_in_force(Ledger *ledger, DiagList *diags, sqlite3_stmt *st,
                                 const Superseded *gone, const Event *e, bool *in_force) {
  *in_force = false;
  if (gone->voided.count && e->ref.len && strmap_get(&gone->voided, e->id.ptr, e->id.len) >= 0)
    return PACT_OK; /* void: recorded by a party who may not supersede what it names */
  /* A superseding event the restatements read above did not list (their index and the table
  ** disagree): the reading would count both it and what it supersedes. */
  if (e->ref.len && (e->kind == EVENT_CORRECTION || event_supersedes(e->kind, e->kind))) {
    int32_t at = strmap_get(&gone->ids, e->ref.ptr, e->ref.len);
    if (at < 0 || !(gone->kinds[at] & (1u << e->kind)))
      return ledger_report_row(
          ledger, diags, st, &(RowFault){"ref", "a ref the ledger's index of restatements lacks"});
  }
  *in_force = !ledger_is_superseded(gone, e);
  return PACT_OK;
}

/* An event read back (st's row): visited unless it is void or superseded. */
PactStatus ledger_each_event(Ledger *ledger, DiagList *diags, sqlite3_stmt *st,
                             const Superseded *gone, Event *e, LedgerVisit visit, void *context) {
  bool in_force;
  PactStatus status = ledger_event_in_force(ledger, diags, st, gone, e, &in_force);
  if (status != PACT_OK || !in_force) return status;
  return visit(context, (const char *)ledger_value_text(st, 13), e);
}

/*
** The reading event by event: the events of the day (and, with withdrawn, those an undo withdrew
** after it), those whose days meet the query's when it has days, in date order or by id; each
** checked, counted in its import's sums, and visited when it is in force.
*/
static PactStatus each_scan(Ledger *ledger, const LedgerQuery *query, const char *day,
                            const char *stamp, bool withdrawn, const Superseded *gone,
                            DiagList *diags, LedgerVisit visit, void *context, ReadSums *sums) {
  bool days = query && query->has_days;
  /* By id: the table's own order (WITHOUT ROWID, keyed on id), which needs no sort. */
  char sql[sizeof each_sql + sizeof each_withdrawn_sql + 160];
  if (days) /* the events whose days meet [?3, ?4]: one pass over the table, no index */
    snprintf(sql, sizeof sql,
             "SELECT * FROM (%s%s) WHERE date <= ?4"
             " AND coalesce(end_date, date) >= ?3 ORDER BY %s",
             each_sql, withdrawn ? each_withdrawn_sql : "", query->by_id ? "1" : "3, 1");
  else if (withdrawn) /* by position: the union's columns have no table */
    snprintf(sql, sizeof sql, "%s%s ORDER BY %s", each_sql, each_withdrawn_sql,
             query->by_id ? "1" : "3, 1");
  else
    snprintf(sql, sizeof sql, "%s ORDER BY %s", each_sql,
             query && query->by_id ? "e.id" : "e.date, e.id");
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_bind_text(st, 1, day, 10, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, stamp, -1, SQLITE_STATIC);
  char first[11], last[11];
  if (days) {
    pact_date_format(query->first, first);
    pact_date_format(query->last, last);
    sqlite3_bind_text(st, 3, first, 10, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, last, 10, SQLITE_STATIC);
  }
  PactStatus status = PACT_OK;
  int rc;
  Event e;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    RowFault f = {0};
    if (!ledger_row_event(st, &e, &f)) {
      status = ledger_report_row(ledger, diags, st, &f);
      break;
    }
    int64_t seq = sqlite3_column_int64(st, 14);
    if (!read_sums_add(sums, seq, ledger_event_digest(&e, seq))) {
      status = seq < 0 || seq >= READ_SUMS_SEQ_MAX
                   ? ledger_report_row(ledger, diags, st,
                                       &(RowFault){"import_seq", "an import out of range"})
                   : PACT_ERR_NOMEM;
      break;
    }
    status = ledger_each_event(ledger, diags, st, gone, &e, visit, context);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

static PactStatus each_checked(Ledger *ledger, const LedgerQuery *query, DiagList *diags,
                               LedgerVisit visit, void *context) {
  /* The day claimed (?1) and the machine's time (?2) an import or undo must be within to count:
  ** as known on a day, the days the imports claim; as held on a day, when they were written. */
  char day[11] = "9999-12-31", stamp[21] = "9999-12-31T23:59:59Z";
  bool known_on = query && query->has_known_on;
  bool held_on = query && query->has_held_on && !known_on;
  if (known_on) pact_date_format(query->known_on, day);
  if (held_on) {
    pact_date_format(query->held_on, day);
    snprintf(stamp, sizeof stamp, "%sT23:59:59Z", day);
  }
  if (known_on || held_on) note_before_first(ledger, day, held_on, diags);
  if (known_on) note_backdated(ledger, day, diags);
  /* Withdrawn events are read only as known on a day before their undo, and only when there are
  ** any: the plain reading stays one table in its own order. */
  bool withdrawn = (known_on || held_on) &&
                   ledger_has(ledger,
                              "SELECT 1 FROM undos WHERE recorded_on > ?1 OR recorded_at > ?2"
                              " LIMIT 1",
                              day, stamp);
  Superseded gone = {0};
  strmap_init(&gone.voided);
  strmap_init(&gone.ids);
  arena_init(&gone.arena);
  PactStatus status = superseded_read(ledger, day, stamp, withdrawn, diags, &gone);
  bool days = query && query->has_days, used = false;
  /* A settlement reads the daily sums, when they can serve: not as known on a day before an
  ** undo (the withdrawn events would have to be summed again). A reader of one period reads
  ** the events of its months through each import's record of where they are, when every
  ** import it sees has one: not as known on a day before an undo either. */
  if (status == PACT_OK && query && (days || query->summable) && !withdrawn)
    status =
        days ? ledger_months_each(ledger, query, day, stamp, &gone, diags, visit, context, &used)
             : ledger_summed_each(ledger, query, day, stamp, &gone, diags, visit, context, &used);
  bool scan = status == PACT_OK && !used;
  ReadSums sums = {0};
  if (scan)
    status = each_scan(ledger, query, day, stamp, withdrawn, &gone, diags, visit, context, &sums);
  superseded_free(&gone);
  /* Some days' events are not an import's whole: the records are checked, and the reader
  ** checks what it read against the figures (explain: E1225). */
  if (scan && status == PACT_OK)
    status = ledger_verify_sums(ledger, day, stamp, days ? NULL : &sums, diags);
  if (scan && status == PACT_OK) status = ledger_verify_acts(ledger, diags);
  free(sums.count);
  free(sums.sum);
  return status;
}

PactStatus ledger_each(Ledger *ledger, const LedgerQuery *query, DiagList *diags, LedgerVisit visit,
                       void *context) {
  LostNote outer = ledger_lost_begin();
  return ledger_lost_end(ledger, diags, outer, each_checked(ledger, query, diags, visit, context));
}
