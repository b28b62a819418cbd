/*
** decide_write.c -- the answers of the decide engine written out (decide.h): one JSON line per
** answer (a batch's answers are lines) by jsonw's compact writer into memory, the same line in
** the frame of every --json document, or the answer in words for a person.
*/
#include <string.h>

#include "base/diag.h"
#include "engine/decide.h"
#include "render/describe.h"

static void t_mem(DecideText *t, const char *s, size_t n) { json_text_append(t, s, n); }
static void t_str(DecideText *t, const char *s) { t_mem(t, s, strlen(s)); }
/* Outside text (an event's fields, a file's name, what the query asked) for a text answer: as
** every text report shows it (text_show_char, diag.h), never raw to a terminal. */
static void t_shown(DecideText *t, const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    size_t run = i;
    while (run < n && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7F) run++;
    if (run > i) t_mem(t, s + i, run - i);
    if (run == n) break;
    char shown[TEXT_SHOWN_CHAR_MAX];
    size_t used, k = text_show_char(shown, s + run, n - run, &used);
    t_mem(t, shown, k);
    i = run + used;
  }
}
static void t_shown_str(DecideText *t, const char *s) { t_shown(t, s, strlen(s)); }
static void t_shown_text(DecideText *t, EventText s) { t_shown(t, s.ptr, s.len); }

static void t_date(DecideText *t, PactDate date) {
  char text[11];
  pact_date_format(date, text);
  t_mem(t, text, 10);
}

static void t_uint(DecideText *t, uint32_t n) {
  char text[12];
  int i = 11;
  text[i] = '\0';
  do {
    text[--i] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  t_str(t, text + i);
}

static void w_sym(JsonWriter *w, Str s) { json_string(w, s.ptr, s.len); }

static void w_date(JsonWriter *w, PactDate date) {
  char text[11];
  pact_date_format(date, text);
  json_string(w, text, 10);
}

/* The events an answer relies on, each with where it was read. */
static void events_member(const Decider *d, const DecideAnswer *a, JsonWriter *w) {
  json_key(w, "events");
  json_array_begin(w);
  for (uint32_t i = 0; i < a->event_count; i++) {
    DecideEventInfo e;
    decide_event_info(d, a->events[i], &e);
    json_object_begin(w);
    json_key(w, "id");
    w_sym(w, e.id);
    json_key(w, "kind");
    json_cstring(w, event_kind_name(e.kind));
    json_key(w, "date");
    w_date(w, e.date);
    json_key(w, "file");
    w_sym(w, e.file);
    json_key(w, "line");
    json_int(w, e.line);
    json_object_end(w);
  }
  json_array_end(w);
}

/* The answer's members, inside an object the caller opened. */
static void answer_members(const Decider *d, const DecideAnswer *a, JsonWriter *w) {
  json_key(w, "decision");
  json_cstring(w, decision_name(a->decision));
  if (a->kind == DECIDE_USE) {
    json_key(w, "exclusive");
    json_bool(w, a->exclusive);
    json_key(w, "until");
    json_cstring(w, a->until[0] ? a->until : NULL);
  }
  json_key(w, "clause");
  if (a->clause) w_sym(w, a->clause->id);
  else json_null(w);
  json_key(w, "version");
  if (a->version) w_sym(w, a->version->name);
  else json_null(w);
  json_key(w, "reason");
  json_cstring(w, a->reason);
  if (a->kind == DECIDE_LAUNCH) {
    json_key(w, "exception");
    json_cstring(w, a->exception[0] ? a->exception : NULL);
    json_key(w, "due");
    if (a->has_deadline) w_date(w, a->deadline);
    else json_null(w);
  }
  events_member(d, a, w);
}

void decide_write_json(const Decider *d, const DecideAnswer *a, DecideText *t) {
  JsonWriter w;
  json_init_text(&w, t);
  json_object_begin(&w);
  answer_members(d, a, &w);
  json_object_end(&w);
  json_finish(&w);
}

void decide_write_report(const Decider *d, const DecideAnswer *a, const DiagList *diags,
                         DecideText *t) {
  JsonWriter w;
  json_init_text(&w, t);
  json_report_open(&w, decide_agreement(d));
  answer_members(d, a, &w);
  json_report_close(&w, decide_agreement(d), diags);
}

PactStatus decide_batch(const Decider *d, const char *name, FILE *in, FILE *out, size_t *errors) {
  return decide_batch_with(d, name, in, out, decide_write_json, errors);
}

/* "permitted: 'atlas' on google, 2026-05-01": the decision and the question. */
static void write_head(const DecideQuery *q, const DecideAnswer *a, DecideText *t) {
  t_str(t, a->decision == DECISION_PERMITTED ? "permitted: "
           : a->decision == DECISION_PENDING ? "pending: "
                                             : "not permitted: ");
  if (q->kind == DECIDE_LAUNCH) {
    t_str(t, "'");
    t_shown_text(t, q->product);
    t_str(t, "' on ");
    t_shown_text(t, q->provider);
  } else {
    t_shown_text(t, q->licensee);
    t_str(t, " using '");
    t_shown_text(t, q->subject);
    t_str(t, "'");
  }
  t_str(t, ", ");
  t_date(t, q->on);
}

/* The clause that decided and its version: "azure-cloud (primary), version 2026-04-27". */
static void write_clause(const DecideAnswer *a, DecideText *t) {
  t_str(t, "\n  clause     ");
  if (a->clause) {
    t_mem(t, a->clause->id.ptr, a->clause->id.len);
    t_str(t, " (");
    static const char *const modes[] = {"exclusive", "first-refusal", "primary", "none"};
    t_str(t, a->clause->kind == CLAUSE_CLOUD ? modes[a->clause->u.cloud.mode] : "licence");
    t_str(t, ")");
  } else {
    t_str(t, "none");
  }
  if (a->version) {
    t_str(t, ", version ");
    t_mem(t, a->version->name.ptr, a->version->name.len);
  }
}

/* The events, one a line: id, kind, date, and where it was read. */
static void write_events(const Decider *d, const DecideAnswer *a, DecideText *t) {
  for (uint32_t i = 0; i < a->event_count; i++) {
    DecideEventInfo e;
    decide_event_info(d, a->events[i], &e);
    t_str(t, i ? "\n             " : "\n  events     ");
    t_shown(t, e.id.ptr, e.id.len);
    t_str(t, " ");
    t_str(t, event_kind_name(e.kind));
    t_str(t, " ");
    t_date(t, e.date);
    t_str(t, "  ");
    t_shown(t, e.file.ptr, e.file.len);
    t_str(t, ":");
    t_uint(t, e.line);
  }
}

void decide_write_text(const Decider *d, const DecideQuery *q, const DecideAnswer *a,
                       DecideText *t) {
  write_head(q, a, t);
  write_clause(a, t);
  if (q->kind == DECIDE_USE) {
    t_str(t, a->exclusive ? "\n  exclusive  yes" : "\n  exclusive  no");
    if (a->until[0]) {
      t_str(t, "\n  until      ");
      t_shown_str(t, a->until);
    }
  }
  if (a->exception[0]) {
    t_str(t, "\n  exception  ");
    t_shown_str(t, a->exception);
  }
  if (a->has_deadline) {
    t_str(t, "\n  deadline   ");
    t_date(t, a->deadline);
  }
  t_str(t, "\n  why        ");
  t_shown_str(t, a->reason);
  write_events(d, a, t);
  t_str(t, "\n");
}
