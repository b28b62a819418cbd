/*
** explain.c -- explanations of obligations, complete enough to add up: the parts of the events
** it lists sum to the base, and the rate, rounding and cap it shows turn the base into the amount.
*/
#include "render/explain.h"

#include <string.h>

#include "base/invariant.h"
#include "base/jsonw.h"
#include "base/money.h"
#include "render/describe.h"
#include "render/settle_write.h"

/* Events listed one by one; beyond this they are counted and summed, so the sum still holds. */
#define EXPLAIN_EVENTS_MAX 1000

typedef struct EventSum {
  uint64_t count;
  uint64_t listed;
  PactWide sum;
} EventSum;

/* An exact product base x rate, in major units with every digit it has: "1300.0000". */
static void exact_product(const Agreement *ag, int64_t base, PactDecimal rate, char *buf,
                          size_t size) {
  PactWide value = (PactWide)base * rate.units;
  int places = rate.scale + ag->currency.minor_digits;
  bool negative = value < 0;
  if (negative) value = -value;
  char digits[64];
  int n = 0;
  do {
    digits[n++] = (char)('0' + (int)(value % 10));
    value /= 10;
  } while (value > 0 || n <= places);
  size_t at = 0;
  if (negative && at + 1 < size) buf[at++] = '-';
  for (int i = n - 1; i >= 0 && at + 2 < size; i--) {
    buf[at++] = digits[i];
    if (i == places && places > 0) buf[at++] = '.';
  }
  buf[at] = '\0';
}

static bool obligation_matches(const Settlement *s, const Obligation *o, const ExplainRequest *rq) {
  char label[24];
  const Agreement *ag = settle_agreement(s);
  pact_period_label(o->clause->u.share.calendar, o->period, label, sizeof label);
  if (!str_eq_cstr(o->clause->id, rq->clause) || strcmp(label, rq->period) != 0) return false;
  return !rq->version || str_eq_cstr(ag->versions[o->clause->version].name, rq->version);
}

typedef struct Lister {
  const Settlement *s;
  const Obligation *o;
  FILE *out;
  JsonWriter *w;
  EventSum *sum;
} Lister;

/* One event of the feed: listed (or counted) with its part of the period, when it has one. */
static PactStatus list_event(void *context, const char *source, const Event *e) {
  Lister *l = context;
  const Agreement *ag = settle_agreement(l->s);
  int64_t part;
  if (!settle_event_part(l->s, l->o, e, &part)) return PACT_OK;
  l->sum->count++;
  l->sum->sum += part;
  if (l->sum->listed >= EXPLAIN_EVENTS_MAX) return PACT_OK;
  l->sum->listed++;
  char first[11], last[11], amount[40], share[40];
  pact_date_format(e->date, first);
  pact_date_format(e->has_end ? e->end : e->date, last);
  pact_money_format(e->amount_minor, ag->currency.minor_digits, amount, sizeof amount);
  pact_money_format(part, ag->currency.minor_digits, share, sizeof share);
  if (l->w) {
    JsonWriter *w = l->w;
    json_object_begin(w);
    json_key(w, "id");
    json_string(w, e->id.ptr, e->id.len);
    json_key(w, "file");
    json_cstring(w, source);
    json_key(w, "line");
    json_int(w, e->line);
    json_key(w, "first");
    json_cstring(w, first);
    json_key(w, "last");
    json_cstring(w, last);
    json_key(w, "amount");
    json_cstring(w, amount);
    json_key(w, "part");
    json_cstring(w, share);
    json_object_end(w);
  } else {
    /* The id and the file as every text report shows outside text (text_write, diag.h). */
    fputs("    ", l->out);
    text_write_padded(l->out, e->id.ptr, e->id.len, 28);
    fputc(' ', l->out);
    text_write(l->out, source, strlen(source));
    fprintf(l->out, ":%u  %s..%s  %18s  part %18s\n", e->line, first, last, amount, share);
  }
  return PACT_OK;
}

/* Reads the events in force again and lists (or counts) each with its part of the period. */
static PactStatus list_events(const Settlement *s, const Obligation *o, const ExplainRequest *rq,
                              DiagList *diags, FILE *out, JsonWriter *w, EventSum *sum) {
  Lister lister = {s, o, out, w, sum};
  bool again;
  /* A ledger gives only the events of the obligation's days. */
  feed_set_days(rq->feed, true, o->first, o->last);
  PactStatus status = feed_each(rq->feed, diags, list_event, &lister, &again);
  feed_set_days(rq->feed, false, 0, 0);
  if (status != PACT_OK || sum->sum == (PactWide)o->base_minor) return status;
  /* The base came from the ledger's daily sums; the events, read back, say otherwise. */
  const Agreement *ag = settle_agreement(s);
  char listed[48], base[48];
  pact_money_format((int64_t)sum->sum, ag->currency.minor_digits, listed, sizeof listed);
  pact_money_format(o->base_minor, ag->currency.minor_digits, base, sizeof base);
  diag_add_path(diags, DIAG_ERROR, "E1225", NULL,
                "an event of the period was changed outside pactum: pactum verify names it; "
                "restore the ledger from a copy, or import the event files into a new one",
                "the events of %s add up to %s, but the base the ledger's daily sums give is %s",
                rq->period, listed, base);
  return PACT_ERR_INVALID;
}

static void explain_text_head(const Settlement *s, const Obligation *o, FILE *out) {
  const Agreement *ag = settle_agreement(s);
  const Clause *c = o->clause;
  const Version *v = &ag->versions[c->version];
  char label[24], first[11], last[11], pfirst[11], plast[11];
  pact_period_label(c->u.share.calendar, o->period, label, sizeof label);
  pact_date_format(o->first, first);
  pact_date_format(o->last, last);
  pact_date_format(o->period.first, pfirst);
  pact_date_format(o->period.last, plast);
  fprintf(out, "%.*s, %s, under version %.*s\n", (int)c->id.len, c->id.ptr, label, (int)v->name.len,
          v->name.ptr);
  if (c->says.len) text_wrap(out, "  ", c->says, 92);
  if (c->section.len) fprintf(out, "  section %.*s\n", (int)c->section.len, c->section.ptr);
  if (c->text.len) text_wrap(out, "  text: ", c->text, 86);
  if (c->source.certainty != CERT_NONE)
    fprintf(out, "  source: %s, %.*s\n", certainty_name(c->source.certainty),
            (int)c->source.text.len, c->source.text.ptr);
  fprintf(out, "\n  days: %s..%s of the period %s..%s (%d of %d days)\n", first, last, pfirst,
          plast, o->last - o->first + 1, o->period.last - o->period.first + 1);
  Str milestone;
  PactDate day;
  if (settle_ended_by(s, c, &milestone, &day) && day - 1 == o->last) {
    char when[11];
    pact_date_format(day, when);
    fprintf(out, "  the clause ended when '%.*s' was recorded on %s\n", (int)milestone.len,
            milestone.ptr, when);
  }
}

/* Each tier's part of a tiered obligation, with the tiers' owed so far before and after it. */
static void explain_tiers_text(const Agreement *ag, const Obligation *o, FILE *out) {
  const RevenueShare *r = &o->clause->u.share;
  SettleTierPart parts[PACT_TIERS_MAX];
  uint32_t count = 0;
  bool by_paid = r->tier_basis == TIER_BY_PAID;
  char before[40], after[40], from[40], to[40], owed[40];
  amount_text(ag, o->tiers_owed_before, before, sizeof before);
  amount_text(ag, o->tiers_owed_after, after, sizeof after);
  PactWide base_after = o->counted_base_before + o->base_minor;
  bool fits = o->counted_base_before >= INT64_MIN && o->counted_base_before <= INT64_MAX &&
              base_after >= INT64_MIN && base_after <= INT64_MAX;
  if (fits) {
    amount_text(ag, (int64_t)o->counted_base_before, from, sizeof from);
    amount_text(ag, (int64_t)base_after, to, sizeof to);
    fprintf(out,
            "  tiers by cumulative %s; the cumulative base goes from %s to %s in this period:\n",
            by_paid ? "paid" : "base", from, to);
  } else {
    fprintf(out, "  tiers by cumulative %s:\n", by_paid ? "paid" : "base");
  }
  if (settle_tier_parts(o, parts, &count) == PACT_OK) {
    for (uint32_t i = 0; i < count; i++) {
      const Tier *t = &r->tiers[i];
      if (parts[i].base_minor == 0 && !(count > 0 && i == 0 && o->base_minor == 0)) continue;
      char rate[48], bound[64], part[40], amount[48];
      pact_rate_format_percent(t->rate, rate, sizeof rate);
      if (t->has_bound) {
        char b[40];
        amount_text(ag, t->bound_minor, b, sizeof b);
        snprintf(bound, sizeof bound, "up to %s%s", b, by_paid ? " paid" : "");
      } else {
        snprintf(bound, sizeof bound, "thereafter");
      }
      amount_text(ag, parts[i].base_minor, part, sizeof part);
      if (parts[i].amount_exact) {
        amount_text(ag, parts[i].amount_minor, amount, sizeof amount);
      } else {
        pact_money_format(parts[i].amount_e4, (uint8_t)(ag->currency.minor_digits + 4), amount,
                          sizeof amount - 4);
        strcat(amount, parts[i].amount_e4_exact ? "" : "...");
      }
      fprintf(out, "    %s %s: %s%s of the base x %s = %s\n", rate, bound,
              parts[i].base_exact ? "" : "about ", part, rate, amount);
    }
  }
  amount_text(ag, o->uncapped_minor, owed, sizeof owed);
  fprintf(out,
          "  owed at the tiers so far: %s after this period, %s before it (each rounded %s): "
          "%s for this period\n",
          after, before, pact_rounding_name(r->rounding), owed);
}

/* {basis, cumulative_before, cumulative_after, owed_before, owed_after, parts: [{rate, bound,
** base, base_exact, amount, amount_exact}]}: amounts rounded half-even where not exact. */
static void explain_tiers_json(JsonWriter *w, const Agreement *ag, const Obligation *o) {
  const RevenueShare *r = &o->clause->u.share;
  json_object_begin(w);
  json_key(w, "basis");
  json_cstring(w, r->tier_basis == TIER_BY_PAID ? "paid" : "base");
  PactWide base_after = o->counted_base_before + o->base_minor;
  const PactWide ends[2] = {o->counted_base_before, base_after};
  const char *const keys[2] = {"cumulative_before", "cumulative_after"};
  for (int k = 0; k < 2; k++) {
    if (ends[k] >= INT64_MIN && ends[k] <= INT64_MAX) {
      json_amount(w, ag, keys[k], (int64_t)ends[k]);
    } else {
      json_key(w, keys[k]);
      json_null(w);
    }
  }
  json_amount(w, ag, "owed_before", o->tiers_owed_before);
  json_amount(w, ag, "owed_after", o->tiers_owed_after);
  json_key(w, "parts");
  json_array_begin(w);
  SettleTierPart parts[PACT_TIERS_MAX];
  uint32_t count = 0;
  if (settle_tier_parts(o, parts, &count) != PACT_OK) count = 0;
  for (uint32_t i = 0; i < count; i++) {
    const Tier *t = &r->tiers[i];
    char rate[48];
    json_object_begin(w);
    json_key(w, "rate");
    pact_rate_format(t->rate, rate, sizeof rate);
    json_cstring(w, rate);
    if (t->has_bound) {
      json_amount(w, ag, "bound", t->bound_minor);
    } else {
      json_key(w, "bound");
      json_null(w);
    }
    json_amount(w, ag, "base", parts[i].base_minor);
    json_key(w, "base_exact");
    json_bool(w, parts[i].base_exact);
    json_amount(w, ag, "amount", parts[i].amount_minor);
    json_key(w, "amount_exact");
    json_bool(w, parts[i].amount_exact);
    json_object_end(w);
  }
  json_array_end(w);
  json_object_end(w);
}

static void explain_amount_text(const Settlement *s, const Obligation *o, FILE *out) {
  const Agreement *ag = settle_agreement(s);
  const RevenueShare *r = &o->clause->u.share;
  char base[40], uncapped[40], amount[40], exact[80], rate[48];
  amount_text(ag, o->base_minor, base, sizeof base);
  amount_text(ag, o->uncapped_minor, uncapped, sizeof uncapped);
  amount_text(ag, o->amount_minor, amount, sizeof amount);
  if (o->tiered) {
    explain_tiers_text(ag, o, out);
  } else {
    pact_rate_format_percent(r->rate, rate, sizeof rate);
    exact_product(ag, o->base_minor, r->rate, exact, sizeof exact);
    fprintf(out, "  %s x %s = %s exactly; rounded %s: %s\n", rate, base, exact,
            pact_rounding_name(r->rounding), uncapped);
  }
  if (r->has_cap) {
    char cap[40], before[40], room[40];
    int64_t owed_before = o->cumulative_minor - o->amount_minor;
    amount_text(ag, r->cap_minor, cap, sizeof cap);
    amount_text(ag, owed_before, before, sizeof before);
    int64_t left;
    if (pact_money_sub(r->cap_minor, owed_before, &left) == PACT_OK)
      amount_text(ag, left, room, sizeof room);
    else snprintf(room, sizeof room, "more than fits in 64-bit minor units");
    fprintf(out, "  cap %s (%s): owed before this period %s, room %s\n", cap,
            r->cap_counting == CAP_THIS_VERSION ? "this version's accruals" : "every version's",
            before, room);
    const Obligation *reached = settle_cap_reached(s, o);
    if (reached) {
      char when[24];
      pact_period_label(reached->clause->u.share.calendar, reached->period, when, sizeof when);
      if (reached == o)
        fprintf(out, "  cap reached in this period; without it this period would be %s\n",
                uncapped);
      else if (reached->first > o->first) fprintf(out, "  the cap is reached later, in %s\n", when);
      else
        fprintf(out, "  cap reached in %s; without it this period would be %s\n", when, uncapped);
    }
  }
  fprintf(out, "  amount: %s", amount);
  if (o->has_due) {
    char due[11];
    pact_date_format(o->due, due);
    fprintf(out, ", due %s", due);
  }
  fputc('\n', out);
}

static PactStatus explain_one_text(const Settlement *s, const Obligation *o,
                                   const ExplainRequest *rq, DiagList *diags, FILE *out) {
  const Agreement *ag = settle_agreement(s);
  explain_text_head(s, o, out);
  fputs("  events in the base (id, where, span, amount, its part in these days):\n", out);
  EventSum sum = {0, 0, 0};
  PactStatus status = list_events(s, o, rq, diags, out, NULL, &sum);
  if (status != PACT_OK) return status;
  char total[40];
  amount_text(ag, (int64_t)sum.sum, total, sizeof total);
  if (sum.count > sum.listed)
    fprintf(out, "    ... and %llu more events\n", (unsigned long long)(sum.count - sum.listed));
  fprintf(out, "  base: %s from %llu event%s\n", total, (unsigned long long)sum.count,
          sum.count == 1 ? "" : "s");
  explain_amount_text(s, o, out);
  return PACT_OK;
}

/* The obligation's clause, words and days, into its open object. */
static void explain_head_json(JsonWriter *w, const Agreement *ag, const Obligation *o) {
  const RevenueShare *r = &o->clause->u.share;
  char text[80];
  json_key(w, "clause");
  json_string(w, o->clause->id.ptr, o->clause->id.len);
  json_key(w, "version");
  json_string(w, ag->versions[o->clause->version].name.ptr,
              ag->versions[o->clause->version].name.len);
  json_key(w, "payer");
  json_string(w, r->payer.name.ptr, r->payer.name.len);
  json_key(w, "payee");
  json_string(w, r->payee.name.ptr, r->payee.name.len);
  json_key(w, "says");
  json_string(w, o->clause->says.ptr, o->clause->says.len);
  pact_period_label(r->calendar, o->period, text, sizeof text);
  json_key(w, "period");
  json_cstring(w, text);
  pact_date_format(o->first, text);
  json_key(w, "first");
  json_cstring(w, text);
  pact_date_format(o->last, text);
  json_key(w, "last");
  json_cstring(w, text);
}

/* From the base to the amount: the rate or the tiers, the exact product and its rounding. */
static void explain_amount_json(JsonWriter *w, const Agreement *ag, const Obligation *o) {
  const RevenueShare *r = &o->clause->u.share;
  char text[80];
  json_amount(w, ag, "base", o->base_minor);
  settle_json_rate(w, o);
  json_key(w, "exact");
  if (o->tiered) json_null(w);
  else {
    exact_product(ag, o->base_minor, r->rate, text, sizeof text);
    json_cstring(w, text);
  }
  json_key(w, "rounding");
  json_cstring(w, pact_rounding_name(r->rounding));
  json_key(w, "tiers");
  if (o->tiered) explain_tiers_json(w, ag, o);
  else json_null(w);
  json_amount(w, ag, "amount_before_cap", o->uncapped_minor);
  json_amount(w, ag, "amount", o->amount_minor);
  json_amount(w, ag, "cumulative", o->cumulative_minor);
}

/* The cap, and what room it leaves after this period (cap less what its count owed). */
static void explain_cap_json(JsonWriter *w, const Settlement *s, const Obligation *o) {
  const Agreement *ag = settle_agreement(s);
  const RevenueShare *r = &o->clause->u.share;
  char text[80];
  int64_t room = 0;
  bool room_known = r->has_cap && o->cumulative_minor != INT64_MIN &&
                    pact_money_add(r->cap_minor, -o->cumulative_minor, &room) == PACT_OK;
  if (r->has_cap) {
    json_amount(w, ag, "cap", r->cap_minor);
  } else {
    json_key(w, "cap");
    json_null(w);
  }
  if (room_known) {
    json_amount(w, ag, "cap_room", room < 0 ? 0 : room);
  } else {
    json_key(w, "cap_room");
    json_null(w);
  }
  json_key(w, "cap_binds");
  json_bool(w, o->cap_binds);
  const Obligation *reached = settle_cap_reached(s, o);
  json_key(w, "cap_reached");
  if (reached) {
    pact_period_label(reached->clause->u.share.calendar, reached->period, text, sizeof text);
    json_cstring(w, text);
  } else {
    json_null(w);
  }
}

static PactStatus explain_one_json(const Settlement *s, const Obligation *o,
                                   const ExplainRequest *rq, DiagList *diags, JsonWriter *w) {
  const Agreement *ag = settle_agreement(s);
  json_object_begin(w);
  explain_head_json(w, ag, o);
  json_key(w, "events");
  json_array_begin(w);
  EventSum sum = {0, 0, 0};
  PactStatus status = list_events(s, o, rq, diags, NULL, w, &sum);
  json_array_end(w);
  json_key(w, "events_not_listed");
  json_int(w, (int64_t)(sum.count - sum.listed));
  explain_amount_json(w, ag, o);
  explain_cap_json(w, s, o);
  json_key(w, "due");
  if (o->has_due) {
    char due[11];
    pact_date_format(o->due, due);
    json_cstring(w, due);
  } else {
    json_null(w);
  }
  json_object_end(w);
  return status;
}

PactStatus explain_write(const Settlement *s, const ExplainRequest *rq, DiagList *diags,
                         FILE *out) {
  if (settle_readable(s) != PACT_OK) return PACT_ERR_MISUSE;
  size_t count, found = 0;
  const Obligation *obligations = settle_obligations(s, &count);
  for (size_t i = 0; i < count; i++) found += obligation_matches(s, &obligations[i], rq);
  if (!found) {
    diag_add_path(diags, DIAG_ERROR, "E1105", settle_agreement(s)->path,
                  "settle shows the obligations there are; name a clause and one of its periods",
                  "no obligation of clause '%s' in period '%s'%s%s", rq->clause, rq->period,
                  rq->version ? " under version " : "", rq->version ? rq->version : "");
    return PACT_ERR_RANGE;
  }
  JsonWriter w;
  json_init(&w, out);
  if (rq->json) {
    json_report_open(&w, settle_agreement(s));
    json_key(&w, "explanations");
    json_array_begin(&w);
  }
  PactStatus status = PACT_OK;
  size_t written = 0;
  for (size_t i = 0; i < count && status == PACT_OK; i++) {
    const Obligation *o = &obligations[i];
    if (!obligation_matches(s, o, rq)) continue;
    if (written++ && !rq->json) fputc('\n', out);
    status =
        rq->json ? explain_one_json(s, o, rq, diags, &w) : explain_one_text(s, o, rq, diags, out);
  }
  if (rq->json) {
    json_array_end(&w);
    json_report_close(&w, settle_agreement(s), diags);
  }
  return status;
}
