/*
** audit_write.c -- an audit written out (audit.h): a table of open obligations and breaches for
** a person, or the same as one JSON document.
*/
#include <string.h>

#include "base/jsonw.h"
#include "engine/audit.h"
#include "render/describe.h"

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

/* The events a finding rests on: its own event first, then those its decision names. */
static uint32_t finding_events(const AuditFinding *f, uint32_t *out) {
  uint32_t n = 0;
  out[n++] = f->event;
  for (uint32_t i = 0; i < f->event_count; i++)
    if (f->events[i] != f->event) out[n++] = f->events[i];
  return n;
}

static void write_event_lines(const Audit *a, const AuditFinding *f, FILE *out) {
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

/* "azure-cloud (2026-04-27)": a clause and its version, or "-", written whole. */
static void write_clause(FILE *out, const Clause *c, const Version *v) {
  if (!c) fputs("-", out);
  else
    fprintf(out, "%.*s (%.*s)", (int)c->id.len, c->id.ptr, v ? (int)v->name.len : 1,
            v ? v->name.ptr : "-");
}

/* The open obligations and the breaches of every kind, counted for the first line. */
static void count_table(const Audit *a, size_t *open, size_t *breaches) {
  size_t obligations_count;
  const Obligation *obligations = settle_obligations(a->s, &obligations_count);
  *open = a->open_count + a->commitment_count;
  *breaches = a->breach_count;
  for (size_t i = 0; i < obligations_count; i++) {
    const Obligation *o = &obligations[i];
    if (!obligation_counts(a, o)) continue;
    if (o->overdue) ++*breaches;
    else ++*open;
  }
  for (size_t i = 0; i < a->commitment_count; i++) *breaches += a->commitments[i].unmet;
}

static void write_answers_due(const Audit *a, FILE *out) {
  char day[11];
  for (size_t i = 0; i < a->finding_count; i++) {
    const AuditFinding *f = &a->findings[i];
    if (f->kind != FINDING_ANSWER_DUE) continue;
    pact_date_format(f->deadline, day);
    fprintf(out, "  answer due     by %s  ", day);
    write_clause(out, f->clause, f->version);
    fputs("\n                 ", out);
    /* the offer's parties, id and product: outside text */
    text_write(out, f->reason, strlen(f->reason));
    fputc('\n', out);
    write_event_lines(a, f, out);
  }
}

/* A payment due (not overdue) or overdue: its clause, its parties, its period and what is
** left of it. */
static void write_payment(const Audit *a, const Obligation *o, FILE *out) {
  const Version *v = &a->ag->versions[o->clause->version];
  char day[11], label[24], amount[40], rest[40];
  period_label(o, label, sizeof label);
  if (o->overdue || o->has_due) pact_date_format(o->has_due ? o->due : o->last, day);
  else snprintf(day, sizeof day, "-");
  amount_text(a->ag, o->amount_minor - o->paid_minor, rest, sizeof rest);
  amount_text(a->ag, o->amount_minor, amount, sizeof amount);
  const Str *payer = settle_party_id(a->s, o->clause->u.share.payer.index);
  const Str *payee = settle_party_id(a->s, o->clause->u.share.payee.index);
  fprintf(out, o->overdue ? "  payment overdue  due %s  " : "  payment due    by %s  ", day);
  write_clause(out, o->clause, v);
  fprintf(out, "\n                 %.*s -> %.*s, %s: %s %s of %s%s\n", (int)payer->len, payer->ptr,
          (int)payee->len, payee->ptr, label, a->ag->currency.code, rest, amount,
          o->overdue    ? " unpaid"
          : o->accruing ? " accrued so far (the period is still running)"
                        : "");
}

/* The payments counted that are overdue, or those that are not. */
static void write_payments(const Audit *a, bool overdue, FILE *out) {
  size_t count;
  const Obligation *obligations = settle_obligations(a->s, &count);
  for (size_t i = 0; i < count; i++)
    if (obligation_counts(a, &obligations[i]) && obligations[i].overdue == overdue)
      write_payment(a, &obligations[i], out);
}

static void write_commitments(const Audit *a, FILE *out) {
  char amount[40], rest[40], left[40];
  for (size_t i = 0; i < a->commitment_count; i++) {
    const AuditCommitment *c = &a->commitments[i];
    const Commitment *k = &c->clause->u.commitment;
    money_text(a->ag, k->amount_minor, k->amount_about, amount, sizeof amount);
    amount_text(a->ag, c->bought_minor, rest, sizeof rest);
    amount_text(a->ag, c->left_minor, left, sizeof left);
    fputs("  commitment     ", out);
    write_clause(out, c->clause, c->version);
    fprintf(out,
            "\n                 %.*s -> %.*s, %.*s: %s committed, %s bought in %u purchase%s, %s "
            "left\n",
            (int)k->by.name.len, k->by.name.ptr, (int)k->to.name.len, k->to.name.ptr,
            (int)k->of.len, k->of.ptr, amount, rest, c->purchases, c->purchases == 1 ? "" : "s",
            left);
  }
}

/* The launches, uses and grants the terms did not permit, each with its reason. */
static void write_breach_findings(const Audit *a, FILE *out) {
  char day[11];
  for (size_t i = 0; i < a->finding_count; i++) {
    const AuditFinding *f = &a->findings[i];
    if (f->kind == FINDING_ANSWER_DUE) continue;
    DecideEventInfo e;
    decide_event_info(a->d, f->event, &e);
    pact_date_format(e.date, day);
    fprintf(out, "  %-13s  on %s  ", finding_name(f->kind), day);
    write_clause(out, f->clause, f->version);
    fputc('\n', out);
    text_wrap(out, "                 ", (Str){f->reason, (uint32_t)strlen(f->reason)}, 100);
    write_event_lines(a, f, out);
  }
}

static void write_unmet(const Audit *a, FILE *out) {
  char day[11];
  for (size_t i = 0; i < a->commitment_count; i++) {
    const AuditCommitment *c = &a->commitments[i];
    if (!c->unmet) continue;
    pact_date_format(c->clause->term.through, day);
    fprintf(out, "  commitment unmet  ended %s  ", day);
    write_clause(out, c->clause, c->version);
    fputc('\n', out);
  }
}

static void write_table(const Audit *a, FILE *out) {
  size_t open, breaches;
  count_table(a, &open, &breaches);
  char day[11];
  pact_date_format(a->on, day);
  fprintf(out, "audit on %s: %zu open obligation%s, %zu breach%s\n", day, open,
          open == 1 ? "" : "s", breaches, breaches == 1 ? "" : "es");
  fprintf(out, "\nopen obligations\n");
  if (!open) fprintf(out, "  none\n");
  write_answers_due(a, out);
  write_payments(a, false, out);
  write_commitments(a, out);
  fprintf(out, "\nbreaches\n");
  if (!breaches) fprintf(out, "  none\n");
  write_breach_findings(a, out);
  write_payments(a, true, out);
  write_unmet(a, out);
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

static void json_events(JsonWriter *w, const Audit *a, const AuditFinding *f) {
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

static void json_commitment(JsonWriter *w, const Audit *a, const AuditCommitment *c,
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

static void write_json(const Audit *a, FILE *out) {
  const AuditCommitment *cs = a->commitments;
  size_t commitment_count = a->commitment_count;
  size_t obligations_count;
  const Obligation *obligations = settle_obligations(a->s, &obligations_count);
  JsonWriter w;
  json_report_begin(&w, out, a->ag);
  json_day(&w, "on", true, a->on);
  json_key(&w, "obligations");
  json_array_begin(&w);
  for (size_t i = 0; i < a->finding_count; i++) {
    const AuditFinding *f = &a->findings[i];
    if (f->kind != FINDING_ANSWER_DUE) continue;
    json_object_begin(&w);
    json_key(&w, "kind");
    json_cstring(&w, "answer_due");
    json_clause(&w, f->clause, f->version);
    json_day(&w, "due", true, f->deadline);
    json_key(&w, "reason");
    json_cstring(&w, f->reason);
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
    const AuditFinding *f = &a->findings[i];
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

PactStatus audit_write(const Agreement *ag, Feed *feed, PactDate on, bool json, DiagList *diags,
                       FILE *out) {
  Audit a;
  PactStatus status = audit_compute(ag, feed, on, diags, &a);
  if (status == PACT_OK && diags->errors == 0) {
    if (json) write_json(&a, out);
    else write_table(&a, out);
  }
  audit_free(&a);
  return status;
}
