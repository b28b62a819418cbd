/*
** api_pacttest_parse.c -- a .pacttest file read into its model (pacttest_int.h): line by line,
** each line's words (bare words, "strings", # comments), the file's agreement and default
** events, then each test block with its events, its day, the sides it compares and its
** expectations. Every malformed
** line is an E1601 at its line and column, a misspelt keyword told "did you mean". Names of the
** agreement (clauses, parties, versions) are checked when it is loaded (api_pacttest_run.c).
*/
#include <string.h>

#include "api/pacttest_int.h"
#include "base/limits.h"
#include "base/mem.h"
#include "base/suggest.h"

enum { LINE_WORDS_MAX = 48 };

/* A line split into words, and the state of the reading. */
typedef struct Line {
  TestWord words[LINE_WORDS_MAX];
  size_t count;
  uint32_t number, offset, end;
} Line;

typedef struct Reader {
  TestFile *file;
  DiagList *diags;
  Line line;
  size_t at; /* the next word of the line */
  bool nomem;
  PactSeverity severity; /* of an error or warning line */
} Reader;

static const char *const top_keywords[] = {"agreement", "events", "ledger", "test"};
static const char *const test_keywords[] = {
    "events",  "ledger", "on",      "owes",     "total", "standing", "launch", "use",      "error",
    "warning", "no",     "compare", "forecast", "year",  "clause",   "cap",    "milestone"};

static void fail_at(Reader *r, uint32_t offset, uint32_t length, const char *help,
                    const char *what) {
  diag_add(r->diags, DIAG_ERROR, TEST_E_SYNTAX, &r->file->source, offset, length ? length : 1, help,
           "%s", what);
  r->file->ok = false;
}

/* The error of a word that is not what the line needs there (or of the line's end). */
static bool fail_word(Reader *r, const char *help, const char *what) {
  const Line *l = &r->line;
  if (r->at < l->count) fail_at(r, l->words[r->at].offset, l->words[r->at].length, help, what);
  else fail_at(r, l->end, 1, help, what);
  return false;
}

/* ---------------------------------------------------------------- words of a line */

/* A string's text without its quotes, \" and \\ read; false when it is not closed. */
static bool read_string(Reader *r, const char *text, uint32_t at, uint32_t end, TestWord *w) {
  char *out = arena_alloc(&r->file->arena, end - at + 1);
  if (!out) {
    r->nomem = true;
    return false;
  }
  uint32_t n = 0, i = at + 1;
  for (; i < end && text[i] != '"'; i++) {
    if (text[i] == '\\' && i + 1 < end && (text[i + 1] == '"' || text[i + 1] == '\\')) i++;
    out[n++] = text[i];
  }
  *w = (TestWord){out, n, at, (i < end ? i + 1 : end) - at, true};
  if (i < end) return true;
  fail_at(r, at, end - at, "close it with '\"' on the same line", "a string without its end");
  return false;
}

/* Splits the line [start, end) into words; false (said) when it cannot be. */
static bool split_line(Reader *r, uint32_t start, uint32_t end) {
  const char *text = r->file->source.text;
  Line *l = &r->line;
  l->count = 0;
  l->offset = start;
  l->end = end;
  for (uint32_t i = start; i < end;) {
    unsigned char c = (unsigned char)text[i];
    if (c == ' ' || c == '\t' || c == '\r') {
      i++;
      continue;
    }
    if (c == '#') break;
    if (c < 0x20 || c == 0x7f) {
      fail_at(r, i, 1, "a test file is text: remove it", "a control character");
      return false;
    }
    if (l->count == LINE_WORDS_MAX) {
      fail_at(r, i, end - i, "split it: a line holds one expectation", "too many words");
      return false;
    }
    TestWord *w = &l->words[l->count++];
    if (c == '"') {
      uint32_t close = i + 1;
      while (close < end && text[close] != '"') close += text[close] == '\\' ? 2 : 1;
      if (!read_string(r, text, i, close < end ? close + 1 : end, w)) return false;
      i = w->offset + w->length;
      continue;
    }
    uint32_t j = i;
    while (j < end && text[j] != ' ' && text[j] != '\t' && text[j] != '\r' && text[j] != '"' &&
           text[j] != '#')
      j++;
    *w = (TestWord){text + i, j - i, i, j - i, false};
    i = j;
  }
  if (l->count) l->end = l->words[l->count - 1].offset + l->words[l->count - 1].length;
  return true;
}

static bool word_is(const TestWord *w, const char *s) {
  return !w->quoted && w->len == strlen(s) && memcmp(w->ptr, s, w->len) == 0;
}

/* The next word when it is s (taken), else false. */
static bool take(Reader *r, const char *s) {
  if (r->at < r->line.count && word_is(&r->line.words[r->at], s)) {
    r->at++;
    return true;
  }
  return false;
}

static bool need(Reader *r, const char *s, const char *help) {
  if (take(r, s)) return true;
  char what[64];
  snprintf(what, sizeof what, "expected '%s' here", s);
  return fail_word(r, help, what);
}

/* The next word, any (a name, a path); false (said) at the end of the line. */
static bool take_word(Reader *r, const char *what, TestWord *out) {
  if (r->at >= r->line.count) {
    char message[96];
    snprintf(message, sizeof message, "expected %s here", what);
    return fail_word(r, NULL, message);
  }
  *out = r->line.words[r->at++];
  return true;
}

static bool take_date(Reader *r, PactDate *out) {
  TestWord w = {0};
  if (!take_word(r, "a date (YYYY-MM-DD)", &w)) return false;
  PactStatus status = pact_date_parse(w.ptr, w.len, out);
  if (status == PACT_OK) return true;
  r->at--;
  return fail_word(r, "write YYYY-MM-DD: 2026-04-27",
                   status == PACT_ERR_RANGE ? "no such day" : "not a date");
}

/* [CUR] NUMBER: an amount, kept exact until the agreement's currency is known. */
static bool take_amount(Reader *r, Expectation *e, Figure figure) {
  TestWord w = {0};
  if (r->at < r->line.count) {
    const TestWord *cur = &r->line.words[r->at];
    if (cur->len == 3 && cur->ptr[0] >= 'A' && cur->ptr[0] <= 'Z' && !cur->quoted) {
      if (e->currency.len && memcmp(e->currency.ptr, cur->ptr, 3) != 0) {
        diag_add(r->diags, DIAG_ERROR, TEST_E_AMOUNT, &r->file->source, cur->offset, cur->length,
                 "pactum does not convert currencies: write every amount in one",
                 "a second currency on one line");
        r->file->ok = false;
        return false;
      }
      e->currency = *cur;
      r->at++;
    }
  }
  if (!take_word(r, "an amount (USD 1,042.35)", &w)) return false;
  if (pact_decimal_parse(w.ptr, w.len, true, &e->values[figure]) != PACT_OK) {
    r->at--;
    return fail_word(r, "write digits, grouped by commas if you like: USD 1,042.35",
                     "not an amount");
  }
  e->figures |= 1u << figure;
  e->figure_words[figure] = w;
  return true;
}

/* ---------------------------------------------------------------- expectations */

static bool take_label(Reader *r, TestWord *out);

/* The words after CLAUSE: a period label, or from DATE through DATE. */
static bool take_period(Reader *r, Expectation *e) {
  if (take(r, "from")) {
    e->has_range = true;
    return take_date(r, &e->from) && need(r, "through", "from DATE through DATE") &&
           take_date(r, &e->through);
  }
  return take_label(r, &e->period);
}

/* A period's label (2026-Q2), with "did you mean" for a near miss (2026Q2). */
static bool take_label(Reader *r, TestWord *out) {
  if (!take_word(r, "a period (2026-Q2, 2026-H1, 2026-05, 2026)", out)) return false;
  char suggestion[16], message[96];
  PactPeriodLabel label;
  PactStatus status = pact_period_label_parse(out->ptr, out->len, &label, suggestion);
  if (status == PACT_OK) return true;
  r->at--;
  if (suggestion[0]) {
    snprintf(message, sizeof message, "did you mean '%s'?", suggestion);
    return fail_word(r, message, "not a period label");
  }
  return fail_word(r, "write 2026-Q2, 2026-H1, 2026-05, 2026 or FY2026-Q1",
                   status == PACT_ERR_RANGE ? "no such period" : "not a period label");
}

static const char *const owes_words[] = {"base", "before", "cumulative", "version",
                                         "due",  "cap",    "paid",       "outstanding"};

/* The optional words of owes and standing lines, in any order. */
static bool owes_rest(Reader *r, Expectation *e) {
  while (r->at < r->line.count) {
    if (take(r, "base")) {
      if (!take_amount(r, e, FIG_BASE)) return false;
    } else if (take(r, "before")) {
      if (!need(r, "cap", "before cap AMOUNT") || !take_amount(r, e, FIG_BEFORE_CAP)) return false;
    } else if (take(r, "cumulative")) {
      if (!take_amount(r, e, FIG_CUMULATIVE)) return false;
    } else if (take(r, "version")) {
      if (!take_word(r, "a version's name", &e->version)) return false;
    } else if (take(r, "due")) {
      if (!take_date(r, &e->due)) return false;
      e->has_due = true;
    } else if (take(r, "cap")) {
      if (take(r, "binds")) e->cap_binds = 1;
      else if (take(r, "free")) e->cap_binds = 0;
      else return fail_word(r, "cap binds, or cap free", "expected 'binds' or 'free'");
    } else if (e->kind == EXPECT_STANDING && take(r, "paid")) {
      if (!take_amount(r, e, FIG_PAID)) return false;
    } else if (e->kind == EXPECT_STANDING && take(r, "outstanding")) {
      if (!take_amount(r, e, FIG_OUTSTANDING)) return false;
    } else {
      const TestWord *w = &r->line.words[r->at];
      const char *near = suggest_closest(w->ptr, w->len, owes_words, 8);
      char help[64];
      snprintf(help, sizeof help, "did you mean '%s'?", near ? near : "");
      return fail_word(r, near ? help : "base, before cap, cumulative, version, due or cap",
                       "a word this line does not take");
    }
  }
  return true;
}

static const char *const standings[] = {"paid", "open", "overdue", "credit", "none", "accruing"};

static bool parse_owes(Reader *r, Expectation *e) {
  if (!take_word(r, "a clause's id", &e->clause) || !take_period(r, e)) return false;
  if (e->kind == EXPECT_STANDING) {
    if (take(r, "version") && !take_word(r, "a version's name", &e->version)) return false;
    if (!take_word(r, "a standing (paid, open, overdue, credit, none, accruing)", &e->standing))
      return false;
    const char *near = suggest_closest(e->standing.ptr, e->standing.len, standings, 6);
    bool known = near && strlen(near) == e->standing.len;
    if (!known) {
      r->at--;
      char help[96];
      snprintf(help, sizeof help, "did you mean '%s'?", near ? near : "");
      return fail_word(r, near ? help : "paid, open, overdue, credit, none or accruing",
                       "not a standing");
    }
  } else if (!take_amount(r, e, FIG_AMOUNT)) {
    return false;
  }
  return owes_rest(r, e);
}

static bool parse_total(Reader *r, Expectation *e) {
  if (!take_word(r, "the payer", &e->payer) || !need(r, "to", "total PAYER to PAYEE AMOUNT") ||
      !take_word(r, "the payee", &e->payee) || !take_amount(r, e, FIG_AMOUNT))
    return false;
  static const char *const words[] = {"without", "paid", "outstanding", "overdue", "overpaid"};
  static const Figure figures[] = {FIG_BEFORE_CAP, FIG_PAID, FIG_OUTSTANDING, FIG_OVERDUE,
                                   FIG_OVERPAID};
  while (r->at < r->line.count) {
    size_t k = 0;
    while (k < 5 && !take(r, words[k])) k++;
    if (k == 5 && word_is(&r->line.words[r->at], "against"))
      return fail_word(r, "write the test's compare line before it: compare SIDE with SIDE",
                       "'against' compares two sides, and this test compares none");
    if (k == 5) {
      const TestWord *w = &r->line.words[r->at];
      const char *near = suggest_closest(w->ptr, w->len, words, 5);
      char help[64];
      snprintf(help, sizeof help, "did you mean '%s'?", near ? near : "");
      return fail_word(r, near ? help : "without cap, paid, outstanding, overdue or overpaid",
                       "a word this line does not take");
    }
    if (k == 0 && !need(r, "cap", "without cap AMOUNT")) return false;
    if (!take_amount(r, e, figures[k])) return false;
  }
  return true;
}

/* ---------------------------------------------------------------- two sides compared */

/* compare SIDE with SIDE: the test's figures are its events settled under both sides. */
static void parse_compare(Reader *r, TestCase *t) {
  const TestWord *w = &r->line.words[0];
  if (t->has_compare || t->has_forecast) {
    fail_at(r, w->offset, w->length, "compare other sides in a test of their own",
            t->has_compare ? "a second compare line in one test"
                           : "this test forecasts a scenario already");
    return;
  }
  for (size_t i = 0; i < t->expect_count; i++) {
    ExpectKind k = t->expects[i].kind;
    if (k == EXPECT_DIAGNOSTIC || k == EXPECT_NO_ERRORS || k == EXPECT_NO_WARNINGS) continue;
    fail_at(r, w->offset, w->length, "compare in a test of its own",
            "this test has figures of the agreement as it is already");
    return;
  }
  if (!take_word(r, "a side (actual, a version's name, or an amendment file)", &t->sides[0]) ||
      !need(r, "with", "compare SIDE with SIDE") ||
      !take_word(r, "the other side (actual, a version's name, or an amendment file)",
                 &t->sides[1]))
    return;
  t->has_compare = true;
  if (r->at < r->line.count) fail_word(r, "compare SIDE with SIDE", "extra words");
}

/* AMOUNT against AMOUNT [difference AMOUNT]: side a's figure, side b's, and a - b. */
static bool take_against(Reader *r, Expectation *e) {
  if (!take_amount(r, e, FIG_AMOUNT) ||
      !need(r, "against", "A against B: side a's figure, then side b's") ||
      !take_amount(r, e, FIG_AGAINST))
    return false;
  return !take(r, "difference") || take_amount(r, e, FIG_DIFFERENCE);
}

/* A calendar year of four digits. */
static bool take_year(Reader *r, Expectation *e) {
  TestWord y = {0};
  if (!take_word(r, "a year (2026)", &y)) return false;
  int year = 0; /* four digits at most are read: a longer word is not a year */
  for (uint32_t i = 0; i < y.len && i < 5 && year >= 0; i++)
    year = y.ptr[i] >= '0' && y.ptr[i] <= '9' ? year * 10 + (y.ptr[i] - '0') : -1;
  if (y.len != 4 || year < 1) {
    r->at--;
    return fail_word(r, "a calendar year, four digits: 2026", "not a year");
  }
  e->year = year;
  return true;
}

/* total PAYER to PAYEE ..., year YEAR PAYER to PAYEE ..., clause CLAUSE ... */
static bool parse_compared(Reader *r, Expectation *e) {
  if (e->kind == EXPECT_CMP_YEAR && !take_year(r, e)) return false;
  if (e->kind == EXPECT_CMP_CLAUSE) {
    if (!take_word(r, "a payment clause's id", &e->clause)) return false;
  } else if (!take_word(r, "the payer", &e->payer) ||
             !need(r, "to", "PAYER to PAYEE A against B") ||
             !take_word(r, "the payee", &e->payee)) {
    return false;
  }
  return take_against(r, e);
}

/* One of the test's two sides, as its compare line writes it. */
static bool take_side(Reader *r, const TestCase *t, TestWord *out) {
  if (!take_word(r, "a side of the test's compare line", out)) return false;
  for (int k = 0; k < 2; k++)
    if (out->len == t->sides[k].len && !memcmp(out->ptr, t->sides[k].ptr, out->len)) return true;
  char *sides[2] = {pacttest_cstr(r->file, t->sides[0]), pacttest_cstr(r->file, t->sides[1])};
  if (!sides[0] || !sides[1]) {
    r->nomem = true;
    return false;
  }
  const char *near = suggest_closest(out->ptr, out->len, (const char *const *)sides, 2);
  char help[160];
  snprintf(help, sizeof help, "%s%s%sthe sides are '%s' and '%s'", near ? "did you mean '" : "",
           near ? near : "", near ? "'? " : "", sides[0], sides[1]);
  r->at--;
  return fail_word(r, help, "not a side of this test's compare line");
}

/* cap CLAUSE binds on SIDE [from PERIOD] [through PERIOD] | cap CLAUSE free on SIDE */
static bool parse_cap(Reader *r, Expectation *e, const TestCase *t) {
  if (!take_word(r, "a payment clause's id", &e->clause)) return false;
  if (take(r, "binds")) e->cap_binds = 1;
  else if (take(r, "free")) e->cap_binds = 0;
  else
    return fail_word(r, "cap CLAUSE binds on SIDE, or cap CLAUSE free on SIDE",
                     "expected 'binds' or 'free'");
  if (!need(r, "on", "... on SIDE: one of the compare line's") || !take_side(r, t, &e->side))
    return false;
  if (e->cap_binds && take(r, "from") && !take_label(r, &e->binds_from)) return false;
  if (e->cap_binds && take(r, "through") && !take_label(r, &e->binds_through)) return false;
  return true;
}

/* ---------------------------------------------------------------- a forecast */

/* A whole number from low to high, digits grouped by commas if you like. */
static bool take_count(Reader *r, const char *what, uint64_t low, uint64_t high, uint64_t *out) {
  TestWord w = {0};
  if (!take_word(r, what, &w)) return false;
  uint64_t v = 0;
  bool digits = w.len > 0 && w.ptr[0] != ',';
  for (uint32_t i = 0; digits && i < w.len; i++) {
    if (w.ptr[i] == ',') continue;
    digits = w.ptr[i] >= '0' && w.ptr[i] <= '9' && v <= (high - (uint64_t)(w.ptr[i] - '0')) / 10;
    if (digits) v = v * 10 + (uint64_t)(w.ptr[i] - '0');
  }
  if (digits && v >= low) {
    *out = v;
    return true;
  }
  char help[96];
  snprintf(help, sizeof help, "a whole number from %llu to %llu", (unsigned long long)low,
           (unsigned long long)high);
  r->at--;
  return fail_word(r, help, "not a number this line takes");
}

/* forecast "SCENARIO-FILE" [paths N] [seed S]: the test's figures are a forecast of the scenario
** after its events. */
static void parse_forecast(Reader *r, TestCase *t) {
  const TestWord *w = &r->line.words[0];
  const char *why = t->has_forecast  ? "a second forecast line in one test"
                    : t->has_compare ? "this test compares two sides already"
                                     : NULL;
  for (size_t i = 0; !why && i < t->expect_count; i++) {
    ExpectKind k = t->expects[i].kind;
    if (k != EXPECT_DIAGNOSTIC && k != EXPECT_NO_ERRORS && k != EXPECT_NO_WARNINGS)
      why = "this test has figures of the agreement as it is already";
  }
  if (why) {
    fail_at(r, w->offset, w->length, "forecast in a test of its own", why);
    return;
  }
  if (!take_word(r, "the scenario's file, relative to the test file", &t->scenario)) return;
  static const char *const words[] = {"paths", "seed"};
  while (r->at < r->line.count) {
    if (take(r, "paths")) {
      if (!take_count(r, "the number of paths", 1, 10000000, &t->forecast.paths)) return;
      t->forecast.has_paths = true;
    } else if (take(r, "seed")) {
      if (!take_count(r, "the seed", 0, UINT64_C(9007199254740991), &t->forecast.seed)) return;
      t->forecast.has_seed = true;
    } else {
      const TestWord *x = &r->line.words[r->at];
      const char *near = suggest_closest(x->ptr, x->len, words, 2);
      char help[64];
      snprintf(help, sizeof help, "did you mean '%s'?", near ? near : "");
      fail_word(r, near ? help : "forecast \"SCENARIO-FILE\" [paths N] [seed S]",
                "a word this line does not take");
      return;
    }
  }
  t->has_forecast = true;
}

/* A share of the paths as the forecast writes it: a digit, a point and four places. */
static bool take_probability(Reader *r, Expectation *e) {
  if (!need(r, "probability", "probability P: the share of paths, four places (0.8731)") ||
      !take_word(r, "a probability (0.8731)", &e->probability))
    return false;
  const TestWord *p = &e->probability;
  bool form = p->len == 6 && p->ptr[1] == '.' && (p->ptr[0] == '0' || p->ptr[0] == '1');
  for (uint32_t i = 2; form && i < 6; i++) form = p->ptr[i] >= '0' && p->ptr[i] <= '9';
  if (form && p->ptr[0] == '1') form = !memcmp(p->ptr, "1.0000", 6);
  if (form) return true;
  r->at--;
  return fail_word(r, "a share of the paths with four places, from 0.0000 to 1.0000: 0.8731",
                   "not a probability");
}

/* A quarter the cap binds in: 2029-Q1, or never. */
static bool take_quarter(Reader *r, TestWord *out) {
  if (!take_word(r, "a quarter (2029-Q1) or never", out)) return false;
  if (word_is(out, "never")) return true;
  char suggestion[16];
  PactPeriodLabel l;
  PactStatus status = pact_period_label_parse(out->ptr, out->len, &l, suggestion);
  if (status == PACT_OK && l.kind == PACT_PERIOD_QUARTER && !l.fiscal) return true;
  char help[64];
  if (status != PACT_OK && suggestion[0])
    snprintf(help, sizeof help, "did you mean '%s'?", suggestion);
  else snprintf(help, sizeof help, "a calendar quarter, 2029-Q1, or never");
  r->at--;
  return fail_word(r, help, "not a quarter");
}

static const char *const forecast_words[] = {"p10", "p50", "p90", "present"};

/* The optional words of a forecast line: p10, p50, p90 (amounts, or a cap's quarters) and a
** total's present value. */
static bool forecast_rest(Reader *r, Expectation *e) {
  while (r->at < r->line.count) {
    int k = 0;
    while (k < 4 && !take(r, forecast_words[k])) k++;
    bool cap = e->kind == EXPECT_FC_CAP;
    if (k < 3 && cap) {
      if (!take_quarter(r, &e->quarters[k])) return false;
    } else if (k < 3) {
      if (!take_amount(r, e, (Figure)(FIG_P10 + k))) return false;
    } else if (k == 3 && e->kind == EXPECT_FC_TOTAL) {
      if (!need(r, "value", "present value AMOUNT") || !take_amount(r, e, FIG_PRESENT_VALUE))
        return false;
    } else {
      r->at -= k == 3;
      const TestWord *w = &r->line.words[r->at];
      const char *near = suggest_closest(w->ptr, w->len, forecast_words, cap ? 3 : 4);
      char help[64];
      snprintf(help, sizeof help, "did you mean '%s'?", near ? near : "");
      return fail_word(r,
                       near  ? help
                       : cap ? "p10, p50 or p90 QUARTER"
                             : "p10, p50 or p90 AMOUNT",
                       "a word this line does not take");
    }
  }
  return true;
}

/* total PAYER to PAYEE mean A ..., year YEAR PAYER to PAYEE mean A ..., cap CLAUSE [version V]
** probability P ..., milestone ID probability P */
static bool parse_forecasted(Reader *r, Expectation *e) {
  if (e->kind == EXPECT_FC_MILESTONE)
    return take_word(r, "a milestone's id", &e->milestone) && take_probability(r, e);
  if (e->kind == EXPECT_FC_CAP) {
    if (!take_word(r, "a payment clause's id", &e->clause)) return false;
    if (take(r, "version") && !take_word(r, "a version's name", &e->version)) return false;
    return take_probability(r, e) && forecast_rest(r, e);
  }
  if (e->kind == EXPECT_FC_YEAR && !take_year(r, e)) return false;
  if (!take_word(r, "the payer", &e->payer) || !need(r, "to", "PAYER to PAYEE mean AMOUNT") ||
      !take_word(r, "the payee", &e->payee) ||
      !need(r, "mean", "... mean AMOUNT: the mean over the paths") ||
      !take_amount(r, e, FIG_AMOUNT))
    return false;
  return forecast_rest(r, e);
}

/* is permitted | is not permitted | is pending, then under, because, due, saying. */
static bool parse_decision(Reader *r, Expectation *e) {
  if (!need(r, "is", "... on DATE is permitted | not permitted | pending")) return false;
  if (take(r, "permitted")) e->decision = PACT_DECISION_PERMITTED;
  else if (take(r, "pending")) e->decision = PACT_DECISION_PENDING;
  else if (take(r, "not") && need(r, "permitted", "is not permitted"))
    e->decision = PACT_DECISION_NOT_PERMITTED;
  else
    return r->file->ok ? fail_word(r, "permitted, not permitted or pending", "not a decision")
                       : false;
  while (r->at < r->line.count) {
    if (take(r, "under")) {
      if (take(r, "no")) e->under_none = need(r, "clause", "under no clause");
      else if (!take_word(r, "a clause's id", &e->clause)) return false;
      if (!r->file->ok) return false;
    } else if (take(r, "because")) {
      if (!take_word(r, "the exception, quoted", &e->exception)) return false;
    } else if (take(r, "saying")) {
      if (!take_word(r, "words of the reason, quoted", &e->saying)) return false;
    } else if (e->kind == EXPECT_LAUNCH && take(r, "due")) {
      if (!take_date(r, &e->due)) return false;
      e->has_due = true;
    } else {
      return fail_word(r,
                       "under CLAUSE, under no clause, because \"...\", due DATE, saying \"...\"",
                       "a word this line does not take");
    }
  }
  return true;
}

static bool parse_launch_use(Reader *r, Expectation *e) {
  bool launch = e->kind == EXPECT_LAUNCH;
  if (!take_word(r, launch ? "the product" : "the subject", launch ? &e->product : &e->subject) ||
      !need(r, launch ? "with" : "by",
            launch ? "launch PRODUCT with PROVIDER on DATE is ..."
                   : "use SUBJECT by LICENSEE on DATE is ...") ||
      !take_word(r, launch ? "the provider" : "the licensee",
                 launch ? &e->provider : &e->licensee) ||
      !need(r, "on", "... on DATE is ...") || !take_date(r, &e->on))
    return false;
  if (launch && take(r, "as") && !take_word(r, "the product's type", &e->tags)) return false;
  return parse_decision(r, e);
}

/* error|warning CODE [on line N] [of agreement | of events | of "FILE"] */
static bool parse_diagnostic(Reader *r, Expectation *e) {
  if (!take_word(r, "a diagnostic's code (W1104)", &e->code)) return false;
  char lead = e->severity == PACT_SEVERITY_ERROR ? 'E' : 'W';
  bool form = e->code.len == 5 && e->code.ptr[0] == lead;
  for (uint32_t i = 1; form && i < 5; i++) form = e->code.ptr[i] >= '0' && e->code.ptr[i] <= '9';
  if (!form) {
    r->at--;
    return fail_word(r,
                     lead == 'E' ? "an error's code is E and four digits: E1006"
                                 : "a warning's code is W and four digits: W1104",
                     "not a diagnostic's code");
  }
  if (take(r, "on")) {
    TestWord n = {0};
    if (!need(r, "line", "on line N") || !take_word(r, "a line number", &n)) return false;
    uint32_t v = 0;
    for (uint32_t i = 0; i < n.len && v < 100000000u; i++)
      v = n.ptr[i] >= '0' && n.ptr[i] <= '9' ? v * 10 + (uint32_t)(n.ptr[i] - '0') : 0;
    if (!v) {
      r->at--;
      return fail_word(r, "a line is counted from 1", "not a line number");
    }
    e->diag_line = v;
  }
  if (take(r, "of")) {
    if (take(r, "agreement")) e->where = WHERE_AGREEMENT;
    else if (take(r, "events")) e->where = WHERE_EVENTS;
    else if (take_word(r, "agreement, events or a file's name", &e->where_file))
      e->where = WHERE_FILE;
    else return false;
  }
  if (r->at < r->line.count) return fail_word(r, "nothing follows the file", "extra words");
  return true;
}

/* ---------------------------------------------------------------- lines */

static bool add_expectation(Reader *r, TestCase *t, ExpectKind kind) {
  if (kind == EXPECT_TOTAL && t->has_compare) kind = EXPECT_CMP_TOTAL;
  if (t->has_forecast &&
      (kind == EXPECT_TOTAL || kind == EXPECT_CMP_YEAR || kind == EXPECT_CMP_CAP))
    kind = kind == EXPECT_TOTAL      ? EXPECT_FC_TOTAL
           : kind == EXPECT_CMP_YEAR ? EXPECT_FC_YEAR
                                     : EXPECT_FC_CAP;
  Expectation *e = arena_push(&r->file->arena, (void **)&t->expects, t->expect_count, sizeof *e);
  if (!e) {
    r->nomem = true;
    return false;
  }
  t->expect_count++;
  r->file->expect_count++;
  e->kind = kind;
  e->cap_binds = -1;
  e->severity = r->severity;
  e->line = r->line.number;
  e->offset = r->line.words[0].offset;
  e->length = r->line.end - e->offset;
  bool ok = true;
  if (kind == EXPECT_OWES || kind == EXPECT_STANDING) ok = parse_owes(r, e);
  else if (kind == EXPECT_TOTAL) ok = parse_total(r, e);
  else if (kind == EXPECT_LAUNCH || kind == EXPECT_USE) ok = parse_launch_use(r, e);
  else if (kind == EXPECT_DIAGNOSTIC) ok = parse_diagnostic(r, e);
  else if (kind == EXPECT_CMP_CAP) ok = parse_cap(r, e, t);
  else if (EXPECT_IS_FORECAST(kind)) ok = parse_forecasted(r, e);
  else if (EXPECT_IS_COMPARED(kind)) ok = parse_compared(r, e);
  if (ok && r->at < r->line.count) fail_word(r, NULL, "extra words");
  return true;
}

/* events FILE... | events { | ledger FILE [known on DATE]: returns true when a block opened. */
static bool parse_events(Reader *r, TestEvents *ev, bool ledger) {
  ev->given = true;
  if (ledger) {
    if (!take_word(r, "the ledger's file", &ev->ledger)) return false;
    if (take(r, "known")) {
      if (!need(r, "on", "known on DATE") || !take_date(r, &ev->known_on)) return false;
      ev->has_known_on = true;
    }
    if (r->at < r->line.count) fail_word(r, "ledger FILE [known on DATE]", "extra words");
    return false;
  }
  if (take(r, "{")) {
    if (r->at < r->line.count) fail_word(r, "the rows start on the next line", "extra words");
    return true;
  }
  if (r->at >= r->line.count)
    return fail_word(r, "events \"FILE\"..., or events { and rows, then }", "expected a file");
  /* A second events line adds its files to the first's. */
  size_t n = r->line.count - r->at;
  ev->files =
      arena_grow(&r->file->arena, ev->files, ev->file_count, ev->file_count + n, sizeof *ev->files);
  if (!ev->files) {
    r->nomem = true;
    return false;
  }
  for (; r->at < r->line.count; r->at++) ev->files[ev->file_count++] = r->line.words[r->at];
  return false;
}

static void unknown_keyword(Reader *r, const char *const *keywords, size_t count) {
  const TestWord *w = &r->line.words[0];
  const char *near = suggest_closest(w->ptr, w->len, keywords, count);
  char help[160];
  if (near) snprintf(help, sizeof help, "did you mean '%s'?", near);
  else if (count == 4) snprintf(help, sizeof help, "a file holds agreement, events and test lines");
  else snprintf(help, sizeof help, "see docs/testing.md for the lines a test takes");
  fail_at(r, w->offset, w->length, help, "not a line a test file has");
}

static const struct {
  const char *word;
  ExpectKind kind;
} expect_words[] = {{"owes", EXPECT_OWES},
                    {"total", EXPECT_TOTAL},
                    {"standing", EXPECT_STANDING},
                    {"launch", EXPECT_LAUNCH},
                    {"use", EXPECT_USE},
                    {"error", EXPECT_DIAGNOSTIC},
                    {"warning", EXPECT_DIAGNOSTIC},
                    {"year", EXPECT_CMP_YEAR},
                    {"clause", EXPECT_CMP_CLAUSE},
                    {"cap", EXPECT_CMP_CAP},
                    {"milestone", EXPECT_FC_MILESTONE}};

/* A test that forecasts takes its figures (total, year, cap, milestone) and diagnostics. */
static bool forecast_order(Reader *r, ExpectKind kind) {
  if (kind != EXPECT_OWES && kind != EXPECT_STANDING && kind != EXPECT_LAUNCH &&
      kind != EXPECT_USE && kind != EXPECT_CMP_CLAUSE)
    return true;
  const TestWord *w = &r->line.words[0];
  fail_at(r, w->offset, w->length,
          "a forecasting test takes total ... mean, year, cap ... probability and milestone "
          "lines: put this line in a test of its own",
          "not a line of a test that forecasts");
  return false;
}

/* A test that compares takes compared lines (and diagnostics); one that does not takes the
** agreement's own figures. false (said) for a line on the wrong side of that. */
static bool compared_order(Reader *r, const TestCase *t, ExpectKind kind) {
  const TestWord *w = &r->line.words[0];
  if (t->has_forecast) return forecast_order(r, kind);
  if (kind == EXPECT_FC_MILESTONE) {
    fail_at(r, w->offset, w->length,
            "write the test's forecast line before it: forecast \"SCENARIO-FILE\" [paths N] "
            "[seed S]",
            "a forecast's figure in a test that forecasts nothing");
    return false;
  }
  if (EXPECT_IS_COMPARED(kind) && !t->has_compare) {
    fail_at(r, w->offset, w->length,
            "write the test's compare line before it: compare SIDE with SIDE (actual, a "
            "version's name, or an amendment file)",
            "a compared figure in a test that compares no sides");
    return false;
  }
  if (t->has_compare && (kind == EXPECT_OWES || kind == EXPECT_STANDING || kind == EXPECT_LAUNCH ||
                         kind == EXPECT_USE)) {
    fail_at(r, w->offset, w->length,
            "a comparing test takes total ... against, year, clause and cap lines: put this "
            "line in a test of its own",
            "not a line of a test that compares two sides");
    return false;
  }
  return true;
}

/* A line inside a test block; returns true when it opens an inline events block. */
static bool test_line(Reader *r, TestCase *t) {
  r->at = 1;
  const TestWord *w = &r->line.words[0];
  if (word_is(w, "events") || word_is(w, "ledger"))
    return parse_events(r, &t->events, word_is(w, "ledger"));
  if (word_is(w, "on")) {
    if (take_date(r, &t->on)) t->has_on = true;
    if (r->at < r->line.count) fail_word(r, "on DATE", "extra words");
    return false;
  }
  if (word_is(w, "compare")) {
    parse_compare(r, t);
    return false;
  }
  if (word_is(w, "forecast")) {
    parse_forecast(r, t);
    return false;
  }
  if (word_is(w, "no")) {
    if (take(r, "errors")) add_expectation(r, t, EXPECT_NO_ERRORS);
    else if (take(r, "warnings")) add_expectation(r, t, EXPECT_NO_WARNINGS);
    else fail_word(r, "no errors, or no warnings", "expected 'errors' or 'warnings'");
    return false;
  }
  for (size_t k = 0; k < sizeof expect_words / sizeof *expect_words; k++) {
    if (!word_is(w, expect_words[k].word)) continue;
    if (!compared_order(r, t, expect_words[k].kind)) return false;
    r->severity = word_is(w, "warning") ? PACT_SEVERITY_WARNING : PACT_SEVERITY_ERROR;
    add_expectation(r, t, expect_words[k].kind);
    return false;
  }
  unknown_keyword(r, test_keywords, sizeof test_keywords / sizeof *test_keywords);
  return false;
}

/* A line outside any test: agreement, default events, or a test's opening. */
static TestCase *top_line(Reader *r) {
  r->at = 1;
  TestFile *f = r->file;
  const TestWord *w = &r->line.words[0];
  if (word_is(w, "agreement")) {
    if (f->agreement.len) fail_at(r, w->offset, w->length, NULL, "a second agreement line");
    else if (take_word(r, "the agreement's path, quoted", &f->agreement) && r->at < r->line.count)
      fail_word(r, "one path", "extra words");
    return NULL;
  }
  if (word_is(w, "events") || word_is(w, "ledger")) {
    if (parse_events(r, &f->events, word_is(w, "ledger")))
      fail_at(r, w->offset, w->length, "write inline rows inside a test", "rows outside a test");
    return NULL;
  }
  if (!word_is(w, "test")) {
    unknown_keyword(r, top_keywords, 4);
    return NULL;
  }
  TestWord name;
  if (!take_word(r, "the test's name, quoted", &name) || !need(r, "{", "test \"NAME\" {"))
    return NULL;
  if (r->at < r->line.count) fail_word(r, "the test's lines start on the next line", "extra words");
  TestCase *t = arena_push(&f->arena, (void **)&f->tests, f->test_count, sizeof *t);
  if (!t) {
    r->nomem = true;
    return NULL;
  }
  f->test_count++;
  t->name = name;
  t->line = r->line.number;
  return t;
}

/* ---------------------------------------------------------------- the file */

/* Inline rows: the lines up to a line holding only '}', kept with blank lines before them so
** that the event reader's line numbers are the test file's. Returns the line after the '}'. */
static uint32_t inline_rows(Reader *r, TestEvents *ev, uint32_t first_line) {
  const Source *s = &r->file->source;
  uint32_t n = first_line;
  for (; n < s->line_count; n++) {
    const char *p = s->text + s->line_starts[n];
    while (*p == ' ' || *p == '\t') p++;
    if (p[0] == '}' && (p[1] == '\n' || p[1] == '\r' || p[1] == '\0')) break;
  }
  /* "events {" on the file's last line: no rows, and no line after it. */
  size_t start = first_line < s->line_count ? s->line_starts[first_line] : s->len;
  size_t stop = n < s->line_count ? s->line_starts[n] : s->len;
  char *rows = arena_alloc(&r->file->arena, first_line + (stop - start) + 1);
  if (!rows) {
    r->nomem = true;
    return n + 1;
  }
  memset(rows, '\n', first_line);
  size_t len = first_line;
  for (size_t i = start; i < stop;) { /* each line without its indentation */
    while (i < stop && (s->text[i] == ' ' || s->text[i] == '\t')) i++;
    while (i < stop && s->text[i] != '\n') rows[len++] = s->text[i++];
    if (i < stop) rows[len++] = s->text[i++];
  }
  ev->rows = rows;
  ev->rows_len = len;
  if (n >= s->line_count)
    fail_at(r, s->line_starts[first_line - 1], 1, "end the rows with a line holding only '}'",
            "inline events without their closing '}'");
  return n + 1;
}

static void read_lines(Reader *r) {
  const Source *s = &r->file->source;
  TestCase *test = NULL;
  uint32_t open_line = 0;
  for (uint32_t n = 0; n < s->line_count && !r->nomem; n++) {
    uint32_t start = s->line_starts[n];
    uint32_t end = n + 1 < s->line_count ? s->line_starts[n + 1] - 1 : s->len;
    r->line.number = n + 1;
    if (!split_line(r, start, end) || r->line.count == 0) continue;
    if (test && r->line.count == 1 && word_is(&r->line.words[0], "}")) {
      test = NULL;
      continue;
    }
    if (!test) {
      if ((test = top_line(r)) != NULL) open_line = start;
      continue;
    }
    if (test_line(r, test)) n = inline_rows(r, &test->events, n + 1) - 1;
  }
  if (test)
    fail_at(r, open_line, 4, "close the test with a line holding only '}'",
            "a test without its closing '}'");
  if (!r->file->agreement.len && r->file->ok)
    diag_add(r->diags, DIAG_ERROR, TEST_E_NO_AGREE, &r->file->source, 0, 1,
             "write its first line: agreement \"PATH\" (relative to this file)",
             "the test file names no agreement");
  if (!r->file->agreement.len) r->file->ok = false;
}

bool pacttest_parse(TestFile *file, const char *path, const char *text, size_t len,
                    DiagList *diags) {
  memset(file, 0, sizeof *file);
  arena_init(&file->arena);
  if (!source_init(&file->source, path, text, len, 0)) {
    if (len > PACT_FILE_BYTES_MAX) {
      diag_add_path(diags, DIAG_ERROR, "E0003", path, NULL, "larger than a test file may be");
      return true;
    }
    return false;
  }
  if (memchr(text, '\0', len)) {
    diag_add(diags, DIAG_ERROR, "E0106", &file->source,
             (uint32_t)((const char *)memchr(text, '\0', len) - text), 1, "a test file is text",
             "not a text file: it holds a NUL byte");
    return true;
  }
  file->ok = true;
  Reader r;
  memset(&r, 0, sizeof r);
  r.file = file;
  r.diags = diags;
  read_lines(&r);
  return !r.nomem;
}

void pacttest_file_free(TestFile *file) {
  source_free(&file->source);
  arena_free(&file->arena);
}

char *pacttest_cstr(TestFile *file, TestWord word) {
  return arena_strndup(&file->arena, word.ptr, word.len);
}
