/*
** ledger_import_check.c -- what an import is checked against before it commits: with
** --agreement, whether the agreement would ever settle each event; and what its superseding
** events name (one naming itself, restating another kind, superseding an event a second time),
** what already supersedes its own events, and what an undo withdrew.
*/
#include "store/ledger_int.h"

#include <stdio.h>
#include <string.h>

#include "base/suggest.h"
#include "events/rights.h"

/* ---------------------------------------------------------------- against the agreement */

/* Which kinds of event some clause of some version reads: an event of another kind would count
** in nothing. A correction withdraws an event of any kind, so it is always read. */
uint32_t ledger_kinds_read(const Agreement *ag) {
  uint32_t kinds = 1u << EVENT_CORRECTION;
  for (uint32_t v = 0; v < ag->version_count; v++)
    for (uint32_t k = 0; k < ag->versions[v].own_count; k++) {
      const Clause *c = ag->versions[v].own[k];
      switch (c->kind) {
        case CLAUSE_REVENUE_SHARE:
          kinds |= 1u << (c->u.share.measure == BASE_PROFIT ? EVENT_PROFIT : EVENT_REVENUE);
          kinds |= 1u << EVENT_PAYMENT;
          break;
        case CLAUSE_CLOUD:
          kinds |= 1u << EVENT_OFFER | 1u << EVENT_RESPONSE | 1u << EVENT_LAUNCH;
          break;
        case CLAUSE_LICENCE: kinds |= 1u << EVENT_USE | 1u << EVENT_GRANT; break;
        case CLAUSE_COMMITMENT: kinds |= 1u << EVENT_PURCHASE; break;
        case CLAUSE_MILESTONE: kinds |= 1u << EVENT_MILESTONE; break;
        default: break;
      }
    }
  return kinds;
}

/* The clause an event of a kind needs, for a person. */
static const char *clause_needed(EventKind kind) {
  switch (kind) {
    case EVENT_REVENUE: return "revenue share based on revenue";
    case EVENT_PROFIT: return "revenue share based on profit";
    case EVENT_PAYMENT: return "revenue share for a payment to settle";
    case EVENT_OFFER:
    case EVENT_RESPONSE:
    case EVENT_LAUNCH: return "cloud clause";
    case EVENT_USE:
    case EVENT_GRANT: return "licence";
    case EVENT_PURCHASE: return "commitment";
    case EVENT_MILESTONE: return "milestone";
    default: return "clause that reads it";
  }
}

/* The role of an event's party (and, for a payment, its counterparty) that must be one of the
** agreement's parties for the event to count; NULL when a third party may stand there (the
** licensee that uses, the provider that answers, a correction that names no one). */
static const char *party_role(EventKind kind) {
  switch (kind) {
    case EVENT_REVENUE:
    case EVENT_PROFIT: return "earner";
    case EVENT_PAYMENT: return "payer";
    case EVENT_PURCHASE: return "buyer";
    case EVENT_OFFER: return "customer";
    case EVENT_LAUNCH: return "launcher";
    case EVENT_GRANT: return "licensor";
    case EVENT_MILESTONE: return "declarer";
    default: return NULL;
  }
}

static void check_party(Import *im, const Event *e, EventText name, const char *role) {
  const Agreement *ag = im->options->agreement;
  if (name.len && terms_party(ag, name.ptr, name.len) >= 0) return;
  char help[400];
  const char *meant = name.len ? suggest_closest(name.ptr, name.len,
                                                 (const char *const *)im->parties, ag->party_count)
                               : NULL;
  if (meant) {
    snprintf(help, sizeof help, "did you mean '%s'? parties are matched exactly, case included",
             meant);
  } else {
    size_t at = (size_t)snprintf(help, sizeof help, "the agreement's parties are ");
    for (uint32_t i = 0; i < ag->party_count && at < sizeof help; i++)
      at += (size_t)snprintf(help + at, sizeof help - at, "%s%s", i ? ", " : "", im->parties[i]);
  }
  if (name.len)
    diag_add_line(im->diags, DIAG_ERROR, "E1209", im->file, e->line, help,
                  "%s '%.*s' names '%.*s' as its %s, which is not a party of the agreement: it "
                  "would count in nothing",
                  event_kind_name(e->kind), (int)e->id.len, e->id.ptr, (int)name.len, name.ptr,
                  role);
  else
    diag_add_line(im->diags, DIAG_ERROR, "E1209", im->file, e->line, help,
                  "%s '%.*s' names no %s: it would count in nothing", event_kind_name(e->kind),
                  (int)e->id.len, e->id.ptr, role);
  im->refused = true;
}

/*
** With --agreement: would the agreement ever settle the event? Its amount in the agreement's
** currency (E1208), its parties the agreement's (E1209), a clause that reads its kind and, for a
** milestone, a milestone of that id (E1210). Reports and remembers when not.
*/
void ledger_check_agreement(Import *im, const Event *e) {
  const Agreement *ag = im->options->agreement;
  if (e->has_amount && ag->has_currency && strcmp(e->currency.code, ag->currency.code) != 0) {
    diag_add_line(im->diags, DIAG_ERROR, "E1208", im->file, e->line,
                  "pactum does not convert currencies; give amounts in the agreement's currency",
                  "event '%.*s' is in %s, but the agreement settles in %s", (int)e->id.len,
                  e->id.ptr, e->currency.code, ag->currency.code);
    im->refused = true;
  }
  const char *role = party_role(e->kind);
  if (role) check_party(im, e, e->party, role);
  if (e->kind == EVENT_PAYMENT) check_party(im, e, e->counterparty, "payee");
  if (!(im->kinds_read & (1u << e->kind))) {
    diag_add_line(im->diags, DIAG_ERROR, "E1210", im->file, e->line,
                  "check the event's kind, or the agreement it is imported for",
                  "%s '%.*s': the agreement has no %s, so it would count in nothing",
                  event_kind_name(e->kind), (int)e->id.len, e->id.ptr, clause_needed(e->kind));
    im->refused = true;
  } else if (e->kind == EVENT_MILESTONE &&
             !terms_milestone(ag, e->subject.ptr, e->subject.len, e->date)) {
    diag_add_line(im->diags, DIAG_ERROR, "E1210", im->file, e->line,
                  "a milestone event's subject is the id of a milestone the agreement declares",
                  "milestone '%.*s': the agreement has no milestone '%.*s', so it would count "
                  "in nothing",
                  (int)e->id.len, e->id.ptr, (int)e->subject.len, e->subject.ptr);
    im->refused = true;
  }
}

/* ---------------------------------------------------------------- superseding events */

/*
** The new events that supersede another (restatements and corrections): one naming itself, or
** restating an event of another kind, is an error; one naming an event the ledger does not hold
** is kept, with a warning, and supersedes that event when it arrives.
*/
static const char refs_sql[] =
    "SELECT s.source_line, s.id, s.kind, s.ref, t.kind, ti.file, t.source_line"
    " FROM events s LEFT JOIN events t ON t.id = s.ref"
    " LEFT JOIN imports ti ON ti.seq = t.import_seq"
    " WHERE s.import_seq = ?1 AND s.ref IS NOT NULL"
    " AND (s.kind = 'correction' OR s.kind IN " RESTATED_KINDS
    ")"
    " ORDER BY s.source_line";

/* New events that earlier restatements of another kind name. */
static const char restated_sql[] =
    "SELECT t.source_line, t.id, t.kind, s.id, s.kind, si.file, s.source_line"
    " FROM events t JOIN events s ON s.ref = t.id JOIN imports si ON si.seq = s.import_seq"
    " WHERE t.import_seq = ?1 AND s.import_seq <> ?1 AND s.kind IN " RESTATED_KINDS
    " AND s.kind <> t.kind ORDER BY t.source_line";

/*
** An event is superseded once (feed.c says the same of event files, E1109): a new superseding
** event whose ref another, with another id, already names -- imported before, or on an earlier
** line of the same file -- with that first one, the earliest first.
*/
#define SUPERSEDING_KINDS "('correction', 'revenue', 'payment', 'purchase')"
static const char twice_sql[] =
    "SELECT s.source_line, s.id, s.kind, s.ref, o.id, o.kind, oi.file, o.source_line"
    " FROM events s JOIN events o ON o.ref = s.ref AND o.id <> s.id"
    " JOIN imports oi ON oi.seq = o.import_seq"
    " WHERE s.import_seq = ?1 AND s.ref IS NOT NULL AND s.kind IN " SUPERSEDING_KINDS
    " AND o.kind IN " SUPERSEDING_KINDS " AND (o.import_seq < ?1 OR o.source_line < s.source_line)";
static const char twice_order_sql[] = " ORDER BY s.source_line, o.import_seq, o.source_line";
/* A void superseding event supersedes nothing: another may supersede what it names. */
static const char twice_not_void_sql[] = " AND o.id NOT IN (SELECT id FROM void_superseders)";

/*
** Superseding events that take no effect: a restatement or correction recorded under --as by a
** party who may not supersede the event it names, found when that event arrived after it. The
** table is made by the first import that needs it.
*/
static const char void_table_sql[] =
    "CREATE TABLE IF NOT EXISTS void_superseders(id TEXT PRIMARY KEY, target TEXT NOT NULL,"
    " reason TEXT NOT NULL, import_seq INTEGER NOT NULL REFERENCES imports(seq))";

/* The event columns of s (0-14) and of t (15-29), and the recorder of s (30). The superseding
** events drive the join (a few, through the index on ref), each looking its target up by id: an
** import of a million events asks nothing of each of them. */
static const char early_sql[] =
    "SELECT s.id, s.kind, s.date, s.end_date, s.party, s.counterparty, s.stream, s.subject,"
    " s.amount_minor, s.currency, s.ref, s.note, s.source_line, si.file, s.import_seq,"
    " t.id, t.kind, t.date, t.end_date, t.party, t.counterparty, t.stream, t.subject,"
    " t.amount_minor, t.currency, t.ref, t.note, t.source_line, ti.file, t.import_seq,"
    " si.as_party"
    " FROM events s INDEXED BY events_by_ref CROSS JOIN events t ON t.id = s.ref"
    " JOIN imports ti ON ti.seq = t.import_seq JOIN imports si ON si.seq = s.import_seq"
    " WHERE s.ref IS NOT NULL AND t.import_seq = ?1 AND s.id <> t.id AND si.as_party IS NOT NULL"
    " AND (s.kind = 'correction' OR s.kind = t.kind)";

/*
** An event of this import that a superseding event already in the ledger names (recorded
** before it arrived) is superseded only if that event's recorder may supersede it: the rule
** import --as applies when the target is there first, applied now that it is. A recorder
** without the right makes the superseding event void (it takes no effect, and does not count
** itself), said to the importer; without --agreement the right cannot be known, and that is
** said too.
*/
typedef struct EarlyFind {
  const Event *target;  /* the event that arrived */
  sqlite3_stmt *lookup; /* ledger_target_sql, for what a chain of corrections names below it */
} EarlyFind;

static bool early_find(void *context, const char *id, uint32_t len, Event *out, bool *failed) {
  EarlyFind *find = context;
  if (len == find->target->id.len && memcmp(id, find->target->id.ptr, len) == 0) {
    *out = *find->target;
    return true;
  }
  return ledger_lookup_event(find->lookup, id, len, out, failed);
}

/* Records that sup, recorded by a party who may not supersede target, takes no effect (why). */
static PactStatus record_void(Import *im, const Event *sup, const Event *target, const char *why) {
  sqlite3_stmt *ins;
  if (ledger_exec(im->ledger, im->diags, void_table_sql) != PACT_OK ||
      sqlite3_prepare_v2(im->ledger->db,
                         "INSERT OR IGNORE INTO void_superseders(id, target, reason, import_seq)"
                         " VALUES (?1, ?2, ?3, ?4)",
                         -1, &ins, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  int rc = sqlite3_bind_text(ins, 1, sup->id.ptr, (int)sup->id.len, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text(ins, 2, target->id.ptr, (int)target->id.len, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(ins, 3, why, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK) rc = sqlite3_bind_int64(ins, 4, im->seq);
  if (rc == SQLITE_OK) rc = sqlite3_step(ins);
  sqlite3_finalize(ins);
  return rc == SQLITE_DONE ? PACT_OK
                           : ledger_fail(im->ledger, im->diags, "the ledger could not be written");
}

PactStatus ledger_check_early_superseders(Import *im) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(im->ledger->db, early_sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  if (sqlite3_prepare_v2(im->ledger->db, ledger_target_sql, -1, &im->target, NULL) != SQLITE_OK) {
    sqlite3_finalize(st);
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  }
  sqlite3_bind_int64(st, 1, im->seq);
  PactStatus status = PACT_OK;
  int rc;
  const Agreement *ag = im->options ? im->options->agreement : NULL;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    Event sup, target;
    RowFault f;
    if (!ledger_row_event_at(st, 0, &sup, &f) || !ledger_row_event_at(st, 15, &target, &f)) {
      status = ledger_report_row(im->ledger, im->diags, st, &f);
      break;
    }
    const char *recorder = ledger_column(st, 30);
    const char *how = sup.kind == EVENT_CORRECTION ? "withdrawn" : "restated";
    if (!ag) {
      diag_add_line(im->diags, DIAG_WARNING, "W1221", im->file, target.line,
                    "import with --agreement PATH so that pactum can check the right to",
                    "event '%.*s' arrives already %s by '%.*s' (%s:%d), recorded as %s: whether "
                    "%s may supersede it is not checked",
                    (int)target.id.len, target.id.ptr, how, (int)sup.id.len, sup.id.ptr,
                    ledger_column(st, 13), sqlite3_column_int(st, 12), recorder, recorder);
      continue;
    }
    char why[600];
    bool may = false;
    EarlyFind find = {&target, im->target};
    PactStatus checked =
        rights_may_record(ag, recorder, &sup, early_find, &find, &may, why, sizeof why);
    if (checked != PACT_OK) {
      status = checked == PACT_ERR_IO
                   ? ledger_fail(im->ledger, im->diags, "the ledger could not be read")
                   : checked;
      break;
    }
    if (may) continue;
    if ((status = record_void(im, &sup, &target, why)) != PACT_OK) break;
    diag_add_line(im->diags, DIAG_WARNING, "W1222", im->file, target.line,
                  "the event stands as imported; the party whose event it is may restate it",
                  "event '%.*s' arrives already %s by '%.*s' (%s:%d), recorded as %s, who may "
                  "not: %s; '%.*s' takes no effect",
                  (int)target.id.len, target.id.ptr, how, (int)sup.id.len, sup.id.ptr,
                  ledger_column(st, 13), sqlite3_column_int(st, 12), recorder, why, (int)sup.id.len,
                  sup.id.ptr);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  sqlite3_finalize(im->target);
  im->target = NULL;
  return status;
}

/* The import's superseding events against what they name: itself, an event of another kind. */
static PactStatus check_targets(Import *im) {
  sqlite3_stmt *st;
  PactStatus status = PACT_OK;
  if (sqlite3_prepare_v2(im->ledger->db, refs_sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, im->seq);
  while (sqlite3_step(st) == SQLITE_ROW) {
    uint32_t line = (uint32_t)sqlite3_column_int(st, 0);
    const char *id = ledger_column(st, 1), *kind = ledger_column(st, 2),
               *ref = ledger_column(st, 3);
    bool held = sqlite3_column_type(st, 4) != SQLITE_NULL;
    if (strcmp(id, ref) == 0) {
      diag_add_line(im->diags, DIAG_ERROR, "E1205", im->file, line,
                    "ref names the earlier event this one restates or corrects",
                    "event '%s' names itself in ref", id);
      status = PACT_ERR_INVALID;
    } else if (!held) {
      diag_add_line(im->diags, DIAG_WARNING, "W1206", im->file, line,
                    "check the id; the event it names will be superseded when it is imported",
                    "%s '%s' %s '%s', which the ledger does not hold", kind, id,
                    strcmp(kind, "correction") == 0 ? "corrects" : "restates", ref);
    } else if (strcmp(kind, "correction") != 0 && strcmp(kind, ledger_column(st, 4)) != 0) {
      diag_add_line(im->diags, DIAG_ERROR, "E1205", im->file, line,
                    "a restatement is of the same kind; withdraw an event of another kind "
                    "with a correction",
                    "%s '%s' restates '%s', a %s event (%s:%d)", kind, id, ref,
                    ledger_column(st, 4), ledger_column(st, 5), sqlite3_column_int(st, 6));
      status = PACT_ERR_INVALID;
    }
  }
  sqlite3_finalize(st);
  return status;
}

/* The import's events that earlier restatements of another kind name. */
static PactStatus check_restated(Import *im) {
  sqlite3_stmt *st;
  PactStatus status = PACT_OK;
  if (sqlite3_prepare_v2(im->ledger->db, restated_sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, im->seq);
  while (sqlite3_step(st) == SQLITE_ROW) {
    diag_add_line(im->diags, DIAG_ERROR, "E1205", im->file, (uint32_t)sqlite3_column_int(st, 0),
                  "a restatement is of the same kind; withdraw an event of another kind "
                  "with a correction",
                  "%s '%s' is restated by '%s', a %s event (%s:%d)", ledger_column(st, 2),
                  ledger_column(st, 1), ledger_column(st, 3), ledger_column(st, 4),
                  ledger_column(st, 5), sqlite3_column_int(st, 6));
    status = PACT_ERR_INVALID;
  }
  sqlite3_finalize(st);
  return status;
}

/* The import's superseding events that supersede an event another already supersedes. */
static PactStatus check_twice(Import *im) {
  sqlite3_stmt *st;
  PactStatus status = PACT_OK;
  char twice[sizeof twice_sql + sizeof twice_not_void_sql + sizeof twice_order_sql];
  snprintf(twice, sizeof twice, "%s%s%s", twice_sql,
           ledger_has_table(im->ledger, "void_superseders") ? twice_not_void_sql : "",
           twice_order_sql);
  if (sqlite3_prepare_v2(im->ledger->db, twice, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, im->seq);
  int last_line = -1;
  while (sqlite3_step(st) == SQLITE_ROW) {
    int line = sqlite3_column_int(st, 0);
    if (line == last_line) continue; /* the earliest first is named, once */
    last_line = line;
    const char *id = ledger_column(st, 1), *kind = ledger_column(st, 2),
               *ref = ledger_column(st, 3);
    const char *first = ledger_column(st, 4);
    bool withdrawn = strcmp(ledger_column(st, 5), "correction") == 0;
    bool corrects = strcmp(kind, "correction") == 0;
    char help[600];
    if (withdrawn)
      snprintf(help, sizeof help,
               "an event is superseded once: '%s' stays withdrawn; record the "
               "figure as a new event with its own id",
               ref);
    else
      snprintf(help, sizeof help, "an event is superseded once: %s '%s' instead",
               corrects ? "correct" : "restate", first);
    diag_add_line(im->diags, DIAG_ERROR, "E1211", im->file, (uint32_t)line, help,
                  "%s '%s' %s '%s', which %s'%s' already %s (%s:%d)", kind, id,
                  corrects ? "corrects" : "restates", ref, withdrawn ? "correction " : "", first,
                  withdrawn ? "withdrew" : "restates", ledger_column(st, 6),
                  sqlite3_column_int(st, 7));
    status = PACT_ERR_INVALID;
  }
  sqlite3_finalize(st);
  return status;
}

PactStatus ledger_check_refs(Import *im) {
  /* Each says what it finds (PACT_ERR_INVALID), and the next is asked all the same; a question
  ** that cannot be asked ends the checks. */
  PactStatus (*const checks[])(Import *) = {check_targets, check_restated, check_twice};
  PactStatus status = PACT_OK;
  for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
    PactStatus found = checks[i](im);
    if (found != PACT_OK && found != PACT_ERR_INVALID) return found;
    if (found != PACT_OK) status = found;
  }
  return status;
}

/*
** An event withdrawn by an undo recorded after this import's day would stand twice as known on
** the days between (the withdrawn one and this one): an import recorded before an undo cannot
** bring back what it withdrew.
*/
PactStatus ledger_check_withdrawn(Import *im) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(im->ledger->db,
                         "SELECT e.source_line, e.id, u.import_seq, u.recorded_on"
                         " FROM withdrawn w JOIN undos u ON u.import_seq = w.import_seq"
                         " JOIN events e ON e.id = w.id"
                         " WHERE e.import_seq = ?1 AND u.recorded_on > ?2 ORDER BY e.source_line",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, im->seq);
  sqlite3_bind_text(st, 2, im->day, 10, SQLITE_STATIC);
  PactStatus status = PACT_OK;
  while (sqlite3_step(st) == SQLITE_ROW) {
    diag_add_line(im->diags, DIAG_ERROR, "E1215", im->file, (uint32_t)sqlite3_column_int(st, 0),
                  "record this import on or after the day of the undo (--recorded-on)",
                  "event '%s' was withdrawn on %s (undo of import %d), after %s, the day this "
                  "import is recorded on",
                  ledger_column(st, 1), ledger_column(st, 3), sqlite3_column_int(st, 2), im->day);
    status = PACT_ERR_INVALID;
  }
  sqlite3_finalize(st);
  return status;
}
