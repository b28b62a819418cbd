/*
** api_pacttest_figures.c -- one test run: its events opened as a feed (files, a ledger, or the
** rows written in the test), settled (as a statement on the test's day when it names one) and
** decided through pactum.h's own functions (or, when the test compares two sides, compared:
** api_pacttest_compare.c), and each expectation compared. Both sides of an
** expectation are written in the file's own words by the same function, the expected from the
** line and the actual from what pactum found, so that a failure reads as a diff of two lines.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "api/api.h"
#include "api/pacttest_int.h"
#include "base/mem.h"
#include "terms/terms.h"

/* What one test found: the settlement, the decider and the diagnostics of its events; or, when
** it compares, the two sides' agreements and their comparison. */
typedef struct Found {
  const PactAgreement *ag;
  PactSettlement *s;
  PactDecider *d;
  const PactAgreement *sides[2]; /* loaded for the run; NULL when the test does not compare */
  PactComparison *c;
  PactScenario *sc; /* when the test forecasts: its scenario, and the forecast */
  PactForecast *fc;
  PactDiagnostics *events; /* of reading and settling the events, then of deciding */
  const char *blocked;     /* why figures cannot be compared, or NULL */
  char why[320];
} Found;

void pacttest_add(TestText *t, const char *format, ...) {
  if (t->len >= sizeof t->buf - 1) return;
  va_list args;
  va_start(args, format);
  int n = vsnprintf(t->buf + t->len, sizeof t->buf - t->len, format, args);
  va_end(args);
  if (n > 0) t->len += (size_t)n;
  if (t->len >= sizeof t->buf) t->len = sizeof t->buf - 1;
}

void pacttest_money(const PactAgreement *ag, int64_t minor, char *buf, size_t size) {
  const char *code = pact_agreement_currency(ag);
  PactCurrency cur = {"USD", 2};
  if (code) pact_currency_find(code, strlen(code), &cur);
  size_t n = (size_t)snprintf(buf, size, "%s ", cur.code);
  pact_money_format_grouped(minor, cur.minor_digits, buf + n, size - n);
}

void pacttest_add_money(TestText *t, const PactAgreement *ag, const char *word, int64_t minor) {
  char money[64];
  pacttest_money(ag, minor, money, sizeof money);
  pacttest_add(t, "%s%s%s", word, *word ? " " : "", money);
}

static void add_day(TestText *t, const char *word, PactDate day) {
  char text[11];
  pact_date_format(day, text);
  pacttest_add(t, " %s %s", word, text);
}

/* ---------------------------------------------------------------- obligations and totals */

/* The figures of one side of an owes, standing or total line. */
typedef struct Figures {
  int64_t v[FIG_COUNT];
  const char *version;
  bool has_due;
  PactDate due;
  bool cap_binds;
  const char *standing;
} Figures;

static const char *const figure_words[FIG_COUNT] = {
    "",         "base",    "before cap", "cumulative", "owed", "paid", "outstanding",  "overdue",
    "overpaid", "against", "difference", "p10",        "p50",  "p90",  "present value"};

/* The words of an owes, standing or total line with figures f, as far as e names them. */
static void write_figures(TestText *t, const Expectation *e, const PactAgreement *ag,
                          const Figures *f) {
  if (e->kind == EXPECT_TOTAL) {
    pacttest_add(t, "total %.*s to %.*s ", (int)e->payer.len, e->payer.ptr, (int)e->payee.len,
                 e->payee.ptr);
  } else {
    pacttest_add(t, "%s %.*s ", e->kind == EXPECT_OWES ? "owes" : "standing", (int)e->clause.len,
                 e->clause.ptr);
    if (e->has_range) {
      add_day(t, "from", e->from);
      add_day(t, "through", e->through);
      pacttest_add(t, " ");
    } else {
      pacttest_add(t, "%.*s ", (int)e->period.len, e->period.ptr);
    }
  }
  if (e->kind == EXPECT_STANDING)
    pacttest_add(t, "%s", f->standing ? f->standing : "(no obligation)");
  else pacttest_add_money(t, ag, "", f->v[FIG_AMOUNT]);
  for (int k = FIG_BASE; k < FIG_COUNT; k++) {
    if (!(e->figures & (1u << k))) continue;
    pacttest_add(t, " ");
    pacttest_add_money(
        t, ag, e->kind == EXPECT_TOTAL && k == FIG_BEFORE_CAP ? "without cap" : figure_words[k],
        f->v[k]);
  }
  if (e->version.len) pacttest_add(t, " version %s", f->version ? f->version : "(none)");
  if (e->has_due) {
    if (f->has_due) add_day(t, "due", f->due);
    else pacttest_add(t, " due (none)");
  }
  if (e->cap_binds >= 0) pacttest_add(t, " cap %s", f->cap_binds ? "binds" : "free");
}

static const char *standing_of(const PactObligation *o) {
  if (o->accruing) return "accruing";
  if (o->amount_minor < 0) return "credit";
  if (o->amount_minor == 0) return "none";
  if (o->paid_minor >= o->amount_minor) return "paid";
  return o->overdue ? "overdue" : "open";
}

/* Whether obligation o is one an owes or standing line names: its clause, its version if
** given, and its period (the same label, or days inside the label's or the range's). */
static bool names_obligation(const Expectation *e, const PactObligation *o) {
  if (strlen(o->clause) != e->clause.len || memcmp(o->clause, e->clause.ptr, e->clause.len))
    return false;
  if (e->version.len &&
      (strlen(o->version) != e->version.len || memcmp(o->version, e->version.ptr, e->version.len)))
    return false;
  if (e->has_range) return o->first >= e->from && o->last <= e->through;
  if (strlen(o->period) == e->period.len && !memcmp(o->period, e->period.ptr, e->period.len))
    return true;
  PactPeriodLabel l;
  if (pact_period_label_parse(e->period.ptr, e->period.len, &l, NULL) != PACT_OK || l.fiscal)
    return false;
  int first_month = l.kind == PACT_PERIOD_MONTH     ? l.index
                    : l.kind == PACT_PERIOD_QUARTER ? 3 * l.index - 2
                    : l.kind == PACT_PERIOD_HALF    ? 6 * l.index - 5
                                                    : 1;
  int months = l.kind == PACT_PERIOD_MONTH     ? 1
               : l.kind == PACT_PERIOD_QUARTER ? 3
               : l.kind == PACT_PERIOD_HALF    ? 6
                                               : 12;
  PactDate first, next;
  if (pact_date_from_ymd(l.year, first_month, 1, &first) != PACT_OK ||
      pact_date_add_months(first, months, &next) != PACT_OK)
    return false;
  return o->first >= first && o->last < next;
}

/* The obligations a line names, summed (the cumulative and the due date are the last one's). */
static size_t obligation_figures(const Expectation *e, const PactSettlement *s, Figures *f) {
  size_t matched = 0;
  PactObligation o;
  for (size_t i = 0; pact_settlement_obligation(s, i, &o); i++) {
    if (!names_obligation(e, &o)) continue;
    const char *standing = standing_of(&o);
    f->v[FIG_AMOUNT] += o.amount_minor;
    f->v[FIG_BASE] += o.base_minor;
    f->v[FIG_BEFORE_CAP] += o.uncapped_minor;
    f->v[FIG_CUMULATIVE] = o.cumulative_minor;
    f->v[FIG_PAID] += o.paid_minor;
    f->v[FIG_OUTSTANDING] += o.amount_minor - o.paid_minor;
    f->version =
        !matched || (f->version && !strcmp(f->version, o.version)) ? o.version : "(several)";
    f->standing =
        !matched || (f->standing && !strcmp(f->standing, standing)) ? standing : "(several)";
    f->has_due = o.has_due;
    f->due = o.due;
    f->cap_binds |= o.cap_binds;
    matched++;
  }
  return matched;
}

static bool total_figures(const Expectation *e, const PactSettlement *s, Figures *f) {
  PactSettleTotal t;
  for (size_t i = 0; pact_settlement_total(s, i, &t); i++) {
    if (strlen(t.payer) != e->payer.len || memcmp(t.payer, e->payer.ptr, e->payer.len) ||
        strlen(t.payee) != e->payee.len || memcmp(t.payee, e->payee.ptr, e->payee.len))
      continue;
    f->v[FIG_AMOUNT] = t.amount_minor;
    f->v[FIG_BEFORE_CAP] = t.uncapped_minor;
    f->v[FIG_PAID] = t.received_minor;
    f->v[FIG_OUTSTANDING] = t.outstanding_minor;
    f->v[FIG_OVERDUE] = t.overdue_minor;
    f->v[FIG_OVERPAID] = t.credit_minor;
    return true;
  }
  return false;
}

/* The figures the line states, in minor units; false (said, E1604) when one cannot be. */
static bool expected_figures(TestFile *file, const Expectation *e, const PactAgreement *ag,
                             DiagList *diags, Figures *f) {
  const char *code = pact_agreement_currency(ag);
  PactCurrency cur = {"USD", 2};
  if (code) pact_currency_find(code, strlen(code), &cur);
  if (e->currency.len && memcmp(e->currency.ptr, cur.code, 3) != 0) {
    diag_add(diags, DIAG_ERROR, TEST_E_AMOUNT, &file->source, e->currency.offset,
             e->currency.length, "pactum does not convert currencies",
             "the agreement settles in %s, not %.*s", cur.code, (int)e->currency.len,
             e->currency.ptr);
    return false;
  }
  for (int k = 0; k < FIG_COUNT; k++) {
    if (!(e->figures & (1u << k))) continue;
    if (pact_money_from_decimal(e->values[k], cur.minor_digits, &f->v[k]) != PACT_OK) {
      const TestWord *w = &e->figure_words[k];
      diag_add(diags, DIAG_ERROR, TEST_E_AMOUNT, &file->source, w->offset, w->length,
               "write no more places than the currency has",
               "not an amount of %s (%u decimal places)", cur.code, cur.minor_digits);
      return false;
    }
  }
  f->version = e->version.len ? pacttest_cstr(file, e->version) : NULL;
  f->has_due = e->has_due;
  f->due = e->due;
  f->cap_binds = e->cap_binds == 1;
  f->standing = e->standing.len ? pacttest_cstr(file, e->standing) : NULL;
  return true;
}

/* ---------------------------------------------------------------- decisions */

static const char *decision_words(PactDecision d) {
  return d == PACT_DECISION_PERMITTED ? "permitted"
         : d == PACT_DECISION_PENDING ? "pending"
                                      : "not permitted";
}

/* The words of a launch or use line: its question, then the answer as far as e names it. */
static void write_decision(TestText *t, const Expectation *e, PactDecision decision,
                           const char *clause, const char *exception, bool has_due, PactDate due,
                           const char *saying) {
  if (e->kind == EXPECT_LAUNCH)
    pacttest_add(t, "launch %.*s with %.*s", (int)e->product.len, e->product.ptr,
                 (int)e->provider.len, e->provider.ptr);
  else
    pacttest_add(t, "use %.*s by %.*s", (int)e->subject.len, e->subject.ptr, (int)e->licensee.len,
                 e->licensee.ptr);
  add_day(t, "on", e->on);
  if (e->tags.len) pacttest_add(t, " as %.*s", (int)e->tags.len, e->tags.ptr);
  pacttest_add(t, " is %s", decision_words(decision));
  if (e->clause.len || e->under_none) {
    if (clause) pacttest_add(t, " under %s", clause);
    else pacttest_add(t, " under no clause");
  }
  if (e->exception.len) {
    if (exception) pacttest_add(t, " because \"%s\"", exception);
    else pacttest_add(t, " because (no exception)");
  }
  if (e->has_due) {
    if (has_due) add_day(t, "due", due);
    else pacttest_add(t, " due (none)");
  }
  if (e->saying.len) pacttest_add(t, " saying \"%s\"", saying);
}

static bool run_decision(TestFile *file, const Expectation *e, Found *x, TestText *want,
                         TestText *got) {
  char *clause = e->clause.len ? pacttest_cstr(file, e->clause) : NULL;
  char *exception = e->exception.len ? pacttest_cstr(file, e->exception) : NULL;
  char *saying = e->saying.len ? pacttest_cstr(file, e->saying) : NULL;
  write_decision(want, e, e->decision, clause, exception, e->has_due, e->due, saying);
  PactQuery q = {.kind = e->kind == EXPECT_LAUNCH ? PACT_DECIDE_LAUNCH : PACT_DECIDE_USE,
                 .on = e->on};
  q.product = pacttest_cstr(file, e->product);
  q.provider = pacttest_cstr(file, e->provider);
  q.tags = e->tags.len ? pacttest_cstr(file, e->tags) : NULL;
  q.licensee = pacttest_cstr(file, e->licensee);
  q.subject = pacttest_cstr(file, e->subject);
  PactAnswer *a = NULL;
  PactStatus status = pact_decide(x->d, &q, &a);
  if (!a) return false;
  if (status != PACT_OK) {
    pacttest_add(got, "no answer: %s", pact_answer_reason(a));
  } else {
    PactDate due = 0;
    bool has_due = pact_answer_due(a, &due);
    const char *reason = pact_answer_reason(a);
    char cut[240];
    snprintf(cut, sizeof cut, "%s", reason);
    write_decision(got, e, pact_answer_decision(a), pact_answer_clause(a), pact_answer_exception(a),
                   has_due, due, saying && strstr(reason, saying) ? saying : cut);
  }
  pact_answer_free(a);
  return true;
}

/* ---------------------------------------------------------------- diagnostics */

static bool path_names(const char *path, const char *dir, TestWord w) {
  if (!path) return false;
  size_t plen = strlen(path), dlen = strlen(dir);
  if (dlen && plen == dlen + 1 + w.len && !memcmp(path, dir, dlen) && path[dlen] == '/' &&
      !memcmp(path + dlen + 1, w.ptr, w.len))
    return true;
  if (plen == w.len && !memcmp(path, w.ptr, w.len)) return true;
  return plen > w.len && path[plen - w.len - 1] == '/' &&
         !memcmp(path + plen - w.len, w.ptr, w.len);
}

static void write_diagnostic(TestText *t, PactSeverity severity, const char *code, uint32_t line,
                             const char *file) {
  pacttest_add(t, "%s %s", severity == PACT_SEVERITY_ERROR ? "error" : "warning", code);
  if (line) pacttest_add(t, " on line %u", line);
  if (file) pacttest_add(t, " of \"%s\"", file);
}

/* Whether diagnostic g is one e expects (its severity, code, line and place). */
static bool diag_matches(const Expectation *e, const PactDiagnostic *g, const char *dir) {
  return g->severity == e->severity && strlen(g->code) == e->code.len &&
         !memcmp(g->code, e->code.ptr, e->code.len) && (!e->diag_line || g->line == e->diag_line) &&
         (e->where != WHERE_FILE || path_names(g->path, dir, e->where_file));
}

/* The diagnostics a test sees: its agreement's (each side's, when it compares: the second's that
** the first's lack), then its events'. */
enum { LIST_EVENTS = 2 };
static void seen_lists(const Found *x, const PactDiagnostics *lists[3]) {
  lists[0] = pact_agreement_diagnostics(x->sides[0] ? x->sides[0] : x->ag);
  lists[1] =
      x->sides[1] && x->sides[1] != x->sides[0] ? pact_agreement_diagnostics(x->sides[1]) : NULL;
  lists[LIST_EVENTS] = x->events;
}

/* Whether g, of the second side's list, is one the first side's list holds already. */
static bool said_before(const PactDiagnostics *const lists[3], int l, const PactDiagnostic *g) {
  PactDiagnostic h;
  for (size_t i = 0; l == 1 && pact_diagnostics_get(lists[0], i, &h); i++)
    if (!strcmp(g->code, h.code) && g->line == h.line && !strcmp(g->message, h.message) &&
        !strcmp(g->path ? g->path : "", h.path ? h.path : ""))
      return true;
  return false;
}

static bool run_diagnostic(const Expectation *e, Found *x, const char *dir, TestText *want,
                           TestText *got) {
  pacttest_add(want, "%s %.*s", e->severity == PACT_SEVERITY_ERROR ? "error" : "warning",
               (int)e->code.len, e->code.ptr);
  if (e->diag_line) pacttest_add(want, " on line %u", e->diag_line);
  if (e->where == WHERE_AGREEMENT) pacttest_add(want, " of agreement");
  if (e->where == WHERE_EVENTS) pacttest_add(want, " of events");
  if (e->where == WHERE_FILE)
    pacttest_add(want, " of \"%.*s\"", (int)e->where_file.len, e->where_file.ptr);
  const PactDiagnostics *lists[3];
  seen_lists(x, lists);
  size_t shown = 0;
  for (int l = 0; l < 3; l++) {
    if ((l != LIST_EVENTS && e->where == WHERE_EVENTS) ||
        (l == LIST_EVENTS && e->where == WHERE_AGREEMENT))
      continue;
    PactDiagnostic g;
    for (size_t i = 0; lists[l] && pact_diagnostics_get(lists[l], i, &g); i++) {
      if (said_before(lists, l, &g)) continue;
      if (diag_matches(e, &g, dir)) {
        got->len = 0;
        pacttest_add(got, "%s", want->buf);
        return true;
      }
      if (g.severity == PACT_SEVERITY_NOTE || shown == 3) continue;
      pacttest_add(got, "%s", shown++ ? ", " : "found ");
      write_diagnostic(got, g.severity, g.code, g.line, g.path);
    }
  }
  if (!shown) pacttest_add(got, "no diagnostic at all");
  return true;
}

/* no errors, no warnings: the first one found, or the same words. */
static void run_none(const Expectation *e, Found *x, TestText *want, TestText *got) {
  PactSeverity severity = e->kind == EXPECT_NO_ERRORS ? PACT_SEVERITY_ERROR : PACT_SEVERITY_WARNING;
  const char *words = severity == PACT_SEVERITY_ERROR ? "no errors" : "no warnings";
  pacttest_add(want, "%s", words);
  const PactDiagnostics *lists[3];
  seen_lists(x, lists);
  size_t count = 0;
  PactDiagnostic first = {0}, g;
  for (int l = 0; l < 3; l++)
    for (size_t i = 0; lists[l] && pact_diagnostics_get(lists[l], i, &g); i++)
      if (g.severity == severity && !said_before(lists, l, &g) && !count++) first = g;
  if (!count) {
    pacttest_add(got, "%s", words);
    return;
  }
  pacttest_add(got, "%zu %s%s, the first: ", count,
               severity == PACT_SEVERITY_ERROR ? "error" : "warning", count == 1 ? "" : "s");
  write_diagnostic(got, first.severity, first.code, first.line, first.path);
  pacttest_add(got, ": %s", first.message);
}

/* ---------------------------------------------------------------- one test */

/* Opens the test's events as a feed: its files (resolved against dir), its rows, or a ledger. */
static PactStatus open_feed(TestFile *file, const TestEvents *ev, const char *dir, DiagList *diags,
                            PactDiagnostics *events, PactFeed **out) {
  size_t n = ev->file_count + (ev->rows ? 1 : 0);
  const char **files = arena_alloc(&file->arena, (n + 1) * sizeof *files);
  const char **texts = arena_alloc(&file->arena, (n + 1) * sizeof *texts);
  size_t *lens = arena_alloc(&file->arena, (n + 1) * sizeof *lens);
  if (!files || !texts || !lens) return PACT_ERR_NOMEM;
  for (size_t i = 0; i < ev->file_count; i++) {
    const TestWord *w = &ev->files[i];
    TestText t = {{0}, 0};
    if (*dir && w->ptr[0] != '/') pacttest_add(&t, "%s/", dir);
    pacttest_add(&t, "%.*s", (int)w->len, w->ptr);
    struct stat st;
    if (stat(t.buf, &st) != 0) {
      diag_add(diags, DIAG_ERROR, TEST_E_MISSING, &file->source, w->offset, w->length,
               "the path is read from the test file's folder", "no event file at '%s'", t.buf);
      return PACT_ERR_IO;
    }
    if (!(files[i] = arena_strndup(&file->arena, t.buf, t.len))) return PACT_ERR_NOMEM;
  }
  if (ev->rows) {
    files[n - 1] = file->source.path;
    texts[n - 1] = ev->rows;
    lens[n - 1] = ev->rows_len;
  }
  char *ledger = NULL;
  if (ev->ledger.len) {
    TestText t = {{0}, 0};
    if (*dir && ev->ledger.ptr[0] != '/') pacttest_add(&t, "%s/", dir);
    pacttest_add(&t, "%.*s", (int)ev->ledger.len, ev->ledger.ptr);
    if (!(ledger = arena_strndup(&file->arena, t.buf, t.len))) return PACT_ERR_NOMEM;
  }
  FeedOptions options = {files, (int)n, ledger, ev->has_known_on, ev->known_on, false, 0};
  PactFeed *f = mem_calloc(1, sizeof *f);
  if (!f) return PACT_ERR_NOMEM;
  PactStatus status = feed_open(&options, api_list(events), &f->feed);
  if (status != PACT_OK) {
    free(f);
    return status;
  }
  feed_set_texts(f->feed, texts, lens);
  *out = f;
  return PACT_OK;
}

/* The names a line gives that the agreement must have: its clause, version, payer and payee.
** An unknown one is E1603 with the closest known name; false then. */
static bool known_name(TestFile *file, TestWord w, const char *what, const char *const *names,
                       size_t count, DiagList *diags) {
  if (!w.len) return true;
  for (size_t i = 0; i < count; i++)
    if (strlen(names[i]) == w.len && !memcmp(names[i], w.ptr, w.len)) return true;
  const char *near = pact_suggest(w.ptr, w.len, names, count);
  char help[128];
  if (near) snprintf(help, sizeof help, "did you mean '%s'?", near);
  else snprintf(help, sizeof help, "the agreement's %ss are listed by pactum show", what);
  diag_add(diags, DIAG_ERROR, TEST_E_UNKNOWN, &file->source, w.offset, w.length, help,
           "the agreement has no %s '%.*s'", what, (int)w.len, w.ptr);
  return false;
}

/* The clauses of an agreement, then of a second one (may be NULL), into names; their count. */
static size_t clause_names(TestFile *file, const Agreement *const ags[2], const char **names) {
  size_t n = 0;
  for (int s = 0; s < 2 && ags[s]; s++)
    for (uint32_t v = 0; v < ags[s]->version_count; v++)
      for (uint32_t c = 0; c < ags[s]->versions[v].own_count; c++) {
        const Str *id = &ags[s]->versions[v].own[c]->id;
        names[n] = arena_strndup(&file->arena, id->ptr, id->len);
        if (names[n]) n++;
      }
  return n;
}

/* A compared line's clause and version may be of either side (a proposed amendment's own). */
static bool known_names(TestFile *file, const Expectation *e, const Found *x, DiagList *diags) {
  bool compared = EXPECT_IS_COMPARED(e->kind) && x->sides[0];
  const Agreement *ags[2] = {compared ? x->sides[0] : x->ag, compared ? x->sides[1] : NULL};
  size_t room = pact_agreement_party_count(x->ag) + 1;
  for (int s = 0; s < 2 && ags[s]; s++) {
    room += ags[s]->version_count;
    for (uint32_t v = 0; v < ags[s]->version_count; v++) room += ags[s]->versions[v].own_count;
  }
  const char **names = arena_alloc(&file->arena, room * sizeof *names);
  if (!names) return false;
  bool ok = known_name(file, e->clause, "clause", names, clause_names(file, ags, names), diags);
  size_t n = 0;
  for (int s = 0; s < 2 && ags[s]; s++)
    for (uint32_t v = 0; v < ags[s]->version_count && ags[s]->version_names; v++)
      names[n++] = ags[s]->version_names[v];
  ok = known_name(file, e->version, "version", names, n, diags) && ok;
  size_t parties = pact_agreement_party_count(x->ag);
  for (size_t p = 0; p < parties; p++) names[p] = pact_agreement_party_id(x->ag, p);
  ok = known_name(file, e->payer, "party", names, parties, diags) && ok;
  return known_name(file, e->payee, "party", names, parties, diags) && ok;
}

/* Whether the test expects an error of this code (then it does not stop the figures). */
static bool error_expected(const TestCase *test, const char *code) {
  for (size_t i = 0; i < test->expect_count; i++) {
    const Expectation *e = &test->expects[i];
    if (e->kind == EXPECT_DIAGNOSTIC && e->severity == PACT_SEVERITY_ERROR &&
        strlen(code) == e->code.len && !memcmp(code, e->code.ptr, e->code.len))
      return true;
  }
  return false;
}

/* Why the figures cannot be compared: an error of the agreement or the events that the test does
** not expect. NULL when they can. */
static const char *blocked(const TestCase *test, Found *x) {
  const PactDiagnostics *lists[3];
  seen_lists(x, lists);
  PactDiagnostic g;
  for (int l = 0; l < 3; l++)
    for (size_t i = 0; lists[l] && pact_diagnostics_get(lists[l], i, &g); i++) {
      if (g.severity != PACT_SEVERITY_ERROR || (l == LIST_EVENTS && error_expected(test, g.code)))
        continue;
      snprintf(x->why, sizeof x->why, "not settled: error %s on line %u of \"%s\": %s", g.code,
               g.line, g.path ? g.path : "", g.message);
      return x->why;
    }
  bool errors = pact_agreement_error_count(x->ag) ||
                (x->sides[0] && pact_agreement_error_count(x->sides[0])) ||
                (x->sides[1] && pact_agreement_error_count(x->sides[1]));
  return errors ? "not settled: the agreement has errors" : NULL;
}

/* Adds the decider's diagnostics that the settlement's list lacks (W1301, the answers that name
** no offer), so that a test sees each once. */
static void merge_diagnostics(PactDiagnostics *into, const PactDiagnostics *from) {
  PactDiagnostic g, h;
  for (size_t i = 0; pact_diagnostics_get(from, i, &g); i++) {
    bool known = false;
    for (size_t j = 0; !known && pact_diagnostics_get(into, j, &h); j++)
      known = !strcmp(g.code, h.code) && g.line == h.line &&
              !strcmp(g.path ? g.path : "", h.path ? h.path : "");
    if (!known)
      pact_diagnostics_add(into, g.severity, g.code, g.path, g.line, g.help, "%s", g.message);
  }
}

/* Settles (and decides, when a line asks) over the test's events. */
static PactStatus find(TestFile *file, TestCase *test, const char *dir, DiagList *diags, Found *x) {
  const TestEvents *ev = test->events.given ? &test->events : &file->events;
  bool decide = false;
  for (size_t i = 0; i < test->expect_count; i++)
    decide |= test->expects[i].kind == EXPECT_LAUNCH || test->expects[i].kind == EXPECT_USE;
  PactFeed *feed = NULL;
  PactStatus status = PACT_OK;
  if (ev->given || !test->has_forecast) status = open_feed(file, ev, dir, diags, x->events, &feed);
  PactSettleOptions options = {.has_as_of = test->has_on, .as_of = test->on};
  if (status == PACT_OK && test->has_forecast)
    status = pacttest_forecast(file, test, x->ag, dir, feed, diags, x->events, &x->sc, &x->fc);
  else if (status == PACT_OK && test->has_compare)
    status = pact_compare(x->sides[0], x->sides[1], feed, &options, x->events, &x->c);
  else if (status == PACT_OK) status = pact_settle(x->ag, feed, &options, x->events, &x->s);
  pact_feed_close(feed);
  if (status != PACT_OK || !decide) return status;
  PactDiagnostics *more = NULL;
  if (pact_diagnostics_new(&more) != PACT_OK) return PACT_ERR_NOMEM;
  status = open_feed(file, ev, dir, diags, more, &feed);
  if (status == PACT_OK) status = pact_decider_build(x->ag, feed, more, &x->d);
  pact_feed_close(feed);
  merge_diagnostics(x->events, more);
  pact_diagnostics_free(more);
  return status;
}

/* One expectation compared: want and got written, true when they are the same. */
static bool compare(TestFile *file, const TestCase *test, const Expectation *e, Found *x,
                    const char *dir, DiagList *diags, TestText *want, TestText *got) {
  if (e->kind == EXPECT_DIAGNOSTIC) return run_diagnostic(e, x, dir, want, got);
  if (e->kind == EXPECT_NO_ERRORS || e->kind == EXPECT_NO_WARNINGS) {
    run_none(e, x, want, got);
    return true;
  }
  Figures expected, actual;
  memset(&expected, 0, sizeof expected);
  memset(&actual, 0, sizeof actual);
  bool figures = e->kind != EXPECT_LAUNCH && e->kind != EXPECT_USE;
  if (figures && !expected_figures(file, e, x->ag, diags, &expected)) {
    pacttest_add(want, "(the line above)");
    pacttest_add(got, "not compared: see the error of this line");
    return true;
  }
  if (EXPECT_IS_COMPARED(e->kind)) {
    bool ready = !x->blocked && x->c;
    pacttest_compared(e, x->ag, ready ? x->c : NULL, test, expected.v, want, got);
    if (!ready) pacttest_add(got, "%s", x->blocked ? x->blocked : "not compared");
    return true;
  }
  if (EXPECT_IS_FORECAST(e->kind)) {
    bool ready = !x->blocked && x->fc;
    pacttest_forecasted(file, e, x->ag, ready ? x->fc : NULL, expected.v, diags, want, got);
    if (!ready) pacttest_add(got, "%s", x->blocked ? x->blocked : "not forecast");
    return true;
  }
  if (figures) write_figures(want, e, x->ag, &expected);
  uint32_t statement_figures =
      (1u << FIG_PAID) | (1u << FIG_OUTSTANDING) | (1u << FIG_OVERDUE) | (1u << FIG_OVERPAID);
  if (!test->has_on && (e->kind == EXPECT_STANDING || (e->figures & statement_figures))) {
    pacttest_add(got, "not compared: a statement's figures need the test's day (on DATE)");
    return true;
  }
  if (x->blocked || (!figures && !x->d) || (figures && !x->s)) {
    if (!figures) write_decision(want, e, e->decision, NULL, NULL, false, 0, "");
    pacttest_add(got, "%s", x->blocked ? x->blocked : "not settled");
    return true;
  }
  if (!figures) return run_decision(file, e, x, want, got);
  bool found = e->kind == EXPECT_TOTAL ? total_figures(e, x->s, &actual)
                                       : obligation_figures(e, x->s, &actual) > 0;
  if (found) write_figures(got, e, x->ag, &actual);
  else if (e->kind == EXPECT_TOTAL) pacttest_add(got, "nothing owed between them: no total");
  else pacttest_add(got, "no obligation of %.*s in that period", (int)e->clause.len, e->clause.ptr);
  return true;
}

/* The sides a comparing test names, loaded (x->sides); "not compared: ..." when one names
** nothing (said: E1603), else NULL. */
static const char *find_sides(TestFile *file, const TestCase *test, PactTestRun *run,
                              const char *agreement_path, const char *dir, DiagList *diags,
                              Found *x, PactStatus *status) {
  *status = pacttest_sides(file, test, run, agreement_path, x->ag, dir, diags, x->sides);
  if (*status != PACT_ERR_RANGE) return NULL;
  *status = PACT_OK;
  x->sides[0] = x->sides[1] = NULL;
  return "not compared: the compare line names a side the agreement lacks";
}

PactStatus pacttest_run_case(TestFile *file, TestCase *test, const PactAgreement *ag,
                             PactTestRun *run, const char *agreement_path, const char *dir,
                             DiagList *diags, TestOutcomes *outcomes) {
  Found x = {.ag = ag};
  if (pact_diagnostics_new(&x.events) != PACT_OK) return PACT_ERR_NOMEM;
  PactStatus status = PACT_OK;
  const char *no_side = NULL;
  bool clean = pact_agreement_error_count(ag) == 0, ran = clean;
  if (clean && test->has_compare) {
    no_side = find_sides(file, test, run, agreement_path, dir, diags, &x, &status);
    ran = !no_side && status == PACT_OK && !pact_agreement_error_count(x.sides[0]) &&
          !pact_agreement_error_count(x.sides[1]);
  }
  if (ran) {
    status = find(file, test, dir, diags, &x);
    ran = status == PACT_OK;
    /* A file that is not there is said (E1602): this test's figures fail, the next run. */
    if (status == PACT_ERR_IO) status = PACT_OK;
  }
  if (status == PACT_ERR_NOMEM) goto done;
  bool said = ran || !clean || (x.sides[0] && !no_side);
  x.blocked = no_side ? no_side : said ? blocked(test, &x) : "not run: see the error";
  char *name = pacttest_cstr(file, test->name);
  for (size_t i = 0; i < test->expect_count && status == PACT_OK; i++) {
    Expectation *e = &test->expects[i];
    TestText want = {{0}, 0}, got = {{0}, 0};
    bool names = known_names(file, e, &x, diags);
    if (!names) {
      pacttest_add(&want, "%s", pacttest_line_text(file, e));
      pacttest_add(&got, "not compared: the line names what the agreement lacks");
    } else if (!compare(file, test, e, &x, dir, diags, &want, &got)) {
      status = PACT_ERR_NOMEM;
      break;
    }
    bool passed = names && !strcmp(want.buf, got.buf);
    if (!pacttest_outcome_add(outcomes, file->source.path, e->line, name, passed, want.buf,
                              got.buf))
      status = PACT_ERR_NOMEM;
  }
done:
  pact_comparison_free(x.c);
  pact_decider_free(x.d);
  pact_settlement_free(x.s);
  pact_forecast_free(x.fc);
  pact_diagnostics_free(x.events); /* before the scenario, whose text they point into */
  pact_scenario_free(x.sc);
  return status;
}
