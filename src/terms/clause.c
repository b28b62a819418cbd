/*
** clause.c -- the lines each kind of clause accepts, and how each is read and checked.
** One table lists every line: its keyword, the kinds that take it, and its reader.
*/
#include "terms/clause.h"

#include <string.h>

#include "base/limits.h"

#define KIND(k)   (1u << (k))
#define ALL_KINDS ((1u << CLAUSE_KIND_COUNT) - 1)
#define SHARE     KIND(CLAUSE_REVENUE_SHARE)
#define CLOUD     KIND(CLAUSE_CLOUD)
#define LICENCE   KIND(CLAUSE_LICENCE)
#define COMMIT    KIND(CLAUSE_COMMITMENT)
#define EQUITY    KIND(CLAUSE_EQUITY)
#define MILESTONE KIND(CLAUSE_MILESTONE)


/* Words a scope, carve-out, covers or excludes line may use. */
static const char *const cloud_words[] = {"all-workloads", "new-capacity", "new-products",
                                          "products",      "api-products", "non-api-products",
                                          "research",      "training",     "national-security"};
static const char *const subject_words[] = {"models", "products", "research", "hardware"};
static const char *const subject_prefixes[] = {"model", "product", "research", "hardware"};

bool clause_kind_find(const SyntaxTree *tree, const Token *keyword, ClauseKind *out) {
  for (int k = 0; k < CLAUSE_KIND_COUNT; k++)
    if (token_is(tree, keyword, clause_kind_name((ClauseKind)k))) {
      *out = (ClauseKind)k;
      return true;
    }
  return false;
}

void note_add(Checker *ck, TermNote **notes, const char *field, Citation cite) {
  if (cite.certainty == CERT_NONE) return;
  TermNote *note = arena_alloc(ck->arena, sizeof *note);
  if (!note) {
    ck->out_of_memory = true;
    return;
  }
  note->field = field;
  note->cite = cite;
  /* Keep notes in written order: append. */
  while (*notes) notes = &(*notes)->next;
  *notes = note;
}

static bool grow_refs(Checker *ck, RefList *list, Ref ref) {
  Ref *slot = arena_push(ck->arena, (void **)&list->items, list->count, sizeof *slot);
  if (!slot) {
    ck->out_of_memory = true;
    return false;
  }
  *slot = ref;
  list->count++;
  return true;
}

/* A word from a fixed vocabulary; reports an unknown one with the closest word. */
static bool check_vocabulary(Cursor *c, Str word, Span span, const char *const *words, size_t count,
                             const char *what) {
  for (size_t i = 0; i < count; i++)
    if (str_eq_cstr(word, words[i])) return true;
  const char *guess = closest_name(word, words, count);
  char help[400];
  size_t n = (size_t)snprintf(help, sizeof help, "%s%s%s", guess ? "did you mean '" : "",
                              guess ? guess : "", guess ? "'? " : "");
  n += (size_t)snprintf(help + n, sizeof help - n, "%s is one of:", what);
  for (size_t i = 0; i < count && n < sizeof help; i++)
    n += (size_t)snprintf(help + n, sizeof help - n, "%s %s", i ? "," : "", words[i]);
  ck_report(c->ck, DIAG_ERROR, "E0307", span, help, "unknown %s '%.*s'", what, (int)word.len,
            word.ptr);
  c->failed = true;
  return false;
}

static bool read_choice(Cursor *c, const char *what, const char *const *words, size_t count,
                        int *out) {
  Str word;
  Span span;
  if (!read_word(c, what, &word, &span)) return false;
  for (size_t i = 0; i < count; i++)
    if (str_eq_cstr(word, words[i])) {
      *out = (int)i;
      return true;
    }
  return check_vocabulary(c, word, span, words, count, what);
}

static bool check_rate_range(Cursor *c, PactDecimal rate, Span span) {
  PactDecimal zero = {0, 0}, one = {1, 0};
  if (pact_decimal_cmp(rate, zero) >= 0 && pact_decimal_cmp(rate, one) <= 0) return true;
  char text[48];
  pact_rate_format_percent(rate, text, sizeof text);
  Str kw = cursor_keyword(c); /* rate, or stake */
  char help[64];
  snprintf(help, sizeof help, "a %.*s is between 0%% and 100%%", (int)kw.len, kw.ptr);
  ck_report(c->ck, DIAG_ERROR, "E0501", span, help, "%.*s %s is outside 0-100%%", (int)kw.len,
            kw.ptr, text);
  c->failed = true;
  return false;
}

/* ---- lines every clause takes ---- */

static bool read_says(Cursor *c, Clause *cl, const Node *n) {
  return read_string(c, "what the clause means, in quotes", &cl->says);
}
static bool read_section(Cursor *c, Clause *cl, const Node *n) {
  return read_string(c, "the clause number, in quotes", &cl->section);
}
static bool read_text(Cursor *c, Clause *cl, const Node *n) {
  return read_string(c, "the clause's text, in quotes", &cl->text);
}

bool read_source_line(Cursor *c, Citation *out) {
  if (c->cite.certainty == CERT_NONE) {
    if (!c->failed) {
      const Token *at = cursor_peek(c) ? cursor_peek(c) : &c->node->items[0];
      ck_report(c->ck, DIAG_ERROR, "E0205", span_of(c->ck, at),
                "write: source official \"who, when\" (or reported, assumed, contract)",
                "expected the certainty and the source after 'source'");
    }
    c->failed = true;
    return false;
  }
  *out = c->cite;
  c->cite.certainty = CERT_NONE; /* the ending is the value here, not a note */
  return true;
}
static bool read_source(Cursor *c, Clause *cl, const Node *n) {
  return read_source_line(c, &cl->source);
}
static bool read_from(Cursor *c, Clause *cl, const Node *n) {
  cl->term.has_from = read_date(c, "a date", &cl->term.from, &cl->term.from_span);
  return cl->term.has_from;
}
static bool read_through(Cursor *c, Clause *cl, const Node *n) {
  cl->term.has_through = read_date(c, "a date", &cl->term.through, &cl->term.through_span);
  return cl->term.has_through;
}
static bool read_until_into(Cursor *c, RefList *list) {
  Ref ref = {.index = -1};
  if (!read_word(c, "a milestone", &ref.name, &ref.span)) return false;
  return grow_refs(c->ck, list, ref);
}
static bool read_until(Cursor *c, Clause *cl, const Node *n) {
  return read_until_into(c, &cl->term.until);
}

/* ---- revenue-share ---- */

static bool read_payer(Cursor *c, Clause *cl, const Node *n) {
  return read_party(c, "a party", &cl->u.share.payer);
}
static bool read_payee(Cursor *c, Clause *cl, const Node *n) {
  return read_party(c, "a party", &cl->u.share.payee);
}
/* base -> ('revenue' | 'profit') 'of' PARTY */
static bool read_base(Cursor *c, Clause *cl, const Node *n) {
  static const char *const measures[] = {"revenue", "profit"};
  int measure = 0;
  if (!read_choice(c, "base measure", measures, 2, &measure)) return false;
  cl->u.share.measure = (BaseMeasure)measure;
  return expect_keyword(c, "of") && read_party(c, "a party", &cl->u.share.base_party);
}
/* streams -> ('include' | 'exclude') word { ',' word } */
static bool read_streams(Cursor *c, Clause *cl, const Node *n) {
  static const char *const which[] = {"include", "exclude"};
  int w = 0;
  if (!read_choice(c, "'include' or 'exclude'", which, 2, &w)) return false;
  StrList *list = w == 0 ? &cl->u.share.include : &cl->u.share.exclude;
  if (list->count) {
    ck_report(c->ck, DIAG_ERROR, "E0207", span_of(c->ck, &c->node->items[0]),
              "list every stream on one line: streams include a, b", "streams %s is given twice",
              which[w]);
    c->failed = true;
    return false;
  }
  return read_word_list(c, "a stream", list, NULL);
}
static bool read_rate_line(Cursor *c, Clause *cl, const Node *n) {
  Span span;
  RevenueShare *s = &cl->u.share;
  if (!read_rate(c, "a rate", &s->rate, &s->rate_about, &span)) return false;
  s->has_rate = true;
  return check_rate_range(c, s->rate, span);
}
/* cap -> MONEY [ 'counting' ( 'this' 'version' | 'all' 'versions' ) ] */
static bool read_cap(Cursor *c, Clause *cl, const Node *n) {
  RevenueShare *s = &cl->u.share;
  if (!read_money(c, &s->cap_minor, &s->cap_about, &s->cap_span)) return false;
  s->has_cap = true;
  if (s->cap_minor <= 0) {
    ck_report(c->ck, DIAG_ERROR, "E0505", s->cap_span, "a cap is a positive amount",
              "cap must be more than zero");
    c->failed = true;
    return false;
  }
  if (cursor_at_end(c)) {
    /* What the cap counts changes when it binds: never left to a default. */
    ck_report(c->ck, DIAG_ERROR, "E0509", s->cap_span,
              "say `counting this version` (only what accrues under this version's clause) or "
              "`counting all versions` (what the clause accrued under earlier versions too)",
              "the cap does not say what it counts");
    c->failed = true;
    return false;
  }
  if (!expect_keyword(c, "counting")) return false;
  static const char *const which[] = {"this", "all"};
  int w = expect_keyword_of(c, which, 2);
  if (w < 0) return false;
  s->cap_counting = w == 0 ? CAP_THIS_VERSION : CAP_ALL_VERSIONS;
  return expect_keyword(c, w == 0 ? "version" : "versions");
}
static bool read_settle(Cursor *c, Clause *cl, const Node *n) {
  static const char *const periods[] = {"monthly", "quarterly", "half-yearly", "yearly"};
  int p = 0;
  if (!read_choice(c, "settlement period", periods, 4, &p)) return false;
  cl->u.share.calendar.kind = (PactPeriodKind)p;
  cl->u.share.has_settle = true;
  return true;
}
/* fiscal -> 'year' 'starts' MONTH */
static bool read_fiscal(Cursor *c, Clause *cl, const Node *n) {
  static const char *const months[] = {"january",   "february", "march",    "april",
                                       "may",       "june",     "july",     "august",
                                       "september", "october",  "november", "december"};
  int m = 0;
  if (!expect_keyword(c, "year") || !expect_keyword(c, "starts")) return false;
  if (!read_choice(c, "month", months, 12, &m)) return false;
  cl->u.share.calendar.fiscal_start_month = (uint8_t)(m + 1);
  return true;
}
/* due -> NUMBER 'days' 'after' 'period' 'end' */
static bool read_due(Cursor *c, Clause *cl, const Node *n) {
  if (!read_days(c, &cl->u.share.due_days)) return false;
  cl->u.share.has_due = true;
  return expect_keyword(c, "after") && expect_keyword(c, "period") && expect_keyword(c, "end");
}
static bool read_rounding(Cursor *c, Clause *cl, const Node *n) {
  static const char *const modes[] = {"half-even", "half-up", "half-down", "down",
                                      "up",        "floor",   "ceiling"};
  int m = 0;
  if (!read_choice(c, "rounding mode", modes, 7, &m)) return false;
  cl->u.share.has_rounding = true;
  return pact_rounding_find(modes[m], strlen(modes[m]), &cl->u.share.rounding);
}

/* tier -> 'rate' RATE ( 'up' 'to' MONEY | 'thereafter' ) */
static bool read_tier(Checker *ck, const Node *line, Tier *tier, Clause *cl) {
  Cursor c;
  cursor_init(&c, ck, line);
  if (!token_is(ck->tree, &line->items[0], "rate")) {
    ck_report(ck, DIAG_ERROR, "E0204", span_of(ck, &line->items[0]),
              "a tier is written: rate 75% up to USD 13 billion (or: rate 10% thereafter)",
              "unknown line in tiers");
    return false;
  }
  tier->span = span_of(ck, &line->items[0]);
  Span span;
  if (!read_rate(&c, "a rate", &tier->rate, NULL, &span) || !check_rate_range(&c, tier->rate, span))
    return false;
  static const char *const ends[] = {"up", "thereafter"};
  int end = expect_keyword_of(&c, ends, 2);
  if (end < 0) return false;
  if (end == 1) {
    tier->has_bound = false;
  } else {
    if (!expect_keyword(&c, "to")) return false;
    if (!read_money(&c, &tier->bound_minor, &tier->bound_about, &tier->span)) return false;
    tier->has_bound = true;
    if (tier->bound_minor <= 0) {
      ck_report(ck, DIAG_ERROR, "E0505", tier->span, "a tier's bound is a positive amount",
                "tier bound must be more than zero");
      return false;
    }
  }
  note_add(ck, &cl->notes, "tiers", c.cite);
  return expect_end(&c);
}

static bool check_tier_order(Checker *ck, const Tier *tiers, uint32_t count) {
  bool ok = true;
  for (uint32_t i = 0; i < count; i++) {
    if (!tiers[i].has_bound && i + 1 < count) {
      ck_report(ck, DIAG_ERROR, "E0502", tiers[i].span,
                "'thereafter' is the last tier; put the bounded tiers before it",
                "tiers out of order: a tier follows 'thereafter'");
      ok = false;
    } else if (i > 0 && tiers[i].has_bound && tiers[i - 1].has_bound &&
               tiers[i].bound_minor <= tiers[i - 1].bound_minor) {
      ck_report(ck, DIAG_ERROR, "E0502", tiers[i].span,
                "each tier's bound must be above the one before it",
                "tiers out of order: this bound is not above the previous tier's");
      ok = false;
    }
  }
  return ok;
}

/* tiers -> 'by' 'cumulative' ( 'paid' | 'base' ) '{' tier { tier } '}' */
static bool read_tiers(Cursor *c, Clause *cl, const Node *n) {
  static const char *const bases[] = {"paid", "base"};
  int basis = 0;
  if (!expect_keyword(c, "by") || !expect_keyword(c, "cumulative") ||
      !read_choice(c, "'paid' or 'base'", bases, 2, &basis) || !expect_end(c))
    return false;
  RevenueShare *s = &cl->u.share;
  s->tier_basis = (TierBasis)basis;
  uint32_t lines = 0;
  for (uint32_t i = 0; i < n->child_count; i++) lines += n->children[i].kind == NODE_STMT;
  if (lines == 0 || lines > PACT_TIERS_MAX) {
    ck_report(c->ck, DIAG_ERROR, "E0208", span_of(c->ck, &n->items[0]),
              "write one tier per line: rate 75% up to USD 13 billion",
              lines ? "too many tiers (at most 64)" : "tiers block has no tiers");
    c->failed = true;
    return false;
  }
  s->tiers = arena_alloc(c->ck->arena, lines * sizeof(Tier));
  if (!s->tiers) {
    c->ck->out_of_memory = true;
    return false;
  }
  bool ok = true;
  for (uint32_t i = 0; i < n->child_count; i++) {
    const Node *line = &n->children[i];
    if (line->kind != NODE_STMT) continue;
    if (line->poisoned || !read_tier(c->ck, line, &s->tiers[s->tier_count], cl)) {
      ok = false;
      continue;
    }
    s->tier_count++;
  }
  if (ok && !check_tier_order(c->ck, s->tiers, s->tier_count)) ok = false;
  if (!ok) c->failed = true;
  return ok;
}

/* ---- cloud ---- */

static bool read_provider(Cursor *c, Clause *cl, const Node *n) {
  return read_party(c, "a party", &cl->u.cloud.provider);
}
static bool read_customer(Cursor *c, Clause *cl, const Node *n) {
  return read_party(c, "a party", &cl->u.cloud.customer);
}
static bool read_mode(Cursor *c, Clause *cl, const Node *n) {
  static const char *const modes[] = {"exclusive", "first-refusal", "primary", "none"};
  int m = 0;
  if (!read_choice(c, "cloud mode", modes, 4, &m)) return false;
  cl->u.cloud.mode = (CloudMode)m;
  return true;
}
static bool read_vocabulary_list(Cursor *c, StrList *list, const char *what) {
  Span span;
  if (!read_word_list(c, what, list, &span)) return false;
  bool ok = true;
  for (uint32_t i = 0; i < list->count; i++) {
    Str w = list->items[i];
    Span at = {c->ck->tree->source, (uint32_t)(w.ptr - c->ck->tree->source->text), w.len};
    ok &= check_vocabulary(c, w, at, cloud_words, sizeof cloud_words / sizeof *cloud_words, what);
  }
  return ok;
}
static bool read_scope(Cursor *c, Clause *cl, const Node *n) {
  return read_vocabulary_list(c, &cl->u.cloud.scope, "scope");
}
static bool read_carve_out(Cursor *c, Clause *cl, const Node *n) {
  return read_vocabulary_list(c, &cl->u.cloud.carve_outs, "carve-out");
}
/* unless -> PARTY ( 'unable' | 'unwilling' ) */
static bool read_unless(Cursor *c, Clause *cl, const Node *n) {
  static const char *const answers[] = {"unable", "unwilling"};
  CloudTerm *t = &cl->u.cloud;
  CloudException ex = {.span = span_of(c->ck, &c->node->items[0])};
  int a = 0;
  if (!read_party(c, "the party whose answer makes the exception", &ex.party)) return false;
  if (!read_choice(c, "exception", answers, 2, &a)) return false;
  ex.answer = a == 0 ? ANSWER_UNABLE : ANSWER_UNWILLING;
  ex.span = span_between(c->ck, &c->node->items[0], &c->node->items[c->pos - 1]);
  CloudException *slot =
      arena_push(c->ck->arena, (void **)&t->exceptions, t->exception_count, sizeof *slot);
  if (!slot) {
    c->ck->out_of_memory = true;
    return false;
  }
  *slot = ex;
  t->exception_count++;
  return true;
}
static bool read_window(Cursor *c, Clause *cl, const Node *n) {
  cl->u.cloud.has_window = read_days(c, &cl->u.cloud.window_days);
  return cl->u.cloud.has_window;
}
static bool read_silence(Cursor *c, Clause *cl, const Node *n) {
  cl->u.cloud.silence_waives = expect_keyword(c, "waives");
  return cl->u.cloud.silence_waives;
}

/* ---- licence ---- */

static bool read_licensor(Cursor *c, Clause *cl, const Node *n) {
  return read_party(c, "a party", &cl->u.licence.licensor);
}
static bool read_licensee(Cursor *c, Clause *cl, const Node *n) {
  return read_party(c, "a party", &cl->u.licence.licensee);
}
static bool read_subjects(Cursor *c, StrList *list) {
  if (!read_word_list(c, "what the licence covers", list, NULL)) return false;
  bool ok = true;
  for (uint32_t i = 0; i < list->count; i++) {
    Str w = list->items[i];
    Span at = {c->ck->tree->source, (uint32_t)(w.ptr - c->ck->tree->source->text), w.len};
    const char *colon = memchr(w.ptr, ':', w.len);
    if (colon) {
      Str prefix = {w.ptr, (uint32_t)(colon - w.ptr)};
      at.length = prefix.len;
      ok &= check_vocabulary(c, prefix, at, subject_prefixes, 4, "subject kind");
    } else {
      ok &= check_vocabulary(c, w, at, subject_words, 4, "subject");
    }
  }
  return ok;
}
static bool read_covers(Cursor *c, Clause *cl, const Node *n) {
  return read_subjects(c, &cl->u.licence.covers);
}
static bool read_excludes(Cursor *c, Clause *cl, const Node *n) {
  return read_subjects(c, &cl->u.licence.excludes);
}
/* exclusive -> 'exclusive' { 'until' MILESTONE | 'through' DATE } */
static bool read_exclusive(Cursor *c, Clause *cl, const Node *n) {
  LicenceTerm *l = &cl->u.licence;
  l->exclusive = true;
  while (!cursor_at_end(c)) {
    if (read_keyword(c, "until")) {
      if (!read_until_into(c, &l->exclusivity.until)) return false;
    } else if (read_keyword(c, "through")) {
      l->exclusivity.has_through =
          read_date(c, "a date", &l->exclusivity.through, &l->exclusivity.through_span);
      if (!l->exclusivity.has_through) return false;
    } else {
      return expect_end(c);
    }
  }
  return true;
}
static bool read_non_exclusive(Cursor *c, Clause *cl, const Node *n) {
  cl->u.licence.exclusive = false;
  return true;
}

/* ---- commitment, equity, milestone ---- */

static bool read_by(Cursor *c, Clause *cl, const Node *n) {
  return read_party(c, "a party", &cl->u.commitment.by);
}
static bool read_to(Cursor *c, Clause *cl, const Node *n) {
  return read_party(c, "a party", &cl->u.commitment.to);
}
static bool read_amount(Cursor *c, Clause *cl, const Node *n) {
  Commitment *m = &cl->u.commitment;
  Span span;
  if (!read_money(c, &m->amount_minor, &m->amount_about, &span)) return false;
  if (m->amount_minor > 0) return true;
  ck_report(c->ck, DIAG_ERROR, "E0505", span, "a commitment is a positive amount",
            "commitment amount must be more than zero");
  c->failed = true;
  return false;
}
static bool read_of(Cursor *c, Clause *cl, const Node *n) {
  return read_word(c, "what is committed", &cl->u.commitment.of, NULL);
}
static bool read_holder(Cursor *c, Clause *cl, const Node *n) {
  return read_party(c, "a party", &cl->u.equity.holder);
}
static bool read_in(Cursor *c, Clause *cl, const Node *n) {
  return read_party(c, "a party", &cl->u.equity.in);
}
static bool read_stake(Cursor *c, Clause *cl, const Node *n) {
  Span span;
  if (!read_rate(c, "a share such as 27%", &cl->u.equity.stake, &cl->u.equity.stake_about, &span))
    return false;
  return check_rate_range(c, cl->u.equity.stake, span);
}
/* declared -> 'by' PARTY { ',' PARTY } */
static bool read_declared(Cursor *c, Clause *cl, const Node *n) {
  RefList more;
  if (!expect_keyword(c, "by") || !read_party_list(c, "a party", &more)) return false;
  for (uint32_t i = 0; i < more.count; i++)
    if (!grow_refs(c->ck, &cl->u.milestone.declarers, more.items[i])) return false;
  return true;
}

typedef bool (*LineReader)(Cursor *c, Clause *clause, const Node *node);

typedef struct Line {
  const char *keyword;
  uint8_t keyword_len;
  unsigned kinds;
  bool repeatable;
  bool block;        /* takes a block */
  const char *field; /* what a certainty ending on this line is a note about */
  LineReader read;
} Line;

typedef enum LineId {
  LINE_SAYS,
  LINE_SOURCE,
  LINE_SECTION,
  LINE_TEXT,
  LINE_FROM,
  LINE_THROUGH,
  LINE_UNTIL,
  LINE_PAYER,
  LINE_PAYEE,
  LINE_BASE,
  LINE_STREAMS,
  LINE_RATE,
  LINE_TIERS,
  LINE_CAP,
  LINE_SETTLE,
  LINE_FISCAL,
  LINE_DUE,
  LINE_ROUNDING,
  LINE_PROVIDER,
  LINE_CUSTOMER,
  LINE_MODE,
  LINE_SCOPE,
  LINE_CARVE_OUT,
  LINE_UNLESS,
  LINE_WINDOW,
  LINE_SILENCE,
  LINE_LICENSOR,
  LINE_LICENSEE,
  LINE_COVERS,
  LINE_EXCLUDES,
  LINE_EXCLUSIVE,
  LINE_NON_EXCLUSIVE,
  LINE_BY,
  LINE_TO,
  LINE_AMOUNT,
  LINE_OF,
  LINE_HOLDER,
  LINE_IN,
  LINE_STAKE,
  LINE_DECLARED,
  LINE_COUNT
} LineId;

#define KEYWORD(word) word, (uint8_t)(sizeof word - 1)

static const Line lines[LINE_COUNT] = {
    [LINE_SAYS] = {KEYWORD("says"), ALL_KINDS, false, false, NULL, read_says},
    [LINE_SOURCE] = {KEYWORD("source"), ALL_KINDS, false, false, NULL, read_source},
    [LINE_SECTION] = {KEYWORD("section"), ALL_KINDS, false, false, NULL, read_section},
    [LINE_TEXT] = {KEYWORD("text"), ALL_KINDS, false, false, NULL, read_text},
    [LINE_FROM] = {KEYWORD("from"), ALL_KINDS, false, false, "start", read_from},
    [LINE_THROUGH] = {KEYWORD("through"), ALL_KINDS, false, false, "end", read_through},
    [LINE_UNTIL] = {KEYWORD("until"), ALL_KINDS, true, false, "end", read_until},
    [LINE_PAYER] = {KEYWORD("payer"), SHARE, false, false, "payer", read_payer},
    [LINE_PAYEE] = {KEYWORD("payee"), SHARE, false, false, "payee", read_payee},
    [LINE_BASE] = {KEYWORD("base"), SHARE, false, false, "base", read_base},
    [LINE_STREAMS] = {KEYWORD("streams"), SHARE, true, false, "streams", read_streams},
    [LINE_RATE] = {KEYWORD("rate"), SHARE, false, false, "rate", read_rate_line},
    [LINE_TIERS] = {KEYWORD("tiers"), SHARE, false, true, "tiers", read_tiers},
    [LINE_CAP] = {KEYWORD("cap"), SHARE, false, false, "cap", read_cap},
    [LINE_SETTLE] = {KEYWORD("settle"), SHARE, false, false, "settle", read_settle},
    [LINE_FISCAL] = {KEYWORD("fiscal"), SHARE, false, false, "settle", read_fiscal},
    [LINE_DUE] = {KEYWORD("due"), SHARE, false, false, "due", read_due},
    [LINE_ROUNDING] = {KEYWORD("rounding"), SHARE, false, false, "rounding", read_rounding},
    [LINE_PROVIDER] = {KEYWORD("provider"), CLOUD, false, false, "provider", read_provider},
    [LINE_CUSTOMER] = {KEYWORD("customer"), CLOUD, false, false, "customer", read_customer},
    [LINE_MODE] = {KEYWORD("mode"), CLOUD, false, false, "mode", read_mode},
    [LINE_SCOPE] = {KEYWORD("scope"), CLOUD, false, false, "scope", read_scope},
    [LINE_CARVE_OUT] = {KEYWORD("carve-out"), CLOUD, true, false, "carve_outs", read_carve_out},
    [LINE_UNLESS] = {KEYWORD("unless"), CLOUD, true, false, "exceptions", read_unless},
    [LINE_WINDOW] = {KEYWORD("window"), CLOUD, false, false, "window", read_window},
    [LINE_SILENCE] = {KEYWORD("silence"), CLOUD, false, false, "silence", read_silence},
    [LINE_LICENSOR] = {KEYWORD("licensor"), LICENCE, false, false, "licensor", read_licensor},
    [LINE_LICENSEE] = {KEYWORD("licensee"), LICENCE, false, false, "licensee", read_licensee},
    [LINE_COVERS] = {KEYWORD("covers"), LICENCE, false, false, "covers", read_covers},
    [LINE_EXCLUDES] = {KEYWORD("excludes"), LICENCE, false, false, "excludes", read_excludes},
    [LINE_EXCLUSIVE] = {KEYWORD("exclusive"), LICENCE, false, false, "exclusive", read_exclusive},
    [LINE_NON_EXCLUSIVE] = {KEYWORD("non-exclusive"), LICENCE, false, false, "exclusive",
                            read_non_exclusive},
    [LINE_BY] = {KEYWORD("by"), COMMIT, false, false, "by", read_by},
    [LINE_TO] = {KEYWORD("to"), COMMIT, false, false, "to", read_to},
    [LINE_AMOUNT] = {KEYWORD("amount"), COMMIT, false, false, "amount", read_amount},
    [LINE_OF] = {KEYWORD("of"), COMMIT, false, false, "of", read_of},
    [LINE_HOLDER] = {KEYWORD("holder"), EQUITY, false, false, "holder", read_holder},
    [LINE_IN] = {KEYWORD("in"), EQUITY, false, false, "in", read_in},
    [LINE_STAKE] = {KEYWORD("stake"), EQUITY, false, false, "stake", read_stake},
    [LINE_DECLARED] = {KEYWORD("declared"), MILESTONE, true, false, "declared_by", read_declared},
};

/* What a clause of each kind must have: one of up to two lines, named in messages by what. */
typedef struct Requirement {
  LineId line, or_line; /* or_line == LINE_COUNT when there is no alternative */
  const char *what;
} Requirement;

#define NO_ALTERNATIVE LINE_COUNT
static const Requirement required[CLAUSE_KIND_COUNT][5] = {
    [CLAUSE_REVENUE_SHARE] = {{LINE_PAYER, NO_ALTERNATIVE, "payer"},
                              {LINE_PAYEE, NO_ALTERNATIVE, "payee"},
                              {LINE_BASE, NO_ALTERNATIVE, "base"},
                              {LINE_RATE, LINE_TIERS, "rate"}},
    [CLAUSE_CLOUD] = {{LINE_PROVIDER, NO_ALTERNATIVE, "provider"},
                      {LINE_CUSTOMER, NO_ALTERNATIVE, "customer"},
                      {LINE_MODE, NO_ALTERNATIVE, "mode"}},
    [CLAUSE_LICENCE] = {{LINE_LICENSOR, NO_ALTERNATIVE, "licensor"},
                        {LINE_LICENSEE, NO_ALTERNATIVE, "licensee"},
                        {LINE_COVERS, NO_ALTERNATIVE, "covers"},
                        {LINE_EXCLUSIVE, LINE_NON_EXCLUSIVE, "exclusivity"}},
    [CLAUSE_COMMITMENT] = {{LINE_BY, NO_ALTERNATIVE, "by"},
                           {LINE_TO, NO_ALTERNATIVE, "to"},
                           {LINE_AMOUNT, NO_ALTERNATIVE, "amount"}},
    [CLAUSE_EQUITY] = {{LINE_HOLDER, NO_ALTERNATIVE, "holder"},
                       {LINE_IN, NO_ALTERNATIVE, "in"},
                       {LINE_STAKE, NO_ALTERNATIVE, "stake"}},
    [CLAUSE_MILESTONE] = {{LINE_DECLARED, NO_ALTERNATIVE, "declared by"}},
};

static int line_find(const Checker *ck, const Token *keyword) {
  const char *text = token_text(ck->tree, keyword);
  for (size_t i = 0; i < LINE_COUNT; i++)
    if (keyword->length == lines[i].keyword_len &&
        memcmp(text, lines[i].keyword, keyword->length) == 0 && keyword->type == TOK_WORD)
      return (int)i;
  return -1;
}

static void report_unknown_line(Checker *ck, const Node *line, ClauseKind kind) {
  Str word = str_of(ck, &line->items[0]);
  const char *names[LINE_COUNT];
  size_t n = 0;
  for (size_t i = 0; i < LINE_COUNT; i++)
    if (lines[i].kinds & KIND(kind)) names[n++] = lines[i].keyword;
  const char *guess = closest_name(word, names, n);
  char help[512];
  size_t used = 0;
  if (guess) used = (size_t)snprintf(help, sizeof help, "did you mean '%s'? ", guess);
  used += (size_t)snprintf(help + used, sizeof help - used,
                           "a %s clause takes:", clause_kind_name(kind));
  for (size_t i = 0; i < n && used < sizeof help; i++)
    used += (size_t)snprintf(help + used, sizeof help - used, "%s %s", i ? "," : "", names[i]);
  int other = line_find(ck, &line->items[0]);
  if (other >= 0)
    ck_report(ck, DIAG_ERROR, "E0204", span_of(ck, &line->items[0]), help,
              "'%.*s' does not belong in a %s clause", (int)word.len, word.ptr,
              clause_kind_name(kind));
  else
    ck_report(ck, DIAG_ERROR, "E0204", span_of(ck, &line->items[0]), help,
              "unknown term '%.*s' in a %s clause", (int)word.len, word.ptr,
              clause_kind_name(kind));
}

static bool line_block_ok(Checker *ck, const Node *line, const Line *spec) {
  if (line->has_block == spec->block) return true;
  ck_report(ck, DIAG_ERROR, "E0212", span_of(ck, &line->items[0]),
            spec->block ? "open its block with '{' at the end of the line"
                        : "remove the block: the value goes on the line",
            spec->block ? "'%s' needs a block" : "'%s' does not take a block", spec->keyword);
  return false;
}

static void read_line(Checker *ck, Clause *clause, const Node *line, const Token **seen) {
  int index = line_find(ck, &line->items[0]);
  if (index < 0 || !(lines[index].kinds & KIND(clause->kind))) {
    report_unknown_line(ck, line, clause->kind);
    clause->poisoned = true;
    return;
  }
  const Line *spec = &lines[index];
  if (seen[index] && !spec->repeatable) {
    uint32_t first_line, column;
    source_locate(ck->tree->source, seen[index]->offset, &first_line, &column);
    char help[96];
    snprintf(help, sizeof help, "the first is on line %u; keep one", first_line);
    ck_report(ck, DIAG_ERROR, "E0207", span_of(ck, &line->items[0]), help,
              "'%s' is given twice in this clause", spec->keyword);
    return;
  }
  seen[index] = &line->items[0];
  if (!line_block_ok(ck, line, spec)) {
    clause->poisoned = true;
    return;
  }
  Cursor c;
  cursor_init(&c, ck, line);
  bool ok = !c.failed && spec->read(&c, clause, line);
  if (ok && !spec->block) ok = expect_end(&c);
  if (ok && spec->field) note_add(ck, &clause->notes, spec->field, c.cite);
  if (!ok) clause->poisoned = true;
}

static void check_required(Checker *ck, Clause *clause, const Node *node, const Token **seen) {
  if (clause->poisoned) return;
  for (int r = 0; r < 5 && required[clause->kind][r].what; r++) {
    const Requirement *need = &required[clause->kind][r];
    if (seen[need->line] || (need->or_line != NO_ALTERNATIVE && seen[need->or_line])) continue;
    char help[128];
    if (need->or_line != NO_ALTERNATIVE)
      snprintf(help, sizeof help, "add a '%s' line or a '%s' line", lines[need->line].keyword,
               lines[need->or_line].keyword);
    else snprintf(help, sizeof help, "add a '%s' line", lines[need->line].keyword);
    ck_report(ck, DIAG_ERROR, "E0208", span_of(ck, &node->items[1]), help,
              "%s clause '%.*s' has no %s", clause_kind_name(clause->kind), (int)clause->id.len,
              clause->id.ptr, need->what);
  }
}

static void check_rate_or_tiers(Checker *ck, Clause *clause) {
  RevenueShare *s = &clause->u.share;
  if (clause->kind == CLAUSE_REVENUE_SHARE && s->has_rate && s->tier_count)
    ck_report(ck, DIAG_ERROR, "E0207", clause->id_span, "keep either the rate or the tiers",
              "revenue share '%.*s' has both a rate and tiers", (int)clause->id.len,
              clause->id.ptr);
}

Clause *clause_read(Checker *ck, const Node *node, ClauseKind kind, uint32_t version) {
  Clause *clause = arena_alloc(ck->arena, sizeof *clause);
  if (!clause) {
    ck->out_of_memory = true;
    return NULL;
  }
  clause->kind = kind;
  clause->version = version;
  clause->u.share.rounding = PACT_ROUND_HALF_EVEN;
  clause->u.share.calendar = (PactCalendar){PACT_PERIOD_QUARTER, 1};
  Cursor c;
  cursor_init(&c, ck, node);
  bool named = !node->poisoned && read_word(&c, "the clause's name", &clause->id, &clause->id_span);
  if (named) clause->id = str_dup(ck, clause->id.ptr, clause->id.len); /* NUL-terminated */
  if (!named || !expect_end(&c) || !node->has_block) {
    if (!node->has_block && !c.failed && !node->poisoned)
      ck_report(ck, DIAG_ERROR, "E0212", span_of(ck, &node->items[0]),
                "open the clause's block with '{' at the end of the line", "'%s' needs a block",
                clause_kind_name(kind));
    clause->poisoned = true;
    if (!clause->id.ptr) clause->id = (Str){"", 0};
    return clause;
  }
  if (kind == CLAUSE_REVENUE_SHARE) clause->u.share.calendar.kind = PACT_PERIOD_QUARTER;
  const Token *seen[LINE_COUNT] = {0};
  for (uint32_t i = 0; i < node->child_count; i++) {
    const Node *line = &node->children[i];
    if (line->kind != NODE_STMT) continue;
    if (line->poisoned) {
      clause->poisoned = true;
      continue;
    }
    read_line(ck, clause, line, seen);
  }
  check_required(ck, clause, node, seen);
  check_rate_or_tiers(ck, clause);
  return clause;
}
