/*
** describe.c -- renders each kind of clause as rows of plain words, with each row's source.
** Nothing here decides anything; it only says what the terms say.
*/
#include "render/describe.h"

#include <string.h>

typedef struct RowBuilder {
  const Agreement *ag;
  const Clause *clause;
  Row *rows;
  size_t count;
} RowBuilder;

static Row *row_add(RowBuilder *b, const char *name, const char *note_field) {
  if (b->count >= ROWS_MAX) return NULL;
  Row *row = &b->rows[b->count++];
  row->name = name;
  row->value[0] = '\0';
  row->note = note_field ? terms_note(b->clause, note_field) : NULL;
  return row;
}

static void row_party(RowBuilder *b, const char *name, const Ref *ref) {
  Row *row = row_add(b, name, name);
  if (!row) return;
  if (ref->index >= 0) {
    const Party *p = &b->ag->parties[ref->index];
    snprintf(row->value, sizeof row->value, "%.*s (%.*s)", (int)p->name.len, p->name.ptr,
             (int)p->id.len, p->id.ptr);
  } else {
    snprintf(row->value, sizeof row->value, "%.*s", (int)ref->name.len, ref->name.ptr);
  }
}

static void list_text(const StrList *list, char *buf, size_t size) {
  size_t n = 0;
  buf[0] = '\0';
  for (uint32_t i = 0; i < list->count && n < size; i++)
    n += (size_t)snprintf(buf + n, size - n, "%s%.*s", i ? ", " : "", (int)list->items[i].len,
                          list->items[i].ptr);
}

static void row_list(RowBuilder *b, const char *name, const char *field, const StrList *list) {
  if (!list->count) return;
  Row *row = row_add(b, name, field);
  if (row) list_text(list, row->value, sizeof row->value);
}

void amount_text(const Agreement *ag, int64_t minor, char *buf, size_t size) {
  pact_money_format_grouped(minor, ag->has_currency ? ag->currency.minor_digits : 2, buf, size);
}

void money_text(const Agreement *ag, int64_t minor, bool about, char *buf, size_t size) {
  char amount[64];
  amount_text(ag, minor, amount, sizeof amount);
  snprintf(buf, size, "%s%s %s", about ? "about " : "", ag->has_currency ? ag->currency.code : "",
           amount);
}

void term_end_text(const Term *t, char *buf, size_t size) {
  size_t n = 0;
  buf[0] = '\0';
  if (t->has_through) {
    char day[11];
    pact_date_format(t->through, day);
    n += (size_t)snprintf(buf, size, "through %s", day);
  }
  for (uint32_t i = 0; i < t->until.count && n < size; i++)
    n += (size_t)snprintf(buf + n, size - n, "%suntil %.*s", n ? " or " : "",
                          (int)t->until.items[i].name.len, t->until.items[i].name.ptr);
  if (t->has_through + t->until.count > 1 && n < size)
    snprintf(buf + n, size - n, ", whichever is first");
}

PactDate clause_start(const Agreement *ag, const Clause *c) {
  if (c->term.has_from) return c->term.from;
  return ag->versions[c->version].effective;
}

static void row_term(RowBuilder *b) {
  const Clause *c = b->clause;
  Row *row = row_add(b, "start", "start");
  if (row) pact_date_format(clause_start(b->ag, c), row->value);
  row = row_add(b, "end", "end");
  if (!row) return;
  term_end_text(&c->term, row->value, sizeof row->value);
  if (!row->value[0]) snprintf(row->value, sizeof row->value, "no end date or milestone");
}

static void rate_tiers_text(const Agreement *ag, const RevenueShare *s, char *buf, size_t size) {
  size_t n = 0;
  for (uint32_t i = 0; i < s->tier_count && n < size; i++) {
    char rate[48], bound[96];
    pact_rate_format_percent(s->tiers[i].rate, rate, sizeof rate);
    if (s->tiers[i].has_bound) {
      money_text(ag, s->tiers[i].bound_minor, s->tiers[i].bound_about, bound, sizeof bound);
      n += (size_t)snprintf(buf + n, size - n, "%s%s until cumulative %s reaches %s",
                            i ? ", then " : "", rate,
                            s->tier_basis == TIER_BY_PAID ? "paid" : "base", bound);
    } else {
      n += (size_t)snprintf(buf + n, size - n, "%s%s thereafter", i ? ", then " : "", rate);
    }
  }
}

static void rows_share(RowBuilder *b) {
  const RevenueShare *s = &b->clause->u.share;
  row_party(b, "payer", &s->payer);
  row_party(b, "payee", &s->payee);
  Row *row = row_add(b, "base", "base");
  if (row) {
    char include[256], exclude[256];
    list_text(&s->include, include, sizeof include);
    list_text(&s->exclude, exclude, sizeof exclude);
    snprintf(row->value, sizeof row->value, "%s of %.*s%s%s%s%s",
             s->measure == BASE_PROFIT ? "profit" : "revenue", (int)s->base_party.name.len,
             s->base_party.name.ptr, include[0] ? ", streams " : "", include,
             exclude[0] ? ", excluding streams " : "", exclude);
  }
  row = row_add(b, s->tier_count ? "tiers" : "rate", s->tier_count ? "tiers" : "rate");
  if (row && s->tier_count) {
    rate_tiers_text(b->ag, s, row->value, sizeof row->value);
  } else if (row) {
    char rate[48];
    pact_rate_format_percent(s->rate, rate, sizeof rate);
    snprintf(row->value, sizeof row->value, "%s%s", s->rate_about ? "about " : "", rate);
  }
  row_term(b);
  row = row_add(b, "cap", "cap");
  if (row && s->has_cap) {
    char amount[96];
    money_text(b->ag, s->cap_minor, s->cap_about, amount, sizeof amount);
    snprintf(row->value, sizeof row->value, "%s, counting %s", amount,
             s->cap_counting == CAP_THIS_VERSION ? "this version's accruals only"
                                                 : "accruals under every version");
  } else if (row) {
    snprintf(row->value, sizeof row->value, "none");
  }
  row = row_add(b, "settle", "settle");
  if (row) {
    char label[32] = "";
    if (s->calendar.fiscal_start_month > 1)
      snprintf(label, sizeof label, ", fiscal year from month %d", s->calendar.fiscal_start_month);
    snprintf(row->value, sizeof row->value, "%s%s%s", pact_period_kind_name(s->calendar.kind),
             label, s->has_settle ? "" : " " DEFAULT_MARK "no `settle` term)");
  }
  row = row_add(b, "due", "due");
  if (row && s->has_due)
    snprintf(row->value, sizeof row->value, "%d days after the period ends", s->due_days);
  else if (row) snprintf(row->value, sizeof row->value, "not stated");
  row = row_add(b, "rounding", "rounding");
  if (row)
    snprintf(row->value, sizeof row->value, "%s%s", pact_rounding_name(s->rounding),
             s->has_rounding ? "" : " " DEFAULT_MARK "no `rounding` term)");
}

static void rows_cloud(RowBuilder *b) {
  const CloudTerm *t = &b->clause->u.cloud;
  static const char *const modes[] = {"exclusive: every workload in scope runs on the provider",
                                      "first refusal: a need in scope goes to the provider first",
                                      "primary: a new product launches on the provider first",
                                      "none: any cloud may be used"};
  row_party(b, "provider", &t->provider);
  row_party(b, "customer", &t->customer);
  Row *row = row_add(b, "mode", "mode");
  if (row) snprintf(row->value, sizeof row->value, "%s", modes[t->mode]);
  row_list(b, "scope", "scope", &t->scope);
  row_list(b, "carve-outs", "carve_outs", &t->carve_outs);
  row = t->exception_count ? row_add(b, "exceptions", "exceptions") : NULL;
  for (uint32_t i = 0; row && i < t->exception_count; i++) {
    size_t n = strlen(row->value);
    snprintf(row->value + n, sizeof row->value - n, "%sunless %.*s is %s", i ? "; " : "",
             (int)t->exceptions[i].party.name.len, t->exceptions[i].party.name.ptr,
             answer_name(t->exceptions[i].answer));
  }
  if (t->has_window && (row = row_add(b, "window", "window")))
    snprintf(row->value, sizeof row->value, "%d days to answer an offer%s", t->window_days,
             t->silence_waives ? "; no answer in time waives the right" : "");
  row_term(b);
}

static void rows_licence(RowBuilder *b) {
  const LicenceTerm *l = &b->clause->u.licence;
  row_party(b, "licensor", &l->licensor);
  row_party(b, "licensee", &l->licensee);
  row_list(b, "covers", "covers", &l->covers);
  row_list(b, "excludes", "excludes", &l->excludes);
  Row *row = row_add(b, "exclusive", "exclusive");
  if (row) {
    char end[256];
    term_end_text(&l->exclusivity, end, sizeof end);
    snprintf(row->value, sizeof row->value, "%s%s%s", l->exclusive ? "yes" : "no",
             end[0] ? ", " : "", end);
  }
  row_term(b);
}

static void rows_other(RowBuilder *b) {
  const Clause *c = b->clause;
  Row *row;
  switch (c->kind) {
    case CLAUSE_COMMITMENT:
      row_party(b, "by", &c->u.commitment.by);
      row_party(b, "to", &c->u.commitment.to);
      if ((row = row_add(b, "amount", "amount")))
        money_text(b->ag, c->u.commitment.amount_minor, c->u.commitment.amount_about, row->value,
                   sizeof row->value);
      if (c->u.commitment.of.len && (row = row_add(b, "of", "of")))
        snprintf(row->value, sizeof row->value, "%.*s", (int)c->u.commitment.of.len,
                 c->u.commitment.of.ptr);
      row_term(b);
      break;
    case CLAUSE_EQUITY:
      row_party(b, "holder", &c->u.equity.holder);
      row_party(b, "in", &c->u.equity.in);
      if ((row = row_add(b, "stake", "stake"))) {
        char rate[48];
        pact_rate_format_percent(c->u.equity.stake, rate, sizeof rate);
        snprintf(row->value, sizeof row->value, "%s%s", c->u.equity.stake_about ? "about " : "",
                 rate);
      }
      break;
    case CLAUSE_MILESTONE:
      if ((row = row_add(b, "declared by", "declared_by")))
        for (uint32_t i = 0; i < c->u.milestone.declarers.count; i++) {
          size_t n = strlen(row->value);
          snprintf(row->value + n, sizeof row->value - n, "%s%.*s", i ? ", " : "",
                   (int)c->u.milestone.declarers.items[i].name.len,
                   c->u.milestone.declarers.items[i].name.ptr);
        }
      break;
    default: break;
  }
}

size_t clause_rows(const Agreement *ag, const Clause *clause, Row rows[ROWS_MAX]) {
  RowBuilder b = {ag, clause, rows, 0};
  switch (clause->kind) {
    case CLAUSE_REVENUE_SHARE: rows_share(&b); break;
    case CLAUSE_CLOUD: rows_cloud(&b); break;
    case CLAUSE_LICENCE: rows_licence(&b); break;
    default: rows_other(&b); break;
  }
  return b.count;
}

void text_wrap(FILE *out, const char *indent, Str text, int width) {
  if (!text.len) return; /* also covers a missing text, whose ptr is NULL */
  const char *p = text.ptr, *end = text.ptr + text.len;
  while (p < end) {
    while (p < end && *p == ' ') p++;
    const char *line_end = p, *last_space = NULL;
    int col = 0;
    while (line_end < end && *line_end != '\n' && col < width) {
      if (*line_end == ' ') last_space = line_end;
      if (((unsigned char)*line_end & 0xC0) != 0x80) col++;
      line_end++;
    }
    if (line_end < end && *line_end != '\n' && last_space) line_end = last_space;
    if (line_end == p) break;
    fputs(indent, out);
    text_write(out, p, (size_t)(line_end - p)); /* a reason may quote an event's fields */
    fputc('\n', out);
    p = line_end;
    if (p < end && *p == '\n') p++;
  }
}

void json_amount(JsonWriter *w, const Agreement *ag, const char *key, int64_t minor) {
  char text[40];
  pact_money_format(minor, ag->currency.minor_digits, text, sizeof text);
  json_key(w, key);
  json_cstring(w, text);
}

void json_amount_about(JsonWriter *w, const Agreement *ag, const char *key, int64_t minor,
                       bool about) {
  json_amount(w, ag, key, minor);
  char sibling[64];
  snprintf(sibling, sizeof sibling, "%s_approximate", key);
  json_key(w, sibling);
  json_bool(w, about);
}

void json_report_open(JsonWriter *w, const Agreement *ag) {
  json_object_begin(w);
  json_key(w, "agreement");
  if (ag && ag->id.len) json_string(w, ag->id.ptr, ag->id.len);
  else json_null(w);
  json_key(w, "currency");
  json_cstring(w, ag && ag->has_currency ? ag->currency.code : NULL);
}

void json_report_begin(JsonWriter *w, FILE *out, const Agreement *ag) {
  json_init(w, out);
  json_report_open(w, ag);
}

void json_report_close(JsonWriter *w, const Agreement *ag, const DiagList *diags) {
  json_key(w, "diagnostics");
  json_array_begin(w);
  for (size_t k = 0; ag && k < ag->diags.count; k++) diag_write_json(w, &ag->diags.items[k]);
  for (size_t k = 0; diags && k < diags->count; k++) diag_write_json(w, &diags->items[k]);
  json_array_end(w);
  json_object_end(w);
  json_finish(w);
}

void json_report_failure(FILE *out, const Agreement *ag, const DiagList *diags) {
  JsonWriter w;
  json_report_begin(&w, out, ag);
  json_report_close(&w, ag, diags);
}
