/*
** audit.c -- see audit.h. The decisions come from the decide engine (decide_findings), the
** money from a settlement with the audit's day as its statement date, and commitments from the
** purchase events, summed here.
**
** What counts on the day: a settlement's obligations for periods that began by then (a period
** still running is accruing: what accrued through the day, listed with its due date); payments
** dated up to the day; a
** commitment's purchases from the day its version took effect (the commitment was made then:
** "a further USD 250 billion") up to the day.
*/
#include "engine/audit.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/jsonw.h"
#include "base/mem.h"
#include "engine/decide.h"
#include "engine/settle.h"
#include "render/describe.h"

typedef struct Purchase {
  int32_t buyer, seller; /* party indexes */
  char *what;            /* the event's subject, else its stream */
  PactDate date;
  int64_t amount_minor;
} Purchase;

typedef struct Kept {
  DecideFindingKind kind;
  uint32_t event;
  const Clause *clause;
  const Version *version;
  PactDate deadline;
  uint32_t events[DECIDE_EVENTS_MAX];
  uint32_t event_count;
  const char *reason;
} Kept;

typedef struct Audit {
  const Agreement *ag;
  DiagList *diags;
  PactDate on;
  SettleOptions options;
  Settlement *s;
  Decider *d;
  bool by_id; /* the events come by id (a ledger, unsorted) */
  Purchase *purchases;
  size_t purchase_count, purchase_capacity;
  /* What was found, kept to be written in two sections: the parts of each finding that are
  ** written (a whole DecideFinding is kilobytes, mostly its reason's room), reasons in arena. */
  Kept *findings;
  Arena reasons;
  size_t finding_count, finding_capacity;
  size_t open_count, breach_count;
} Audit;

static void forget_purchases(Audit *a) {
  for (size_t i = 0; i < a->purchase_count; i++) free(a->purchases[i].what);
  a->purchase_count = 0;
}

static PactStatus audit_start(void *context) {
  Audit *a = context;
  settle_free(a->s);
  decide_free(a->d);
  a->s = NULL;
  a->d = NULL;
  forget_purchases(a);
  PactStatus status = settle_begin(a->ag, &a->options, a->diags, &a->s);
  if (status == PACT_OK) status = decide_begin(a->ag, a->diags, &a->d);
  if (status == PACT_OK && a->by_id) decide_warn_by_date(a->d);
  return status;
}

static PactStatus add_purchase(Audit *a, const Event *e) {
  if (!e->has_amount || e->date > a->on) return PACT_OK;
  if (a->purchase_count == a->purchase_capacity) {
    size_t capacity = a->purchase_capacity ? a->purchase_capacity * 2 : 16;
    Purchase *bigger = mem_realloc(a->purchases, capacity * sizeof *bigger);
    if (!bigger) return PACT_ERR_NOMEM;
    a->purchases = bigger;
    a->purchase_capacity = capacity;
  }
  EventText what = e->subject.len ? e->subject : e->stream;
  Purchase *p = &a->purchases[a->purchase_count];
  p->buyer = terms_party(a->ag, e->party.ptr, e->party.len);
  p->seller = terms_party(a->ag, e->counterparty.ptr, e->counterparty.len);
  p->date = e->date;
  p->amount_minor = e->amount_minor;
  p->what = mem_malloc((size_t)what.len + 1);
  if (!p->what) return PACT_ERR_NOMEM;
  memcpy(p->what, what.ptr, what.len);
  p->what[what.len] = '\0';
  a->purchase_count++;
  return PACT_OK;
}

static PactStatus audit_visit(void *context, const char *source, const Event *e) {
  Audit *a = context;
  settle_set_events_path(a->s, source);
  PactStatus status = settle_add(a->s, e);
  if (status == PACT_ERR_NOMEM) return status;
  status = decide_add(a->d, source, e);
  if (status != PACT_OK) return status;
  return e->kind == EVENT_PURCHASE ? add_purchase(a, e) : PACT_OK;
}

static PactStatus keep_finding(void *context, const DecideFinding *f) {
  Audit *a = context;
  if (a->finding_count == a->finding_capacity) {
    size_t capacity = a->finding_capacity ? a->finding_capacity * 2 : 16;
    Kept *bigger = mem_realloc(a->findings, capacity * sizeof *bigger);
    if (!bigger) return PACT_ERR_NOMEM;
    a->findings = bigger;
    a->finding_capacity = capacity;
  }
  Kept *k = &a->findings[a->finding_count];
  k->kind = f->kind;
  k->event = f->event;
  k->clause = f->answer.clause;
  k->version = f->answer.version;
  k->deadline = f->answer.deadline;
  k->event_count = f->answer.event_count;
  memcpy(k->events, f->answer.events, f->answer.event_count * sizeof *k->events);
  k->reason = arena_strndup(&a->reasons, f->answer.reason, strlen(f->answer.reason));
  if (!k->reason) return PACT_ERR_NOMEM;
  a->finding_count++;
  if (f->kind == FINDING_ANSWER_DUE) a->open_count++;
  else a->breach_count++;
  return PACT_OK;
}

/* ---------------------------------------------------------------- commitments */

typedef struct CommitmentState {
  const Clause *clause;
  const Version *version;
  int64_t bought_minor;
  int64_t left_minor; /* committed less bought */
  uint32_t purchases;
  bool unmet; /* its term ended before the day with something left */
} CommitmentState;

/* The commitments of the version in force on the day, with what was bought against each. */
static size_t commitments(const Audit *a, CommitmentState *out, size_t max) {
  int32_t v = terms_version_on(a->ag, a->on);
  if (v < 0) return 0;
  const Version *version = &a->ag->versions[v];
  size_t count = 0;
  for (uint32_t c = 0; c < version->term_count && count < max; c++) {
    const Clause *clause = version->terms[c];
    if (clause->kind != CLAUSE_COMMITMENT) continue;
    const Commitment *k = &clause->u.commitment;
    const Version *made = &a->ag->versions[clause->version];
    PactDate first = clause->term.has_from ? clause->term.from : made->effective;
    CommitmentState st = {clause, made, 0, 0, 0, false};
    bool fits = true;
    for (size_t i = 0; i < a->purchase_count; i++) {
      const Purchase *p = &a->purchases[i];
      if (p->buyer != k->by.index || p->seller != k->to.index || p->date < first ||
          !str_eq_cstr(k->of, p->what))
        continue;
      fits = fits && pact_money_add(st.bought_minor, p->amount_minor, &st.bought_minor) == PACT_OK;
      st.purchases++;
    }
    fits = fits && pact_money_sub(k->amount_minor, st.bought_minor, &st.left_minor) == PACT_OK;
    if (!fits) {
      diag_add_path(a->diags, DIAG_ERROR, "E1103", a->ag->path,
                    "pactum never wraps money; check the purchase amounts for a typo",
                    "what was bought under commitment '%.*s' does not fit in 64-bit minor units",
                    (int)clause->id.len, clause->id.ptr);
      continue;
    }
    st.unmet = clause->term.has_through && clause->term.through < a->on &&
               st.bought_minor < k->amount_minor;
    out[count++] = st;
  }
  return count;
}

/* ---------------------------------------------------------------- writing */

static const char *finding_name(DecideFindingKind kind) {
  switch (kind) {
    case FINDING_ANSWER_DUE: return "answer_due";
    case FINDING_LAUNCH: return "launch";
    case FINDING_USE: return "use";
    case FINDING_GRANT: return "grant";
  }
  return "";
}

static bool owed(const Obligation *o) { return o->amount_minor > o->paid_minor; }

static bool obligation_counts(const Audit *a, const Obligation *o) {
  return o->period.first <= a->on && owed(o);
}

static void period_label(const Obligation *o, char *buf, size_t size) {
  pact_period_label(o->clause->u.share.calendar, o->period, buf, size);
}

static void answer_due_text(const Audit *a, const Kept *f, char *buf, size_t size) {
  DecideEventInfo offer;
  decide_event_info(a->d, f->event, &offer);
  snprintf(buf, size, "%.*s must answer offer '%.*s' for '%.*s' from %.*s",
           (int)offer.counterparty.len, offer.counterparty.ptr, (int)offer.id.len, offer.id.ptr,
           (int)offer.stream.len, offer.stream.ptr, (int)offer.party.len, offer.party.ptr);
}

/* The events a finding rests on: its own event first, then those its decision names. */
static uint32_t finding_events(const Kept *f, uint32_t *out) {
  uint32_t n = 0;
  out[n++] = f->event;
  for (uint32_t i = 0; i < f->event_count; i++)
    if (f->events[i] != f->event) out[n++] = f->events[i];
  return n;
}

static void write_event_lines(const Audit *a, const Kept *f, FILE *out) {
  uint32_t events[DECIDE_EVENTS_MAX + 1];
  uint32_t n = finding_events(f, events);
  for (uint32_t i = 0; i < n; i++) {
    DecideEventInfo e;
    decide_event_info(a->d, events[i], &e);
    char day[11];
    pact_date_format(e.date, day);
    /* The id and the file as every text report shows outside text (text_write, diag.h). */
    fprintf(out, "                 %-9s ", event_kind_name(e.kind));
    text_write(out, e.id.ptr, e.id.len);
    fprintf(out, " %s  ", day);
    text_write(out, e.file.ptr, e.file.len);
    fprintf(out, ":%u\n", e.line);
  }
}

static void clause_text(const Audit *a, const Clause *c, const Version *v, char *buf, size_t size) {
  (void)a;
  if (!c) snprintf(buf, size, "-");
  else
    snprintf(buf, size, "%.*s (%.*s)", (int)c->id.len, c->id.ptr, v ? (int)v->name.len : 1,
             v ? v->name.ptr : "-");
}

static void write_table(const Audit *a, const CommitmentState *cs, size_t commitment_count,
                        FILE *out) {
  size_t obligations_count;
  const Obligation *obligations = settle_obligations(a->s, &obligations_count);
  size_t open = a->open_count + commitment_count, breaches = a->breach_count;
  for (size_t i = 0; i < obligations_count; i++) {
    const Obligation *o = &obligations[i];
    if (!obligation_counts(a, o)) continue;
    if (o->overdue) breaches++;
    else open++;
  }
  for (size_t i = 0; i < commitment_count; i++) breaches += cs[i].unmet;
  char day[11], text[512], clause[160], amount[40], rest[40];
  pact_date_format(a->on, day);
  fprintf(out, "audit on %s: %zu open obligation%s, %zu breach%s\n", day, open,
          open == 1 ? "" : "s", breaches, breaches == 1 ? "" : "es");

  fprintf(out, "\nopen obligations\n");
  if (!open) fprintf(out, "  none\n");
  for (size_t i = 0; i < a->finding_count; i++) {
    const Kept *f = &a->findings[i];
    if (f->kind != FINDING_ANSWER_DUE) continue;
    pact_date_format(f->deadline, day);
    clause_text(a, f->clause, f->version, clause, sizeof clause);
    answer_due_text(a, f, text, sizeof text);
    fprintf(out, "  answer due     by %s  %s\n                 ", day, clause);
    text_write(out, text, strlen(text)); /* the offer's parties, id and product: outside text */
    fputc('\n', out);
    write_event_lines(a, f, out);
  }
  for (size_t i = 0; i < obligations_count; i++) {
    const Obligation *o = &obligations[i];
    if (!obligation_counts(a, o) || o->overdue) continue;
    const Version *v = &a->ag->versions[o->clause->version];
    char label[24];
    period_label(o, label, sizeof label);
    if (o->has_due) pact_date_format(o->due, day);
    else snprintf(day, sizeof day, "-");
    clause_text(a, o->clause, v, clause, sizeof clause);
    amount_text(a->ag, o->amount_minor - o->paid_minor, rest, sizeof rest);
    amount_text(a->ag, o->amount_minor, amount, sizeof amount);
    const Str *payer = settle_party_id(a->s, o->clause->u.share.payer.index);
    const Str *payee = settle_party_id(a->s, o->clause->u.share.payee.index);
    fprintf(out, "  payment due    by %s  %s\n                 %.*s -> %.*s, %s: %s %s of %s%s\n",
            day, clause, (int)payer->len, payer->ptr, (int)payee->len, payee->ptr, label,
            a->ag->currency.code, rest, amount,
            o->accruing ? " accrued so far (the period is still running)" : "");
  }
  for (size_t i = 0; i < commitment_count; i++) {
    const CommitmentState *c = &cs[i];
    const Commitment *k = &c->clause->u.commitment;
    clause_text(a, c->clause, c->version, clause, sizeof clause);
    money_text(a->ag, k->amount_minor, k->amount_about, amount, sizeof amount);
    amount_text(a->ag, c->bought_minor, rest, sizeof rest);
    char left[40];
    amount_text(a->ag, c->left_minor, left, sizeof left);
    fprintf(out,
            "  commitment     %s\n                 %.*s -> %.*s, %.*s: %s committed, %s bought "
            "in %u purchase%s, %s left\n",
            clause, (int)k->by.name.len, k->by.name.ptr, (int)k->to.name.len, k->to.name.ptr,
            (int)k->of.len, k->of.ptr, amount, rest, c->purchases, c->purchases == 1 ? "" : "s",
            left);
  }

  fprintf(out, "\nbreaches\n");
  if (!breaches) fprintf(out, "  none\n");
  for (size_t i = 0; i < a->finding_count; i++) {
    const Kept *f = &a->findings[i];
    if (f->kind == FINDING_ANSWER_DUE) continue;
    DecideEventInfo e;
    decide_event_info(a->d, f->event, &e);
    pact_date_format(e.date, day);
    clause_text(a, f->clause, f->version, clause, sizeof clause);
    fprintf(out, "  %-13s  on %s  %s\n", finding_name(f->kind), day, clause);
    text_wrap(out, "                 ", (Str){f->reason, (uint32_t)strlen(f->reason)}, 100);
    write_event_lines(a, f, out);
  }
  for (size_t i = 0; i < obligations_count; i++) {
    const Obligation *o = &obligations[i];
    if (!obligation_counts(a, o) || !o->overdue) continue;
    const Version *v = &a->ag->versions[o->clause->version];
    char label[24];
    period_label(o, label, sizeof label);
    pact_date_format(o->has_due ? o->due : o->last, day);
    clause_text(a, o->clause, v, clause, sizeof clause);
    amount_text(a->ag, o->amount_minor - o->paid_minor, rest, sizeof rest);
    amount_text(a->ag, o->amount_minor, amount, sizeof amount);
    const Str *payer = settle_party_id(a->s, o->clause->u.share.payer.index);
    const Str *payee = settle_party_id(a->s, o->clause->u.share.payee.index);
    fprintf(out,
            "  payment overdue  due %s  %s\n                 %.*s -> %.*s, %s: %s %s of %s "
            "unpaid\n",
            day, clause, (int)payer->len, payer->ptr, (int)payee->len, payee->ptr, label,
            a->ag->currency.code, rest, amount);
  }
  for (size_t i = 0; i < commitment_count; i++) {
    if (!cs[i].unmet) continue;
    clause_text(a, cs[i].clause, cs[i].version, clause, sizeof clause);
    pact_date_format(cs[i].clause->term.through, day);
    fprintf(out, "  commitment unmet  ended %s  %s\n", day, clause);
  }
}

static void json_day(JsonWriter *w, const char *key, bool has, PactDate day) {
  char text[11];
  json_key(w, key);
  if (!has) {
    json_null(w);
    return;
  }
  pact_date_format(day, text);
  json_cstring(w, text);
}

static void json_clause(JsonWriter *w, const Clause *c, const Version *v) {
  json_key(w, "clause");
  if (c) json_string(w, c->id.ptr, c->id.len);
  else json_null(w);
  json_key(w, "version");
  if (v) json_string(w, v->name.ptr, v->name.len);
  else json_null(w);
}

static void json_events(JsonWriter *w, const Audit *a, const Kept *f) {
  uint32_t events[DECIDE_EVENTS_MAX + 1];
  uint32_t n = finding_events(f, events);
  json_key(w, "events");
  json_array_begin(w);
  for (uint32_t i = 0; i < n; i++) {
    DecideEventInfo e;
    decide_event_info(a->d, events[i], &e);
    json_object_begin(w);
    json_key(w, "id");
    json_string(w, e.id.ptr, e.id.len);
    json_key(w, "kind");
    json_cstring(w, event_kind_name(e.kind));
    json_day(w, "date", true, e.date);
    json_key(w, "file");
    json_string(w, e.file.ptr, e.file.len);
    json_key(w, "line");
    json_int(w, e.line);
    json_object_end(w);
  }
  json_array_end(w);
}

static void json_obligation(JsonWriter *w, const Audit *a, const Obligation *o, const char *kind) {
  const Version *v = &a->ag->versions[o->clause->version];
  char label[24];
  period_label(o, label, sizeof label);
  json_object_begin(w);
  json_key(w, "kind");
  json_cstring(w, o->accruing ? "payment_accruing" : kind);
  json_clause(w, o->clause, v);
  settle_json_pair(w, a->s, o->clause->u.share.payer.index, o->clause->u.share.payee.index);
  json_key(w, "period");
  json_cstring(w, label);
  json_amount(w, a->ag, "amount", o->amount_minor);
  json_amount(w, a->ag, "paid", o->paid_minor);
  json_amount(w, a->ag, "outstanding", o->amount_minor - o->paid_minor);
  json_day(w, "due", o->has_due, o->due);
  json_object_end(w);
}

static void json_commitment(JsonWriter *w, const Audit *a, const CommitmentState *c,
                            const char *kind) {
  const Commitment *k = &c->clause->u.commitment;
  json_object_begin(w);
  json_key(w, "kind");
  json_cstring(w, kind);
  json_clause(w, c->clause, c->version);
  json_key(w, "by");
  json_string(w, k->by.name.ptr, k->by.name.len);
  json_key(w, "to");
  json_string(w, k->to.name.ptr, k->to.name.len);
  json_key(w, "of");
  json_string(w, k->of.ptr, k->of.len);
  json_amount(w, a->ag, "amount", k->amount_minor);
  json_amount(w, a->ag, "bought", c->bought_minor);
  json_amount(w, a->ag, "remaining", c->left_minor);
  json_key(w, "purchases");
  json_int(w, c->purchases);
  json_object_end(w);
}

static void write_json(const Audit *a, const CommitmentState *cs, size_t commitment_count,
                       FILE *out) {
  size_t obligations_count;
  const Obligation *obligations = settle_obligations(a->s, &obligations_count);
  JsonWriter w;
  json_report_begin(&w, out, a->ag);
  json_day(&w, "on", true, a->on);
  json_key(&w, "obligations");
  json_array_begin(&w);
  char text[512];
  for (size_t i = 0; i < a->finding_count; i++) {
    const Kept *f = &a->findings[i];
    if (f->kind != FINDING_ANSWER_DUE) continue;
    json_object_begin(&w);
    json_key(&w, "kind");
    json_cstring(&w, "answer_due");
    json_clause(&w, f->clause, f->version);
    json_day(&w, "due", true, f->deadline);
    answer_due_text(a, f, text, sizeof text);
    json_key(&w, "reason");
    json_cstring(&w, text);
    json_events(&w, a, f);
    json_object_end(&w);
  }
  for (size_t i = 0; i < obligations_count; i++)
    if (obligation_counts(a, &obligations[i]) && !obligations[i].overdue)
      json_obligation(&w, a, &obligations[i], "payment_due");
  for (size_t i = 0; i < commitment_count; i++) json_commitment(&w, a, &cs[i], "commitment");
  json_array_end(&w);
  json_key(&w, "breaches");
  json_array_begin(&w);
  for (size_t i = 0; i < a->finding_count; i++) {
    const Kept *f = &a->findings[i];
    if (f->kind == FINDING_ANSWER_DUE) continue;
    DecideEventInfo e;
    decide_event_info(a->d, f->event, &e);
    json_object_begin(&w);
    json_key(&w, "kind");
    json_cstring(&w, finding_name(f->kind));
    json_clause(&w, f->clause, f->version);
    json_day(&w, "date", true, e.date);
    json_key(&w, "reason");
    json_cstring(&w, f->reason);
    json_events(&w, a, f);
    json_object_end(&w);
  }
  for (size_t i = 0; i < obligations_count; i++)
    if (obligation_counts(a, &obligations[i]) && obligations[i].overdue)
      json_obligation(&w, a, &obligations[i], "payment_overdue");
  for (size_t i = 0; i < commitment_count; i++)
    if (cs[i].unmet) json_commitment(&w, a, &cs[i], "commitment_unmet");
  json_array_end(&w);
  json_report_close(&w, a->ag, a->diags);
}

enum { AUDIT_COMMITMENTS_MAX = 64 };

PactStatus audit_write(const Agreement *ag, Feed *feed, PactDate on, bool json, DiagList *diags,
                       FILE *out) {
  Audit a = {.ag = ag, .diags = diags, .on = on};
  arena_init(&a.reasons);
  /* Obligations of the periods begun by the day; payments up to it. */
  a.options.has_through = true;
  a.options.through = on;
  a.options.has_as_of = true;
  a.options.as_of = on;
  /* Neither the settlement nor the decider needs the events by date: a ledger is read in its
  ** own order (by id), which spares sorting it. */
  feed_set_ledger_by_id(feed, true);
  a.by_id = feed_ledger_by_id(feed);
  PactStatus status = feed_all(feed, diags, audit_start, audit_visit, &a);
  if (status == PACT_OK) status = settle_finish(a.s);
  if (status == PACT_OK) status = decide_finish(a.d);
  if (status == PACT_OK) status = decide_findings(a.d, on, keep_finding, &a);
  if (status == PACT_OK && diags->errors == 0) {
    CommitmentState cs[AUDIT_COMMITMENTS_MAX];
    size_t count = commitments(&a, cs, AUDIT_COMMITMENTS_MAX);
    if (diags->errors) status = PACT_ERR_OVERFLOW;
    else if (json) write_json(&a, cs, count, out);
    else write_table(&a, cs, count, out);
  }
  settle_free(a.s);
  decide_free(a.d);
  forget_purchases(&a);
  free(a.purchases);
  free(a.findings);
  arena_free(&a.reasons);
  return status;
}
