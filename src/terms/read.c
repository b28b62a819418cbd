/*
** read.c -- typed readers over one statement's items: words, dates, rates, money, lists.
** Errors point at the offending item, or just past the line's end when something is missing.
*/
#include "terms/read.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"

Span span_of(const Checker *ck, const Token *token) {
  return (Span){ck->tree->source, token->offset, token->length};
}

Span span_between(const Checker *ck, const Token *first, const Token *last) {
  return (Span){ck->tree->source, first->offset, last->offset + last->length - first->offset};
}

Str str_dup(Checker *ck, const char *text, size_t len) {
  char *copy = arena_strndup(ck->arena, text, len);
  if (!copy) ck->out_of_memory = true;
  return (Str){copy ? copy : "", copy ? (uint32_t)len : 0};
}

Str str_of(const Checker *ck, const Token *token) {
  return (Str){token_text(ck->tree, token), token->length};
}

void ck_report(Checker *ck, DiagSeverity severity, const char *code, Span span, const char *help,
               const char *format, ...) {
  char message[512];
  va_list args;
  va_start(args, format);
  vsnprintf(message, sizeof message, format, args);
  va_end(args);
  diag_add(ck->diags, severity, code, span.source, span.offset, span.length, help, "%s", message);
}

static bool is_certainty(const Checker *ck, const Token *t, Certainty *out) {
  static const char *const names[] = {"official", "reported", "assumed", "contract"};
  static const Certainty values[] = {CERT_OFFICIAL, CERT_REPORTED, CERT_ASSUMED, CERT_CONTRACT};
  for (size_t i = 0; i < 4; i++)
    if (token_is(ck->tree, t, names[i])) {
      *out = values[i];
      return true;
    }
  return false;
}

/* Decodes a string token's escapes into the arena. */
static Str decode_string(Checker *ck, const Token *token) {
  const char *text = token_text(ck->tree, token) + 1;
  uint32_t len = token->length - 2;
  char *out = arena_alloc(ck->arena, (size_t)len + 1);
  if (!out) {
    ck->out_of_memory = true;
    return (Str){"", 0};
  }
  uint32_t n = 0;
  for (uint32_t i = 0; i < len; i++) {
    char ch = text[i];
    if (ch == '\\' && i + 1 < len) {
      char e = text[++i];
      ch = e == 'n' ? '\n' : e == 't' ? '\t' : e;
    }
    out[n++] = ch;
  }
  out[n] = '\0';
  return (Str){out, n};
}

void cursor_init(Cursor *c, Checker *ck, const Node *node) {
  memset(c, 0, sizeof *c);
  c->ck = ck;
  c->node = node;
  c->pos = 1; /* past the keyword */
  c->end = node->item_count;
  uint32_t n = node->item_count;
  Certainty certainty;
  if (n >= 3 && node->items[n - 1].type == TOK_STRING &&
      is_certainty(ck, &node->items[n - 2], &certainty)) {
    c->cite.certainty = certainty;
    c->cite.text = decode_string(ck, &node->items[n - 1]);
    c->end = n - 2;
  } else if (n >= 2 && is_certainty(ck, &node->items[n - 1], &certainty)) {
    Str word = str_of(ck, &node->items[n - 1]);
    char help[160];
    snprintf(help, sizeof help, "say where it comes from: %.*s \"who, when\"", (int)word.len,
             word.ptr);
    ck_report(ck, DIAG_ERROR, "E0211", span_of(ck, &node->items[n - 1]), help,
              "'%.*s' needs its source in double quotes after it", (int)word.len, word.ptr);
    c->end = n - 1;
    c->failed = true;
  }
}

bool cursor_at_end(const Cursor *c) { return c->pos >= c->end; }

const Token *cursor_peek(const Cursor *c) {
  return c->pos < c->end ? &c->node->items[c->pos] : NULL;
}

Str cursor_keyword(const Cursor *c) { return str_of(c->ck, &c->node->items[0]); }

/* Where a missing item should have been: just past the last item read. */
static Span span_after(const Cursor *c) {
  const Token *last = &c->node->items[c->pos > 0 ? c->pos - 1 : 0];
  return (Span){c->ck->tree->source, last->offset + last->length, 0};
}

static bool fail_expected(Cursor *c, const char *what, const char *help) {
  const Token *t = cursor_peek(c);
  Str kw = cursor_keyword(c);
  if (!c->failed) {
    if (t) {
      Str found = str_of(c->ck, t);
      ck_report(c->ck, DIAG_ERROR, "E0205", span_of(c->ck, t), help,
                "expected %s after '%.*s', found '%.*s'", what, (int)kw.len, kw.ptr,
                (int)(found.len > 40 ? 40 : found.len), found.ptr);
    } else {
      ck_report(c->ck, DIAG_ERROR, "E0205", span_after(c), help, "expected %s after '%.*s'", what,
                (int)kw.len, kw.ptr);
    }
  }
  c->failed = true;
  return false;
}

bool read_keyword(Cursor *c, const char *word) {
  const Token *t = cursor_peek(c);
  if (t && token_is(c->ck->tree, t, word)) {
    c->pos++;
    return true;
  }
  return false;
}

bool expect_keyword(Cursor *c, const char *word) { return expect_keyword_of(c, &word, 1) == 0; }

int expect_keyword_of(Cursor *c, const char *const *words, size_t count) {
  for (size_t i = 0; i < count; i++)
    if (read_keyword(c, words[i])) return (int)i;
  char what[160], help[96] = "";
  size_t n = 0;
  for (size_t i = 0; i < count && n < sizeof what; i++)
    n += (size_t)snprintf(what + n, sizeof what - n, "%s'%s'",
                          i == 0           ? ""
                          : i + 1 == count ? " or "
                                           : ", ",
                          words[i]);
  const Token *t = cursor_peek(c);
  const char *guess =
      t && t->type == TOK_WORD ? closest_name(str_of(c->ck, t), words, count) : NULL;
  if (guess) snprintf(help, sizeof help, "did you mean '%s'?", guess);
  fail_expected(c, what, guess ? help : NULL);
  return -1;
}

bool read_word(Cursor *c, const char *what, Str *out, Span *span) {
  const Token *t = cursor_peek(c);
  if (!t || t->type != TOK_WORD) return fail_expected(c, what, NULL);
  *out = str_of(c->ck, t);
  if (span) *span = span_of(c->ck, t);
  c->pos++;
  return true;
}

bool read_name(Cursor *c, const char *what, Str *out, Span *span) {
  const Token *t = cursor_peek(c);
  if (!t || (t->type != TOK_WORD && t->type != TOK_DATE)) return fail_expected(c, what, NULL);
  *out = str_of(c->ck, t);
  if (span) *span = span_of(c->ck, t);
  c->pos++;
  return true;
}

bool read_date(Cursor *c, const char *what, PactDate *out, Span *span) {
  const Token *t = cursor_peek(c);
  if (!t || t->type != TOK_DATE)
    return fail_expected(c, what, "write dates as YYYY-MM-DD: 2026-04-27");
  c->pos++;
  if (span) *span = span_of(c->ck, t);
  PactStatus status = pact_date_parse(token_text(c->ck->tree, t), t->length, out);
  if (status == PACT_OK) return true;
  int year = atoi(token_text(c->ck->tree, t));
  int month = atoi(token_text(c->ck->tree, t) + 5);
  char help[128];
  if (month >= 1 && month <= 12 && year >= PACT_YEAR_MIN && year <= PACT_YEAR_MAX) {
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    snprintf(help, sizeof help, "%s %d has %d days", months[month - 1], year,
             pact_days_in_month(year, month));
  } else {
    snprintf(help, sizeof help, "months run from 01 to 12 and years from %04d to %04d",
             PACT_YEAR_MIN, PACT_YEAR_MAX);
  }
  ck_report(c->ck, DIAG_ERROR, "E0401", span_of(c->ck, t), help, "impossible date '%.*s'",
            (int)t->length, token_text(c->ck->tree, t));
  c->failed = true;
  return false;
}

/* The number's text without a trailing '%'. */
static PactStatus parse_number(const Checker *ck, const Token *t, PactDecimal *out) {
  uint32_t len = t->length - (t->type == TOK_PERCENT);
  return pact_decimal_parse(token_text(ck->tree, t), len, true, out);
}

bool read_rate(Cursor *c, const char *what, PactDecimal *out, bool *about, Span *span) {
  bool approx = read_keyword(c, "about");
  if (about) *about = approx;
  const Token *t = cursor_peek(c);
  if (!t || (t->type != TOK_PERCENT && t->type != TOK_NUMBER))
    return fail_expected(c, what, "write a rate as 20% or 12.5%");
  c->pos++;
  if (span) *span = span_of(c->ck, t);
  PactDecimal value;
  PactStatus status = parse_number(c->ck, t, &value);
  if (t->type == TOK_NUMBER) {
    /* `rate 1` could be 1% or 100%: the percent sign is never implied. */
    Str kw = cursor_keyword(c);
    const char *text = token_text(c->ck->tree, t);
    char help[160], whole[48] = "";
    PactDecimal one = {1, 0};
    if (status == PACT_OK && pact_decimal_cmp(value, one) <= 0) /* else only n% is a rate */
      pact_rate_format_percent(value, whole, sizeof whole);
    if (strlen(whole) == t->length + 1 && strncmp(whole, text, t->length) == 0)
      whole[0] = '\0'; /* 0 is 0% either way */
    if (whole[0]) {
      snprintf(help, sizeof help, "write `%.*s %.*s%%` or `%.*s %s`", (int)kw.len, kw.ptr,
               (int)t->length, text, (int)kw.len, kw.ptr, whole);
      ck_report(c->ck, DIAG_ERROR, "E0508", span_of(c->ck, t), help,
                "'%.*s' has no percent sign: it could mean %.*s%% or %s", (int)t->length, text,
                (int)t->length, text, whole);
    } else {
      snprintf(help, sizeof help, "write it as a percentage: `%.*s %.*s%%`", (int)kw.len, kw.ptr,
               (int)t->length, text);
      ck_report(c->ck, DIAG_ERROR, "E0508", span_of(c->ck, t), help, "'%.*s' has no percent sign",
                (int)t->length, text);
    }
    c->failed = true;
    return false;
  }
  if (status == PACT_OK && t->type == TOK_PERCENT) {
    if (value.scale + 2 > PACT_DECIMAL_SCALE_MAX) status = PACT_ERR_PRECISION;
    else value.scale += 2;
  }
  if (status != PACT_OK) {
    ck_report(c->ck, DIAG_ERROR, "E0503", span_of(c->ck, t),
              "a rate may have at most 16 decimal places of a percent",
              "rate '%.*s' is too precise or too large", (int)t->length,
              token_text(c->ck->tree, t));
    c->failed = true;
    return false;
  }
  *out = value;
  return true;
}

static int scale_exponent(const Checker *ck, const Token *t) {
  static const char *const words[] = {"thousand", "million", "billion", "trillion"};
  for (int i = 0; i < 4; i++)
    if (token_is(ck->tree, t, words[i])) return 3 * (i + 1);
  return 0;
}

bool currency_case_hint(const char *text, size_t len, char *help, size_t size) {
  char upper[8];
  if (len == 0 || len >= sizeof upper) return false;
  for (size_t i = 0; i < len; i++)
    upper[i] = text[i] >= 'a' && text[i] <= 'z' ? (char)(text[i] - 'a' + 'A') : text[i];
  PactCurrency found;
  if (memcmp(upper, text, len) == 0 || !pact_currency_find(upper, len, &found)) return false;
  snprintf(help, size, "did you mean '%s'? currency codes are in capitals", found.code);
  return true;
}

static bool read_currency(Cursor *c, PactCurrency *currency) {
  const Token *t = cursor_peek(c);
  if (!t || t->type != TOK_WORD)
    return fail_expected(c, "an amount such as 'USD 38 billion'",
                         "write the currency code before the number: USD 1,000.00");
  c->pos++;
  if (pact_currency_find(token_text(c->ck->tree, t), t->length, currency)) return true;
  char help[128];
  const Agreement *ag = c->ck->agreement;
  if (currency_case_hint(token_text(c->ck->tree, t), t->length, help, sizeof help))
    ; /* the code in capitals */
  else if (ag->has_currency)
    snprintf(help, sizeof help, "use an ISO 4217 code such as %s", ag->currency.code);
  else snprintf(help, sizeof help, "use an ISO 4217 code such as USD or EUR");
  ck_report(c->ck, DIAG_ERROR, "E0306", span_of(c->ck, t), help, "unknown currency '%.*s'",
            (int)t->length, token_text(c->ck->tree, t));
  c->failed = true;
  return false;
}

bool read_money(Cursor *c, int64_t *out_minor, bool *about, Span *span) {
  bool approx = read_keyword(c, "about");
  if (about) *about = approx;
  const Token *first = cursor_peek(c);
  PactCurrency currency;
  if (!read_currency(c, &currency)) return false;
  const Token *t = cursor_peek(c);
  if (!t || t->type != TOK_NUMBER)
    return fail_expected(c, "a number", "write an amount as USD 38 billion or USD 1,250.50");
  c->pos++;
  const Token *last = t;
  int exponent = 0;
  const Token *scale = cursor_peek(c);
  if (scale && (exponent = scale_exponent(c->ck, scale)) > 0) {
    c->pos++;
    last = scale;
  } else if (scale && scale->type == TOK_WORD) {
    /* A near miss of a scale word would leave the amount a thousand-fold or more too small. */
    static const char *const words[] = {"thousand", "million", "billion", "trillion"};
    const char *guess = closest_name(str_of(c->ck, scale), words, 4);
    if (guess) {
      char help[96];
      snprintf(help, sizeof help, "did you mean '%s'?", guess);
      ck_report(c->ck, DIAG_ERROR, "E0307", span_of(c->ck, scale), help,
                "unknown scale word '%.*s'", (int)scale->length, token_text(c->ck->tree, scale));
      c->failed = true;
      return false;
    }
  }
  Span whole = span_between(c->ck, first, last);
  if (span) *span = whole;
  const Agreement *ag = c->ck->agreement;
  /* An amount in another currency is never kept: its minor units are not the agreement's,
  ** and pactum does not convert currencies. */
  if (ag->has_currency && strcmp(currency.code, ag->currency.code) != 0) {
    char help[160];
    snprintf(help, sizeof help,
             "write the amount in %s (pactum does not convert currencies), or check the code",
             ag->currency.code);
    ck_report(c->ck, DIAG_ERROR, "E0507", whole, help,
              "amount in %s, but the agreement settles in %s", currency.code, ag->currency.code);
    c->failed = true;
    return false;
  }
  PactDecimal value;
  int64_t minor = 0;
  PactStatus status = parse_number(c->ck, t, &value);
  if (status == PACT_OK) status = pact_decimal_shift(value, exponent, &value);
  if (status == PACT_OK) status = pact_money_from_decimal(value, currency.minor_digits, &minor);
  if (status == PACT_ERR_PRECISION) {
    char help[96];
    snprintf(help, sizeof help, "%s has %d decimal places", currency.code, currency.minor_digits);
    ck_report(c->ck, DIAG_ERROR, "E0503", whole, help,
              "amount has more decimal places than its currency");
  } else if (status != PACT_OK) {
    ck_report(c->ck, DIAG_ERROR, "E0504", whole, "amounts must fit in 64-bit minor units",
              "amount is too large");
  }
  if (status != PACT_OK) {
    c->failed = true;
    return false;
  }
  *out_minor = minor;
  return true;
}

bool read_days(Cursor *c, int32_t *out) {
  const Token *t = cursor_peek(c);
  if (!t || t->type != TOK_NUMBER) return fail_expected(c, "a number of days", "write: 45 days");
  PactDecimal value;
  PactStatus status = parse_number(c->ck, t, &value);
  if (status != PACT_OK || value.scale != 0 || value.units < 0 || value.units > 36600) {
    ck_report(c->ck, DIAG_ERROR, "E0205", span_of(c->ck, t),
              "write a whole number of days, from 0 to 36600",
              "'%.*s' is not a whole number of days", (int)t->length, token_text(c->ck->tree, t));
    c->failed = true;
    return false;
  }
  c->pos++;
  *out = (int32_t)value.units;
  return expect_keyword(c, value.units == 1 ? "day" : "days");
}

bool read_string(Cursor *c, const char *what, Str *out) {
  const Token *t = cursor_peek(c);
  if (!t || t->type != TOK_STRING)
    return fail_expected(c, what, "put text in double quotes: \"...\"");
  c->pos++;
  *out = decode_string(c->ck, t);
  return true;
}

bool read_word_list(Cursor *c, const char *what, StrList *out, Span *span) {
  uint32_t start = c->pos;
  uint32_t n = 0;
  for (uint32_t i = c->pos; i < c->end; i += 2) {
    if (c->node->items[i].type != TOK_WORD) break;
    n++;
    if (i + 1 >= c->end || c->node->items[i + 1].type != TOK_COMMA) break;
  }
  if (n == 0) return fail_expected(c, what, "separate several with commas: models, products");
  Str *items = arena_alloc(c->ck->arena, n * sizeof(Str));
  if (!items) {
    c->ck->out_of_memory = true;
    return false;
  }
  for (uint32_t k = 0; k < n; k++) items[k] = str_of(c->ck, &c->node->items[start + 2 * k]);
  c->pos = start + 2 * n - 1;
  if (span) *span = span_between(c->ck, &c->node->items[start], &c->node->items[c->pos - 1]);
  out->items = items;
  out->count = n;
  return true;
}

bool expect_end(Cursor *c) {
  if (cursor_at_end(c) || c->failed) return !c->failed;
  const Token *t = cursor_peek(c);
  const Token *last = &c->node->items[c->end - 1];
  Str kw = cursor_keyword(c);
  ck_report(c->ck, DIAG_ERROR, "E0209", span_between(c->ck, t, last),
            "a term line ends after its value, or with its source: reported \"who, when\"",
            "unexpected text at the end of '%.*s'", (int)kw.len, kw.ptr);
  c->failed = true;
  return false;
}

/* Edits between two words: insertions, deletions, substitutions and swaps of two neighbours
** (`fo` is one edit from `of`, `thsi` from `this`). Three rows of the table suffice. */


static void report_unknown_party(Checker *ck, Str name, Span span) {
  const Agreement *ag = ck->agreement;
  const char *names[64];
  size_t n = 0;
  for (uint32_t i = 0; i < ag->party_count && n < 64; i++) names[n++] = ag->parties[i].id.ptr;
  const char *guess = closest_name(name, names, n);
  char help[256];
  if (guess) snprintf(help, sizeof help, "did you mean '%s'?", guess);
  else
    snprintf(help, sizeof help, "declare it in the agreement block: party %.*s \"Display name\"",
             (int)name.len, name.ptr);
  ck_report(ck, DIAG_ERROR, "E0301", span, help, "unknown party '%.*s'", (int)name.len, name.ptr);
}

bool read_party(Cursor *c, const char *what, Ref *out) {
  Str name;
  Span span;
  if (!read_word(c, what, &name, &span)) return false;
  out->name = name;
  out->span = span;
  out->index = strmap_get(&c->ck->parties, name.ptr, name.len);
  if (out->index >= 0) return true;
  if (!c->ck->agreement->has_block) return false; /* no parties at all: reported once, as E0308 */
  report_unknown_party(c->ck, name, span);
  c->failed = true;
  return false;
}

bool read_party_list(Cursor *c, const char *what, RefList *out) {
  StrList names;
  Span span;
  if (!read_word_list(c, what, &names, &span)) return false;
  out->items = arena_alloc(c->ck->arena, names.count * sizeof(Ref));
  if (!out->items) {
    c->ck->out_of_memory = true;
    return false;
  }
  out->count = names.count;
  bool ok = true;
  for (uint32_t i = 0; i < names.count; i++) {
    Ref *ref = &out->items[i];
    ref->name = names.items[i];
    ref->span =
        (Span){c->ck->tree->source, (uint32_t)(names.items[i].ptr - c->ck->tree->source->text),
               names.items[i].len};
    ref->index = strmap_get(&c->ck->parties, ref->name.ptr, ref->name.len);
    if (ref->index < 0 && c->ck->agreement->has_block) {
      report_unknown_party(c->ck, ref->name, ref->span);
      ok = false;
    }
  }
  if (!ok) c->failed = true;
  return ok;
}
