/*
** settle_write.c -- see settle_write.h. Built only from what settle.h exposes.
*/
#include "render/settle_write.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/money.h"
#include "render/describe.h"

static void rate_text(const Obligation *o, char *buf, size_t size) {
  if (o->tiered) snprintf(buf, size, "tiers");
  else pact_rate_format_percent(o->clause->u.share.rate, buf, size);
}

static void table_line(const Agreement *ag, const Obligation *o, FILE *out) {
  char label[24], first[11], last[11], due[11] = "-", rate[24];
  char base[40], uncapped[40], amount[40], cumulative[40];
  pact_period_label(o->clause->u.share.calendar, o->period, label, sizeof label);
  pact_date_format(o->first, first);
  pact_date_format(o->last, last);
  if (o->has_due) pact_date_format(o->due, due);
  rate_text(o, rate, sizeof rate);
  amount_text(ag, o->base_minor, base, sizeof base);
  amount_text(ag, o->uncapped_minor, uncapped, sizeof uncapped);
  amount_text(ag, o->amount_minor, amount, sizeof amount);
  amount_text(ag, o->cumulative_minor, cumulative, sizeof cumulative);
  const Str *version = &ag->versions[o->clause->version].name;
  fprintf(out, "%-8s %-22.*s %-10.*s %s..%s %17s %6s %15s %15s %17s %s%s\n", label,
          (int)o->clause->id.len, o->clause->id.ptr, (int)version->len, version->ptr, first, last,
          base, rate, uncapped, amount, cumulative, due, o->cap_binds ? " cap" : "");
}

void settle_write_table(const Settlement *s, FILE *out) {
  const Agreement *ag = settle_agreement(s);
  size_t count, total_count;
  const Obligation *obligations = settle_obligations(s, &count);
  const SettleTotal *totals = settle_totals(s, &total_count);
  fprintf(out, "%-8s %-22s %-10s %-22s %17s %6s %15s %15s %17s %s\n", "period", "clause", "version",
          "days", "base", "rate", "before cap", "amount", "cumulative", "due");
  for (size_t i = 0; i < count; i++) table_line(ag, &obligations[i], out);
  fprintf(out, "\ntotals (%s)\n", ag->currency.code);
  for (size_t t = 0; t < total_count; t++) {
    const SettleTotal *total = &totals[t];
    const Str *payer = settle_party_id(s, total->payer), *payee = settle_party_id(s, total->payee);
    char amount[40], uncapped[40];
    amount_text(ag, total->amount_minor, amount, sizeof amount);
    amount_text(ag, total->uncapped_minor, uncapped, sizeof uncapped);
    fprintf(out, "  %.*s -> %.*s: %s", (int)payer->len, payer->ptr, (int)payee->len, payee->ptr,
            amount);
    if (total->uncapped_minor != total->amount_minor)
      fprintf(out, " (without the cap: %s)", uncapped);
    fputc('\n', out);
  }
}

static void json_day(JsonWriter *w, const char *key, PactDate day) {
  char text[11];
  pact_date_format(day, text);
  if (key) json_key(w, key);
  json_cstring(w, text);
}

void settle_json_rate(JsonWriter *w, const Obligation *o) {
  json_key(w, "rate");
  if (o->tiered) {
    json_null(w); /* no one rate: the tiers are the clause's (show) */
    return;
  }
  char rate[32];
  pact_rate_format(o->clause->u.share.rate, rate, sizeof rate);
  json_cstring(w, rate);
}

/* The keys every obligation in JSON opens with: its clause, version, parties and period. */
static void json_obligation_head(JsonWriter *w, const Agreement *ag, const Obligation *o) {
  const RevenueShare *r = &o->clause->u.share;
  const Str *version = &ag->versions[o->clause->version].name;
  char label[24];
  json_key(w, "clause");
  json_string(w, o->clause->id.ptr, o->clause->id.len);
  json_key(w, "version");
  json_string(w, version->ptr, version->len);
  json_key(w, "payer");
  json_string(w, r->payer.name.ptr, r->payer.name.len);
  json_key(w, "payee");
  json_string(w, r->payee.name.ptr, r->payee.name.len);
  pact_period_label(r->calendar, o->period, label, sizeof label);
  json_key(w, "period");
  json_cstring(w, label);
  json_day(w, "first", o->first);
  json_day(w, "last", o->last);
}

static void json_due(JsonWriter *w, const Obligation *o) {
  json_key(w, "due");
  if (o->has_due) json_day(w, NULL, o->due);
  else json_null(w);
}

void settle_json_obligation(JsonWriter *w, const Agreement *ag, const Obligation *o) {
  json_object_begin(w);
  json_obligation_head(w, ag, o);
  json_amount(w, ag, "base", o->base_minor);
  settle_json_rate(w, o);
  json_amount(w, ag, "amount_before_cap", o->uncapped_minor);
  json_amount(w, ag, "amount", o->amount_minor);
  json_amount(w, ag, "cumulative", o->cumulative_minor);
  json_key(w, "cap_binds");
  json_bool(w, o->cap_binds);
  json_due(w, o);
  json_object_end(w);
}

void settle_write_json(const Settlement *s, const DiagList *diags, FILE *out) {
  const Agreement *ag = settle_agreement(s);
  size_t count, total_count;
  const Obligation *obligations = settle_obligations(s, &count);
  const SettleTotal *totals = settle_totals(s, &total_count);
  JsonWriter w;
  json_report_begin(&w, out, ag);
  json_key(&w, "obligations");
  json_array_begin(&w);
  for (size_t i = 0; i < count; i++) settle_json_obligation(&w, ag, &obligations[i]);
  json_array_end(&w);
  json_key(&w, "totals");
  json_array_begin(&w);
  for (size_t t = 0; t < total_count; t++) {
    const SettleTotal *total = &totals[t];
    json_object_begin(&w);
    settle_json_pair(&w, s, total->payer, total->payee);
    json_amount(&w, ag, "amount", total->amount_minor);
    json_amount(&w, ag, "amount_without_cap", total->uncapped_minor);
    json_object_end(&w);
  }
  json_array_end(&w);
  json_report_close(&w, ag, diags);
}

static bool in_statement(const Settlement *s, const Obligation *o) {
  const char *period = settle_options(s)->period;
  if (!period) return true;
  char label[24];
  pact_period_label(o->clause->u.share.calendar, o->period, label, sizeof label);
  return strcmp(label, period) == 0;
}

static void statement_line(const Agreement *ag, const Obligation *o, FILE *out) {
  char label[24], due[11] = "-", owed[40], paid[40], open[40];
  pact_period_label(o->clause->u.share.calendar, o->period, label, sizeof label);
  if (o->has_due) pact_date_format(o->due, due);
  amount_text(ag, o->amount_minor, owed, sizeof owed);
  amount_text(ag, o->paid_minor, paid, sizeof paid);
  amount_text(ag, o->amount_minor - o->paid_minor, open, sizeof open);
  const Str *version = &ag->versions[o->clause->version].name;
  fprintf(out, "%-8s %-22.*s %-10.*s %17s %17s %17s %-10s %s\n", label, (int)o->clause->id.len,
          o->clause->id.ptr, (int)version->len, version->ptr, owed, paid, open, due,
          settle_standing(o));
}

/* The obligations of the statement: the periods ended by the day, then apart those still
** running (what accrued so far). */
static void statement_obligations(const Settlement *s, const char *day, FILE *out) {
  const Agreement *ag = settle_agreement(s);
  const char *period = settle_options(s)->period;
  size_t count;
  const Obligation *obligations = settle_obligations(s, &count);
  size_t shown = 0, accruing = 0;
  for (size_t i = 0; i < count; i++) {
    const Obligation *o = &obligations[i];
    if (!in_statement(s, o)) continue;
    shown++;
    if (o->accruing) accruing++;
    else statement_line(ag, o, out);
  }
  if (accruing) {
    fprintf(out,
            "\nstill accruing on %s (the period has not ended; what accrued through that "
            "day, not yet due):\n",
            day);
    for (size_t i = 0; i < count; i++)
      if (obligations[i].accruing && in_statement(s, &obligations[i]))
        statement_line(ag, &obligations[i], out);
  }
  if (!shown && period) fprintf(out, "(nothing of %s had accrued by %s)\n", period, day);
  else if (!shown) fprintf(out, "(nothing had accrued by %s)\n", day);
}

static void statement_balance(const Settlement *s, const SettleTotal *total, FILE *out) {
  const Agreement *ag = settle_agreement(s);
  const Str *payer = settle_party_id(s, total->payer), *payee = settle_party_id(s, total->payee);
  char owed[40], paid[40], open[40], overdue[40], credit[40], applied[40], running[40];
  amount_text(ag, total->amount_minor, owed, sizeof owed);
  amount_text(ag, total->received_minor, paid, sizeof paid);
  amount_text(ag, total->paid_minor, applied, sizeof applied);
  amount_text(ag, total->outstanding_minor, open, sizeof open);
  amount_text(ag, total->overdue_minor, overdue, sizeof overdue);
  amount_text(ag, total->credit_minor, credit, sizeof credit);
  amount_text(ag, total->accruing_minor, running, sizeof running);
  fprintf(out, "%.*s -> %.*s: owed %s", (int)payer->len, payer->ptr, (int)payee->len, payee->ptr,
          owed);
  if (total->accruing_minor) fprintf(out, " (%s of it still accruing)", running);
  fprintf(out, ", paid %s, outstanding %s, overdue %s", paid, open, overdue);
  if (total->credit_minor) fprintf(out, ", overpaid %s", credit);
  /* received = applied + overpaid + what settled obligations outside the window shown */
  if (total->received_minor - total->credit_minor != total->paid_minor)
    fprintf(out, " (%s of what was paid set against the obligations shown)", applied);
  fputc('\n', out);
}

static void statement_table(const Settlement *s, FILE *out) {
  const SettleOptions *options = settle_options(s);
  char day[11];
  pact_date_format(options->as_of, day);
  fprintf(out, "statement on %s (%s)%s%s\n\n", day, settle_agreement(s)->currency.code,
          options->period ? ", period " : "", options->period ? options->period : "");
  fprintf(out, "%-8s %-22s %-10s %17s %17s %17s %-10s %s\n", "period", "clause", "version", "owed",
          "paid", "outstanding", "due", "standing");
  statement_obligations(s, day, out);
  fputc('\n', out);
  size_t total_count;
  const SettleTotal *totals = settle_totals(s, &total_count);
  for (size_t t = 0; t < total_count; t++) statement_balance(s, &totals[t], out);
}

static void json_balances(JsonWriter *w, const Settlement *s) {
  const Agreement *ag = settle_agreement(s);
  size_t total_count;
  const SettleTotal *totals = settle_totals(s, &total_count);
  json_key(w, "balances");
  json_array_begin(w);
  for (size_t t = 0; t < total_count; t++) {
    const SettleTotal *total = &totals[t];
    json_object_begin(w);
    settle_json_pair(w, s, total->payer, total->payee);
    json_amount(w, ag, "owed", total->amount_minor);
    json_amount(w, ag, "accruing", total->accruing_minor);
    json_amount(w, ag, "paid", total->received_minor);
    json_amount(w, ag, "applied", total->paid_minor);
    json_amount(w, ag, "outstanding", total->outstanding_minor);
    json_amount(w, ag, "overdue", total->overdue_minor);
    json_amount(w, ag, "overpaid", total->credit_minor);
    json_object_end(w);
  }
  json_array_end(w);
}

static void statement_json(const Settlement *s, const DiagList *diags, FILE *out) {
  const Agreement *ag = settle_agreement(s);
  const SettleOptions *options = settle_options(s);
  size_t count;
  const Obligation *obligations = settle_obligations(s, &count);
  JsonWriter w;
  json_report_begin(&w, out, ag);
  json_day(&w, "on", options->as_of);
  json_key(&w, "period");
  json_cstring(&w, options->period);
  json_balances(&w, s);
  json_key(&w, "obligations");
  json_array_begin(&w);
  for (size_t i = 0; i < count; i++) {
    const Obligation *o = &obligations[i];
    if (!in_statement(s, o)) continue;
    json_object_begin(&w);
    json_obligation_head(&w, ag, o);
    json_amount(&w, ag, "owed", o->amount_minor);
    json_amount(&w, ag, "paid", o->paid_minor);
    json_amount(&w, ag, "outstanding", o->amount_minor - o->paid_minor);
    json_due(&w, o);
    json_key(&w, "standing");
    json_cstring(&w, settle_standing(o));
    json_object_end(&w);
  }
  json_array_end(&w);
  json_report_close(&w, ag, diags);
}

void settle_write_statement(const Settlement *s, bool json, const DiagList *diags, FILE *out) {
  if (json) statement_json(s, diags, out);
  else statement_table(s, out);
}
